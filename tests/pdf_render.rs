//! The PDF writer on a realistic report: fonts embedded as subsets with ToUnicode, the text
//! reads back as the document's, the page rules of layout.md hold (checked by
//! shared/tools/pdf_layout_check.py), and the outline and metadata are there.

mod pdf_common;

use std::collections::{BTreeSet, HashMap};
use std::process::Command;
use std::sync::OnceLock;

use workreport::fonts::{FontOptions, FontSet};
use workreport::write::pdf::render;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::shipped(&FontOptions::default()).expect("shipped fonts load"))
}

fn sample_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| render(&pdf_common::sample_document(), fonts()).expect("renders"))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The ToUnicode map of a font: code -> text (bfchar and bfrange entries).
fn to_unicode(doc: &lopdf::Document, font: &lopdf::Dictionary) -> HashMap<u16, String> {
    let stream = doc
        .get_object(font.get(b"ToUnicode").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let cmap = String::from_utf8(
        stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone()),
    )
    .unwrap();
    let hex = |s: &str| -> Vec<u16> {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        (0..s.len() / 4)
            .map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).unwrap())
            .collect()
    };
    let mut map = HashMap::new();
    let mut mode = "";
    for line in cmap.lines().map(str::trim) {
        if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
            mode = if line.ends_with("beginbfchar") {
                "char"
            } else {
                "range"
            };
            continue;
        }
        if line.starts_with("endbf") {
            mode = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (mode, parts.as_slice()) {
            ("char", [code, text]) => {
                map.insert(hex(code)[0], String::from_utf16(&hex(text)).unwrap());
            }
            ("range", [lo, hi, start]) if start.starts_with('<') => {
                let (lo, hi, start) = (hex(lo)[0], hex(hi)[0], hex(start));
                for code in lo..=hi {
                    let mut t = start.clone();
                    *t.last_mut().unwrap() += code - lo;
                    map.insert(code, String::from_utf16(&t).unwrap());
                }
            }
            _ => {}
        }
    }
    map
}

/// A page's text in content-stream order, decoded through each font's ToUnicode map.
fn page_text(doc: &lopdf::Document, page: lopdf::ObjectId) -> String {
    let fonts = doc.get_page_fonts(page).unwrap();
    let maps: HashMap<Vec<u8>, HashMap<u16, String>> = fonts
        .iter()
        .map(|(name, f)| (name.clone(), to_unicode(doc, f)))
        .collect();
    let content = lopdf::content::Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
    let mut current: Option<&HashMap<u16, String>> = None;
    let mut out = String::new();
    let show = |out: &mut String, bytes: &[u8], map: Option<&HashMap<u16, String>>| {
        let map = map.expect("a font is set before text is shown");
        for pair in bytes.chunks(2) {
            let code = u16::from_be_bytes([pair[0], pair[1]]);
            out.push_str(map.get(&code).map(String::as_str).unwrap_or("\u{FFFD}"));
        }
    };
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => current = maps.get(op.operands[0].as_name().unwrap()),
            "Tj" => show(&mut out, op.operands[0].as_str().unwrap(), current),
            "TJ" => {
                for item in op.operands[0].as_array().unwrap() {
                    if let Ok(bytes) = item.as_str() {
                        show(&mut out, bytes, current);
                    }
                }
            }
            "Tm" | "Td" => out.push(' '),
            _ => {}
        }
    }
    out
}

#[test]
fn every_font_is_an_embedded_subset_with_to_unicode() {
    let doc = lopdf::Document::load_mem(sample_pdf()).unwrap();
    let mut seen = 0;
    for (_, object) in doc.objects.iter() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|o| o.as_name()).ok() != Some(b"Font".as_slice())
            || dict.get(b"Subtype").and_then(|o| o.as_name()).ok() != Some(b"Type0".as_slice())
        {
            continue;
        }
        seen += 1;
        let base =
            String::from_utf8_lossy(dict.get(b"BaseFont").unwrap().as_name().unwrap()).to_string();
        assert!(
            base.len() > 7 && base.as_bytes()[6] == b'+',
            "subset tag on {base}"
        );
        assert!(dict.has(b"ToUnicode"), "ToUnicode on {base}");
        let descendant = dict.get(b"DescendantFonts").unwrap().as_array().unwrap()[0].clone();
        let descendant = match descendant {
            lopdf::Object::Reference(id) => doc.get_dictionary(id).unwrap().clone(),
            lopdf::Object::Dictionary(d) => d,
            other => panic!("descendant {other:?}"),
        };
        let fd = doc
            .get_dictionary(
                descendant
                    .get(b"FontDescriptor")
                    .unwrap()
                    .as_reference()
                    .unwrap(),
            )
            .unwrap();
        let file = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .find_map(|k| fd.get(k).ok())
            .unwrap_or_else(|| panic!("{base} not embedded"));
        let stream = doc
            .get_object(file.as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let program = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        assert!(
            program.len() > 100,
            "{base} font program is {} bytes",
            program.len()
        );
        assert!(
            program.len() < 400_000,
            "{base} is not subset: {} bytes",
            program.len()
        );
    }
    // 仿宋, 黑体, 楷体, 小标宋, 宋体 (page numbers), the supplement and two Latin weights.
    assert!(seen >= 6, "{seen} fonts");
}

#[test]
fn the_text_reads_back_as_the_document() {
    let doc = lopdf::Document::load_mem(sample_pdf()).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    assert!((4..=12).contains(&pages.len()), "{} pages", pages.len());
    let text: String = pages.iter().map(|&p| page_text(&doc, p)).collect();
    let mut extracted = squeeze(&text);
    // Page numbers are not document text.
    for n in 1..=pages.len() {
        extracted = extracted.replacen(&format!("—{n}—"), "", 1);
    }
    let expected = squeeze(&pdf_common::sample_document().paragraphs().concat());
    assert_eq!(extracted, expected);
    for name in ["王堃", "李喆", "张昇", "陈珺", "刘赟", "PDF", "98.5%"] {
        assert!(extracted.contains(name), "{name}");
    }
}

#[test]
fn the_pdf_is_small_and_carries_outline_and_metadata() {
    let bytes = sample_pdf();
    assert!(bytes.len() < 500_000, "{} bytes", bytes.len());
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"zh-CN");
    // The outline: level-1 headings at the top, level-2 under them.
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut titles = Vec::new();
    let mut next = outlines.get(b"First").and_then(|o| o.as_reference()).ok();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        titles.push(lopdf::decode_text_string(item.get(b"Title").unwrap()).unwrap());
        let kids = item.get(b"First").and_then(|o| o.as_reference()).ok();
        let mut kid = kids;
        let mut count = 0;
        while let Some(k) = kid {
            count += 1;
            kid = doc
                .get_dictionary(k)
                .unwrap()
                .get(b"Next")
                .and_then(|o| o.as_reference())
                .ok();
        }
        assert_eq!(
            count,
            4,
            "four （一） headings under {}",
            titles.last().unwrap()
        );
        next = item.get(b"Next").and_then(|o| o.as_reference()).ok();
    }
    assert_eq!(titles, ["一、2024年主要工作回顾", "二、2025年工作安排"]);
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let field = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
    assert_eq!(field(b"Title"), "青石镇人民代表大会主席团工作报告");
    assert_eq!(field(b"Author"), "青石镇人民代表大会主席团");
    assert_eq!(field(b"Subject"), "2024年工作报告");
    assert!(
        field(b"CreationDate").starts_with("D:20250108"),
        "{}",
        field(b"CreationDate")
    );
}

#[test]
fn a_character_no_font_has_stops_the_build_with_its_place() {
    let mut doc = pdf_common::sample_document();
    doc.blocks.push(workreport::document::Block::Paragraph(vec![
        workreport::document::Span::plain("这里有一个私用区字符\u{E000}在句中。"),
    ]));
    let err = render(&doc, fonts()).unwrap_err().to_string();
    assert!(err.contains("U+E000"), "{err}");
    assert!(err.contains("正文第"), "{err}");
    assert!(err.contains("私用区字符"), "{err}");

    let lenient = FontSet::shipped(&FontOptions {
        allow_missing_glyphs: true,
        ..FontOptions::default()
    })
    .unwrap();
    let (pdf, warnings) = workreport::write::pdf::render_with_warnings(&doc, &lenient).unwrap();
    assert!(!pdf.is_empty());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("U+E000"), "{warnings:?}");
}

/// Rules that the line breaker (src/layout/linebreak.rs) carries out: 避头尾 and justification.
const BREAKER_RULES: [&str; 2] = [
    "no wrapped line starts with closing punctuation",
    "lines inside a paragraph fill the type area width",
];

/// Whether linebreak.rs is still the greedy placeholder: it breaks before a comma where the real
/// breaker never does.
fn breaker_is_placeholder() -> bool {
    let chars: Vec<char> = "一二三，".chars().collect();
    let lines = workreport::layout::linebreak::break_paragraph(&chars, &[10.0; 4], 0.0, 30.0, true);
    lines
        .iter()
        .any(|l| chars.get(l.range.start) == Some(&'，'))
}

/// Runs shared/tools/pdf_layout_check.py: every rule must pass (while the placeholder line
/// breaker is in the tree, all but the two rules that are its job).
#[test]
fn layout_checker_passes_every_rule() {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/tools/pdf_layout_check.py"
    );
    let script = if std::path::Path::new(script).exists() {
        script.to_string()
    } else {
        "/work/shared/tools/pdf_layout_check.py".to_string()
    };
    let have_python = Command::new("python3")
        .args(["-c", "import pdfplumber, pikepdf"])
        .status()
        .is_ok_and(|s| s.success());
    if !have_python || !std::path::Path::new(&script).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdf_layout_check.py needs python3 with pdfplumber and pikepdf"
        );
        eprintln!("skipping: python3 with pdfplumber and pikepdf, or {script}, not available");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, sample_pdf()).unwrap();
    let out = Command::new("python3")
        .arg(&script)
        .arg(&path)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    let allowed: &[&str] = if breaker_is_placeholder() {
        eprintln!("NOTE: placeholder line breaker: not holding it to {BREAKER_RULES:?}");
        &BREAKER_RULES
    } else {
        &[]
    };
    let failing: BTreeSet<&str> = report
        .lines()
        .filter(|l| l.starts_with("FAIL") && !allowed.iter().any(|r| l.contains(r)))
        .collect();
    assert!(report.contains("rules pass"), "{report}");
    assert!(failing.is_empty(), "{report}");
}

#[test]
#[ignore]
fn write_sample_pdf_to_tmp() {
    std::fs::write("/tmp/pdf_sample.pdf", sample_pdf()).unwrap();
}
