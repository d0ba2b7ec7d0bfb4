//! The DOCX read back as Word reads it (zip + XML): page setup and grid, the style sheet, each
//! paragraph's style and text against `Document::paragraphs`, footers, document properties.

mod docx_common;

use docx_common::*;
use workreport::document::{Block, Document, Span, Table};
use workreport::geometry::{
    MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_NUMBER_DROP_MM,
};
use workreport::layout::title::balance_title;
use workreport::style::{
    span_style, Element, EMPHASIS_FACE, PAGE_NUMBER_INSET_PT, SUBTITLE_MAX_CHARS, TITLE_MAX_CHARS,
};
use workreport::write::docx::{render, styles};

const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

fn sample_package() -> (Document, Package) {
    let doc = sample_report();
    let bytes = render(&doc).expect("the sample renders");
    if let Some(path) = std::env::var_os("DOCX_DUMP") {
        std::fs::write(path, &bytes).expect("dump written");
    }
    (doc, Package::open(&bytes))
}

fn int(node: roxmltree::Node, name: &str) -> i64 {
    attr(node, name)
        .unwrap_or_else(|| panic!("{} has no w:{name}", node.tag_name().name()))
        .parse()
        .expect("a number")
}

#[test]
fn page_is_a4_with_gb9704_margins_and_a_22_by_28_grid() {
    let (_, pkg) = sample_package();
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let sect = child(child(xml.root_element(), "body").unwrap(), "sectPr").expect("w:sectPr");
    let size = child(sect, "pgSz").unwrap();
    assert_eq!((int(size, "w"), int(size, "h")), (11906, 16838));

    let mar = child(sect, "pgMar").unwrap();
    // The right margin gives the text column the few twips Word's arithmetic needs to fit the
    // PDF's lines (styles::MEASURE_TWIPS): within GB/T 9704's ± 1 mm.
    for (side, mm, tolerance) in [
        ("top", MARGIN_TOP_MM, 0.2),
        ("bottom", MARGIN_BOTTOM_MM, 0.2),
        ("left", MARGIN_LEFT_MM, 0.2),
        ("right", MARGIN_RIGHT_MM, 0.5),
    ] {
        let mm = f64::from(mm);
        let got = int(mar, side) as f64 / TWIPS_PER_MM;
        assert!(
            (got - mm).abs() < tolerance,
            "{side} margin {got:.2} mm, want {mm}"
        );
    }
    assert_eq!(
        11906 - int(mar, "left") - int(mar, "right"),
        i64::from(styles::MEASURE_TWIPS)
    );
    let area_w = 11906 - int(mar, "left") - int(mar, "right");
    let area_h = 16838 - int(mar, "top") - int(mar, "bottom");

    let grid = child(sect, "docGrid").expect("w:docGrid");
    assert_eq!(attr(grid, "type"), Some("lines"));
    // 22 lines fill the type area: 22 pitches fit, a 23rd would not come close.
    let pitch = int(grid, "linePitch");
    assert!(
        pitch * 22 <= area_h && pitch * 22 > area_h - 22,
        "linePitch {pitch}"
    );
    assert!((550..=590).contains(&pitch));
    // 28 characters fill the line: the body's 16 pt characters are tracked (w:spacing, in
    // twentieths of a point) so 28 of them fit the width and 29 do not.
    let styles = roxmltree::Document::parse(pkg.part("word/styles.xml")).unwrap();
    let normal = styles
        .descendants()
        .find(|n| n.tag_name().name() == "style" && attr(*n, "styleId") == Some("Normal"))
        .expect("Normal style");
    let tracking = normal
        .descendants()
        .find(|n| {
            n.tag_name().name() == "spacing"
                && n.parent().is_some_and(|p| p.tag_name().name() == "rPr")
        })
        .map(|n| int(n, "val"))
        .expect("body tracking");
    let char_pt = 16.0 + tracking as f64 / 20.0;
    let width_pt = area_w as f64 / 20.0;
    assert!(char_pt * 28.0 <= width_pt, "28 × {char_pt} > {width_pt}");
    assert!(
        char_pt * 29.0 > width_pt,
        "29 × {char_pt} fit in {width_pt}"
    );

    // The page number's top sits about 7 mm under the type area: footer distance plus the
    // footer line (exactly 14 pt) reaches up to 35 − 7 mm.
    let number_pt = f64::from(Element::PageNumber.style().size_pt);
    let footer_top_mm = (int(mar, "footer") as f64 + number_pt * 20.0) / TWIPS_PER_MM;
    let drop = f64::from(MARGIN_BOTTOM_MM) - footer_top_mm;
    assert!(
        (drop - f64::from(PAGE_NUMBER_DROP_MM)).abs() < 0.5,
        "page number {drop:.2} mm under the type area"
    );
}

/// What the sheet must hold: id, name, east-Asian face, size in half-points, alignment,
/// first-line indent in hundredths of a character, outline level, bold.
struct Want {
    id: &'static str,
    name: &'static str,
    face: &'static str,
    sz: i64,
    jc: &'static str,
    first_line_chars: i64,
    outline: Option<i64>,
    bold: bool,
}

const SHEET: &[Want] = &[
    Want {
        id: "Normal",
        name: "Normal",
        face: "仿宋_GB2312",
        sz: 32,
        jc: "both",
        first_line_chars: 200,
        outline: None,
        bold: false,
    },
    Want {
        id: "SessionMark",
        name: "会议文件标识",
        face: "黑体",
        sz: 32,
        jc: "left",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
    Want {
        id: "DraftMark",
        name: "稿别",
        face: "黑体",
        sz: 32,
        jc: "right",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
    Want {
        id: "Title",
        name: "Title",
        face: "方正小标宋简体",
        sz: 44,
        jc: "center",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
    Want {
        id: "Subtitle",
        name: "Subtitle",
        face: "楷体_GB2312",
        sz: 32,
        jc: "center",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
    Want {
        id: "Speaker",
        name: "报告人",
        face: "楷体_GB2312",
        sz: 32,
        jc: "center",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
    Want {
        id: "Date",
        name: "Date",
        face: "楷体_GB2312",
        sz: 32,
        jc: "center",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
    Want {
        id: "Salutation",
        name: "Salutation",
        face: "仿宋_GB2312",
        sz: 32,
        jc: "left",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
    Want {
        id: "Heading1",
        name: "heading 1",
        face: "黑体",
        sz: 32,
        jc: "both",
        first_line_chars: 200,
        outline: Some(0),
        bold: false,
    },
    Want {
        id: "Heading2",
        name: "heading 2",
        face: "楷体_GB2312",
        sz: 32,
        jc: "both",
        first_line_chars: 200,
        outline: Some(1),
        bold: false,
    },
    Want {
        id: "Heading3",
        name: "heading 3",
        face: "仿宋_GB2312",
        sz: 32,
        jc: "both",
        first_line_chars: 200,
        outline: Some(2),
        bold: true,
    },
    Want {
        id: "Heading4",
        name: "heading 4",
        face: "仿宋_GB2312",
        sz: 32,
        jc: "both",
        first_line_chars: 200,
        outline: Some(3),
        bold: false,
    },
    Want {
        id: "ListItem",
        name: "列表项",
        face: "仿宋_GB2312",
        sz: 32,
        jc: "both",
        first_line_chars: 200,
        outline: None,
        bold: false,
    },
    Want {
        id: "TableText",
        name: "表格文字",
        face: "仿宋_GB2312",
        sz: 32,
        jc: "left",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
    Want {
        id: "TableHeader",
        name: "表头",
        face: "仿宋_GB2312",
        sz: 32,
        jc: "center",
        first_line_chars: 0,
        outline: None,
        bold: true,
    },
    Want {
        id: "Footer",
        name: "footer",
        face: "宋体",
        sz: 28,
        jc: "left",
        first_line_chars: 0,
        outline: None,
        bold: false,
    },
];

#[test]
fn styles_carry_faces_sizes_indents_and_outline_levels() {
    let (_, pkg) = sample_package();
    let xml = roxmltree::Document::parse(pkg.part("word/styles.xml")).unwrap();
    let styles: Vec<roxmltree::Node> = xml
        .root_element()
        .children()
        .filter(|n| n.tag_name().name() == "style")
        .collect();
    let normals = styles
        .iter()
        .filter(|s| attr(**s, "styleId") == Some("Normal"))
        .count();
    assert_eq!(normals, 1, "exactly one Normal style");

    for want in SHEET {
        let style = styles
            .iter()
            .find(|s| attr(**s, "styleId") == Some(want.id))
            .unwrap_or_else(|| panic!("no style {}", want.id));
        let ctx = want.id;
        assert_eq!(
            attr(child(*style, "name").unwrap(), "val"),
            Some(want.name),
            "{ctx}"
        );
        assert_eq!(attr(*style, "type"), Some("paragraph"), "{ctx}");
        let rpr = child(*style, "rPr").expect("rPr");
        let fonts = child(rpr, "rFonts").expect("rFonts");
        assert_eq!(attr(fonts, "eastAsia"), Some(want.face), "{ctx}");
        let latin = if want.face == "宋体" {
            "宋体"
        } else {
            "Times New Roman"
        };
        assert_eq!(attr(fonts, "ascii"), Some(latin), "{ctx}");
        assert_eq!(attr(fonts, "hAnsi"), Some(latin), "{ctx}");
        assert_eq!(int(child(rpr, "sz").unwrap(), "val"), want.sz, "{ctx}");
        assert_eq!(child(rpr, "b").is_some(), want.bold, "{ctx} bold");

        let ppr = child(*style, "pPr").expect("pPr");
        assert_eq!(
            attr(child(ppr, "jc").unwrap(), "val"),
            Some(want.jc),
            "{ctx}"
        );
        let ind = child(ppr, "ind").expect("ind");
        assert_eq!(int(ind, "firstLineChars"), want.first_line_chars, "{ctx}");
        let first_line = int(ind, "firstLine");
        if want.first_line_chars == 200 {
            assert!(
                (600..=680).contains(&first_line),
                "{ctx} firstLine {first_line}"
            );
        } else {
            assert_eq!(first_line, 0, "{ctx}");
        }
        let outline = child(ppr, "outlineLvl").map(|o| int(o, "val"));
        assert_eq!(outline, want.outline, "{ctx}");

        let spacing = child(ppr, "spacing").expect("spacing");
        assert_eq!(attr(spacing, "lineRule"), Some("exact"), "{ctx}");
        let line = int(spacing, "line");
        if want.id == "Footer" {
            assert_eq!(line, 280, "the footer line is as tall as 四号");
        } else {
            assert!((550..=590).contains(&line), "{ctx} line {line}");
        }
        if want.id != "Normal" {
            assert_eq!(
                attr(child(*style, "basedOn").unwrap(), "val"),
                Some("Normal")
            );
        }
        let keeps = child(ppr, "keepNext").is_some();
        if want.id.starts_with("Heading") || want.id == "Title" {
            assert!(keeps, "{ctx} keeps with the next paragraph");
        }
        if want.id == "Normal" || want.id == "ListItem" {
            assert!(!keeps, "{ctx} does not keep with next");
        }
    }
    let normal = styles
        .iter()
        .find(|s| attr(**s, "styleId") == Some("Normal"))
        .unwrap();
    assert_eq!(attr(*normal, "default"), Some("1"));
    let widow = child(child(*normal, "pPr").unwrap(), "widowControl").expect("widow control");
    assert_ne!(attr(widow, "val"), Some("0"));
}

/// The style each printed paragraph should have, from the model alone.
fn expected_styles(doc: &Document) -> Vec<&'static str> {
    let m = &doc.meta;
    let mut out = Vec::new();
    let opt = |o: &Option<String>, id: &'static str, out: &mut Vec<&'static str>| {
        if o.is_some() {
            out.push(id)
        }
    };
    opt(&m.session_mark, "SessionMark", &mut out);
    opt(&m.draft_mark, "DraftMark", &mut out);
    out.push("Title");
    opt(&m.subtitle, "Subtitle", &mut out);
    opt(&m.speaker, "Speaker", &mut out);
    opt(&m.date_line, "Date", &mut out);
    opt(&m.salutation, "Salutation", &mut out);
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => {
                out.push(["Heading1", "Heading2", "Heading3", "Heading4"][usize::from(h.level) - 1])
            }
            Block::Paragraph(_) => out.push("Normal"),
            Block::List(list) => list.visit(0, &mut |_, _| out.push("ListItem")),
            Block::Table(t) => {
                out.push("TableHeader");
                out.extend(t.rows.iter().map(|_| "TableText"));
            }
            Block::PageBreak(_) => {}
        }
    }
    out
}

#[test]
fn paragraphs_use_their_styles_and_carry_the_documents_text() {
    let (doc, pkg) = sample_package();
    let read: Vec<ReadParagraph> = split_marks(read_body(pkg.part("word/document.xml")))
        .into_iter()
        .filter(|p| !p.only_page_break)
        .collect();
    let texts: Vec<String> = read
        .iter()
        .map(|p| match p.style.as_deref() {
            // Balanced title lines are line breaks, not text.
            Some("Title") | Some("Subtitle") => p.text.replace('\n', ""),
            _ => p.text.clone(),
        })
        .collect();
    assert_eq!(texts, doc.paragraphs());
    let styles: Vec<&str> = read
        .iter()
        .map(|p| p.style.as_deref().unwrap_or("-"))
        .collect();
    assert_eq!(styles, expected_styles(&doc));

    // Body paragraphs carry no direct paragraph formatting, and runs no sizes; a run names a face
    // only to set an emphasised span in 楷体.
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    for p in xml.descendants().filter(|n| n.tag_name().name() == "p") {
        if paragraph_style(p).as_deref() != Some("Normal") {
            continue;
        }
        let ppr = child(p, "pPr").unwrap();
        for n in ppr.children().filter(|n| n.is_element()) {
            assert!(
                ["pStyle", "rPr", "pageBreakBefore"].contains(&n.tag_name().name()),
                "direct {} in body paragraph {:?}",
                n.tag_name().name(),
                paragraph_text(p)
            );
        }
        for n in p.descendants().filter(|n| n.is_element()) {
            match n.tag_name().name() {
                // Runs of narrow characters are tracked apart from the style's full-width
                // tracking, and the no-break joiner not at all (styles::NARROW_TRACKING).
                "spacing" if n.parent().is_some_and(|r| r.tag_name().name() == "rPr") => {
                    let run = n.parent().unwrap().parent().unwrap();
                    let text: String = run
                        .descendants()
                        .filter(|t| t.tag_name().name() == "t")
                        .filter_map(|t| t.text())
                        .collect();
                    let val: i32 = attr(n, "val").unwrap().parse().unwrap();
                    let joiner = text.chars().all(|c| c == workreport::text::NO_BREAK_JOINER);
                    if joiner {
                        assert_eq!(val, 0, "{text:?}");
                    } else {
                        assert_eq!(val, styles::NARROW_TRACKING, "{text:?}");
                        assert!(
                            text.chars().all(|c| !workreport::text::is_full_width(c)),
                            "{text:?} tracked as narrow"
                        );
                    }
                }
                "sz" | "szCs" | "spacing" | "ind" | "jc" => {
                    panic!("direct {} in {:?}", n.tag_name().name(), paragraph_text(p))
                }
                "rFonts" => assert_eq!(attr(n, "eastAsia"), Some(EMPHASIS_FACE.office_name())),
                _ => {}
            }
        }
    }
}

#[test]
fn a_page_break_starts_the_next_paragraph_on_a_new_page() {
    let (doc, pkg) = sample_package();
    let read = read_body(pkg.part("word/document.xml"));
    let broken: Vec<&str> = read
        .iter()
        .filter(|p| p.page_break_before)
        .map(|p| p.text.as_str())
        .collect();
    let after_break: Vec<String> = doc
        .blocks
        .windows(2)
        .filter(|w| w[0] == Block::PageBreak(Default::default()))
        .flat_map(|w| w[1].paragraphs().into_iter().take(1))
        .collect();
    assert!(!after_break.is_empty());
    assert_eq!(broken, after_break);
    assert!(
        read.iter().all(|p| !p.only_page_break),
        "no empty page-break paragraphs"
    );
}

#[test]
fn strong_is_bold_emphasis_is_kaiti_and_newlines_are_line_breaks() {
    let (_, pkg) = sample_package();
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let runs: Vec<roxmltree::Node> = xml
        .descendants()
        .filter(|n| n.tag_name().name() == "r")
        .collect();
    let run_text = |r: &roxmltree::Node| paragraph_text(*r);
    let strong = runs
        .iter()
        .find(|r| run_text(r) == "一是")
        .expect("the 一是 run");
    // As the PDF sets it: bold, in the paragraph's face (no face of its own).
    let body = Element::Body.style();
    assert!(span_style(&body, true, false).bold);
    assert_eq!(span_style(&body, true, false).face, body.face);
    let rpr = child(*strong, "rPr").unwrap();
    assert!(child(rpr, "b").is_some());
    assert!(
        child(rpr, "rFonts").is_none(),
        "strong keeps the paragraph's face"
    );
    let kai = runs
        .iter()
        .find(|r| run_text(r).starts_with("听取和审议了镇人民政府"))
        .expect("the emphasised run");
    let fonts = child(child(*kai, "rPr").unwrap(), "rFonts").expect("rFonts on emphasis");
    assert_eq!(attr(fonts, "eastAsia"), Some("楷体_GB2312"));
    let broken = runs
        .iter()
        .find(|r| run_text(r).contains("落地运用。\n以上监督事项"))
        .expect("a run with a hard break");
    assert!(broken
        .children()
        .any(|n| n.tag_name().name() == "br" && attr(n, "type") != Some("page")));
}

#[test]
fn a_long_title_is_one_paragraph_of_balanced_lines() {
    let mut doc = sample_report();
    doc.meta.title =
        "青石镇第五届人民代表大会第五次会议关于镇人民代表大会主席团工作报告的决议".into();
    let pkg = Package::open(&render(&doc).unwrap());
    let read = read_body(pkg.part("word/document.xml"));
    let titles: Vec<&ReadParagraph> = read
        .iter()
        .filter(|p| p.style.as_deref() == Some("Title"))
        .collect();
    assert_eq!(titles.len(), 1);
    let lines: Vec<&str> = titles[0].text.split('\n').collect();
    // The same lines as the PDF prints: at most TITLE_MAX_CHARS (18) a line.
    assert_eq!(lines, balance_title(&doc.meta.title, TITLE_MAX_CHARS));
    assert!(
        lines.len() >= 2
            && lines
                .iter()
                .all(|l| l.chars().count() <= 18 && l.chars().count() > 1)
    );
    // The subtitle is balanced the same way, at SUBTITLE_MAX_CHARS.
    let subtitle = doc.meta.subtitle.clone().unwrap();
    let read_subtitle = read
        .iter()
        .find(|p| p.style.as_deref() == Some("Subtitle"))
        .unwrap();
    let want = balance_title(&subtitle, SUBTITLE_MAX_CHARS);
    assert!(want.len() >= 2, "{want:?}");
    assert_eq!(read_subtitle.text.split('\n').collect::<Vec<_>>(), want);
}

#[test]
fn the_marks_share_one_paragraph_with_a_right_tab_and_the_draft_mark_in_heiti() {
    let (doc, pkg) = sample_package();
    let read = read_body(pkg.part("word/document.xml"));
    let session = doc.meta.session_mark.clone().unwrap();
    let draft = doc.meta.draft_mark.clone().unwrap();
    assert_eq!(read[0].style.as_deref(), Some("SessionMark"));
    assert_eq!(read[0].text, format!("{session}\t{draft}"));
    assert_eq!(read[1].style.as_deref(), Some("Title"));

    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let first = xml
        .descendants()
        .find(|n| n.tag_name().name() == "p")
        .unwrap();
    let draft_run = first
        .children()
        .filter(|n| n.tag_name().name() == "r")
        .find(|r| paragraph_text(*r).ends_with(&draft))
        .unwrap();
    let rpr = child(draft_run, "rPr").unwrap();
    assert_eq!(
        attr(child(rpr, "rFonts").unwrap(), "eastAsia"),
        Some(Element::DraftMark.style().face.office_name())
    );

    // The tab stop sits at the right edge of the type area, in the session mark's style.
    let styles = roxmltree::Document::parse(pkg.part("word/styles.xml")).unwrap();
    let style = styles
        .descendants()
        .find(|n| n.tag_name().name() == "style" && attr(*n, "styleId") == Some("SessionMark"))
        .unwrap();
    let tab = style
        .descendants()
        .find(|n| n.tag_name().name() == "tab")
        .expect("a tab stop");
    assert_eq!(attr(tab, "val"), Some("right"));
    let doc_xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let mar = doc_xml
        .descendants()
        .find(|n| n.tag_name().name() == "pgMar")
        .unwrap();
    assert_eq!(
        int(tab, "pos"),
        11906 - int(mar, "left") - int(mar, "right")
    );

    // Too long to share a line: the draft mark goes flush right on the next line.
    let mut long = sample_report();
    long.meta.session_mark = Some("青石镇第五届人民代表大会第五次会议文件（二十二）".into());
    let read = read_body(Package::open(&render(&long).unwrap()).part("word/document.xml"));
    assert!(
        read[0].text.ends_with(&format!("\n\t{draft}")),
        "{:?}",
        read[0].text
    );
}

#[test]
fn footers_number_odd_pages_right_and_even_pages_left_with_a_page_field() {
    let (_, pkg) = sample_package();
    let settings = pkg.part("word/settings.xml");
    assert!(
        settings.contains("<w:evenAndOddHeaders"),
        "even/odd footers switched on"
    );

    let doc = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let rels = pkg.part("word/_rels/document.xml.rels");
    let mut seen = Vec::new();
    for reference in doc
        .descendants()
        .filter(|n| n.tag_name().name() == "footerReference")
    {
        let kind = attr(reference, "type").unwrap().to_string();
        let rid = reference
            .attribute((
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "id",
            ))
            .unwrap();
        let at = rels
            .find(&format!("Id=\"{rid}\""))
            .expect("footer relationship");
        let target_from = rels[..at].rfind('<').unwrap();
        let rel = &rels[target_from..rels[at..].find('>').unwrap() + at];
        let target = rel
            .split("Target=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let footer = roxmltree::Document::parse(pkg.part(&format!("word/{target}"))).unwrap();
        let p = footer
            .descendants()
            .find(|n| n.tag_name().name() == "p")
            .unwrap();
        assert_eq!(paragraph_style(p).as_deref(), Some("Footer"));
        let instr: String = footer
            .descendants()
            .filter(|n| n.tag_name().name() == "instrText")
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(instr.trim(), "PAGE", "{kind}: a PAGE field");
        assert_eq!(
            footer
                .descendants()
                .filter(|n| n.tag_name().name() == "fldChar")
                .count(),
            3
        );
        let text = paragraph_text(p);
        assert_eq!(text, "— 1 —", "{kind}: dashes around the field result");
        let ppr = child(p, "pPr").unwrap();
        let jc = attr(child(ppr, "jc").unwrap(), "val").unwrap();
        let ind = child(ppr, "ind").unwrap();
        let (side, other) = match kind.as_str() {
            "default" => {
                assert_eq!(jc, "right");
                ("right", "left")
            }
            "even" => {
                assert_eq!(jc, "left");
                ("left", "right")
            }
            k => panic!("unexpected footer {k}"),
        };
        // One 四号 character in from the edge, as the PDF.
        assert_eq!(
            int(ind, side),
            (f64::from(PAGE_NUMBER_INSET_PT) * 20.0).round() as i64,
            "{kind} {side} indent"
        );
        assert_eq!(int(ind, other), 0);
        seen.push(kind);
    }
    seen.sort();
    assert_eq!(seen, ["default", "even"]);
}

#[test]
fn document_properties_name_title_subject_author_and_date() {
    let (doc, pkg) = sample_package();
    let core = roxmltree::Document::parse(pkg.part("docProps/core.xml")).unwrap();
    let get = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(get("title"), Some(doc.meta.title.clone()));
    assert_eq!(get("subject"), doc.meta.subject.clone());
    assert_eq!(get("creator"), doc.meta.author.clone());
    assert_eq!(get("created").as_deref(), Some("2025-01-08T00:00:00Z"));
}

#[test]
fn font_table_names_the_office_faces_with_windows_fallbacks() {
    let (_, pkg) = sample_package();
    let fonts = roxmltree::Document::parse(pkg.part("word/fontTable.xml")).unwrap();
    let alt = |name: &str| {
        let font = fonts
            .descendants()
            .find(|n| n.tag_name().name() == "font" && attr(*n, "name") == Some(name))
            .unwrap_or_else(|| panic!("{name} not in the font table"));
        child(font, "altName")
            .and_then(|a| attr(a, "val"))
            .map(str::to_string)
    };
    assert_eq!(alt("仿宋_GB2312").as_deref(), Some("FangSong"));
    assert_eq!(alt("楷体_GB2312").as_deref(), Some("KaiTi"));
    assert_eq!(alt("黑体").as_deref(), Some("SimHei"));
    assert_eq!(alt("方正小标宋简体").as_deref(), Some("SimSun"));
    assert_eq!(alt("Times New Roman"), None);
}

#[test]
fn docx_rs_reads_the_file_back() {
    let doc = sample_report();
    let bytes = render(&doc).unwrap();
    let read = docx_rs::read_docx(&bytes).expect("docx-rs reads it");
    let paragraphs = read
        .document
        .children
        .iter()
        .filter(|c| matches!(c, docx_rs::DocumentChild::Paragraph(_)))
        .count();
    let tables = read
        .document
        .children
        .iter()
        .filter(|c| matches!(c, docx_rs::DocumentChild::Table(_)))
        .count();
    let table_rows: usize = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Table(t) => t.rows.len() + 1,
            _ => 0,
        })
        .sum();
    assert_eq!(tables, 1);
    // The session mark and the draft mark are one paragraph.
    let shared_marks =
        usize::from(doc.meta.session_mark.is_some() && doc.meta.draft_mark.is_some());
    assert_eq!(
        paragraphs,
        doc.paragraphs().len() - table_rows - shared_marks
    );
    assert!(read.styles.find_style_by_id("Heading1").is_some());
}

#[test]
fn odd_input_renders_without_panicking() {
    let doc = Document {
        meta: Default::default(),
        blocks: vec![
            Block::heading(0, "零级"),
            Block::heading(9, "九级"),
            Block::Paragraph(vec![Span::plain("控制\u{0}字符 & <尖括号> \"引号\"\t制表")].into()),
            Block::Paragraph(vec![].into()),
            Block::PageBreak(Default::default()),
            Block::Table(Table::default()),
            Block::Table(Table {
                align: vec![],
                header: vec![vec![Span::plain("甲")], vec![Span::plain("乙")]],
                rows: vec![vec![], vec![vec![Span::plain("只有一格")]]],
                ..Table::default()
            }),
            Block::List(Default::default()),
            Block::PageBreak(Default::default()),
        ],
    };
    let pkg = Package::open(&render(&doc).expect("odd input renders"));
    let read = read_body(pkg.part("word/document.xml"));
    let texts: Vec<&str> = read
        .iter()
        .filter(|p| !p.only_page_break)
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        texts.contains(&"控制字符 & <尖括号> \"引号\"\t制表"),
        "{texts:?}"
    );
    assert_eq!(
        read.iter()
            .find(|p| p.text == "零级")
            .unwrap()
            .style
            .as_deref(),
        Some("Heading1")
    );
    assert_eq!(
        read.iter()
            .find(|p| p.text == "九级")
            .unwrap()
            .style
            .as_deref(),
        Some("Heading4")
    );
    assert!(
        read.last().unwrap().only_page_break,
        "a trailing page break is kept"
    );
    assert!(docx_rs::read_docx(&render(&doc).unwrap()).is_ok());
}

/// Where the PDF never breaks because a number keeps its unit across a change from Latin to
/// Chinese text (2024年, 第5次), the DOCX carries Word's no-width non-break character, in a run
/// without tracking; digits and Latin letters run apart with the narrow characters' tracking.
#[test]
fn numbers_keep_their_units_with_a_no_break_joiner_and_narrow_runs_their_tracking() {
    let doc = Document {
        meta: Default::default(),
        blocks: vec![Block::paragraph("2024年第5次会议，满意率85.3%，用DR设备。")],
    };
    let pkg = Package::open(&render(&doc).unwrap());
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let runs: Vec<(String, Option<i32>)> = xml
        .descendants()
        .filter(|n| n.tag_name().name() == "r")
        .map(|r| {
            let text = r
                .descendants()
                .filter(|t| t.tag_name().name() == "t")
                .filter_map(|t| t.text())
                .collect();
            let spacing = child(r, "rPr")
                .and_then(|rpr| child(rpr, "spacing"))
                .map(|s| int(s, "val") as i32);
            (text, spacing)
        })
        .collect();
    let joiner = workreport::text::NO_BREAK_JOINER.to_string();
    let narrow = Some(styles::NARROW_TRACKING);
    let want: Vec<(String, Option<i32>)> = [
        ("2024", narrow),
        (joiner.as_str(), Some(0)),
        ("年第", None),
        (joiner.as_str(), Some(0)),
        ("5", narrow),
        (joiner.as_str(), Some(0)),
        ("次会议，满意率", None),
        ("85.3%", narrow),
        ("，用", None),
        ("DR", narrow),
        ("设备。", None),
    ]
    .into_iter()
    .map(|(t, s)| (t.to_string(), s))
    .collect();
    assert_eq!(runs, want);
}
