//! The realized flow: a report as the sequence of styled paragraphs, tables and page breaks
//! that every writer prints, one to one.
//!
//! [`crate::realize`] makes it from the document model, deciding once what both the DOCX
//! writer and the PDF layout would otherwise decide apart: which element each paragraph is, the
//! face and weight of every run, where a balanced title breaks, the blank grid lines between
//! elements, what keeps with what follows, the outline level, and a table's column widths,
//! header row and rules. The writers only carry these out in their format: the DOCX writer as
//! styles and runs, the PDF layout ([`crate::layout`]) by breaking lines and filling pages.
//!
//! The types say what is decided, not how a format expresses it: lengths are points, blank space
//! is counted in lines of the 22-line grid, looks are [`Element`]s of [`crate::style`].

use crate::style::{Alignment, Element, Face};

/// A realized report, first page first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Flow {
    pub items: Vec<Item>,
}

/// One item of the flow.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Paragraph(Paragraph),
    Table(Table),
    /// The next item starts a new page.
    PageBreak,
}

/// A paragraph: one element, its lines of runs, and how it sits among its neighbours.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// What the paragraph is; its face, size, alignment and indent are `element.style()`.
    pub element: Element,
    /// The lines the paragraph must start: one for most paragraphs, one per balanced line of a
    /// long title, one per hard line break. A writer breaks a line further only where it does
    /// not fit; the first line takes the element's first-line indent.
    pub lines: Vec<Line>,
    /// A list item's marker ("1." or "·"), printed before the first line in the paragraph's
    /// look, with no gap.
    pub marker: Option<String>,
    /// The whole paragraph stands this many characters (of its size, on the grid) in from the
    /// left edge of the type area; the first line takes the element's first-line indent on top.
    /// A nested list item is two characters further in for each level.
    pub left_indent_chars: u32,
    /// A second element set flush right in this paragraph: the draft mark beside or under the
    /// session mark.
    pub tail: Option<Tail>,
    /// Blank grid lines between this paragraph and the item before it: the only blank space
    /// between items, decided once (the title block's rhythm, see [`crate::realize`]), so no
    /// writer adds one paragraph's space after to the next one's space before.
    pub blank_lines_before: u32,
    /// Never the last line of a page: a heading stays with what follows it.
    pub keep_with_next: bool,
    /// Level in the outline (bookmarks, Word's navigation pane): 1 is the top (a part of the
    /// report, or 一、 in a report without parts), each numbered level one deeper.
    pub outline_level: Option<u8>,
}

/// Runs printed one after another on a line.
pub type Line = Vec<Run>;

/// Text in one face and weight. The size is the paragraph's; the text holds no line break
/// (lines are [`Paragraph::lines`]) but may hold a tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub face: Face,
    pub bold: bool,
}

/// An element set flush right at the end of a paragraph, in its own look.
#[derive(Debug, Clone, PartialEq)]
pub struct Tail {
    pub element: Element,
    pub runs: Vec<Run>,
    pub placement: TailPlacement,
}

/// Where a [`Tail`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TailPlacement {
    /// At the right end of the paragraph's last line.
    Beside,
    /// Flush right on a line of its own under the paragraph.
    Under,
}

/// A table across the type area.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Every column, left to right; their widths add up to the type area's width.
    pub columns: Vec<Column>,
    /// Every row, top to bottom; each has one cell per column.
    pub rows: Vec<Row>,
    /// Space between a cell's rules and its text, left and right, in pt.
    pub cell_padding_pt: f32,
    pub rules: Rules,
}

/// A column's width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub width_pt: f32,
}

/// A row of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The header row (表头), set as [`Element::TableHeader`].
    pub header: bool,
    pub cells: Vec<Cell>,
}

/// One cell: a paragraph of its own in the cell's element and alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub element: Element,
    pub align: Alignment,
    pub lines: Vec<Line>,
}

/// How a table is ruled: a full grid (全框线), the frame and every row and column boundary in
/// one single solid black line of this width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    pub width_pt: f32,
}

/// The text of runs, one after another.
pub fn runs_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// The text of lines, joined by '\n'.
pub fn lines_text(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| runs_text(l))
        .collect::<Vec<_>>()
        .join("\n")
}
