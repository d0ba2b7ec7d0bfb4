//! The document model: what every writer consumes.
//!
//! A report is a title block ([`Meta`]) and a flat run of [`Block`]s. It is deliberately small and
//! typographically neutral: it says *what* a piece of text is (title, a level-2 heading, a body
//! paragraph), never how it looks. How each element looks is decided once, in [`crate::style`];
//! [`crate::realize`] applies it, turning the model into the flow every writer prints
//! (`crate::write::*`). The model is built from Markdown by
//! [`crate::markdown::parse`], so a report composed from facts and a report a clerk edited by hand
//! reach the writers the same way.

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

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// A heading; `level` 1 is 一、, 2 is （一）, 3 is 1., 4 is （1）. The number is part of the
    /// text, as the composer wrote it.
    Heading { level: u8, text: Inlines },
    /// A body paragraph: indented two characters, justified.
    Paragraph(Inlines),
    /// A list; each item is one paragraph, printed after its marker ("1." or "·", see
    /// [`list_marker`]).
    List {
        /// `Some(n)`: numbered from `n`; `None`: bullets.
        start: Option<u64>,
        items: Vec<Inlines>,
    },
    /// A table in the body face.
    Table(Table),
    /// A forced page break.
    PageBreak,
}

/// A run of styled text. Hard line breaks inside a paragraph are kept as `'\n'` in a span.
pub type Inlines = Vec<Span>;

/// A piece of text with one style.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub text: String,
    pub strong: bool,
    pub emphasis: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
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
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// The plain text of a run of inlines, styles dropped.
pub fn plain_text(inlines: &[Span]) -> String {
    inlines.iter().map(|s| s.text.as_str()).collect()
}

impl Block {
    /// A body paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph(vec![Span::plain(text)])
    }

    /// A heading of plain text at `level` (1 is 一、).
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            text: vec![Span::plain(text)],
        }
    }

    /// The plain text of this block as a reader sees it, one string per printed paragraph
    /// (list items carry their markers; table cells are joined row by row with tabs).
    pub fn paragraphs(&self) -> Vec<String> {
        match self {
            Block::Heading { text, .. } | Block::Paragraph(text) => vec![plain_text(text)],
            Block::List { start, items } => items
                .iter()
                .enumerate()
                .map(|(i, item)| format!("{}{}", list_marker(*start, i), plain_text(item)))
                .collect(),
            Block::Table(t) => std::iter::once(&t.header)
                .chain(t.rows.iter())
                .map(|row| {
                    row.iter()
                        .map(|c| plain_text(c))
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect(),
            Block::PageBreak => Vec::new(),
        }
    }
}

/// The marker printed before list item `index` (0-based): "1." style for numbered lists,
/// a middle dot for bullets.
pub fn list_marker(start: Option<u64>, index: usize) -> String {
    match start {
        Some(n) => format!("{}.", n + index as u64),
        None => "·".to_string(),
    }
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
        out.push(m.title.clone());
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

    /// Headings in order, for outlines and bookmarks: (level, text).
    pub fn outline(&self) -> Vec<(u8, String)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } => Some((*level, plain_text(text))),
                _ => None,
            })
            .collect()
    }
}
