//! PDF writer: lays the document out ([`crate::layout::lay_out`]) and writes the pages with
//! printpdf, every font embedded as a subset with a ToUnicode map (text copies and searches as
//! Chinese), then finishes the file with lopdf: a nested outline (bookmarks) from the headings,
//! the document language (zh-CN), and one em-box metric for all fonts so a line mixing Chinese
//! and Latin reads back as one line.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use pdf_lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Codepoint, FontId as PdfFontId, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Pt, TextItem, TextMatrix, TextRenderingMode,
};
use rayon::prelude::*;

use crate::document::Document;
use crate::fonts::{FontError, FontFile, FontId, FontSet};
use crate::geometry::{PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use crate::layout::{lay_out, LayoutError, OutlineEntry, Pages};

/// Every font descriptor states the CJK em box (0.88 above, 0.12 below the baseline, in 1/1000
/// em), so text extractors place Chinese and Latin glyphs of one line on one line.
const EM_BOX_ASCENT: i64 = 880;
const EM_BOX_DESCENT: i64 = -120;

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Layout(#[from] LayoutError),
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("生成 PDF 失败：{0}")]
    Write(String),
}

/// Lays out and writes `doc` as a PDF.
pub fn render(doc: &Document, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    render_with_warnings(doc, fonts).map(|(pdf, _)| pdf)
}

/// [`render`], also returning what the user should hear about (characters printed blank
/// under `allow_missing_glyphs`).
pub fn render_with_warnings(
    doc: &Document,
    fonts: &FontSet,
) -> Result<(Vec<u8>, Vec<String>), PdfError> {
    let pages = lay_out(doc, fonts)?;
    let pdf = write_pages(doc, &pages, fonts)?;
    Ok((pdf, pages.warnings))
}

/// Writes laid-out pages as a PDF, with `doc`'s metadata.
pub fn write_pages(doc: &Document, pages: &Pages, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    let meta = &doc.meta;
    let mut pdf = PdfDocument::new(&meta.title.replace('\n', ""));
    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone().unwrap_or_default();
    info.subject = meta.subject.clone().unwrap_or_default();
    info.creator = "workreport".to_string();
    info.producer = format!("workreport {}", env!("CARGO_PKG_VERSION"));
    if let Some(date) = meta.date {
        let stamp = date_timestamp(date);
        info.creation_date = stamp;
        info.modification_date = stamp;
        info.metadata_date = stamp;
    }

    // Cut each used font to the glyphs the pages show before printpdf sees it: parsing a
    // whole 7 MB CJK face costs printpdf about 10 ms, parsing a cut one a fraction of that.
    let mut used: BTreeMap<FontId, BTreeSet<u16>> = BTreeMap::new();
    for run in pages.pages.iter().flat_map(|p| &p.runs) {
        used.entry(run.font)
            .or_default()
            .extend(run.glyphs.iter().map(|g| g.glyph_id));
    }
    let cut: Vec<(FontId, CutFont)> = used
        .par_iter()
        .map(|(&id, glyphs)| cut_font(fonts.file(id), glyphs).map(|c| (id, c)))
        .collect::<Result<_, PdfError>>()?;
    let mut registered: BTreeMap<FontId, (PdfFontId, BTreeMap<u16, u16>)> = BTreeMap::new();
    for (id, cut) in cut {
        registered.insert(id, (pdf.add_font(&cut.parsed), cut.new_ids));
    }

    let page_height = PAGE_HEIGHT_MM * crate::geometry::MM;
    let mut pdf_pages = Vec::with_capacity(pages.pages.len());
    for page in &pages.pages {
        let mut ops = vec![Op::StartTextSection];
        for run in &page.runs {
            let (font_id, new_ids) = &registered[&run.font];
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id.clone()),
                size: Pt(run.size_pt),
            });
            if run.fake_bold {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                });
                ops.push(Op::SetOutlineThickness {
                    pt: Pt(run.size_pt * crate::layout::page::FAKE_BOLD_STROKE),
                });
            }
            let y = page_height - run.baseline_pt;
            for g in &run.glyphs {
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(g.x_pt), Pt(y)),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                        new_ids[&g.glyph_id],
                        0.0,
                        g.text.to_string(),
                    )])],
                });
            }
            if run.fake_bold {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::Fill,
                });
            }
        }
        ops.push(Op::EndTextSection);
        pdf_pages.push(PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops));
    }
    pdf.with_pages(pdf_pages);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    // printpdf falls back to embedding a whole font when subsetting fails: a 7 MB PDF is not
    // a report, so stop instead.
    if let Some(w) = warnings
        .iter()
        .find(|w| matches!(w.severity, printpdf::PdfParseErrorSeverity::Error))
    {
        return Err(PdfError::Write(w.msg.clone()));
    }
    finish(&mut lo, &pages.outline, page_height);
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// A font cut to the glyphs a document uses.
struct CutFont {
    parsed: printpdf::ParsedFont,
    /// Glyph id in the whole font -> glyph id in the cut one.
    new_ids: BTreeMap<u16, u16>,
}

fn cut_font(file: &FontFile, glyphs: &BTreeSet<u16>) -> Result<CutFont, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};

    let fail = |reason: String| {
        PdfError::Font(FontError::Embed {
            name: file.family.clone(),
            reason,
        })
    };
    let data = ReadScope::new(file.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| fail(e.to_string()))?;
    let provider = data
        .table_provider(file.index() as usize)
        .map_err(|e| fail(e.to_string()))?;
    // .notdef first, as the subsetter requires; each glyph keeps its place in this list.
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.iter().copied().filter(|&g| g != 0))
        .collect();
    let bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| fail(e.to_string()))?;
    let mut warnings = Vec::new();
    let parsed = printpdf::ParsedFont::from_bytes(&bytes, 0, &mut warnings)
        .ok_or_else(|| fail(format!("{warnings:?}")))?;
    let new_ids = ids
        .iter()
        .enumerate()
        .map(|(i, &g)| (g, i as u16))
        .collect();
    Ok(CutFont { parsed, new_ids })
}

fn date_timestamp(date: NaiveDate) -> printpdf::OffsetDateTime {
    let seconds = date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::epoch())
}

/// The finishing touches printpdf does not offer.
fn finish(doc: &mut pdf_lopdf::Document, outline: &[OutlineEntry], page_height: f32) {
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
                dict.set("Ascent", Object::Integer(EM_BOX_ASCENT));
                dict.set("Descent", Object::Integer(EM_BOX_DESCENT));
            }
        }
    }
    let Ok(catalog_id) = doc.trailer.get(b"Root").and_then(Object::as_reference) else {
        return;
    };
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let outlines = (!outline.is_empty())
        .then(|| build_outline(doc, outline, &page_ids, page_height))
        .flatten();
    if let Ok(catalog) = doc.get_dictionary_mut(catalog_id) {
        catalog.set(
            "Lang",
            Object::String(b"zh-CN".to_vec(), StringFormat::Literal),
        );
        if let Some(outlines) = outlines {
            catalog.set("Outlines", Object::Reference(outlines));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
}

/// Text strings in PDF: UTF-16BE with a byte-order mark.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Builds the outline tree (一、 over （一） over 1. …) and returns the root's id.
fn build_outline(
    doc: &mut pdf_lopdf::Document,
    entries: &[OutlineEntry],
    page_ids: &[ObjectId],
    page_height: f32,
) -> Option<ObjectId> {
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry of a smaller level.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&j| entries[j].level >= e.level) {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parents[i] == p).collect()
    };
    let mut dicts: Vec<Dictionary> = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let page = *page_ids.get(e.page)?;
        let mut d = Dictionary::new();
        d.set("Title", text_string(&e.title));
        d.set(
            "Parent",
            Object::Reference(parents[i].map_or(root, |p| ids[p])),
        );
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Real(0.0),
                Object::Real(page_height - e.top_pt),
                Object::Null,
            ]),
        );
        dicts.push(d);
    }
    let link = |dicts: &mut Vec<Dictionary>, siblings: &[usize]| {
        for (k, &i) in siblings.iter().enumerate() {
            if k > 0 {
                dicts[i].set("Prev", Object::Reference(ids[siblings[k - 1]]));
            }
            if let Some(&next) = siblings.get(k + 1) {
                dicts[i].set("Next", Object::Reference(ids[next]));
            }
        }
    };
    for i in 0..entries.len() {
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dicts[i].set("First", Object::Reference(ids[first]));
            dicts[i].set("Last", Object::Reference(ids[last]));
            // Open only the top level: a negative count shows the children closed.
            dicts[i].set("Count", Object::Integer(-(kids.len() as i64)));
        }
        link(&mut dicts, &kids);
    }
    let top = children(None);
    link(&mut dicts, &top);
    for (id, d) in ids.iter().zip(dicts) {
        doc.objects.insert(*id, Object::Dictionary(d));
    }
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", Object::Name(b"Outlines".to_vec()));
    root_dict.set("First", Object::Reference(ids[*top.first()?]));
    root_dict.set("Last", Object::Reference(ids[*top.last()?]));
    root_dict.set("Count", Object::Integer(top.len() as i64));
    doc.objects.insert(root, Object::Dictionary(root_dict));
    Some(root)
}
