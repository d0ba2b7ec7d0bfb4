//! Setting a realized report ([`Flow`]) on GB/T 9704 pages: every paragraph in its element's
//! face and size, lines broken by [`super::linebreak`], placed on the 22-line grid of the type
//! area, headings kept with what follows them, single lines at the foot or head of a page
//! avoided, tables ruled, page numbers added.
//!
//! What each paragraph is, how its runs look, where a title breaks and how wide a table's
//! columns are was decided by [`crate::realize`], for the DOCX as well; this module only sets it.
//! The result, [`Pages`], is positioned glyphs and rules per page (page coordinates in pt from the
//! top-left corner) plus the outline; `write::pdf` only turns it into PDF objects.

use crate::diag::{code, Diagnostic};
use crate::flow::{self, Flow, Item, Line, Paragraph, Run, TailPlacement};
use crate::fonts::{Coverage, FaceRequest, FontId, FontSet, Resolver};
use crate::geometry::{
    CHAR_PITCH_PT, EM_BOX_ASCENT, LINES_PER_PAGE, LINE_PITCH_PT, MARGIN_LEFT_PT, MARGIN_TOP_PT, MM,
    PAGE_NUMBER_DROP_MM, TYPE_AREA_BOTTOM_PT, TYPE_AREA_RIGHT_PT, TYPE_AREA_WIDTH_PT,
};
use crate::layout::fallback::Substitutions;
use crate::layout::linebreak::break_paragraph;
use crate::style::{
    page_number_text, size, Alignment, Element, ElementStyle, Face, PAGE_NUMBER_INSET_PT,
};

/// Stroke width of synthetic bold (a face with no bold cut), as a fraction of the size.
pub const FAKE_BOLD_STROKE: f32 = 0.025;

/// A laid-out document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pages {
    pub pages: Vec<Page>,
    /// Headings in order, with where they landed.
    pub outline: Vec<OutlineEntry>,
    /// Things the user should hear about (characters printed blank under `allow_missing_glyphs`,
    /// characters printed from a supplement or another face).
    pub warnings: Vec<Diagnostic>,
}

/// How the pages are set, beyond what the flow says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayoutOptions {
    /// Leave the first grid line of the first page empty, for a mark printed there afterwards
    /// (layout.md: the copy number, 份号, stands alone at the top left of the type area, first
    /// line, first page only); the report starts on the second line.
    pub reserve_first_line: bool,
}

/// One page: glyph runs, rules and its printed number (none on a blank page).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub number: Option<u32>,
    pub runs: Vec<GlyphRun>,
    /// Straight lines: a ruled table's frame and cell borders.
    pub rules: Vec<Rule>,
}

impl Page {
    /// Nothing printed on it (a page number is added only to a page that is not blank).
    pub fn is_blank(&self) -> bool {
        self.runs.is_empty() && self.rules.is_empty()
    }
}

/// A straight line from `from` to `to` (x, y in pt from the top-left corner of the page).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub width_pt: f32,
}

/// Glyphs of one font and size on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub font: FontId,
    pub size_pt: f32,
    /// Baseline, pt from the top of the page.
    pub baseline_pt: f32,
    /// Stroke the outlines too: bold in a face that has no bold cut.
    pub fake_bold: bool,
    pub glyphs: Vec<PlacedGlyph>,
}

/// A glyph at its place on the line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    pub glyph_id: u16,
    /// The character it prints (for ToUnicode: copying and searching the PDF).
    pub text: char,
    /// Left edge, pt from the left of the page.
    pub x_pt: f32,
}

/// A bookmark: a heading and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// Top of the heading's line, pt from the top of the page.
    pub top_pt: f32,
}

/// Why a document cannot be laid out.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error(
        "{location}：字符“{ch}”（U+{code:04X}）在所有可用字体中都没有，无法印出（上下文：“{context}”）。\
         请用 --font-dir 提供含此字的字体，或加 --allow-missing-glyphs 以空白代替。"
    )]
    MissingGlyph {
        ch: char,
        code: u32,
        location: String,
        context: String,
    },
}

/// The error as a diagnostic; its place is the document's (正文第3段) until layout knows the
/// source position.
impl From<LayoutError> for Diagnostic {
    fn from(e: LayoutError) -> Diagnostic {
        match e {
            LayoutError::MissingGlyph {
                ch,
                code,
                location,
                context,
            } => Diagnostic::error(
                code::LAYOUT_MISSING_GLYPH,
                format!(
                    "字符“{ch}”（U+{code:04X}）在所有可用字体中都没有，无法印出（上下文：“{context}”）"
                ),
            )
            .in_field(location)
            .with_help("请用 --font-dir 提供含此字的字体，或加 --allow-missing-glyphs 以空白代替"),
        }
    }
}

/// Lays out a realized report with `fonts`.
pub fn lay_out(flow: &Flow, fonts: &FontSet) -> Result<Pages, LayoutError> {
    lay_out_with(flow, fonts, LayoutOptions::default())
}

/// [`lay_out`] with `options`.
pub fn lay_out_with(
    flow: &Flow,
    fonts: &FontSet,
    options: LayoutOptions,
) -> Result<Pages, LayoutError> {
    let mut setter = Setter {
        resolver: fonts.resolver(),
        allow_missing: fonts.allow_missing_glyphs,
        warnings: Vec::new(),
        substitutions: Substitutions::default(),
    };
    let blocks = setter.set_flow(flow)?;
    let first_slot = usize::from(options.reserve_first_line);
    let mut pages = paginate(&blocks, first_slot);
    add_page_numbers(&mut pages, &mut setter.resolver)?;
    pages.warnings = setter.warnings;
    pages.warnings.extend(setter.substitutions.warning(fonts));
    Ok(pages)
}

/// A line of text set apart from any report (a mark the print room puts on finished pages):
/// one page holding `text` unbroken, in `face` at `size_pt`, its left end at `left_pt` and its
/// baseline at `baseline_pt` (pt from the page's left and top edges).
#[derive(Debug, Clone, PartialEq)]
pub struct SetText {
    pub page: Page,
    /// From the left end of the first glyph to the right end of the last, in pt.
    pub width_pt: f32,
}

/// Sets `text` as one unbroken line (see [`SetText`]), with the glyphs and spacing a report's
/// line of that face and size would have. `location` names it in a message about a missing
/// glyph.
pub fn set_text(
    text: &str,
    face: Face,
    size_pt: f32,
    (left_pt, baseline_pt): (f32, f32),
    fonts: &FontSet,
    location: &str,
) -> Result<SetText, LayoutError> {
    let mut setter = Setter {
        resolver: fonts.resolver(),
        allow_missing: false,
        warnings: Vec::new(),
        // A stamp's few characters (digits, a watermark's words) are not the report's text: a
        // character from a supplement there is not worth a warning of its own.
        substitutions: Substitutions::default(),
    };
    let style = ElementStyle {
        face,
        size_pt,
        bold: false,
        align: Alignment::Left,
        indent_chars: 0.0,
        keep_with_next: false,
        balanced_max_chars: None,
    };
    let run = Run {
        text: text.to_string(),
        face,
        bold: false,
    };
    let lines = setter.set_in_width(&[vec![run]], &style, location, f32::MAX, Alignment::Left)?;
    let mut page = Page::default();
    let mut width_pt: f32 = 0.0;
    for line in lines {
        let baseline = baseline_pt;
        for g in line.glyphs {
            width_pt = width_pt.max(g.x_pt + g.advance_pt);
            let glyph = PlacedGlyph {
                glyph_id: g.glyph_id,
                text: g.text,
                x_pt: left_pt + g.x_pt,
            };
            match page.runs.last_mut() {
                Some(run) if run.font == g.font => run.glyphs.push(glyph),
                _ => page.runs.push(GlyphRun {
                    font: g.font,
                    size_pt: g.size_pt,
                    baseline_pt: baseline,
                    fake_bold: false,
                    glyphs: vec![glyph],
                }),
            }
        }
    }
    Ok(SetText { page, width_pt })
}

/// A glyph on a set line, x from the left of the type area.
#[derive(Debug, Clone, Copy)]
struct LineGlyph {
    font: FontId,
    size_pt: f32,
    fake_bold: bool,
    glyph_id: u16,
    text: char,
    x_pt: f32,
    advance_pt: f32,
}

/// A line set but not yet placed on a page; it takes one slot of the grid.
#[derive(Debug, Clone, Default)]
struct SetLine {
    glyphs: Vec<LineGlyph>,
    /// Size of the line's text, to centre it in its slot.
    size_pt: f32,
    /// The rules of a table row drawn across this line's slot.
    rules: Option<SlotRules>,
}

/// The rules of a ruled table across one grid slot: vertical rules from its top to its bottom,
/// and a horizontal rule along the top (a row's first line) or the bottom (the table's last).
/// Where a table breaks across pages, pagination closes it at the foot and opens it at the head.
#[derive(Debug, Clone)]
struct SlotRules {
    /// x of each vertical rule, pt from the left of the type area, left to right.
    verticals: Vec<f32>,
    top: bool,
    bottom: bool,
    width_pt: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum BlockKind {
    /// Part of the title block or a paragraph.
    Text,
    /// An empty line that separates; dropped at the head of a page.
    Blank,
    PageBreak,
}

#[derive(Debug, Clone)]
struct SetBlock {
    kind: BlockKind,
    lines: Vec<SetLine>,
    keep_with_next: bool,
    outline: Option<(u8, String)>,
}

impl SetBlock {
    fn blank() -> SetBlock {
        SetBlock {
            kind: BlockKind::Blank,
            lines: vec![SetLine::default()],
            keep_with_next: false,
            outline: None,
        }
    }
}

/// One character to set, with the face it asks for.
struct Piece {
    ch: char,
    req: FaceRequest,
    fake_bold: bool,
}

struct Setter<'a> {
    resolver: Resolver<'a>,
    allow_missing: bool,
    warnings: Vec<Diagnostic>,
    substitutions: Substitutions,
}

/// The advance of a glyph on the line: full-width glyphs of the 16 pt grid are tightened to
/// the character pitch so 28 fill the type area; everything else keeps its natural width.
fn advance_pt(advance_em: f32, size_pt: f32) -> f32 {
    let natural = advance_em * size_pt;
    if advance_em > 0.95 && (size_pt - size::SAN_HAO).abs() < 0.01 {
        advance_em * CHAR_PITCH_PT
    } else {
        natural
    }
}

/// The width of one character of `size_pt` on the grid (indents are counted in these).
fn char_width(size_pt: f32) -> f32 {
    advance_pt(1.0, size_pt)
}

impl Setter<'_> {
    /// Sets every item of the flow as blocks of lines, with the blank lines between them.
    fn set_flow(&mut self, flow: &Flow) -> Result<Vec<SetBlock>, LayoutError> {
        let mut blocks = Vec::new();
        let mut paragraph_no = 0;
        for item in &flow.items {
            match item {
                Item::Paragraph(p) => {
                    if matches!(p.element, Element::Body | Element::ListItem) {
                        paragraph_no += 1;
                    }
                    for _ in 0..p.blank_lines_before {
                        blocks.push(SetBlock::blank());
                    }
                    let lines = self.set_paragraph(p, paragraph_no)?;
                    blocks.push(SetBlock {
                        kind: BlockKind::Text,
                        lines,
                        keep_with_next: p.keep_with_next,
                        outline: p
                            .outline_level
                            .map(|level| (level, flow::lines_text(&p.lines))),
                    });
                }
                Item::Table(table) => {
                    paragraph_no += 1;
                    blocks.push(SetBlock {
                        kind: BlockKind::Text,
                        lines: self.set_table(table, paragraph_no)?,
                        keep_with_next: false,
                        outline: None,
                    });
                }
                Item::PageBreak => blocks.push(SetBlock {
                    kind: BlockKind::PageBreak,
                    lines: Vec::new(),
                    keep_with_next: false,
                    outline: None,
                }),
            }
        }
        Ok(blocks)
    }

    /// Sets a paragraph across the type area: its marker and lines in its element's style, and
    /// its tail (the draft mark) flush right beside or under it.
    fn set_paragraph(
        &mut self,
        p: &Paragraph,
        paragraph_no: usize,
    ) -> Result<Vec<SetLine>, LayoutError> {
        let style = p.element.style();
        let location = location(p.element, paragraph_no);
        // A list item's marker opens its first line, in the paragraph's look.
        let marked: Vec<Line>;
        let flow_lines = match &p.marker {
            Some(marker) => {
                let mut lines = p.lines.clone();
                if lines.is_empty() {
                    lines.push(Vec::new());
                }
                let run = Run {
                    text: marker.clone(),
                    face: style.face,
                    bold: style.bold,
                };
                lines[0].insert(0, run);
                marked = lines;
                &marked
            }
            None => &p.lines,
        };
        // A nested list item stands further in: set in the narrower width, then moved right.
        let left = p.left_indent_chars as f32 * char_width(style.size_pt);
        let mut lines = self.set_in_width(
            flow_lines,
            &style,
            &location,
            TYPE_AREA_WIDTH_PT - left,
            style.align,
        )?;
        if left > 0.0 {
            for g in lines.iter_mut().flat_map(|l| l.glyphs.iter_mut()) {
                g.x_pt += left;
            }
        }
        if let Some(tail) = &p.tail {
            let tail_style = tail.element.style();
            let tail_lines = self.set_in_width(
                std::slice::from_ref(&tail.runs),
                &tail_style,
                location_of_element(tail.element),
                TYPE_AREA_WIDTH_PT,
                Alignment::Right,
            )?;
            match (tail.placement, lines.last_mut()) {
                (TailPlacement::Beside, Some(last)) => last
                    .glyphs
                    .extend(tail_lines.iter().flat_map(|l| l.glyphs.iter().copied())),
                _ => lines.extend(tail_lines),
            }
        }
        Ok(lines)
    }

    /// Sets lines of runs in `width` pt: each flow line starts a new line and is broken further
    /// where it does not fit; the first takes the style's indent.
    fn set_in_width(
        &mut self,
        flow_lines: &[Line],
        style: &ElementStyle,
        location: &str,
        width: f32,
        align: Alignment,
    ) -> Result<Vec<SetLine>, LayoutError> {
        let size_pt = style.size_pt;
        // The flow's lines as one run of pieces with a '\n' between them, so a missing glyph's
        // context reads across them.
        let mut pieces: Vec<Piece> = Vec::new();
        for (i, line) in flow_lines.iter().enumerate() {
            if i > 0 {
                pieces.push(Piece {
                    ch: '\n',
                    req: FaceRequest {
                        face: style.face,
                        latin_bold: false,
                        own_digits: false,
                    },
                    fake_bold: false,
                });
            }
            pieces.extend(self::pieces(line));
        }
        let mut lines = Vec::new();
        // Hard line breaks end a line; each piece between them is broken on its own.
        let mut segment_start = 0;
        for (seg_index, segment) in pieces.split(|p| p.ch == '\n').enumerate() {
            let indent = if seg_index == 0 {
                style.indent_chars * char_width(size_pt)
            } else {
                0.0
            };
            let mut chars = Vec::with_capacity(segment.len());
            let mut advances = Vec::with_capacity(segment.len());
            let mut glyphs = Vec::with_capacity(segment.len());
            for (i, piece) in segment.iter().enumerate() {
                chars.push(piece.ch);
                let (advance, glyph) = if piece.ch == ' ' || piece.ch == '\u{3000}' {
                    let em = if piece.ch == ' ' { 0.25 } else { 1.0 };
                    (advance_pt(em, size_pt), None)
                } else {
                    match self.resolver.resolve(piece.req, piece.ch) {
                        Some(g) => {
                            if g.substitute {
                                self.substitutions
                                    .note(piece.req.face, g.font, piece.ch, location);
                            }
                            (advance_pt(g.advance_em, size_pt), Some(g))
                        }
                        None => {
                            let all: Vec<char> = pieces.iter().map(|p| p.ch).collect();
                            let at = segment_start + i;
                            let context: String = all
                                [at.saturating_sub(8)..(at + 9).min(all.len())]
                                .iter()
                                .collect();
                            if !self.allow_missing {
                                return Err(LayoutError::MissingGlyph {
                                    ch: piece.ch,
                                    code: piece.ch as u32,
                                    location: location.to_string(),
                                    context,
                                });
                            }
                            self.warnings.push(
                                Diagnostic::warning(
                                    code::LAYOUT_MISSING_GLYPH,
                                    format!(
                                        "字符“{}”（U+{:04X}）没有字体能印出，已留空（上下文：“{context}”）",
                                        piece.ch, piece.ch as u32
                                    ),
                                )
                                .in_field(location),
                            );
                            (char_width(size_pt), None)
                        }
                    }
                };
                advances.push(advance);
                glyphs.push(glyph);
            }
            segment_start += segment.len() + 1;
            let justify = align == Alignment::Justify;
            let broken = break_paragraph(&chars, &advances, indent, width, justify);
            for line in broken {
                let line_end = line
                    .x
                    .last()
                    .zip(line.advance.last())
                    .map_or(0.0, |(x, a)| x + a);
                let shift = match align {
                    Alignment::Center => ((width - line_end) / 2.0).max(0.0),
                    Alignment::Right => (width - line_end).max(0.0),
                    Alignment::Left | Alignment::Justify => 0.0,
                };
                let mut set = SetLine {
                    size_pt,
                    ..SetLine::default()
                };
                for (k, i) in line.range.clone().enumerate() {
                    let (Some(g), piece) = (glyphs[i], &segment[i]) else {
                        continue;
                    };
                    set.glyphs.push(LineGlyph {
                        font: g.font,
                        size_pt,
                        fake_bold: piece.fake_bold,
                        glyph_id: g.glyph_id,
                        text: piece.ch,
                        x_pt: line.x[k] + shift,
                        advance_pt: line.advance[k],
                    });
                }
                lines.push(set);
            }
        }
        Ok(lines)
    }

    /// A table: each cell broken in its column's width less the padding and aligned as the
    /// flow says, a row as tall as its tallest cell, the rules of every row drawn across its
    /// lines.
    fn set_table(
        &mut self,
        table: &flow::Table,
        number: usize,
    ) -> Result<Vec<SetLine>, LayoutError> {
        // Column edges, from the left of the type area.
        let mut edges = vec![0.0f32];
        for column in &table.columns {
            edges.push(edges[edges.len() - 1] + column.width_pt);
        }
        let padding = table.cell_padding_pt;
        let mut lines = Vec::new();
        for (r, row) in table.rows.iter().enumerate() {
            let mut row_lines: Vec<SetLine> = Vec::new();
            for (c, cell) in row.cells.iter().enumerate() {
                let style = cell.element.style();
                let (Some(&left), Some(&right)) = (edges.get(c), edges.get(c + 1)) else {
                    continue;
                };
                let location = format!("正文第{number}段（表格第{}行第{}列）", r + 1, c + 1);
                let cell_lines = self.set_in_width(
                    &cell.lines,
                    &style,
                    &location,
                    (right - left - 2.0 * padding).max(char_width(style.size_pt)),
                    cell.align,
                )?;
                for (i, mut line) in cell_lines.into_iter().enumerate() {
                    for g in &mut line.glyphs {
                        g.x_pt += left + padding;
                    }
                    match row_lines.get_mut(i) {
                        Some(row_line) => {
                            row_line.glyphs.extend(line.glyphs);
                            row_line.size_pt = row_line.size_pt.max(line.size_pt);
                        }
                        None => row_lines.push(line),
                    }
                }
            }
            if row_lines.is_empty() {
                row_lines.push(SetLine::default());
            }
            for (i, line) in row_lines.iter_mut().enumerate() {
                line.rules = Some(SlotRules {
                    verticals: edges.clone(),
                    top: i == 0,
                    bottom: false,
                    width_pt: table.rules.width_pt,
                });
            }
            lines.extend(row_lines);
        }
        if let Some(rules) = lines.last_mut().and_then(|l| l.rules.as_mut()) {
            rules.bottom = true;
        }
        Ok(lines)
    }
}

/// The characters of `runs`, each with the face its run asks for.
fn pieces(runs: &[Run]) -> Vec<Piece> {
    let mut out = Vec::new();
    for run in runs {
        // Latin and digits are bold only in bold text, never just for sitting beside 黑体
        // or 小标宋: Word sets them in the style's regular Times New Roman, and the PDF
        // prints what the clerk's DOCX shows.
        let req = FaceRequest {
            face: run.face,
            latin_bold: run.bold,
            own_digits: run.face == Face::SongTi,
        };
        // No Chinese face has a bold cut: bold is stroked, as Word and LibreOffice do.
        let fake_bold = run.bold;
        out.extend(run.text.chars().map(|ch| Piece { ch, req, fake_bold }));
    }
    out
}

/// A character the pages would print in another face than its text asks for, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlyphIssue {
    pub ch: char,
    /// The face its text asks for.
    pub face: Face,
    pub coverage: Coverage,
}

/// What setting `flow` in `fonts` would find about its characters, without setting it: each
/// character that no font prints or that falls back to another face's file, once per face
/// asked for, in order of first appearance (the face of each run decided as the layout
/// decides it).
pub fn glyph_check(flow: &Flow, fonts: &FontSet) -> Vec<GlyphIssue> {
    let mut resolver = fonts.resolver();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut look = |runs: &[Run]| {
        for piece in pieces(runs) {
            if piece.ch.is_whitespace() || !seen.insert((piece.ch, piece.req)) {
                continue;
            }
            let coverage = resolver.coverage(piece.req, piece.ch);
            if coverage != Coverage::Own {
                out.push(GlyphIssue {
                    ch: piece.ch,
                    face: piece.req.face,
                    coverage,
                });
            }
        }
    };
    for item in &flow.items {
        match item {
            Item::Paragraph(p) => {
                for line in &p.lines {
                    look(line);
                }
                if let Some(tail) = &p.tail {
                    look(&tail.runs);
                }
            }
            Item::Table(t) => {
                for line in t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.lines) {
                    look(line);
                }
            }
            Item::PageBreak => {}
        }
    }
    out
}

/// Where a paragraph is, as a message names it: 标题, 一级标题, 正文第3段 …
/// (`paragraph_no` counts body paragraphs, list items and tables).
fn location(element: Element, paragraph_no: usize) -> String {
    match element {
        Element::Body => format!("正文第{paragraph_no}段"),
        Element::ListItem => format!("正文第{paragraph_no}段（列表）"),
        other => location_of_element(other).to_string(),
    }
}

/// The name of an element in messages.
fn location_of_element(element: Element) -> &'static str {
    match element {
        Element::CopyNumber => "份号",
        Element::SessionMark => "会议文件标识",
        Element::DraftMark => "征求意见稿标识",
        Element::Title => "标题",
        Element::Subtitle => "副标题",
        Element::Speaker => "署名",
        Element::DateLine => "日期",
        Element::Salutation => "称谓",
        Element::Heading(1) => "一级标题",
        Element::Heading(2) => "二级标题",
        Element::Heading(3) => "三级标题",
        Element::Heading(_) => "四级标题",
        Element::Body | Element::ListItem => "正文",
        Element::TableCell | Element::TableHeader => "表格",
        Element::PageNumber => "页码",
    }
}

/// Top of grid slot `slot`, pt from the top of the page.
fn slot_top_pt(slot: u32) -> f32 {
    MARGIN_TOP_PT + slot as f32 * LINE_PITCH_PT
}

/// Baseline of grid slot `slot` (0 is the first line of the type area) for text of
/// `size_pt`, pt from the top of the page: the em box centred in the slot.
pub fn baseline_pt(slot: u32, size_pt: f32) -> f32 {
    MARGIN_TOP_PT
        + slot as f32 * LINE_PITCH_PT
        + (LINE_PITCH_PT - size_pt) / 2.0
        + EM_BOX_ASCENT * size_pt
}

/// The lines a paragraph needs at the foot of a page: two, unless it has three or fewer, which
/// cannot be split without leaving one line alone.
fn min_first_lines(block: &SetBlock) -> usize {
    match block.lines.len() {
        n @ 0..=3 => n,
        _ => 2,
    }
}

/// Places the set blocks on pages of 22 lines, the first page's from line `first_slot` on.
fn paginate(blocks: &[SetBlock], first_slot: usize) -> Pages {
    let per_page = LINES_PER_PAGE as usize;
    let mut pages = Pages {
        pages: vec![Page::default()],
        ..Pages::default()
    };
    let mut slot = first_slot;
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        match block.kind {
            BlockKind::PageBreak => {
                if slot > 0 {
                    pages.pages.push(Page::default());
                    slot = 0;
                }
                i += 1;
                continue;
            }
            BlockKind::Blank if slot == 0 && pages.pages.len() > 1 => {
                i += 1;
                continue;
            }
            _ => {}
        }
        // Keep a heading (and any headings under it) with the first lines of what follows.
        if block.keep_with_next && block.kind == BlockKind::Text {
            let mut need = 0;
            let mut j = i;
            while j < blocks.len() && blocks[j].keep_with_next && blocks[j].kind == BlockKind::Text
            {
                need += blocks[j].lines.len();
                j += 1;
            }
            if let Some(next) = blocks.get(j).filter(|b| b.kind == BlockKind::Text) {
                need += min_first_lines(next);
            }
            if slot > 0 && slot + need > per_page && need <= per_page {
                pages.pages.push(Page::default());
                slot = 0;
            }
        }
        let mut from = 0;
        let n = block.lines.len();
        while from < n {
            let remaining = per_page - slot;
            let left = n - from;
            let mut take = left.min(remaining);
            if take < left && block.kind == BlockKind::Text && !block.keep_with_next {
                // A lone last line at the head of the next page takes one more with it.
                if left - take == 1 {
                    take -= 1;
                }
                // A lone first line at the foot of a page goes down with the rest.
                if from == 0 && take < 2 {
                    take = 0;
                }
            }
            if take == 0 && slot == 0 {
                take = left.min(remaining);
            }
            for (k, line) in block.lines[from..from + take].iter().enumerate() {
                let line_slot = (slot + k) as u32;
                if k == 0 && from == 0 {
                    if let Some((level, title)) = &block.outline {
                        pages.outline.push(OutlineEntry {
                            level: *level,
                            title: title.clone(),
                            page: pages.pages.len() - 1,
                            top_pt: slot_top_pt(line_slot),
                        });
                    }
                }
                let split = Split {
                    head: k == 0 && from > 0,
                    foot: k + 1 == take && from + take < n,
                };
                place_line(
                    pages.pages.last_mut().expect("a page"),
                    line,
                    line_slot,
                    split,
                );
            }
            slot += take;
            from += take;
            if from < n || slot >= per_page {
                pages.pages.push(Page::default());
                slot = 0;
            }
        }
        i += 1;
    }
    while pages.pages.len() > 1 && pages.pages.last().is_some_and(Page::is_blank) {
        pages.pages.pop();
    }
    pages
}

/// Where a block broken across pages breaks, seen from one of its lines: the line opens the
/// block's part on a new page (`head`) or ends the part on this one (`foot`). A ruled table is
/// closed by a rule at the foot and opened by one at the head.
#[derive(Debug, Clone, Copy)]
struct Split {
    head: bool,
    foot: bool,
}

/// Adds a set line's glyphs to the page as runs of one font, size and weight, and its rules.
fn place_line(page: &mut Page, line: &SetLine, slot: u32, split: Split) {
    let baseline = baseline_pt(slot, line.size_pt.max(1.0));
    let left = MARGIN_LEFT_PT;
    if let Some(rules) = &line.rules {
        place_rules(page, rules, slot, split);
    }
    for g in &line.glyphs {
        let glyph = PlacedGlyph {
            glyph_id: g.glyph_id,
            text: g.text,
            x_pt: left + g.x_pt,
        };
        match page.runs.last_mut() {
            Some(run)
                if run.font == g.font
                    && run.size_pt == g.size_pt
                    && run.fake_bold == g.fake_bold
                    && run.baseline_pt == baseline =>
            {
                run.glyphs.push(glyph)
            }
            _ => page.runs.push(GlyphRun {
                font: g.font,
                size_pt: g.size_pt,
                baseline_pt: baseline,
                fake_bold: g.fake_bold,
                glyphs: vec![glyph],
            }),
        }
    }
}

/// Draws a table's rules across grid slot `slot`; a vertical rule continues the one of the
/// slot above, so a column's rule is one line per page.
fn place_rules(page: &mut Page, rules: &SlotRules, slot: u32, split: Split) {
    let (top, bottom) = (slot_top_pt(slot), slot_top_pt(slot + 1));
    let (Some(&first), Some(&last)) = (rules.verticals.first(), rules.verticals.last()) else {
        return;
    };
    let x = |v: f32| MARGIN_LEFT_PT + v;
    let width_pt = rules.width_pt;
    for (on, y) in [
        (rules.top || split.head, top),
        (rules.bottom || split.foot, bottom),
    ] {
        if on {
            page.rules.push(Rule {
                from: (x(first), y),
                to: (x(last), y),
                width_pt,
            });
        }
    }
    for &v in &rules.verticals {
        let continued = page.rules.iter_mut().rev().find(|r| {
            r.from.0 == x(v) && r.to.0 == x(v) && r.to.1 == top && r.width_pt == width_pt
        });
        match continued {
            Some(rule) => rule.to.1 = bottom,
            None => page.rules.push(Rule {
                from: (x(v), top),
                to: (x(v), bottom),
                width_pt,
            }),
        }
    }
}

/// "— N —" in 宋体 四号, its top 7 mm under the type area, odd pages right and even pages
/// left, [`PAGE_NUMBER_INSET_PT`] in from the edge of the type area. Blank pages get none.
fn add_page_numbers(pages: &mut Pages, resolver: &mut Resolver) -> Result<(), LayoutError> {
    let style = Element::PageNumber.style();
    let req = FaceRequest {
        face: style.face,
        latin_bold: false,
        own_digits: true,
    };
    let size_pt = style.size_pt;
    let baseline = TYPE_AREA_BOTTOM_PT + PAGE_NUMBER_DROP_MM * MM + EM_BOX_ASCENT * size_pt;
    for (index, page) in pages.pages.iter_mut().enumerate() {
        if page.is_blank() {
            continue;
        }
        let number = index as u32 + 1;
        page.number = Some(number);
        let mut glyphs = Vec::new();
        let mut x = 0.0;
        for ch in page_number_text(number).chars() {
            let glyph = resolver
                .resolve(req, ch)
                .ok_or_else(|| LayoutError::MissingGlyph {
                    ch,
                    code: ch as u32,
                    location: format!("第{number}页页码"),
                    context: page_number_text(number),
                })?;
            if !ch.is_whitespace() {
                glyphs.push((glyph, ch, x));
            }
            x += glyph.advance_em * size_pt;
        }
        let width = x;
        let start = if number % 2 == 1 {
            TYPE_AREA_RIGHT_PT - PAGE_NUMBER_INSET_PT - width
        } else {
            MARGIN_LEFT_PT + PAGE_NUMBER_INSET_PT
        };
        for (glyph, ch, dx) in glyphs {
            let placed = PlacedGlyph {
                glyph_id: glyph.glyph_id,
                text: ch,
                x_pt: start + dx,
            };
            match page.runs.last_mut() {
                Some(run) if run.font == glyph.font && run.baseline_pt == baseline => {
                    run.glyphs.push(placed)
                }
                _ => page.runs.push(GlyphRun {
                    font: glyph.font,
                    size_pt,
                    baseline_pt: baseline,
                    fake_bold: false,
                    glyphs: vec![placed],
                }),
            }
        }
    }
    Ok(())
}
