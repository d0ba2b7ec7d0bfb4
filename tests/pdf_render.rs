//! The PDF writer on a realistic report: fonts embedded as subsets with ToUnicode, the text
//! reads back as the document's, the page rules of layout.md hold (checked by
//! shared/tools/pdf_layout_check.py), and the outline and metadata are there.

mod pdf_common;
use pdf_common::fonts;
mod support;

use std::sync::OnceLock;

use support::{page_text, squeeze};
use workreport::fonts::{FontOptions, FontSet};
use workreport::write::pdf::render;

fn sample_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| render(&pdf_common::sample_document(), fonts()).expect("renders"))
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

/// Issue #8: a report without 日期 takes its date line's date, and one with neither has no
/// creation date rather than 1970-01-01.
#[test]
fn a_report_without_a_date_never_claims_1970() {
    let dates = |meta: workreport::document::Meta| {
        let mut doc = pdf_common::sample_document();
        doc.meta = meta;
        let doc = lopdf::Document::load_mem(&render(&doc, fonts()).unwrap()).unwrap();
        let info = doc
            .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
            .unwrap();
        [b"CreationDate".as_slice(), b"ModDate"].map(|k| {
            info.get(k)
                .ok()
                .map(|v| lopdf::decode_text_string(v).unwrap())
        })
    };
    let base = pdf_common::sample_document().meta;
    let from_line = dates(workreport::document::Meta {
        date: None,
        date_line: Some("（2025年1月9日）".into()),
        ..base.clone()
    });
    assert!(
        from_line[0].as_deref().unwrap().starts_with("D:20250109"),
        "{from_line:?}"
    );
    let undated = dates(workreport::document::Meta {
        date: None,
        date_line: None,
        ..base
    });
    assert_eq!(undated, [None, None]);
}

#[test]
fn a_character_no_font_has_stops_the_build_with_its_place() {
    let mut doc = pdf_common::sample_document();
    doc.blocks.push(workreport::document::Block::Paragraph(
        vec![workreport::document::Span::plain(
            "这里有一个私用区字符\u{E000}在句中。",
        )]
        .into(),
    ));
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
    // The sample's rare name characters (堃 喆 …) add the font-fallback warning beside it.
    let warnings: Vec<_> = warnings
        .into_iter()
        .filter(|d| d.code == workreport::diag::code::LAYOUT_MISSING_GLYPH)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].to_string().contains("U+E000"), "{warnings:?}");
}

/// Runs shared/tools/pdf_layout_check.py: every rule must pass.
#[test]
fn layout_checker_passes_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, sample_pdf()).unwrap();
    if let Some(report) = support::run_checker("pdf_layout_check.py", "pdfplumber, pikepdf", &path)
    {
        eprintln!("{report}");
        support::assert_all_rules_pass(&report);
    }
}
