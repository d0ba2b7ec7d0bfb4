//! The real sample (青石镇, 2024) through the whole pipeline, checked on the finished
//! artefacts: the Markdown is the golden report, and the DOCX and the PDF carry exactly its
//! text, pass the GB/T 9704 checkers, print the rare name characters and stay small.

mod docx_common;
mod support;

use std::path::Path;
use std::sync::OnceLock;
use workreport::build::{self, Format};
use workreport::diag::SourceFile;
use workreport::document::{Block, Document};
use workreport::markdown;

use support::SAMPLE;
const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/qingshi-2024-annual.md"
);

struct Built {
    markdown: String,
    docx: Vec<u8>,
    pdf: Vec<u8>,
    doc: Document,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let opts = support::sample_options(&Format::ALL);
        let rendered = build::render(Path::new(SAMPLE), &opts).expect("the sample builds");
        assert_eq!(rendered.stem, "2024-annual");
        let file = |f: Format| {
            rendered
                .files
                .iter()
                .find(|(g, _)| *g == f)
                .map(|(_, b)| b.clone())
                .expect("format rendered")
        };
        let markdown = String::from_utf8(file(Format::Markdown)).unwrap();
        let doc = markdown::parse(&SourceFile::new("2024-annual.md", markdown.as_str()))
            .expect("our own Markdown parses");
        Built {
            docx: file(Format::Docx),
            pdf: file(Format::Pdf),
            markdown,
            doc,
        }
    })
}

fn body(md: &str) -> &str {
    let after_open = md.strip_prefix("---\n").unwrap();
    &after_open[after_open.find("\n---\n").unwrap() + 5..]
}

#[test]
fn the_markdown_is_the_golden_report() {
    let golden = std::fs::read_to_string(GOLDEN).unwrap();
    assert_eq!(body(&built().markdown), body(&golden));
    let golden = SourceFile::new(GOLDEN, golden.as_str());
    assert_eq!(markdown::parse(&golden).unwrap(), built().doc);
}

#[test]
fn the_report_has_every_part_in_order() {
    let doc = &built().doc;
    let m = &doc.meta;
    assert!(m
        .session_mark
        .as_deref()
        .unwrap()
        .contains("第五届人民代表大会第五次会议"));
    assert!(m.subtitle.as_deref().unwrap().starts_with("——"));
    assert_eq!(m.salutation.as_deref(), Some("各位代表："));
    let first = doc.blocks[0].paragraphs().concat();
    assert!(
        first.contains("委托") && first.contains("请予审议"),
        "{first}"
    );
    let parts: Vec<String> = doc
        .outline()
        .into_iter()
        .filter(|(level, _)| *level == 1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(parts.len(), 3, "{parts:?}");
    assert!(parts[0].starts_with("一、") && parts[0].contains("回顾"));
    assert!(parts[1].starts_with("二、") && parts[1].contains("不足"));
    assert!(parts[2].starts_with("三、") && parts[2].contains("2025"));
    let last = doc.blocks.last().unwrap().paragraphs().concat();
    assert!(last.starts_with("各位代表"), "{last}");
}

#[test]
fn the_docx_carries_the_markdown_text_paragraph_by_paragraph() {
    let package = docx_common::Package::open(&built().docx);
    // The session mark and the draft mark share the first paragraph, split at the tab.
    let read: Vec<String> =
        docx_common::split_marks(docx_common::read_body(package.part("word/document.xml")))
            .into_iter()
            .filter(|p| !p.only_page_break)
            .map(|p| p.text)
            .collect();
    assert_eq!(read, built().doc.paragraphs());
    // docx-rs's own reader takes it too.
    docx_rs::read_docx(&built().docx).expect("docx-rs reads the DOCX back");
}

#[test]
fn the_docx_passes_the_layout_checker() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024-annual.docx");
    std::fs::write(&path, &built().docx).unwrap();
    if let Some(report) = support::run_checker("docx_layout_check.py", "lxml, docx", &path) {
        eprintln!("{report}");
        support::assert_all_rules_pass(&report);
    }
}

#[test]
fn the_pdf_carries_the_markdown_text_and_the_rare_names() {
    let pages = support::pdf_pages_text(&built().pdf);
    assert!((8..=12).contains(&pages.len()), "{} pages", pages.len());
    let mut text = support::squeeze(&pages.concat());
    for n in 1..=pages.len() {
        text = text.replacen(&format!("—{n}—"), "", 1);
    }
    assert_eq!(text, support::squeeze(&built().doc.paragraphs().concat()));
    for name in ["王堃", "陈珺"] {
        assert!(text.contains(name), "{name} not printed");
    }
}

#[test]
fn the_pdf_is_small_and_passes_the_layout_checker() {
    let pdf = &built().pdf;
    assert!(pdf.len() < 500_000, "{} bytes", pdf.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024-annual.pdf");
    std::fs::write(&path, pdf).unwrap();
    if let Some(report) = support::run_checker("pdf_layout_check.py", "pdfplumber, pikepdf", &path)
    {
        eprintln!("{report}");
        support::assert_all_rules_pass(&report);
    }
}

#[test]
fn no_block_is_empty() {
    for b in &built().doc.blocks {
        if !matches!(b, Block::PageBreak(_)) {
            assert!(b.paragraphs().iter().all(|p| !p.trim().is_empty()), "{b:?}");
        }
    }
}

/// Word reads property elements as `xsd:sequence`s: a child out of order is dropped or
/// "repaired" (a font ignored, even/odd footers lost). The pairs below are from ECMA-376 Part 1
/// (§17.3.2.28 rPr, §17.3.1.26 pPr, §17.7.4.17 style, §17.6.17 sectPr, §17.15.1.78 settings).
#[test]
fn the_docx_parts_keep_the_schema_order_word_expects() {
    const BEFORE: &[(&str, &[(&str, &str)])] = &[
        (
            "rPr",
            &[
                ("rFonts", "b"),
                ("b", "spacing"),
                ("rFonts", "sz"),
                ("spacing", "sz"),
                ("sz", "szCs"),
                ("i", "sz"),
            ],
        ),
        (
            "pPr",
            &[
                ("pStyle", "keepNext"),
                ("keepNext", "widowControl"),
                ("pageBreakBefore", "spacing"),
                ("tabs", "spacing"),
                ("overflowPunct", "snapToGrid"),
                ("snapToGrid", "spacing"),
                ("spacing", "ind"),
                ("ind", "jc"),
                ("jc", "outlineLvl"),
                ("outlineLvl", "rPr"),
            ],
        ),
        (
            "style",
            &[
                ("name", "basedOn"),
                ("basedOn", "next"),
                ("next", "qFormat"),
                ("qFormat", "pPr"),
                ("pPr", "rPr"),
            ],
        ),
        (
            "sectPr",
            &[
                ("footerReference", "pgSz"),
                ("pgSz", "pgMar"),
                ("pgMar", "cols"),
                ("cols", "docGrid"),
            ],
        ),
        (
            "settings",
            &[
                ("zoom", "defaultTabStop"),
                ("defaultTabStop", "evenAndOddHeaders"),
                ("evenAndOddHeaders", "compat"),
            ],
        ),
    ];
    let package = docx_common::Package::open(&built().docx);
    let mut checked = 0;
    for (part, xml) in &package.parts {
        if !part.ends_with(".xml") {
            continue;
        }
        let xml = roxmltree::Document::parse(xml).unwrap();
        for node in xml.descendants().filter(|n| n.is_element()) {
            let Some((_, pairs)) = BEFORE
                .iter()
                .find(|(name, _)| *name == node.tag_name().name())
            else {
                continue;
            };
            let names: Vec<&str> = node
                .children()
                .filter(|c| c.is_element())
                .map(|c| c.tag_name().name())
                .collect();
            for (a, b) in pairs.iter() {
                if let (Some(i), Some(j)) = (
                    names.iter().position(|n| n == a),
                    names.iter().rposition(|n| n == b),
                ) {
                    assert!(
                        i < j,
                        "{part}: <{}> has {a} after {b}: {names:?}",
                        node.tag_name().name()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} pairs checked");
}
