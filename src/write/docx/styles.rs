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
    mm_to_twips, LINES_PER_PAGE, LINE_PITCH_PT, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_TOP_MM,
    PAGE_HEIGHT_MM, PAGE_WIDTH_MM,
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
    /// characters are tracked to the grid's character pitch, as the PDF sets 三号 text (see
    /// [`FULL_WIDTH_TRACKING`]). Off for text that is not 三号: the title (二号, which the PDF
    /// sets at its natural width) and the footer (四号 on a line exactly as tall as its type).
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
    // Cells are tracked as the body: the PDF sets their 三号 characters at the grid's pitch too,
    // so a long cell wraps where it wraps there.
    def(id::TABLE_TEXT, "表格文字", Element::TableCell),
    def(id::TABLE_HEADER, "表头", Element::TableHeader),
    StyleDef {
        snap_to_grid: false,
        ..def(id::PAGE_NUMBER, "footer", Element::PageNumber)
    },
];

/// The type area as the section writes it, in twips (width, height): [`MEASURE_TWIPS`] wide,
/// the page less the top and bottom margins high, each rounded to twips as Word stores them.
pub fn type_area_twips() -> (i32, i32) {
    (
        MEASURE_TWIPS,
        mm_to_twips(PAGE_HEIGHT_MM) - mm_to_twips(MARGIN_TOP_MM) - mm_to_twips(MARGIN_BOTTOM_MM),
    )
}

/// The right margin that leaves [`MEASURE_TWIPS`] beside GB/T 9704's left margin: 1461 twips,
/// 25.8 mm where the standard says 26 mm ± 1.
pub fn right_margin_twips() -> i32 {
    mm_to_twips(PAGE_WIDTH_MM) - mm_to_twips(MARGIN_LEFT_MM) - MEASURE_TWIPS
}

/// The grid's line pitch in twips, [`LINE_PITCH_PT`] rounded down as Word does (579, i.e.
/// 28.95 pt), so that 22 lines surely fit the type area (580 × 22 would not).
pub fn line_pitch_twips() -> i32 {
    let (_, height) = type_area_twips();
    debug_assert!((height as f32 / 20.0 / LINES_PER_PAGE as f32 - LINE_PITCH_PT).abs() < 0.05);
    height / LINES_PER_PAGE as i32
}

/// Tracking of full-width characters (汉字, Chinese punctuation) in the styles on the grid, in
/// twentieths of a point: the PDF sets a 三号 character at the grid's pitch of 15.79 pt
/// ([`crate::geometry::CHAR_PITCH_PT`]); Word counts tracking in whole twentieths, so a 16 pt
/// character is tightened by 0.2 pt to 15.8 pt.
pub const FULL_WIDTH_TRACKING: i32 = -4;

/// Tracking of narrow characters (Latin letters, digits, half-width marks) in the styles on the
/// grid, in twentieths of a point (+0.2 pt), and the width of the text column in twips (442.9 pt
/// where GB/T 9704's type area is 442.2 pt). The PDF sets narrow characters at their natural
/// width and fits a line to 442.2 pt; Word fits in whole twips with 15.8 pt characters. These
/// two values make Word's arithmetic fit a line of n full-width and m narrow characters exactly
/// when the PDF's does (28 full-width on a full line, 27 and two digits not; 26 after the
/// first-line indent, whether Word counts the indent's two characters as 16 pt or 15.8 pt), for
/// every line a report has: the test enumerates them. LibreOffice, whose sums come out a few
/// twips wider than Word's, still sets 28 characters in this column.
pub const NARROW_TRACKING: i32 = 4;
pub const MEASURE_TWIPS: i32 = 8858;

/// The width of a tracked 三号 full-width character in twips: 316 (15.8 pt).
pub fn tracked_char_twips() -> i32 {
    pt_to_twips(crate::style::size::SAN_HAO) + FULL_WIDTH_TRACKING
}

/// Twips of `chars` tracked 三号 characters, so 2 characters = 632 twips: the indent written
/// beside `w:firstLineChars` for readers that do not take the character count (LibreOffice).
pub fn chars_to_twips(chars: f32) -> i32 {
    (chars * tracked_char_twips() as f32).round() as i32
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
        // Tighten each character to the grid's pitch, so 28 fill the line in Word, WPS and
        // LibreOffice alike; the section's grid only fixes the 22 lines (see `page_setup`). The
        // writer sets runs of narrow characters apart with `NARROW_TRACKING`.
        style.run_property = style.run_property.spacing(FULL_WIDTH_TRACKING);
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

    /// Word fits a line of `full` full-width and `narrow` narrow characters, after an indent of
    /// `indent` twips, exactly when the PDF's line breaker does: 28 full-width characters fill
    /// a line and 27 with two digits do not, 26 after the two-character indent, for every line
    /// of up to 30 full-width and 24 narrow characters. The PDF sets a full-width character at
    /// the grid's pitch and a digit at its natural half em (8 pt), and fits to the type area.
    #[test]
    fn word_fits_a_line_exactly_when_the_pdf_does() {
        use crate::geometry::{CHAR_PITCH_PT, TYPE_AREA_WIDTH_PT};
        use crate::layout::linebreak::FIT_TOLERANCE_PT;
        use crate::style::size::SAN_HAO;
        let narrow_pt = SAN_HAO / 2.0;
        let pdf_fits = |indent_chars: f32, full: u32, narrow: u32| {
            (indent_chars + full as f32) * CHAR_PITCH_PT + narrow as f32 * narrow_pt
                <= TYPE_AREA_WIDTH_PT + FIT_TOLERANCE_PT
        };
        let full_twips = tracked_char_twips();
        let narrow_twips = pt_to_twips(narrow_pt) + NARROW_TRACKING;
        let word_fits = |indent_twips: i32, full: u32, narrow: u32| {
            indent_twips + full as i32 * full_twips + narrow as i32 * narrow_twips <= MEASURE_TWIPS
        };
        // The first-line indent: 2 characters, which Word may take as 2 × 16 pt (its character
        // unit is the font size) or as the tracked 2 × 15.8 pt LibreOffice reads from w:firstLine.
        let indents = [
            (0.0, vec![0]),
            (2.0, vec![chars_to_twips(2.0), 2 * pt_to_twips(SAN_HAO)]),
        ];
        for (indent_chars, indent_twips) in &indents {
            for twips in indent_twips {
                for full in 0..=30 {
                    for narrow in 0..=24 {
                        assert_eq!(
                            word_fits(*twips, full, narrow),
                            pdf_fits(*indent_chars, full, narrow),
                            "{full} full-width and {narrow} narrow after {twips} twips"
                        );
                    }
                }
            }
        }
        assert!(word_fits(0, 28, 0) && !word_fits(0, 29, 0));
        assert!(!word_fits(0, 27, 2) && word_fits(0, 27, 1));
        // Every tracked style is 三号, the size the tracking is for.
        for d in SHEET.iter().filter(|d| d.snap_to_grid) {
            assert_eq!(d.element.style().size_pt, SAN_HAO, "{}", d.id);
        }
        // The column stays within GB/T 9704's 26 mm ± 1 right margin.
        let right_mm = right_margin_twips() as f32 / 20.0 / crate::geometry::MM;
        assert!((right_mm - 26.0).abs() < 1.0, "{right_mm}");
    }
}
