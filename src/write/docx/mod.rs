//! DOCX writer: the document model as a Word file a clerk opens in Word or WPS and keeps editing.
//!
//! Everything a clerk would restyle lives in named paragraph styles (see [`styles`]): body
//! paragraphs reference 正文 (Normal) and carry no direct formatting, headings carry outline
//! levels so the navigation pane shows the structure. The page is GB/T 9704's A4 with a
//! 22-line document grid with body text tracked to 28 characters a line; page numbers “— N —”
//! are PAGE fields in even/odd footers, so they stay right after edits. What docx-rs cannot
//! express is patched into its XML by [`package`].
//!
//! The title block and the spans follow the same rules as the PDF, from [`crate::style`]: title
//! and subtitle balanced at [`crate::style::TITLE_MAX_CHARS`] / `SUBTITLE_MAX_CHARS`, the blank
//! lines of the title block as the styles' space before and after, the draft mark on the session
//! mark's line, strong spans (`**…**`) bold in their paragraph's face and emphasis (`*…*`) in
//! 楷体 rather than italic (see [`crate::style::span_style`]).

mod package;
mod schema_order;
pub mod styles;

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, DocGrid, DocGridType, Docx, Footer, Indent, PageMargin, Paragraph,
    Run, RunFonts, Table, TableCell, TableRow, WidthType,
};

use crate::document::{self, Align, Block, Document, Inlines};
use crate::geometry::{
    mm_to_twips, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_HEIGHT_MM,
    PAGE_NUMBER_DROP_MM, PAGE_WIDTH_MM,
};
use crate::layout::title::balance_title;
use crate::style::{
    draft_mark_beside_session_mark, page_number_text, Element, EMPHASIS_FACE, PAGE_NUMBER_INSET_PT,
};
use styles::id;

/// Why a DOCX could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The zip container could not be written.
    #[error("DOCX 文件打包失败：{0}")]
    Pack(#[from] zip::result::ZipError),
    /// docx-rs wrote a part in a shape the patches in `package` do not know (a docx-rs upgrade).
    #[error("DOCX 部件 {part} 无法修补：{reason}")]
    Patch { part: &'static str, reason: String },
}

/// Writes `doc` as a DOCX file and returns its bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let mut docx = page_setup(Docx::new());
    docx = styles::add_sheet(docx);
    docx = footers(docx)?;
    for child in body(doc) {
        docx = match child {
            BodyChild::Paragraph(p) => docx.add_paragraph(*p),
            BodyChild::Table(t) => docx.add_table(*t),
        };
    }

    let mut parts = docx.build();
    parts.styles = package::patch_styles(&parts.styles)?;
    parts.doc_props.core = package::core_properties(&doc.meta);
    parts.font_table = package::font_table();
    // Last, so the patches above are put in order too.
    parts.document = schema_order::canonicalize("word/document.xml", &parts.document)?;
    parts.styles = schema_order::canonicalize("word/styles.xml", &parts.styles)?;
    parts.settings = schema_order::canonicalize("word/settings.xml", &parts.settings)?;
    for footer in &mut parts.footers {
        *footer = schema_order::canonicalize("word/footer.xml", footer)?;
    }

    let mut out = Cursor::new(Vec::new());
    parts.pack(&mut out)?;
    Ok(out.into_inner())
}

/// A4, GB/T 9704 margins, the 22-line × 28-character grid, footer distance for the page number.
fn page_setup(mut docx: Docx) -> Docx {
    let footer = footer_distance_twips();
    docx = docx
        .page_size(
            mm_to_twips(PAGE_WIDTH_MM) as u32,
            mm_to_twips(PAGE_HEIGHT_MM) as u32,
        )
        .page_margin(PageMargin {
            top: mm_to_twips(MARGIN_TOP_MM),
            bottom: mm_to_twips(MARGIN_BOTTOM_MM),
            left: mm_to_twips(MARGIN_LEFT_MM),
            right: mm_to_twips(MARGIN_RIGHT_MM),
            // No header is printed; the header distance mirrors the footer's.
            header: footer,
            footer,
            gutter: 0,
        });
    // A line grid of 22 lines. The 28 characters a line come from the body styles' tracking
    // (see `styles`), not from a character grid: Word and WPS squeeze a 16 pt character into a
    // 15.79 pt grid cell, but LibreOffice gives it two cells and sets 14 characters a line
    // (17 pages instead of 11 for the sample), so the tracked line grid is the one that prints
    // alike everywhere.
    docx.document = docx.document.doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(styles::line_pitch_twips() as usize),
    );
    docx
}

/// Distance from the paper's bottom edge to the footer line's bottom, so that the top of the
/// page number sits [`PAGE_NUMBER_DROP_MM`] under the type area (the footer line is exactly as
/// tall as its type, see the footer style).
fn footer_distance_twips() -> i32 {
    let line = styles::pt_to_twips(Element::PageNumber.style().size_pt);
    mm_to_twips(MARGIN_BOTTOM_MM - PAGE_NUMBER_DROP_MM) - line
}

/// Odd pages: number on the right; even pages: on the left; each [`PAGE_NUMBER_INSET_PT`] in.
fn footers(docx: Docx) -> Result<Docx, DocxError> {
    let inset = styles::pt_to_twips(PAGE_NUMBER_INSET_PT);
    let odd = page_number(
        AlignmentType::Right,
        Indent::new(Some(0), None, Some(inset), None),
    )?;
    let even = page_number(
        AlignmentType::Left,
        Indent::new(Some(inset), None, Some(0), None),
    )?;
    Ok(docx
        .footer(Footer::new().add_paragraph(odd))
        .even_footer(Footer::new().add_paragraph(even)))
}

/// “— N —” with N a PAGE field, the dashes taken from [`page_number_text`].
fn page_number(align: AlignmentType, indent: Indent) -> Result<Paragraph, DocxError> {
    let sample = page_number_text(0);
    let (before, after) = sample.split_once('0').ok_or_else(|| DocxError::Patch {
        part: "word/footer.xml",
        reason: format!("page number text {sample:?} has no number"),
    })?;
    let mut p = Paragraph::new()
        .style(id::PAGE_NUMBER)
        .align(align)
        .add_run(Run::new().add_text(before))
        .add_page_num(docx_rs::PageNum::new())
        .add_run(Run::new().add_text(after));
    p.property.indent = Some(indent);
    Ok(p)
}

enum BodyChild {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// The body in reading order: title block, then the blocks.
fn body(doc: &Document) -> Vec<BodyChild> {
    let mut out = Vec::new();
    let m = &doc.meta;
    let mut push = |p: Paragraph| out.push(BodyChild::Paragraph(Box::new(p)));
    // The title block; its blank lines are the styles' space before and after.
    match (&m.session_mark, &m.draft_mark) {
        (Some(session), draft) => push(marks_paragraph(session, draft.as_deref())),
        (None, Some(draft)) => push(text_paragraph(id::DRAFT_MARK, draft)),
        (None, None) => {}
    }
    for (style_id, element, text) in [
        (id::TITLE, Element::Title, Some(&m.title)),
        (id::SUBTITLE, Element::Subtitle, m.subtitle.as_ref()),
        (id::SPEAKER, Element::Speaker, m.speaker.as_ref()),
        (id::DATE_LINE, Element::DateLine, m.date_line.as_ref()),
        (id::SALUTATION, Element::Salutation, m.salutation.as_ref()),
    ] {
        if let Some(text) = text {
            push(match element.style().balanced_max_chars {
                Some(max_chars) => balanced_paragraph(style_id, text, max_chars),
                None => text_paragraph(style_id, text),
            });
        }
    }

    let mut page_break_pending = false;
    for block in &doc.blocks {
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        match block {
            Block::Heading { level, text } => {
                let style_id = id::HEADINGS[usize::from(level.clamp(&1, &4) - 1)];
                paragraphs.push(inline_paragraph(style_id, text));
            }
            Block::Paragraph(text) => paragraphs.push(inline_paragraph(id::BODY, text)),
            Block::List { start, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = document::Span::plain(document::list_marker(*start, i));
                    let mut spans = vec![marker];
                    spans.extend(item.iter().cloned());
                    paragraphs.push(inline_paragraph(id::LIST_ITEM, &spans));
                }
            }
            Block::Table(table) => {
                if std::mem::take(&mut page_break_pending) {
                    out.push(BodyChild::Paragraph(Box::new(page_break_paragraph())));
                }
                out.push(BodyChild::Table(Box::new(word_table(table))));
            }
            Block::PageBreak => page_break_pending = true,
        }
        for (i, mut p) in paragraphs.into_iter().enumerate() {
            if i == 0 && std::mem::take(&mut page_break_pending) {
                // Break before the next paragraph rather than an empty paragraph holding a
                // break, which would leave a blank line at the head of the new page.
                p = p.page_break_before(true);
            }
            out.push(BodyChild::Paragraph(Box::new(p)));
        }
    }
    if page_break_pending {
        out.push(BodyChild::Paragraph(Box::new(page_break_paragraph())));
    }
    out
}

fn page_break_paragraph() -> Paragraph {
    Paragraph::new()
        .style(id::BODY)
        .add_run(Run::new().add_break(BreakType::Page))
}

fn text_paragraph(style_id: &str, text: &str) -> Paragraph {
    inline_paragraph(style_id, &[document::Span::plain(text)])
}

/// The session mark, and the draft mark at the right end of its line (a right tab stop at the
/// type area's edge, see the 会议文件标识 style) or, when the two do not fit one line, flush right
/// on the next line: one paragraph, as the PDF sets them on one line. The draft mark's run
/// carries the 稿别 face and size, so restyling the session mark leaves it alone.
fn marks_paragraph(session: &str, draft: Option<&str>) -> Paragraph {
    let mut p = text_paragraph(id::SESSION_MARK, session);
    if let Some(draft) = draft {
        let style = Element::DraftMark.style();
        let mut run = Run::new()
            .fonts(styles::run_fonts(style.face))
            .size(styles::half_points(style.size_pt));
        if style.bold {
            run = run.bold();
        }
        if !draft_mark_beside_session_mark(session, draft) {
            run = run.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(run.add_tab().add_text(clean(draft)));
    }
    p
}

/// A centred heading line (the title, the subtitle) as one paragraph, its lines balanced as
/// [`balance_title`] breaks them (at most `max_chars` a line, as in the PDF) and joined by line
/// breaks, so no line is left with one character.
fn balanced_paragraph(style_id: &str, text: &str, max_chars: usize) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in balance_title(text, max_chars).iter().enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(clean(line));
    }
    Paragraph::new().style(style_id).add_run(run)
}

/// A paragraph of styled spans; all look comes from the style, spans add only bold (strong) or
/// 楷体 (emphasis), as [`crate::style::span_style`] says.
fn inline_paragraph(style_id: &str, spans: &[document::Span]) -> Paragraph {
    let mut p = Paragraph::new().style(style_id);
    for span in spans {
        p = p.add_run(span_run(span));
    }
    p
}

/// One run per span: '\n' becomes a line break (w:br), '\t' a tab.
fn span_run(span: &document::Span) -> Run {
    let mut run = Run::new();
    // As `span_style` says: strong is bold in the paragraph style's face, emphasis is 楷体.
    if span.strong {
        run = run.bold();
    }
    if span.emphasis {
        run = run.fonts(
            RunFonts::new()
                .east_asia(EMPHASIS_FACE.office_name())
                .hint("eastAsia"),
        );
    }
    for (i, line) in span.text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !piece.is_empty() {
                run = run.add_text(clean(piece));
            }
        }
    }
    run
}

/// Drops control characters, which XML 1.0 cannot carry.
fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// A Word table across the type area, header row in 表头, cells in 表格文字, columns aligned as
/// the Markdown table says.
fn word_table(table: &document::Table) -> Table {
    let columns = std::iter::once(table.header.len())
        .chain(table.rows.iter().map(Vec::len))
        .max()
        .unwrap_or(0)
        .max(1);
    let width = styles::type_area_twips().0.max(0) as usize;
    let column_width = width / columns;
    let row = |cells: &[Inlines], style_id: &str| {
        let cells: Vec<TableCell> = cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let mut p = inline_paragraph(style_id, cell);
                if style_id == id::TABLE_TEXT {
                    p = p.align(match table.align.get(i).copied().unwrap_or_default() {
                        Align::Left => AlignmentType::Left,
                        Align::Center => AlignmentType::Center,
                        Align::Right => AlignmentType::Right,
                    });
                }
                TableCell::new()
                    .width(column_width, WidthType::Dxa)
                    .add_paragraph(p)
            })
            .collect();
        let mut cells = cells;
        if cells.is_empty() {
            // Word needs a cell in every row.
            cells.push(TableCell::new().add_paragraph(Paragraph::new().style(style_id)));
        }
        let missing = columns.saturating_sub(cells.len());
        let mut row = TableRow::new(cells);
        if missing > 0 {
            row = row.grid_after(missing as u32);
        }
        row
    };
    let mut rows = Vec::with_capacity(table.rows.len() + 1);
    rows.push(row(&table.header, id::TABLE_HEADER));
    for cells in &table.rows {
        rows.push(row(cells, id::TABLE_TEXT));
    }
    Table::new(rows)
        .set_grid(vec![column_width; columns])
        .width(width, WidthType::Dxa)
}
