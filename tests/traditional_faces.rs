//! Issue #8 item 8: a report in traditional characters prints every character in a glyph of its
//! role's design class — a 宋 glyph in the 小标宋 title, 仿宋 or 宋 in body text, 黑 in 黑体
//! headings, 楷 in 楷体 headings — taking what Fandol lacks from the role's shipped supplement,
//! and the build says which characters did, once, at the place the first one stands.
//!
//! The PDF is read back glyph by glyph: the font each glyph is shown in (its PostScript name),
//! its code and its width, and its text through the font's ToUnicode map.

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use workreport::build::{self, Format};
use workreport::diag::code;
use workreport::output::WritePolicy;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/reports/traditional.md"
);

/// The characters of the fixture that no shipped Fandol face has.
const TRADITIONAL: &str = "夠屆強戶決況為產眾線";

/// The design class of a face as a typesetter sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// 小标宋 and 宋: serif, bold for titles.
    SongBold,
    /// 仿宋 body text, or the thin 宋 that supplements it.
    FangOrSong,
    Hei,
    Kai,
    Latin,
}

/// The class of a font the PDF embeds, by its PostScript name (after the subset tag).
fn class_of(postscript: &str) -> Class {
    match postscript {
        "FandolSong-Bold" | "WorkreportSongSupplement-Bold" => Class::SongBold,
        "FandolFang-Regular" | "WorkreportFangSupplement-Regular" | "FandolSong-Regular" => {
            Class::FangOrSong
        }
        "FandolHei-Regular" | "WorkreportHeiSupplement-Regular" => Class::Hei,
        "FandolKai-Regular" | "WorkreportKaiSupplement-Regular" => Class::Kai,
        name if name.starts_with("LiberationSerif") => Class::Latin,
        other => panic!("a font this test does not know: {other}"),
    }
}

/// One glyph as the PDF shows it.
#[derive(Debug, Clone)]
struct ShownGlyph {
    ch: String,
    code: u16,
    font: String,
    width: f32,
    size: f32,
}

/// A font of a page: its PostScript name, ToUnicode map and glyph widths.
struct PageFont {
    postscript: String,
    unicode: HashMap<u16, String>,
    widths: HashMap<u16, f32>,
}

/// Every glyph of every page, grouped in lines (one text matrix `Tm` starts a run; runs of one
/// baseline make a line), in content-stream order.
fn read_lines(pdf: &[u8]) -> Vec<Vec<ShownGlyph>> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut lines: Vec<(f32, Vec<ShownGlyph>)> = Vec::new();
    for (page_no, &page) in doc.get_pages().iter() {
        let fonts: HashMap<Vec<u8>, PageFont> = doc
            .get_page_fonts(page)
            .unwrap()
            .into_iter()
            .map(|(name, font)| {
                let base =
                    String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap())
                        .into_owned();
                let postscript = base
                    .split_once('+')
                    .map_or(base.clone(), |(_, n)| n.to_string());
                let font = PageFont {
                    postscript,
                    unicode: support::to_unicode(&doc, font),
                    widths: support::cid_widths(&doc, font),
                };
                (name, font)
            })
            .collect();
        let content =
            lopdf::content::Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
        let mut font = None;
        let mut size = 0.0f32;
        let mut baseline = 0.0f32;
        let num = |o: &lopdf::Object| match o {
            lopdf::Object::Integer(i) => *i as f32,
            lopdf::Object::Real(r) => *r,
            other => panic!("number {other:?}"),
        };
        for op in &content.operations {
            let o = &op.operands;
            match op.operator.as_str() {
                "Tf" => {
                    font = fonts.get(o[0].as_name().unwrap());
                    size = num(&o[1]);
                }
                // Pages apart: a baseline of page 2 never joins a line of page 1.
                "Tm" => baseline = num(&o[5]) + *page_no as f32 * 10_000.0,
                "Tj" | "TJ" => {
                    let PageFont {
                        postscript,
                        unicode,
                        widths: w,
                    } = font.expect("a font before text");
                    let strings = match op.operator.as_str() {
                        "TJ" => o[0].as_array().unwrap().clone(),
                        _ => vec![o[0].clone()],
                    };
                    for s in strings {
                        let lopdf::Object::String(bytes, _) = s else {
                            continue;
                        };
                        for pair in bytes.chunks(2) {
                            let code = u16::from_be_bytes([pair[0], pair[1]]);
                            let glyph = ShownGlyph {
                                ch: unicode.get(&code).cloned().unwrap_or_default(),
                                code,
                                font: postscript.clone(),
                                width: w.get(&code).copied().unwrap_or(0.0),
                                size,
                            };
                            match lines.last_mut() {
                                Some((b, line)) if (*b - baseline).abs() < 0.01 => line.push(glyph),
                                _ => lines.push((baseline, vec![glyph])),
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

/// Builds the fixture into a fresh folder: the folder, the PDF and DOCX, and the warnings.
fn built() -> (
    tempfile::TempDir,
    PathBuf,
    PathBuf,
    workreport::diag::Diagnostics,
) {
    let dir = tempfile::tempdir().unwrap();
    let mut opts = support::sample_options(&[Format::Pdf, Format::Docx]);
    opts.out_dir = dir.path().to_path_buf();
    let (written, warnings) = build::build(Path::new(FIXTURE), &opts, &WritePolicy::default())
        .expect("the report builds");
    let of = |ext: &str| {
        written
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == ext))
            .unwrap()
            .clone()
    };
    let (pdf, docx) = (of("pdf"), of("docx"));
    (dir, pdf, docx, warnings)
}

fn line_text(line: &[ShownGlyph]) -> String {
    line.iter().map(|g| g.ch.as_str()).collect()
}

#[test]
fn every_character_prints_in_a_glyph_of_its_roles_class() {
    let (_dir, pdf, _, _) = built();
    let lines = read_lines(&std::fs::read(&pdf).unwrap());

    // Nothing blank, nothing .notdef, every glyph readable back as its character.
    for line in &lines {
        for g in line {
            assert_ne!(g.code, 0, "a .notdef glyph in “{}”", line_text(line));
            assert!(
                !g.ch.is_empty(),
                "a glyph without text in “{}”",
                line_text(line)
            );
            assert!(g.width > 0.0, "“{}” has no width", g.ch);
        }
    }
    let text: String = lines.iter().map(|l| line_text(l)).collect();
    let source = std::fs::read_to_string(FIXTURE).unwrap();
    let body = source.split("---").nth(2).unwrap();
    for paragraph in body.lines().filter(|l| !l.trim().is_empty()) {
        let words = paragraph.trim_start_matches(['#', ' ']);
        assert!(
            support::squeeze(&text).contains(&support::squeeze(words)),
            "“{words}” is not printed whole"
        );
    }

    // Each line, by its size (the title's 二号) or what it starts with, is set in one class;
    // every Chinese glyph in it is.
    let expected = |line: &[ShownGlyph]| -> Class {
        let text = line_text(line);
        if line[0].size > 20.0 {
            Class::SongBold
        } else if text.starts_with("一、") || text.starts_with("二、") {
            Class::Hei
        } else if text.starts_with("（一）") {
            Class::Kai
        } else {
            Class::FangOrSong
        }
    };
    let mut substituted = String::new();
    let mut by_class: HashMap<char, Vec<Class>> = HashMap::new();
    for line in lines.iter().filter(|l| !line_text(l).contains('—')) {
        let want = expected(line);
        for g in line {
            let class = class_of(&g.font);
            let ch = g.ch.chars().next().unwrap();
            if class == Class::Latin {
                assert!(ch.is_ascii(), "“{ch}” set in the Latin face");
                continue;
            }
            assert_eq!(
                class,
                want,
                "“{ch}” of “{}” is set in {} ({class:?}), not in a {want:?} glyph",
                line_text(line),
                g.font
            );
            if g.font.starts_with("Workreport") {
                substituted.push(ch);
            }
            by_class.entry(ch).or_default().push(class);
        }
    }
    // The test does exercise the supplements: every traditional character came from one, and
    // 強 and 決 from two different ones (the 黑体 heading's and the body's).
    for ch in TRADITIONAL.chars() {
        assert!(substituted.contains(ch), "{ch} not from a supplement");
    }
    for ch in ['強', '決'] {
        let classes = &by_class[&ch];
        assert!(
            classes.contains(&Class::Hei) && classes.contains(&Class::FangOrSong),
            "{ch}: {classes:?}"
        );
    }
}

#[test]
fn the_build_names_the_characters_that_fell_back_once_at_their_first_place() {
    let (_dir, _, _, warnings) = built();
    let fallbacks: Vec<_> = warnings
        .iter()
        .filter(|d| d.code == code::LAYOUT_FONT_FALLBACK)
        .collect();
    assert_eq!(fallbacks.len(), 1, "{warnings}");
    let warning = fallbacks[0];
    for ch in TRADITIONAL.chars() {
        assert!(warning.message.contains(ch), "{ch} not named: {warning}");
    }
    // Per face, with the font it came from.
    for (face, font) in [
        ("小标宋（标题）缺“屆”", "Workreport Song Supplement"),
        ("黑体（一级标题）缺“強決”", "Workreport Hei Supplement"),
        ("楷体（二级标题、署名）缺“眾”", "Workreport Kai Supplement"),
        ("仿宋（正文）缺“", "Workreport Fang Supplement"),
    ] {
        let at = warning
            .message
            .find(face)
            .unwrap_or_else(|| panic!("{face}: {warning}"));
        assert!(
            warning.message[at..].contains(font),
            "{face} → {font}: {warning}"
        );
    }
    // The first one stands in the title, in the front matter: line 2, column 11.
    assert_eq!(warning.line_column(), Some((2, 11)), "{warning}");
    assert_eq!(warning.field.as_deref(), Some("标题"));
}

#[test]
fn a_report_in_simplified_characters_builds_without_the_warning() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("简体.md");
    std::fs::write(
        &md,
        "---\n标题: 青石镇人大主席团工作报告\n---\n\n# 一、强化监督\n\n主席团坚持为民履职，围绕产业发展开展视察。\n",
    )
    .unwrap();
    let mut opts = support::sample_options(&[Format::Pdf]);
    opts.out_dir = dir.path().to_path_buf();
    let (_, warnings) = build::build(&md, &opts, &WritePolicy::default()).unwrap();
    assert!(
        !warnings
            .iter()
            .any(|d| d.code == code::LAYOUT_FONT_FALLBACK),
        "{warnings}"
    );
}

#[test]
fn the_checkers_pass_on_the_traditional_report() {
    let (_dir, pdf, docx, _) = built();
    if let Some(report) = support::run_checker("pdf_layout_check.py", "pdfplumber, pikepdf", &pdf) {
        support::assert_all_rules_pass(&report);
    }
    if let Some(report) = support::run_checker("docx_layout_check.py", "docx", &docx) {
        support::assert_all_rules_pass(&report);
    }
}
