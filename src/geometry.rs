//! Page geometry of GB/T 9704-2012 as `../shared/spec/layout.md` states it, in one place.
//!
//! Every writer takes its page size, margins, grid and pitches from here, so the DOCX and the PDF
//! cannot drift apart. Lengths are millimetres or points as named; [`MM`] converts.

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// A4 portrait.
pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;

/// 天头: top margin.
pub const MARGIN_TOP_MM: f32 = 37.0;
/// 订口: left margin.
pub const MARGIN_LEFT_MM: f32 = 28.0;
/// 版心 (type area) width and height.
pub const TYPE_AREA_WIDTH_MM: f32 = 156.0;
pub const TYPE_AREA_HEIGHT_MM: f32 = 225.0;
/// What is left: right margin 26 mm, bottom margin 35 mm.
pub const MARGIN_RIGHT_MM: f32 = PAGE_WIDTH_MM - MARGIN_LEFT_MM - TYPE_AREA_WIDTH_MM;
pub const MARGIN_BOTTOM_MM: f32 = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TYPE_AREA_HEIGHT_MM;

/// The grid: 22 lines a page, 28 characters a line.
pub const LINES_PER_PAGE: u32 = 22;
pub const CHARS_PER_LINE: u32 = 28;

/// Line pitch: 225 mm / 22 = 10.23 mm = 28.99 pt (layout.md rounds it to 28.95 pt).
pub const LINE_PITCH_PT: f32 = TYPE_AREA_HEIGHT_MM * MM / LINES_PER_PAGE as f32;
/// Character pitch: 156 mm / 28 = 15.79 pt (a 16 pt face tightened by about 0.2 pt).
pub const CHAR_PITCH_PT: f32 = TYPE_AREA_WIDTH_MM * MM / CHARS_PER_LINE as f32;

/// The page-number line ("— 1 —") sits this far under the type area.
pub const PAGE_NUMBER_DROP_MM: f32 = 7.0;

/// Type area in points, for layout code.
pub const TYPE_AREA_WIDTH_PT: f32 = TYPE_AREA_WIDTH_MM * MM;
pub const TYPE_AREA_HEIGHT_PT: f32 = TYPE_AREA_HEIGHT_MM * MM;
/// The page and its margins in points: the type area's left and top edges, pt from the page's
/// left and top edges.
pub const PAGE_WIDTH_PT: f32 = PAGE_WIDTH_MM * MM;
pub const PAGE_HEIGHT_PT: f32 = PAGE_HEIGHT_MM * MM;
pub const MARGIN_LEFT_PT: f32 = MARGIN_LEFT_MM * MM;
pub const MARGIN_TOP_PT: f32 = MARGIN_TOP_MM * MM;
/// The type area's right and bottom edges, pt from the page's left and top edges.
pub const TYPE_AREA_RIGHT_PT: f32 = MARGIN_LEFT_PT + TYPE_AREA_WIDTH_PT;
pub const TYPE_AREA_BOTTOM_PT: f32 = MARGIN_TOP_PT + TYPE_AREA_HEIGHT_PT;

/// The CJK em box: Chinese faces design ideographs on an em box from 0.88 em above to 0.12 em
/// below the baseline. The layout centres it in a grid line; the PDF's font descriptors state it.
pub const EM_BOX_ASCENT: f32 = 0.88;
pub const EM_BOX_DESCENT: f32 = 0.12;

/// Twips (1/20 pt) for the DOCX writer.
pub fn mm_to_twips(mm: f32) -> i32 {
    (mm * MM * 20.0).round() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_and_pitches_match_layout_md() {
        assert!((MARGIN_RIGHT_MM - 26.0).abs() < 1e-4);
        assert!((MARGIN_BOTTOM_MM - 35.0).abs() < 1e-4);
        // layout.md rounds 10.23 mm to 28.95 pt; the exact pitch is 28.99 pt.
        assert!((LINE_PITCH_PT - 28.95).abs() < 0.05, "{LINE_PITCH_PT}");
        assert!((CHAR_PITCH_PT - 15.79).abs() < 0.01, "{CHAR_PITCH_PT}");
        assert_eq!(mm_to_twips(210.0), 11906);
        assert_eq!(mm_to_twips(297.0), 16838);
        assert!((EM_BOX_ASCENT + EM_BOX_DESCENT - 1.0).abs() < 1e-6);
        assert!((TYPE_AREA_RIGHT_PT - (PAGE_WIDTH_MM - MARGIN_RIGHT_MM) * MM).abs() < 1e-3);
        assert!((TYPE_AREA_BOTTOM_PT - (PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM) * MM).abs() < 1e-3);
    }
}
