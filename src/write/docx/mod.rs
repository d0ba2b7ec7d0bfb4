//! DOCX writer: a realized report ([`crate::flow`]) as a Word file a clerk opens in Word or WPS
//! and keeps editing.
//!
//! Everything a clerk would restyle lives in named paragraph styles (see [`styles`]): body
//! paragraphs reference 正文 (Normal) and carry no direct formatting, headings carry outline
//! levels so the navigation pane shows the structure. The page is GB/T 9704's A4 with a
//! 22-line document grid with body text tracked to 28 characters a line; page numbers “— N —”
//! are PAGE fields in even/odd footers, so they stay right after edits. What docx-rs cannot
//! express is patched into its XML by [`package`].
//!
//! What each paragraph is and how it stands was decided by [`crate::realize`] for the PDF as
//! well: one Word paragraph per flow paragraph in its element's style, balanced title lines as
//! line breaks, the blank lines of the title block as the styles' space before and after, the
//! draft mark on the session mark's line, runs bold or in 楷体 where the flow says so, tables with
//! the flow's column widths, header row and rules.

mod package;
mod schema_order;
pub mod styles;

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, BreakType, DocGrid, DocGridType, Docx, Footer, Indent, LineSpacing,
    PageMargin, Paragraph, Run, RunFonts, Table, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellMargins, TableRow, WidthType,
};

use crate::document::{Document, Meta};
use crate::flow::{self, Flow, Item, TailPlacement};
use crate::geometry::{
    mm_to_twips, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_HEIGHT_MM,
    PAGE_NUMBER_DROP_MM, PAGE_WIDTH_MM,
};
use crate::realize::realize;
use crate::style::{page_number_text, Element, ElementStyle, Face, PAGE_NUMBER_INSET_PT};
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
    render_flow(&realize(doc), &doc.meta)
}

/// Writes a realized report as a DOCX file, with `meta` as its document properties.
pub fn render_flow(flow: &Flow, meta: &Meta) -> Result<Vec<u8>, DocxError> {
    let mut docx = page_setup(Docx::new());
    docx = styles::add_sheet(docx);
    docx = footers(docx)?;
    for child in body(flow) {
        docx = match child {
            BodyChild::Paragraph(p) => docx.add_paragraph(*p),
            BodyChild::Table(t) => docx.add_table(*t),
        };
    }

    let mut parts = docx.build();
    parts.styles = package::patch_styles(&parts.styles)?;
    parts.doc_props.core = package::core_properties(meta);
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

/// The body in reading order: one Word paragraph per flow paragraph, one Word table per flow
/// table; a page break becomes “page break before” on the paragraph after it.
fn body(flow: &Flow) -> Vec<BodyChild> {
    let mut out = Vec::new();
    let mut page_break_pending = false;
    for item in &flow.items {
        match item {
            Item::Paragraph(p) => {
                let mut paragraph = word_paragraph(p);
                if std::mem::take(&mut page_break_pending) {
                    // Break before the next paragraph rather than an empty paragraph holding a
                    // break, which would leave a blank line at the head of the new page.
                    paragraph = paragraph.page_break_before(true);
                }
                out.push(BodyChild::Paragraph(Box::new(paragraph)));
            }
            Item::Table(table) => {
                if std::mem::take(&mut page_break_pending) {
                    out.push(BodyChild::Paragraph(Box::new(page_break_paragraph())));
                }
                out.push(BodyChild::Table(Box::new(word_table(table))));
            }
            Item::PageBreak => page_break_pending = true,
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

/// A flow paragraph in its element's style. All look comes from the style; the paragraph
/// carries directly only what the flow decided apart from it (blank lines, keep-with-next,
/// outline level), and runs only a weight or face that differs from the style's.
fn word_paragraph(p: &flow::Paragraph) -> Paragraph {
    let def = styles::of(p.element);
    let style = p.element.style();
    let mut paragraph = Paragraph::new().style(def.id);
    if (p.blank_lines_before, p.blank_lines_after) != (style.lines_before, style.lines_after) {
        let pitch = styles::line_pitch_twips() as u32;
        paragraph = paragraph.line_spacing(
            LineSpacing::new()
                .before(p.blank_lines_before * pitch)
                .after(p.blank_lines_after * pitch),
        );
    }
    if p.keep_with_next != style.keep_with_next {
        paragraph = paragraph.keep_next(p.keep_with_next);
    }
    if p.outline_level != styles::outline_level(p.element) {
        // Word's outline level 9 is body text.
        paragraph = paragraph.outline_lvl(p.outline_level.map_or(9, |l| usize::from(l) - 1));
    }
    if let Some(marker) = &p.marker {
        paragraph = paragraph.add_run(text_run(Run::new(), marker));
    }
    for run in lines_runs(&p.lines, &style) {
        paragraph = paragraph.add_run(run);
    }
    if let Some(tail) = &p.tail {
        paragraph = add_tail(paragraph, tail);
    }
    paragraph
}

/// The draft mark at the right end of the session mark's line (a right tab stop at the type
/// area's edge, see the 会议文件标识 style) or, under it, flush right on the next line: one
/// paragraph, as the PDF sets them. The tail's runs carry their own face, size and weight, so
/// restyling the session mark leaves the draft mark alone.
fn add_tail(mut paragraph: Paragraph, tail: &flow::Tail) -> Paragraph {
    let style = tail.element.style();
    for (i, r) in tail.runs.iter().enumerate() {
        let mut run = Run::new()
            .fonts(styles::run_fonts(r.face))
            .size(styles::half_points(style.size_pt));
        if r.bold {
            run = run.bold();
        }
        if i == 0 {
            if tail.placement == TailPlacement::Under {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_tab();
        }
        paragraph = paragraph.add_run(text_run(run, &r.text));
    }
    paragraph
}

/// The runs of flow lines set in `style`: a line break (w:br) before every line but the first,
/// and one Word run for neighbouring runs of one look, as Word writes them.
fn lines_runs(lines: &[flow::Line], style: &ElementStyle) -> Vec<Run> {
    // Each Word run with the look (face, bold) of the flow runs it holds; `None`: only breaks.
    let mut out: Vec<(Option<(Face, bool)>, Run)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            match out.last_mut() {
                Some((_, run)) => *run = take_run(run).add_break(BreakType::TextWrapping),
                None => out.push((None, Run::new().add_break(BreakType::TextWrapping))),
            }
        }
        for r in line {
            let key = Some((r.face, r.bold));
            match out.last_mut() {
                Some((k, run)) if *k == key => *run = text_run(take_run(run), &r.text),
                _ => out.push((key, text_run(look(r, style), &r.text))),
            }
        }
    }
    out.into_iter().map(|(_, run)| run).collect()
}

fn take_run(run: &mut Run) -> Run {
    std::mem::replace(run, Run::new())
}

/// An empty run with what `r` sets apart from `style`: bold (or not), and the face of its
/// Chinese text (楷体 for emphasis, see [`crate::style::span_style`]).
fn look(r: &flow::Run, style: &ElementStyle) -> Run {
    let mut run = Run::new();
    match (r.bold, style.bold) {
        (true, false) => run = run.bold(),
        (false, true) => run = run.disable_bold(),
        _ => {}
    }
    if r.face != style.face {
        run = run.fonts(
            RunFonts::new()
                .east_asia(r.face.office_name())
                .hint("eastAsia"),
        );
    }
    run
}

/// `run` with `text`: a tab ('\t') becomes w:tab.
fn text_run(mut run: Run, text: &str) -> Run {
    for (j, piece) in text.split('\t').enumerate() {
        if j > 0 {
            run = run.add_tab();
        }
        if !piece.is_empty() {
            run = run.add_text(clean(piece));
        }
    }
    run
}

/// Drops control characters, which XML 1.0 cannot carry.
fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

/// A Word table as the flow decides it: the columns' widths (in twips that add up to the type
/// area), every cell a paragraph in its element's style and alignment, the cell padding as the
/// table's cell margins, and the rules as its borders.
fn word_table(table: &flow::Table) -> Table {
    let widths = column_twips(table);
    let rows: Vec<TableRow> = table
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .zip(&widths)
                .map(|(cell, &width)| {
                    let style = cell.element.style();
                    let mut p = Paragraph::new().style(styles::of(cell.element).id);
                    if cell.align != style.align {
                        p = p.align(styles::alignment(cell.align));
                    }
                    for run in lines_runs(&cell.lines, &style) {
                        p = p.add_run(run);
                    }
                    TableCell::new()
                        .width(width, WidthType::Dxa)
                        .add_paragraph(p)
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    let padding = styles::pt_to_twips(table.cell_padding_pt).max(0) as usize;
    // Border sizes are in eighths of a point.
    let rule = (table.rules.width_pt * 8.0).round().max(1.0) as usize;
    let mut borders = TableBorders::new();
    for position in [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ] {
        borders = borders.set(
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(rule)
                .color("000000"),
        );
    }
    Table::new(rows)
        .set_grid(widths.clone())
        .width(widths.iter().sum(), WidthType::Dxa)
        .margins(
            TableCellMargins::new()
                .margin_left(padding, WidthType::Dxa)
                .margin_right(padding, WidthType::Dxa),
        )
        .set_borders(borders)
}

/// The columns' widths in twips: the flow's column edges rounded, so the widths add up to the
/// type area exactly as the section writes it.
fn column_twips(table: &flow::Table) -> Vec<usize> {
    let area = styles::type_area_twips().0.max(0) as f32;
    let total: f32 = table.columns.iter().map(|c| c.width_pt).sum();
    let mut edge = 0.0f32;
    let mut previous = 0usize;
    table
        .columns
        .iter()
        .map(|c| {
            edge += c.width_pt;
            let at = (edge / total * area).round() as usize;
            let width = at - previous;
            previous = at;
            width
        })
        .collect()
}
