//! The document model: what every writer consumes.
//!
//! A report is a title block ([`Meta`]) and a run of [`Block`]s. It is deliberately small and
//! typographically neutral: it says *what* a piece of text is (title, a part of the report, a
//! level-2 heading, a body paragraph, a nested list item), never how it looks. How each element
//! looks is decided once, in [`crate::style`]; [`crate::realize`] applies it, turning the model
//! into the flow every writer prints (`crate::write::*`). The model is built from Markdown by
//! [`crate::markdown::parse`], so a report composed from facts, a report a clerk edited by hand
//! and a report imported from Word reach the writers the same way.
//!
//! Every block and span read from Markdown remembers where it stood in the source ([`Origin`],
//! [`TextOrigin`]), so that a finding about its text (a proofreading rule, a character no font
//! has) can point at REPORT.md:line:column. Where text came from is not what a document says:
//! origins are equal to each other, so a parsed document equals the same document built by hand.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

/// A whole report, ready to be written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// The document-level parts that stand outside the body, in the order they are printed on the
/// first page, plus the properties a DOCX or PDF carries as metadata.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Meta {
    /// 会议文件标识, top left of the first page, e.g. 青石镇第五届人民代表大会第五次会议文件（二）.
    pub session_mark: Option<String>,
    /// 征求意见稿 / 审议稿 / 草稿, top right of the first page.
    pub draft_mark: Option<String>,
    /// 标题, e.g. 青石镇人民代表大会主席团工作报告.
    pub title: String,
    /// 副标题, starting with ——, e.g. ——在青石镇第五届人民代表大会第五次会议上.
    pub subtitle: Option<String>,
    /// The speaker line, e.g. 镇人大主席　李明.
    pub speaker: Option<String>,
    /// The date line as printed, e.g. （2025年1月8日）.
    pub date_line: Option<String>,
    /// 称谓, e.g. 各位代表：, flush left before the body.
    pub salutation: Option<String>,
    /// Author for document properties: the presidium, e.g. 青石镇人民代表大会主席团.
    pub author: Option<String>,
    /// Subject for document properties, e.g. 2024年工作报告.
    pub subject: Option<String>,
    /// The report date (creation date in the document properties).
    pub date: Option<NaiveDate>,
    /// The year the report is about, and its kind (annual …): they name the output files.
    pub year: Option<i32>,
    pub kind: Option<String>,
}

impl Meta {
    /// The report's date: 日期, or else the date its date line prints (（2025年1月8日）).
    pub fn report_date(&self) -> Option<NaiveDate> {
        self.date
            .or_else(|| self.date_line.as_deref().and_then(date_in))
    }
}

/// The first date written 2025年1月8日 in `text`.
fn date_in(text: &str) -> Option<NaiveDate> {
    let digits = |s: &str| -> Option<(u32, usize)> {
        let n = s.chars().take_while(char::is_ascii_digit).count();
        Some((s[..n].parse().ok()?, n))
    };
    text.char_indices().find_map(|(i, _)| {
        let rest = &text[i..];
        let (year, n) = digits(rest)?;
        let rest = rest[n..].strip_prefix('年')?;
        let (month, n) = digits(rest)?;
        let rest = rest[n..].strip_prefix('月')?;
        let (day, n) = digits(rest)?;
        rest[n..].strip_prefix('日')?;
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
    })
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    Heading(Heading),
    /// A body paragraph: indented two characters, justified.
    Paragraph(Paragraph),
    /// A list, maybe with lists nested in its items.
    List(List),
    /// A table in the body face.
    Table(Table),
    /// A forced page break.
    PageBreak(#[serde(skip)] Origin),
}

/// A heading. Its number (一、 （一） 1. （1）) is part of its text, as the clerk wrote it, and
/// decides its level ([`crate::numbering`]), not the Markdown's `#` depth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    /// 1 is 一、, 2 is （一）, 3 is 1., 4 is （1）. A part is level 1.
    pub level: u8,
    pub kind: HeadingKind,
    pub text: Inlines,
    #[serde(skip)]
    pub origin: Origin,
}

/// Where a heading stands in the report's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum HeadingKind {
    /// A heading of the numbered structure 一、 → （一） → 1. → （1） at its level (an unnumbered
    /// heading among them takes the level its place gives it).
    Section,
    /// An unnumbered part of the report above its numbered sections, such as 2024年工作回顾 over
    /// 一、…… (what a Word file's Heading 1 without a number usually is): set as a level-1
    /// heading, first in the outline with the sections under it.
    Part,
}

/// A body paragraph.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Paragraph {
    pub text: Inlines,
    #[serde(skip)]
    pub origin: Origin,
}

/// A list: its items in order. Each item is printed as a paragraph after its marker, and the
/// lists nested in it under it, one level further in.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct List {
    pub items: Vec<ListItem>,
    #[serde(skip)]
    pub origin: Origin,
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ListItem {
    /// The number the clerk gave the item (3 for “3.”), printed as given; `None`: a bullet.
    pub number: Option<u64>,
    pub text: Inlines,
    /// Lists nested in this item, in order.
    pub lists: Vec<List>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A run of styled text. Hard line breaks inside a paragraph are kept as `'\n'` in a span.
pub type Inlines = Vec<Span>;

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub emphasis: bool,
    #[serde(skip)]
    pub origin: TextOrigin,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }

    /// Strong text (`**…**`).
    pub fn strong(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            strong: true,
            ..Span::default()
        }
    }
}

/// A table: one header row and body rows, each cell a run of inlines.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Table {
    pub align: Vec<Align>,
    pub header: Vec<Inlines>,
    pub rows: Vec<Vec<Inlines>>,
    #[serde(skip)]
    pub origin: Origin,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// Where a block came from: its byte range in the Markdown it was read from (none for a block
/// made in code). Equal to every other origin (see the module's comment).
#[derive(Debug, Clone, Default)]
pub struct Origin(pub Option<Range<usize>>);

impl Origin {
    pub fn new(range: Range<usize>) -> Origin {
        Origin(Some(range))
    }

    pub fn range(&self) -> Option<Range<usize>> {
        self.0.clone()
    }
}

impl PartialEq for Origin {
    fn eq(&self, _: &Origin) -> bool {
        true
    }
}

impl Eq for Origin {}

/// Where the text of a span came from in the Markdown it was read from: for each piece of the
/// text, the source bytes that gave it. A piece's source is longer than its text where an
/// escape (`\*`) or an entity (`&amp;`) stood; the pieces of one span leave gaps where markup
/// stood between them. Equal to every other text origin (see the module's comment).
#[derive(Debug, Clone, Default)]
pub struct TextOrigin {
    pieces: Vec<OriginPiece>,
}

#[derive(Debug, Clone)]
struct OriginPiece {
    /// Bytes of the span's text.
    text: Range<usize>,
    /// Bytes of the source.
    source: Range<usize>,
}

impl TextOrigin {
    /// `text` (byte range of the span's text) came from `source` (byte range of the file).
    pub fn push(&mut self, text: Range<usize>, source: Range<usize>) {
        self.pieces.push(OriginPiece { text, source });
    }

    /// Whether nothing is known about where the text came from.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The source bytes the whole text came from, markup between its pieces included.
    pub fn range(&self) -> Option<Range<usize>> {
        let first = self.pieces.first()?;
        let last = self.pieces.last()?;
        Some(first.source.start..last.source.end)
    }

    /// Where byte `at` of the span's text came from: exactly, inside a piece copied from the
    /// source as it stands; the start of the piece's source otherwise (an escape, an entity, a
    /// line break that joined two lines).
    pub fn source_offset(&self, at: usize) -> Option<usize> {
        let piece = self
            .pieces
            .iter()
            .rev()
            .find(|p| p.text.start <= at)
            .or(self.pieces.first())?;
        let into = at.saturating_sub(piece.text.start);
        Some(
            if piece.text.len() == piece.source.len() && into < piece.text.len() {
                piece.source.start + into
            } else {
                piece.source.start
            },
        )
    }

    /// This origin after `other`'s text was appended to a text of `len` bytes.
    pub fn append(&mut self, len: usize, other: &TextOrigin) {
        self.pieces.extend(other.pieces.iter().map(|p| OriginPiece {
            text: p.text.start + len..p.text.end + len,
            source: p.source.clone(),
        }));
    }

    /// This origin after the first `n` bytes of the text were removed.
    pub fn remove_front(&mut self, n: usize) {
        self.pieces.retain(|p| p.text.end > n);
        for p in &mut self.pieces {
            let cut = n.saturating_sub(p.text.start);
            // A piece cut inside keeps an exact source only where it was copied as it stands.
            if cut > 0 && p.text.len() == p.source.len() {
                p.source.start += cut;
            }
            p.text = p.text.start.max(n) - n..p.text.end - n;
        }
    }

    /// This origin after the text was cut to its first `len` bytes.
    pub fn truncate(&mut self, len: usize) {
        self.pieces.retain(|p| p.text.start < len);
        for p in &mut self.pieces {
            if p.text.end > len {
                if p.text.len() == p.source.len() {
                    p.source.end -= p.text.end - len;
                }
                p.text.end = len;
            }
        }
    }
}

impl PartialEq for TextOrigin {
    fn eq(&self, _: &TextOrigin) -> bool {
        true
    }
}

impl Eq for TextOrigin {}

/// The plain text of a run of inlines, styles dropped.
pub fn plain_text(inlines: &[Span]) -> String {
    inlines.iter().map(|s| s.text.as_str()).collect()
}

/// Where a run of inlines came from: from the first span's source to the last one's.
pub fn inlines_range(inlines: &[Span]) -> Option<Range<usize>> {
    let mut ranges = inlines.iter().filter_map(|s| s.origin.range());
    let first = ranges.next()?;
    let end = ranges.next_back().map_or(first.end, |r| r.end);
    Some(first.start..end)
}

impl Block {
    /// A body paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph(Paragraph {
            text: vec![Span::plain(text)],
            origin: Origin::default(),
        })
    }

    /// A numbered section's heading of plain text at `level` (1 is 一、).
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading(Heading {
            level,
            kind: HeadingKind::Section,
            text: vec![Span::plain(text)],
            origin: Origin::default(),
        })
    }

    /// A part's heading of plain text (2024年工作回顾).
    pub fn part(text: impl Into<String>) -> Block {
        Block::Heading(Heading {
            level: 1,
            kind: HeadingKind::Part,
            text: vec![Span::plain(text)],
            origin: Origin::default(),
        })
    }

    /// The plain text of this block as a reader sees it, one string per printed paragraph
    /// (list items carry their markers, nested items follow their item; table cells are joined
    /// row by row with tabs).
    pub fn paragraphs(&self) -> Vec<String> {
        match self {
            Block::Heading(Heading { text, .. }) | Block::Paragraph(Paragraph { text, .. }) => {
                vec![plain_text(text)]
            }
            Block::List(list) => {
                let mut out = Vec::new();
                list.visit(0, &mut |item, _| {
                    out.push(format!(
                        "{}{}",
                        list_marker(item.number),
                        plain_text(&item.text)
                    ))
                });
                out
            }
            Block::Table(t) => std::iter::once(&t.header)
                .chain(t.rows.iter())
                .map(|row| {
                    row.iter()
                        .map(|c| plain_text(c))
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect(),
            Block::PageBreak(_) => Vec::new(),
        }
    }

    /// Where this block came from in its Markdown source.
    pub fn origin(&self) -> &Origin {
        match self {
            Block::Heading(h) => &h.origin,
            Block::Paragraph(p) => &p.origin,
            Block::List(l) => &l.origin,
            Block::Table(t) => &t.origin,
            Block::PageBreak(origin) => origin,
        }
    }
}

impl From<Inlines> for Paragraph {
    fn from(text: Inlines) -> Paragraph {
        Paragraph {
            text,
            origin: Origin::default(),
        }
    }
}

impl List {
    /// A list of plain-text items numbered from `start`, or bullets for `None`.
    pub fn plain(start: Option<u64>, items: &[&str]) -> List {
        List {
            items: items
                .iter()
                .zip(0..)
                .map(|(text, i)| ListItem {
                    number: start.map(|n| n + i),
                    text: vec![Span::plain(*text)],
                    ..ListItem::default()
                })
                .collect(),
            origin: Origin::default(),
        }
    }

    /// Calls `f` on every item in reading order, each item before the lists nested in it, with
    /// its depth (0 for this list's own items).
    pub fn visit<'a>(&'a self, depth: usize, f: &mut impl FnMut(&'a ListItem, usize)) {
        for item in &self.items {
            f(item, depth);
            for list in &item.lists {
                list.visit(depth + 1, f);
            }
        }
    }
}

/// The marker printed before a list item: its number with a full stop (“3.”), or a middle dot
/// for a bullet.
pub fn list_marker(number: Option<u64>) -> String {
    match number {
        Some(n) => format!("{n}."),
        None => "·".to_string(),
    }
}

/// The level of each heading of `blocks` in the outline (bookmarks, Word's navigation pane), in
/// order: a part is 1; a section is its level, one deeper once a part has opened above it.
pub fn outline_levels(blocks: &[Block]) -> Vec<u8> {
    let mut under_part = false;
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(match h.kind {
                HeadingKind::Part => {
                    under_part = true;
                    1
                }
                HeadingKind::Section => h.level.clamp(1, 4) + u8::from(under_part),
            }),
            _ => None,
        })
        .collect()
}

impl Document {
    /// Every printed paragraph of the document in reading order, title block first: the text a
    /// DOCX or PDF must carry, used by the tests that read the artefacts back.
    pub fn paragraphs(&self) -> Vec<String> {
        let m = &self.meta;
        let mut out: Vec<String> = Vec::new();
        out.extend(
            [&m.session_mark, &m.draft_mark]
                .into_iter()
                .flatten()
                .cloned(),
        );
        if !m.title.trim().is_empty() {
            out.push(m.title.clone());
        }
        out.extend(
            [&m.subtitle, &m.speaker, &m.date_line, &m.salutation]
                .into_iter()
                .flatten()
                .cloned(),
        );
        for b in &self.blocks {
            out.extend(b.paragraphs());
        }
        out
    }

    /// Every span of the body in reading order (headings, paragraphs, list items, table cells).
    pub fn spans(&self) -> Vec<&Span> {
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Heading(Heading { text, .. }) | Block::Paragraph(Paragraph { text, .. }) => {
                    out.extend(text)
                }
                Block::List(list) => list.visit(0, &mut |item, _| out.extend(&item.text)),
                Block::Table(t) => out.extend(
                    std::iter::once(&t.header)
                        .chain(&t.rows)
                        .flatten()
                        .flatten(),
                ),
                Block::PageBreak(_) => {}
            }
        }
        out
    }

    /// Headings in order, for outlines and bookmarks: (outline level, text).
    pub fn outline(&self) -> Vec<(u8, String)> {
        let headings = self.blocks.iter().filter_map(|b| match b {
            Block::Heading(h) => Some(plain_text(&h.text)),
            _ => None,
        });
        outline_levels(&self.blocks)
            .into_iter()
            .zip(headings)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin_of(pieces: &[(Range<usize>, Range<usize>)]) -> TextOrigin {
        let mut o = TextOrigin::default();
        for (t, s) in pieces {
            o.push(t.clone(), s.clone());
        }
        o
    }

    #[test]
    fn a_text_offset_maps_to_its_source_byte() {
        // "ab*c" from "ab\*c" at 10: "ab" copied at 10, "*c" copied at 13 (after the backslash).
        let o = origin_of(&[(0..2, 10..12), (2..4, 13..15)]);
        assert_eq!(o.source_offset(1), Some(11));
        assert_eq!(o.source_offset(2), Some(13));
        assert_eq!(o.source_offset(3), Some(14));
        assert_eq!(o.range(), Some(10..15));
        // An entity: "&" from "&amp;" maps to the entity's start.
        let o = origin_of(&[(0..1, 4..9)]);
        assert_eq!(o.source_offset(0), Some(4));
    }

    #[test]
    fn origins_follow_appends_and_trims() {
        let mut o = origin_of(&[(0..3, 0..3)]);
        o.append(3, &origin_of(&[(0..3, 10..13)]));
        assert_eq!(o.source_offset(4), Some(11));
        // "  abc" → "abc": the text moved two bytes to the front.
        let mut o = origin_of(&[(0..5, 20..25)]);
        o.remove_front(2);
        assert_eq!(o.source_offset(0), Some(22));
        o.truncate(2);
        assert_eq!(o.range(), Some(22..24));
    }

    #[test]
    fn the_report_date_falls_back_on_the_date_line() {
        let mut meta = Meta {
            date_line: Some("（2025年1月8日）".into()),
            ..Meta::default()
        };
        assert_eq!(meta.report_date(), NaiveDate::from_ymd_opt(2025, 1, 8));
        meta.date = NaiveDate::from_ymd_opt(2025, 2, 1);
        assert_eq!(meta.report_date(), meta.date);
        assert_eq!(Meta::default().report_date(), None);
    }

    #[test]
    fn origins_do_not_take_part_in_equality() {
        let mut a = Span::plain("字");
        a.origin.push(0..3, 7..10);
        assert_eq!(a, Span::plain("字"));
    }

    #[test]
    fn parts_open_the_outline_and_sections_nest_under_them() {
        let doc = Document {
            blocks: vec![
                Block::heading(1, "一、前言"),
                Block::part("2024年工作回顾"),
                Block::heading(1, "一、依法履职"),
                Block::heading(2, "（一）召开会议"),
                Block::part("2025年工作任务"),
            ],
            ..Document::default()
        };
        let levels: Vec<u8> = doc.outline().into_iter().map(|(l, _)| l).collect();
        assert_eq!(levels, [1, 1, 2, 3, 1]);
    }

    #[test]
    fn nested_items_follow_their_item_with_their_own_numbers() {
        let mut list = List::plain(Some(2), &["甲", "乙"]);
        list.items[0].lists.push(List::plain(None, &["子"]));
        assert_eq!(Block::List(list).paragraphs(), ["2.甲", "·子", "3.乙"]);
    }
}
