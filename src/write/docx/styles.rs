//! The style sheet of a report DOCX: one named paragraph style per element of layout.md's
//! faces-and-sizes table, so a clerk restyles every heading at once and the navigation pane lists
//! the structure.
//!
//! Faces, sizes, alignment, indents and keep-with-next come from [`crate::style::Element::style`];
//! line and character pitch from [`crate::geometry`]. Elements that Word already has a built-in
//! style for (正文 = Normal, 标题 = Title, 副标题 = Subtitle, 日期 = Date, 称呼 = Salutation,
//! 页脚 = footer, and the four heading levels 一、 （一） 1. （1） = heading 1 … heading 4,
//! shown as 标题 1 … 标题 4) use the built-in's English name, which is how Word and WPS store
//! them and how their Chinese UI finds them (a custom style called 正文 would sit beside the real
//! one). Built-in heading styles are what Word's navigation pane and table of contents, pandoc,
//! python-docx and screen readers take for headings; a clerk restyles every 一、 heading by
//! changing 标题 1. The rest get Chinese names.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style,
    StyleType, Tab, TabValueType,
};

use crate::geometry::{
    mm_to_twips, CHARS_PER_LINE, LINES_PER_PAGE, LINE_PITCH_PT, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM, MARGIN_TOP_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM,
};
use crate::style::{Alignment, Element, ElementStyle, Face, LATIN_OFFICE_FACE};

/// One paragraph style of the sheet.
#[derive(Debug, Clone, Copy)]
pub struct StyleDef {
    /// `w:styleId`, what paragraphs reference.
    pub id: &'static str,
    /// `w:name`, what the clerk sees.
    pub name: &'static str,
    pub element: Element,
    /// The paragraph keeps to the section's 22-line document grid (`w:snapToGrid`) and its
    /// characters are tracked to the 28-character line (see [`grid_tracking_twentieths`]). Off
    /// for text that is not a line of 三号 characters: the title (二号; tracking would squeeze it
    /// into 15.79 pt cells), table cells (narrower than the line, set at their natural width),
    /// the footer (四号 on a line exactly as tall as its type).
    pub snap_to_grid: bool,
}

const fn def(id: &'static str, name: &'static str, element: Element) -> StyleDef {
    StyleDef {
        id,
        name,
        element,
        snap_to_grid: true,
    }
}

/// Style ids, named once so the writer and the sheet cannot disagree.
pub mod id {
    pub const BODY: &str = "Normal";
    pub const SESSION_MARK: &str = "SessionMark";
    pub const DRAFT_MARK: &str = "DraftMark";
    pub const TITLE: &str = "Title";
    pub const SUBTITLE: &str = "Subtitle";
    pub const SPEAKER: &str = "Speaker";
    pub const DATE_LINE: &str = "Date";
    pub const SALUTATION: &str = "Salutation";
    pub const HEADINGS: [&str; 4] = ["Heading1", "Heading2", "Heading3", "Heading4"];
    pub const LIST_ITEM: &str = "ListItem";
    pub const TABLE_TEXT: &str = "TableText";
    pub const TABLE_HEADER: &str = "TableHeader";
    pub const PAGE_NUMBER: &str = "Footer";
}

/// Every style of the sheet; the body style (Normal) first, since the others are based on it.
pub const SHEET: [StyleDef; 16] = [
    def(id::BODY, "Normal", Element::Body),
    def(id::SESSION_MARK, "会议文件标识", Element::SessionMark),
    def(id::DRAFT_MARK, "稿别", Element::DraftMark),
    StyleDef {
        snap_to_grid: false,
        ..def(id::TITLE, "Title", Element::Title)
    },
    def(id::SUBTITLE, "Subtitle", Element::Subtitle),
    def(id::SPEAKER, "报告人", Element::Speaker),
    def(id::DATE_LINE, "Date", Element::DateLine),
    def(id::SALUTATION, "Salutation", Element::Salutation),
    def(id::HEADINGS[0], "heading 1", Element::Heading(1)),
    def(id::HEADINGS[1], "heading 2", Element::Heading(2)),
    def(id::HEADINGS[2], "heading 3", Element::Heading(3)),
    def(id::HEADINGS[3], "heading 4", Element::Heading(4)),
    def(id::LIST_ITEM, "列表项", Element::ListItem),
    // Cells are narrower than the 28-character line: untracked, they set at their natural width.
    StyleDef {
        snap_to_grid: false,
        ..def(id::TABLE_TEXT, "表格文字", Element::TableCell)
    },
    StyleDef {
        snap_to_grid: false,
        ..def(id::TABLE_HEADER, "表头", Element::TableHeader)
    },
    StyleDef {
        snap_to_grid: false,
        ..def(id::PAGE_NUMBER, "footer", Element::PageNumber)
    },
];

/// The type area as the section writes it, in twips (width, height): the page less the
/// margins, each rounded to twips as Word stores them.
pub fn type_area_twips() -> (i32, i32) {
    (
        mm_to_twips(PAGE_WIDTH_MM) - mm_to_twips(MARGIN_LEFT_MM) - mm_to_twips(MARGIN_RIGHT_MM),
        mm_to_twips(PAGE_HEIGHT_MM) - mm_to_twips(MARGIN_TOP_MM) - mm_to_twips(MARGIN_BOTTOM_MM),
    )
}

/// The grid's line pitch in twips, [`LINE_PITCH_PT`] rounded down as Word does (579, i.e.
/// 28.95 pt), so that 22 lines surely fit the type area (580 × 22 would not).
pub fn line_pitch_twips() -> i32 {
    let (_, height) = type_area_twips();
    debug_assert!((height as f32 / 20.0 / LINES_PER_PAGE as f32 - LINE_PITCH_PT).abs() < 0.05);
    height / LINES_PER_PAGE as i32
}

/// The character pitch of the 28-character line in points: [`crate::geometry::CHAR_PITCH_PT`]
/// over the type area as written. The section has no character grid; body styles reach this
/// pitch by tracking.
pub fn char_pitch_pt() -> f32 {
    let (width, _) = type_area_twips();
    width as f32 / 20.0 / CHARS_PER_LINE as f32
}

/// Twips of `chars` characters of the 28-character line (15.79 pt each, a tracked 三号
/// character), so 2 characters ≈ 632 twips: the indent written beside `w:firstLineChars` for
/// readers that do not take the character count.
pub fn chars_to_twips(chars: f32) -> i32 {
    pt_to_twips(chars * char_pitch_pt())
}

/// Twips (1/20 pt).
pub fn pt_to_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Half-points, what `w:sz` counts.
pub fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

/// Run fonts of a face: the office face for Chinese, Times New Roman for Latin text and digits.
/// The hint makes the ambiguous marks Chinese text uses (“”、——、……、·) take the Chinese face,
/// as they do when typed with a Chinese input method; otherwise Word sets them half-width.
pub fn run_fonts(face: Face) -> RunFonts {
    // The page number is 宋体 throughout, digits included (layout.md).
    let latin = if face == Face::SongTi {
        face.office_name()
    } else {
        LATIN_OFFICE_FACE
    };
    RunFonts::new()
        .ascii(latin)
        .hi_ansi(latin)
        .cs(latin)
        .east_asia(face.office_name())
        .hint("eastAsia")
}

pub fn alignment(a: Alignment) -> AlignmentType {
    match a {
        Alignment::Left => AlignmentType::Left,
        Alignment::Center => AlignmentType::Center,
        Alignment::Right => AlignmentType::Right,
        Alignment::Justify => AlignmentType::Both,
    }
}

/// The docx-rs style for one definition.
fn build(d: &StyleDef) -> Style {
    let s: ElementStyle = d.element.style();
    let mut style = Style::new(d.id, StyleType::Paragraph)
        .name(d.name)
        .fonts(run_fonts(s.face))
        .size(half_points(s.size_pt))
        .align(alignment(s.align))
        // firstLineChars (patched in by `package`) rules in Word; the twips serve other readers.
        .indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(chars_to_twips(s.indent_chars))),
            Some(0),
            None,
        );
    if d.id != id::BODY {
        style = style.based_on(id::BODY).next(id::BODY);
    }
    if s.bold {
        style = style.bold();
    }
    // No space before or after: the blank lines between paragraphs are the flow's, written on
    // the paragraphs that have them.
    let spacing = LineSpacing::new().before(0).after(0);
    let spacing = match d.element {
        // The footer line is as tall as its type, so the footer distance places the number.
        Element::PageNumber => spacing
            .line(pt_to_twips(s.size_pt))
            .line_rule(LineSpacingType::Exact),
        _ => spacing
            .line(line_pitch_twips())
            .line_rule(LineSpacingType::Exact),
    };
    style = style.line_spacing(spacing).snap_to_grid(d.snap_to_grid);
    if d.snap_to_grid {
        // Tighten each character to the 15.79 pt character pitch (about −0.25 pt at 三号, as
        // layout.md says), so 28 fill the line in Word, WPS and LibreOffice alike; the section's
        // grid only fixes the 22 lines (see `page_setup`).
        style.run_property = style
            .run_property
            .spacing(grid_tracking_twentieths(s.size_pt));
    }
    if let Some(level) = outline_level(d.element) {
        // Word counts outline levels from 0.
        style = style.outline_lvl(usize::from(level - 1));
    }
    let mut ppr = style.paragraph_property.keep_next(s.keep_with_next);
    if d.id == id::SESSION_MARK {
        // The draft mark follows the session mark after a tab, flush right on this stop.
        ppr = ppr.add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos(type_area_twips().0.max(0) as usize),
        );
    }
    if d.id == id::BODY {
        ppr = ppr.widow_control(true);
    }
    style.paragraph_property = ppr;
    style
}

/// Letter spacing, in twentieths of a point, that brings a character of `size_pt` within the
/// character pitch of the 28-character line: rounded towards tighter, and one twentieth more, because LibreOffice loses a
/// full-width mark that ends a line filled to within a fraction of a point (−0.25 pt dropped
/// 6 of the sample's 254 commas; −0.3 pt keeps them all and still sets 28, not 29, a line).
fn grid_tracking_twentieths(size_pt: f32) -> i32 {
    (((char_pitch_pt() - size_pt) * 20.0).floor() - 1.0).min(0.0) as i32
}

/// Adds the whole sheet and the document defaults (body face and size) to `docx`.
pub fn add_sheet(mut docx: Docx) -> Docx {
    let body = Element::Body.style();
    docx = docx
        .default_fonts(run_fonts(body.face))
        .default_size(half_points(body.size_pt));
    for d in &SHEET {
        docx = docx.add_style(build(d));
    }
    docx
}

/// The outline level (1 is 一、) an element's style gives its paragraphs: headings only.
pub fn outline_level(element: Element) -> Option<u8> {
    match element {
        Element::Heading(level) => Some(level.clamp(1, 9)),
        _ => None,
    }
}

/// The definition of a style id, for the package patches.
pub fn find(style_id: &str) -> Option<&'static StyleDef> {
    SHEET.iter().find(|d| d.id == style_id)
}

/// The style of an element: every element but the copy number has one (the DOCX is the
/// editable report, not a numbered copy; see `body`). A heading deeper than level 4 takes the
/// level-4 style (the flow never has one; see [`crate::realize`]).
pub fn of(element: Element) -> &'static StyleDef {
    let element = match element {
        Element::Heading(level) => Element::Heading(level.clamp(1, 4)),
        other => other,
    };
    SHEET
        .iter()
        .find(|d| d.element == element)
        .expect("the sheet has a style for every element the DOCX prints")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_element_but_the_copy_number_has_one_style() {
        let mut elements = vec![
            Element::SessionMark,
            Element::DraftMark,
            Element::Title,
            Element::Subtitle,
            Element::Speaker,
            Element::DateLine,
            Element::Salutation,
            Element::Body,
            Element::ListItem,
            Element::TableCell,
            Element::TableHeader,
            Element::PageNumber,
        ];
        elements.extend((1..=4).map(Element::Heading));
        for element in &elements {
            assert_eq!(of(*element).element, *element);
        }
        assert_eq!(elements.len(), SHEET.len());
        assert_eq!(of(Element::Heading(9)).id, id::HEADINGS[3]);
    }
}
