//! PDF writer: realizes the document ([`crate::realize`]), lays the flow out
//! ([`crate::layout::lay_out`]) and writes the pages with printpdf, every font embedded as a subset with a ToUnicode map (text copies and searches as
//! Chinese), then finishes the file with lopdf: a nested outline (bookmarks) from the headings,
//! the document language (zh-CN), and one em-box metric for all fonts so a line mixing Chinese
//! and Latin reads back as one line. Numbered copies, marks and booklets are made from the
//! finished PDF by [`crate::press`].

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use pdf_lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Codepoint, FontId as PdfFontId, Line, LineCapStyle, LinePoint, Mm, Op, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem, TextMatrix, TextRenderingMode,
};
use rayon::prelude::*;

use crate::diag::Diagnostic;
use crate::document::Document;
use crate::fonts::{FontError, FontFile, FontId, FontSet};
use crate::geometry::{
    EM_BOX_ASCENT, EM_BOX_DESCENT, PAGE_HEIGHT_MM, PAGE_HEIGHT_PT, PAGE_WIDTH_MM,
};
use crate::guard;
use crate::layout::{lay_out_with, LayoutError, LayoutOptions, OutlineEntry, Pages, Rule};
use crate::realize::realize;

/// Every font descriptor states the CJK em box ([`EM_BOX_ASCENT`] above, [`EM_BOX_DESCENT`]
/// below the baseline, in 1/1000 em), so text extractors place Chinese and Latin glyphs of one
/// line on one line.
const DESCRIPTOR_ASCENT: i64 = (EM_BOX_ASCENT * 1000.0 + 0.5) as i64;
const DESCRIPTOR_DESCENT: i64 = -((EM_BOX_DESCENT * 1000.0 + 0.5) as i64);

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
) -> Result<(Vec<u8>, Vec<Diagnostic>), PdfError> {
    render_with(doc, fonts, LayoutOptions::default())
}

/// [`render_with_warnings`], laid out with `options`.
pub fn render_with(
    doc: &Document,
    fonts: &FontSet,
    options: LayoutOptions,
) -> Result<(Vec<u8>, Vec<Diagnostic>), PdfError> {
    let pages = lay_out_with(&realize(doc), fonts, options)?;
    let pdf = write_pages(doc, &pages, fonts)?;
    Ok((pdf, pages.warnings))
}

/// Writes laid-out pages as a PDF, with `doc`'s metadata.
pub fn write_pages(doc: &Document, pages: &Pages, fonts: &FontSet) -> Result<Vec<u8>, PdfError> {
    let mut lo = write_document(doc, pages, fonts)?;
    save(&mut lo)
}

/// Deflates what is not deflated yet and serialises the document.
pub fn save(lo: &mut pdf_lopdf::Document) -> Result<Vec<u8>, PdfError> {
    compress_streams(lo)?;
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// Writes laid-out pages as a lopdf document, finished and deflated.
fn write_document(
    doc: &Document,
    pages: &Pages,
    fonts: &FontSet,
) -> Result<pdf_lopdf::Document, PdfError> {
    let meta = &doc.meta;
    let mut pdf = PdfDocument::new(&meta.title.replace('\n', ""));
    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone().unwrap_or_default();
    info.subject = meta.subject.clone().unwrap_or_default();
    info.creator = "workreport".to_string();
    info.producer = format!("workreport {}", env!("CARGO_PKG_VERSION"));
    if let Some(date) = meta.report_date() {
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
    let mut registered: BTreeMap<FontId, (PdfFontId, printpdf::ParsedFont, BTreeMap<u16, u16>)> =
        BTreeMap::new();
    for (id, cut) in cut {
        let pdf_font = pdf.add_font(&cut.parsed);
        registered.insert(id, (pdf_font, cut.parsed, cut.new_ids));
    }

    let page_height = PAGE_HEIGHT_PT;
    let mut pdf_pages = Vec::with_capacity(pages.pages.len() + 1);
    for page in &pages.pages {
        let mut ops = vec![Op::StartTextSection];
        for run in &page.runs {
            let (font_id, parsed, new_ids) = &registered[&run.font];
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
            if let Some(first) = run.glyphs.first() {
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(
                        Pt(first.x_pt),
                        Pt(page_height - run.baseline_pt),
                    ),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(positioned_glyphs(run, parsed, new_ids))],
                });
            }
            if run.fake_bold {
                ops.push(Op::SetTextRenderingMode {
                    mode: TextRenderingMode::Fill,
                });
            }
        }
        ops.push(Op::EndTextSection);
        rule_ops(&page.rules, page_height, &mut ops);
        pdf_pages.push(PdfPage::new(Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM), ops));
    }
    pdf.with_pages(pdf_pages);

    // The fonts are cut already: printpdf embeds them as they are (cutting again would
    // cost a second subset and parse per font), and `finish` adds the subset tags.
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
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
    if meta.report_date().is_none() {
        drop_dates(&mut lo);
    }
    finish(&mut lo, &pages.outline, page_height);
    // Freeing printpdf's document (parsed fonts, outline caches) takes a millisecond: do
    // it while the streams are deflated.
    let (_, compressed) = rayon::join(|| drop((pdf, registered)), || compress_streams(&mut lo));
    compressed?;
    Ok(lo)
}

/// Strokes a page's rules (a table's grid) in black, each at its width, with projecting caps so
/// that the rules close at the corners.
fn rule_ops(rules: &[Rule], page_height: f32, ops: &mut Vec<Op>) {
    if rules.is_empty() {
        return;
    }
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetLineCapStyle {
        cap: LineCapStyle::ProjectingSquare,
    });
    let mut width = None;
    for rule in rules {
        if width != Some(rule.width_pt) {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(rule.width_pt),
            });
            width = Some(rule.width_pt);
        }
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(page_height - y),
            },
            bezier: false,
        };
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(rule.from), point(rule.to)],
                is_closed: false,
            },
        });
    }
    ops.push(Op::RestoreGraphicsState);
}

/// A run's glyphs for one TJ: each glyph's offset (in 1/1000 em, as TJ numbers) moves the
/// pen from where the glyph's /W advance leaves it to the next glyph's x. The arithmetic is
/// printpdf's own for merging one-glyph shows on a baseline (its widths, f64 pen, f32
/// kerns), so the stream is the one the one-glyph-per-show ops were serialised to, with
/// ten times fewer ops to build and translate.
fn positioned_glyphs(
    run: &crate::layout::page::GlyphRun,
    font: &printpdf::ParsedFont,
    new_ids: &BTreeMap<u16, u16>,
) -> Vec<Codepoint> {
    let units_per_em = font.pdf_font_metrics.units_per_em as f32;
    let width = |gid: u16| -> i64 {
        font.get_or_decode_glyph(gid).map_or(0, |g| {
            (g.horz_advance as f32 * 1000.0 / units_per_em) as i64
        })
    };
    let size = f64::from(run.size_pt);
    let Some(x0) = run.glyphs.first().map(|g| f64::from(g.x_pt)) else {
        return Vec::new();
    };
    let mut pen = 0.0f64;
    let mut glyphs: Vec<Codepoint> = Vec::with_capacity(run.glyphs.len());
    for g in &run.glyphs {
        if let Some(previous) = glyphs.last_mut() {
            let kern = (pen - (f64::from(g.x_pt) - x0) * 1000.0 / size) as f32;
            if kern != 0.0 {
                previous.offset = kern;
                pen -= f64::from(kern);
            }
        }
        let gid = new_ids[&g.glyph_id];
        glyphs.push(Codepoint::with_cid(gid, 0.0, g.text.to_string()));
        pen += width(gid) as f64;
    }
    glyphs
}

/// A font cut to the glyphs a document uses.
struct CutFont {
    parsed: printpdf::ParsedFont,
    /// Glyph id in the whole font -> glyph id in the cut one.
    new_ids: BTreeMap<u16, u16>,
}

fn cut_font(file: &FontFile, glyphs: &BTreeSet<u16>) -> Result<CutFont, PdfError> {
    let (bytes, ids) = file.subset(glyphs)?;
    // printpdf parses the subset and reads every used glyph's advance (the /W array, the kerns
    // of merged runs) through a lazily filled outline cache that its clones share; filling it
    // here decodes the CFF outlines on all cores instead of one. Its decoders see the clerk's
    // font data, so a panic in them is the font's fault and is said so.
    let parsed = guard::catch(|| {
        let mut warnings = Vec::new();
        printpdf::ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| format!("无法解析字形子集：{warnings:?}"))
    })
    .map_err(|panic| format!("解析字形子集时出错：{panic}"))
    .and_then(|parsed| parsed)
    .map_err(|reason| file.unusable(reason))?;
    let decoded: Result<Vec<()>, String> = (0..ids.len() as u16)
        .into_par_iter()
        .map(|g| guard::catch(|| drop(parsed.get_or_decode_glyph(g))))
        .collect();
    decoded.map_err(|panic| file.unusable(format!("读取字形时出错：{panic}")))?;
    let new_ids = ids
        .iter()
        .enumerate()
        .map(|(i, &g)| (g, i as u16))
        .collect();
    Ok(CutFont { parsed, new_ids })
}

/// Removes the creation and modification dates of a report that has no date: printpdf would
/// write 1970-01-01, a date the report never had; a PDF may leave them out (ISO 32000-1, 14.3.3).
fn drop_dates(lo: &mut pdf_lopdf::Document) {
    let Ok(info) = lo.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(dict) = lo.get_dictionary_mut(info) {
        dict.remove(b"CreationDate");
        dict.remove(b"ModDate");
    }
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
    tag_subset_fonts(doc);
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
                dict.set("Ascent", Object::Integer(DESCRIPTOR_ASCENT));
                dict.set("Descent", Object::Integer(DESCRIPTOR_DESCENT));
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

/// Names every embedded font `XXXXXX+Name` (ISO 32000-1, 9.6.4): the programs are cut to
/// the used glyphs before printpdf sees them, so printpdf embeds them as whole fonts and
/// leaves the tag off. The tag is derived from the name and the program bytes, so the same
/// cut gets the same tag in every build.
fn tag_subset_fonts(doc: &mut pdf_lopdf::Document) {
    // Descriptor id -> tagged name.
    let mut tagged: BTreeMap<ObjectId, Vec<u8>> = BTreeMap::new();
    for (&id, object) in &doc.objects {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let Ok(name) = dict.get(b"FontName").and_then(Object::as_name) else {
            continue;
        };
        if name.get(6) == Some(&b'+') {
            continue;
        }
        let program = [b"FontFile2".as_slice(), b"FontFile3", b"FontFile"]
            .iter()
            .find_map(|key| dict.get(key).and_then(Object::as_reference).ok())
            .and_then(|r| doc.objects.get(&r))
            .and_then(|o| o.as_stream().ok())
            .map_or(&[][..], |s| s.content.as_slice());
        let mut name_tagged = subset_tag(name, program).to_vec();
        name_tagged.push(b'+');
        name_tagged.extend_from_slice(name);
        tagged.insert(id, name_tagged);
    }
    let descriptor_of = |dict: &Dictionary| {
        dict.get(b"FontDescriptor")
            .and_then(Object::as_reference)
            .ok()
            .and_then(|r| tagged.get(&r))
    };
    // The composite font takes its descendant's name; descendants are written inline.
    for (id, object) in doc.objects.iter_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        if let Some(name) = tagged.get(id) {
            dict.set("FontName", Object::Name(name.clone()));
            continue;
        }
        if let Some(name) = descriptor_of(dict) {
            dict.set("BaseFont", Object::Name(name.clone()));
        }
        let Ok(descendants) = dict
            .get_mut(b"DescendantFonts")
            .and_then(Object::as_array_mut)
        else {
            continue;
        };
        let mut composite_name = None;
        for descendant in descendants.iter_mut() {
            if let Object::Dictionary(d) = descendant {
                if let Some(name) = descriptor_of(d) {
                    d.set("BaseFont", Object::Name(name.clone()));
                    composite_name = Some(name.clone());
                }
            }
        }
        if let Some(name) = composite_name {
            dict.set("BaseFont", Object::Name(name));
        }
    }
}

/// Six capital letters from a hash (FNV-1a over 8-byte words) of a font's name and program.
fn subset_tag(name: &[u8], program: &[u8]) -> [u8; 6] {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for bytes in [name, program] {
        let words = bytes.chunks_exact(8);
        let rest = words.remainder();
        for word in words.chain([rest]) {
            let mut padded = [0u8; 8];
            padded[..word.len()].copy_from_slice(word);
            hash = (hash ^ u64::from_le_bytes(padded)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    // Fold the high bits in: the multiply pushes the words' differences upwards.
    hash ^= hash >> 29;
    let mut tag = [0u8; 6];
    for letter in &mut tag {
        *letter = b'A' + (hash % 26) as u8;
        hash /= 26;
    }
    tag
}

/// Deflate level of every stream. The font programs (most of the file) barely compress;
/// on the sample, level 6 takes two thirds of level 9's time for a file 0.4 % larger,
/// while level 1 (static codes only) makes it a fifth larger.
const DEFLATE_LEVEL: u32 = 6;

/// Streams are deflated in pieces of this size, on all cores; each piece but the last
/// ends on a byte-aligned sync flush, so the pieces join into one deflate stream.
const DEFLATE_PIECE: usize = 64 * 1024;

/// Deflates every stream that may be compressed and is not yet (what lopdf's `compress`
/// does, but in parallel and at [`DEFLATE_LEVEL`]).
fn compress_streams(doc: &mut pdf_lopdf::Document) -> Result<(), PdfError> {
    let mut streams: Vec<&mut pdf_lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let pieces: Vec<(usize, &[u8], bool)> = streams
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let n = s.content.len().div_ceil(DEFLATE_PIECE).max(1);
            s.content
                .chunks(DEFLATE_PIECE)
                .chain((s.content.is_empty()).then_some(&[][..]))
                .enumerate()
                .map(move |(k, piece)| (i, piece, k + 1 == n))
        })
        .collect();
    let deflated: Vec<(usize, Vec<u8>)> = pieces
        .par_iter()
        .map(|&(i, piece, last)| deflate_raw(piece, last).map(|d| (i, d)))
        .collect::<Result<_, _>>()?;
    let mut joined: Vec<Vec<u8>> = streams
        .iter()
        .map(|s| {
            let mut z = Vec::with_capacity(s.content.len() / 2 + 16);
            z.extend_from_slice(&zlib_header(DEFLATE_LEVEL));
            z
        })
        .collect();
    for (i, piece) in deflated {
        joined[i].extend_from_slice(&piece);
    }
    for (stream, mut z) in streams.iter_mut().zip(joined) {
        z.extend_from_slice(&adler32(&stream.content).to_be_bytes());
        // As lopdf: keep a stream raw when deflating does not pay for the filter entry.
        if z.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(z);
        }
    }
    Ok(())
}

/// Raw deflate of one piece of a stream: finished when `last`, else ending on a sync flush.
fn deflate_raw(piece: &[u8], last: bool) -> Result<Vec<u8>, PdfError> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut deflater = Compress::new(Compression::new(DEFLATE_LEVEL), false);
    let mut out = Vec::with_capacity(piece.len() + piece.len() / 16 + 64);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    loop {
        let read = deflater.total_in() as usize;
        let status = deflater
            .compress_vec(&piece[read..], &mut out, flush)
            .map_err(|e| PdfError::Write(e.to_string()))?;
        let all_read = deflater.total_in() as usize == piece.len();
        // Done: the stream is finished, or (sync) all input is in and output had room.
        if status == Status::StreamEnd || (!last && all_read && out.len() < out.capacity()) {
            return Ok(out);
        }
        out.reserve(out.capacity().max(64));
    }
}

/// The two-byte zlib header (deflate, 32 KB window) announcing `level`.
fn zlib_header(level: u32) -> [u8; 2] {
    let flevel: u8 = match level {
        0 | 1 => 0,
        2..=5 => 1,
        6 => 2,
        _ => 3,
    };
    let cmf = 0x78u8;
    let flg = flevel << 6;
    let check = 31 - ((u16::from(cmf) * 256 + u16::from(flg)) % 31);
    [cmf, flg | (check % 31) as u8]
}

/// The zlib trailer's checksum.
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that can be summed before `b` could overflow.
    for block in data.chunks(5552) {
        for &byte in block {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adler32_matches_the_zlib_reference() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(b""), 1);
    }

    #[test]
    fn streams_deflated_in_pieces_inflate_to_their_content() {
        // Larger than several pieces, partly repetitive so deflating pays.
        let big: Vec<u8> = (0..(3 * DEFLATE_PIECE + 1234))
            .map(|i| ((i * 7919) % 251) as u8 ^ ((i / 300) % 3) as u8)
            .collect();
        let small = b"BT /F1 12 Tf 1 0 0 1 90 700 Tm [<0001> -20 <0002>] TJ ET ".repeat(40);
        let mut doc = pdf_lopdf::Document::new();
        let ids: Vec<ObjectId> = [big.clone(), small.clone()]
            .into_iter()
            .map(|content| {
                doc.add_object(Object::Stream(pdf_lopdf::Stream::new(
                    Dictionary::new(),
                    content,
                )))
            })
            .collect();
        compress_streams(&mut doc).unwrap();
        for (id, original) in ids.iter().zip([big, small]) {
            let stream = doc.get_object(*id).unwrap().as_stream().unwrap();
            assert_eq!(
                stream.dict.get(b"Filter").unwrap().as_name().unwrap(),
                b"FlateDecode"
            );
            assert!(stream.content.len() < original.len());
            assert_eq!(stream.decompressed_content().unwrap(), original);
        }
    }

    #[test]
    fn subset_tags_are_six_capitals_and_follow_the_program() {
        let a = subset_tag(b"FandolFang-Regular", b"program one");
        assert!(a.iter().all(u8::is_ascii_uppercase));
        assert_eq!(a, subset_tag(b"FandolFang-Regular", b"program one"));
        assert_ne!(a, subset_tag(b"FandolFang-Regular", b"program two"));
    }
}
