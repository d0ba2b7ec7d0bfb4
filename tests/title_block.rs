//! The space in and under the title block: one rule, decided in `realize`, for every combination
//! of session mark, title, subtitle, speaker line, date line and salutation, and the PDF layout
//! and the DOCX writer print the same first page for each.
//!
//! The rule, after layout.md's first page (marks, blank, title, blank, byline, blank,
//! 各位代表：, body): one blank grid line between two parts of the title block and between the
//! title block and the body; none between the lines of the byline (subtitle, speaker, date);
//! none between the salutation and the body it addresses.

mod docx_common;
mod pdf_common;

use docx_common::{attr, child, paragraph_text, Package};
use workreport::document::{Block, Document, Meta};
use workreport::geometry::{LINE_PITCH_PT, MARGIN_TOP_PT, TYPE_AREA_BOTTOM_PT};
use workreport::layout::lay_out;
use workreport::realize::realize;

const SESSION_MARK: &str = "青石镇第五届人民代表大会第五次会议文件（二）";
const TITLE: &str = "青石镇人民代表大会主席团工作报告";
const SUBTITLE: &str = "——在青石镇第五届人民代表大会第五次会议上";
const SPEAKER: &str = "镇人大主席　周明远";
const DATE_LINE: &str = "（2025年1月8日）";
const SALUTATION: &str = "各位代表：";
const BODY: &str = "现在，我代表主席团向大会报告工作。";

/// Every report shape: bit 0 session mark, 1 title, 2 subtitle, 3 speaker, 4 date, 5 salutation.
fn shapes() -> impl Iterator<Item = Document> {
    (0u32..64).map(|bits| {
        let has = |bit: u32| bits & (1 << bit) != 0;
        let part = |bit: u32, text: &str| has(bit).then(|| text.to_string());
        Document {
            meta: Meta {
                session_mark: part(0, SESSION_MARK),
                title: part(1, TITLE).unwrap_or_default(),
                subtitle: part(2, SUBTITLE),
                speaker: part(3, SPEAKER),
                date_line: part(4, DATE_LINE),
                salutation: part(5, SALUTATION),
                ..Meta::default()
            },
            blocks: vec![Block::paragraph(BODY), Block::paragraph(BODY)],
        }
    })
}

/// Where a page picture ends: the first line of the body.
const BODY_LINE: &str = "〈正文〉";

/// Text without white space (the PDF prints no glyph for an ideographic space).
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first page as layout.md draws it, down to the first body line: `None` is a blank line.
fn expected(meta: &Meta) -> Vec<Option<String>> {
    let byline: Vec<String> = [&meta.subtitle, &meta.speaker, &meta.date_line]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let title = (!meta.title.is_empty()).then(|| vec![meta.title.clone()]);
    let parts: Vec<Vec<String>> = [
        meta.session_mark.clone().map(|m| vec![m]),
        title,
        (!byline.is_empty()).then_some(byline),
        meta.salutation.clone().map(|s| vec![s]),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut page = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            page.push(None);
        }
        page.extend(part.iter().map(|line| Some(squeeze(line))));
    }
    if !parts.is_empty() && meta.salutation.is_none() {
        page.push(None);
    }
    page.push(Some(BODY_LINE.to_string()));
    page
}

/// The first characters of the body, by which its first line is known.
fn body_start(doc: &Document) -> String {
    squeeze(&doc.blocks[0].paragraphs()[0])
        .chars()
        .take(8)
        .collect()
}

/// The PDF layout's first page: each grid line's text, `None` for an empty one.
fn pdf_page(doc: &Document) -> Vec<Option<String>> {
    let pages = lay_out(&realize(doc), pdf_common::fonts()).expect("lays out");
    let mut slots: Vec<Option<String>> = Vec::new();
    for run in &pages.pages[0].runs {
        if run.baseline_pt > TYPE_AREA_BOTTOM_PT {
            continue;
        }
        let slot = ((run.baseline_pt - MARGIN_TOP_PT) / LINE_PITCH_PT).floor() as usize;
        if slots.len() <= slot {
            slots.resize(slot + 1, None);
        }
        let text: String = run.glyphs.iter().map(|g| g.text).collect();
        slots[slot].get_or_insert_with(String::new).push_str(&text);
    }
    let start = body_start(doc);
    let body = slots
        .iter()
        .position(|s| s.as_deref().is_some_and(|t| t.starts_with(&start)))
        .expect("the body's first line");
    slots.truncate(body + 1);
    slots[body] = Some(BODY_LINE.to_string());
    slots.into_iter().map(|s| s.map(|t| squeeze(&t))).collect()
}

/// The DOCX's first page: each paragraph's text after as many blank lines as its space before
/// holds grid lines. No style and no paragraph has space after.
fn docx_page(doc: &Document) -> Vec<Option<String>> {
    let pkg = Package::open(&workreport::write::docx::render(doc).expect("renders"));
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let pitch: i64 = attr(
        xml.descendants()
            .find(|n| n.tag_name().name() == "docGrid")
            .unwrap(),
        "linePitch",
    )
    .unwrap()
    .parse()
    .unwrap();
    let styles = roxmltree::Document::parse(pkg.part("word/styles.xml")).unwrap();
    for spacing in styles
        .descendants()
        .filter(|n| n.tag_name().name() == "spacing" && attr(*n, "line").is_some())
    {
        for side in ["before", "after"] {
            assert!(
                attr(spacing, side).is_none_or(|v| v == "0"),
                "a style with space {side}"
            );
        }
    }
    // A paragraph's own spacing (its space before) repeats the grid's exact pitch, for readers
    // that take it whole rather than merged with the style's.
    for spacing in xml
        .descendants()
        .filter(|n| n.tag_name().name() == "spacing" && attr(*n, "before").is_some())
    {
        assert_eq!(attr(spacing, "line"), Some(pitch.to_string().as_str()));
        assert_eq!(attr(spacing, "lineRule"), Some("exact"));
    }
    let body = child(xml.root_element(), "body").unwrap();
    let mut page = Vec::new();
    for p in body.children().filter(|n| n.tag_name().name() == "p") {
        let spacing = child(p, "pPr").and_then(|ppr| child(ppr, "spacing"));
        assert!(
            spacing.and_then(|s| attr(s, "after")).is_none(),
            "space after"
        );
        let before: i64 = spacing
            .and_then(|s| attr(s, "before"))
            .map_or(0, |v| v.parse().unwrap());
        assert_eq!(before % pitch, 0, "space before in whole grid lines");
        page.extend(std::iter::repeat_n(None, (before / pitch) as usize));
        let text = paragraph_text(p);
        if squeeze(&text).starts_with(&body_start(doc)) {
            page.push(Some(BODY_LINE.to_string()));
            break;
        }
        // A balanced title or subtitle: its lines are line breaks in one paragraph.
        page.extend(text.split('\n').map(|line| Some(squeeze(line))));
    }
    page
}

#[test]
fn every_title_block_shape_has_the_same_first_page_in_the_pdf_and_the_docx() {
    for doc in shapes() {
        let want = expected(&doc.meta);
        assert_eq!(pdf_page(&doc), want, "PDF of {:?}", doc.meta);
        assert_eq!(docx_page(&doc), want, "DOCX of {:?}", doc.meta);
    }
}

#[test]
fn the_sample_reads_title_blank_byline_blank_salutation_body() {
    let mut doc = pdf_common::sample_document();
    doc.meta.draft_mark = None;
    let page = pdf_page(&doc);
    assert_eq!(docx_page(&doc), page);
    assert_eq!(
        page.iter().filter(|line| line.is_none()).count(),
        3,
        "{page:?}"
    );
    // Two blank lines nowhere in the title block.
    assert!(!page.windows(2).any(|w| w[0].is_none() && w[1].is_none()));
}
