//! How each element of a report looks: the faces-and-sizes table of `layout.md`, in one place.
//!
//! The document model says what a piece of text is; this module says which face, size,
//! alignment and indent it gets. [`crate::realize`] gives every paragraph of the flow its
//! [`Element`] and every run its face and weight from here; the DOCX writer turns the elements
//! into named paragraph styles, the PDF layout into glyph runs, so the two always agree.

/// Chinese type sizes (字号) in points.
pub mod size {
    pub const CHU_HAO: f32 = 42.0;
    pub const YI_HAO: f32 = 26.0;
    pub const ER_HAO: f32 = 22.0;
    pub const XIAO_ER: f32 = 18.0;
    pub const SAN_HAO: f32 = 16.0;
    pub const XIAO_SAN: f32 = 15.0;
    pub const SI_HAO: f32 = 14.0;
    pub const XIAO_SI: f32 = 12.0;
    pub const WU_HAO: f32 = 10.5;
}

/// The five faces of a government document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// 小标宋: titles.
    XiaoBiaoSong,
    /// 仿宋: body.
    FangSong,
    /// 黑体: level-1 headings, marks.
    HeiTi,
    /// 楷体: level-2 headings, subtitle, speaker and date lines.
    KaiTi,
    /// 宋体: page numbers.
    SongTi,
}

impl Face {
    pub const ALL: [Face; 5] = [
        Face::XiaoBiaoSong,
        Face::FangSong,
        Face::HeiTi,
        Face::KaiTi,
        Face::SongTi,
    ];

    /// The face's name on a government office PC, as a DOCX names it (east-Asian font).
    pub fn office_name(self) -> &'static str {
        match self {
            Face::XiaoBiaoSong => "方正小标宋简体",
            Face::FangSong => "仿宋_GB2312",
            Face::HeiTi => "黑体",
            Face::KaiTi => "楷体_GB2312",
            Face::SongTi => "宋体",
        }
    }

    /// The name Windows itself ships, which Word falls back to when the office face is missing.
    pub fn fallback_name(self) -> &'static str {
        match self {
            Face::XiaoBiaoSong => "SimSun",
            Face::FangSong => "FangSong",
            Face::HeiTi => "SimHei",
            Face::KaiTi => "KaiTi",
            Face::SongTi => "SimSun",
        }
    }

    /// Family names that serve this face when installed, best first (used by font discovery).
    pub fn installed_names(self) -> &'static [&'static str] {
        match self {
            Face::XiaoBiaoSong => &[
                "方正小标宋简体",
                "FZXiaoBiaoSong-B05S",
                "方正小标宋_GBK",
                "FZXiaoBiaoSong-B05",
            ],
            Face::FangSong => &["仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"],
            Face::HeiTi => &["黑体", "SimHei"],
            Face::KaiTi => &["楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"],
            Face::SongTi => &["宋体", "SimSun"],
        }
    }

    /// A short Chinese name for messages (`workreport fonts`).
    pub fn role_name(self) -> &'static str {
        match self {
            Face::XiaoBiaoSong => "小标宋（标题）",
            Face::FangSong => "仿宋（正文）",
            Face::HeiTi => "黑体（一级标题）",
            Face::KaiTi => "楷体（二级标题、署名）",
            Face::SongTi => "宋体（页码）",
        }
    }
}

/// The Latin face set beside Chinese text (digits, Latin words): Times New Roman in a DOCX.
pub const LATIN_OFFICE_FACE: &str = "Times New Roman";

/// Horizontal placement of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    Left,
    Center,
    Right,
    /// Both edges flush, last line flush left.
    Justify,
}

/// Every kind of element a report prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Element {
    CopyNumber,
    SessionMark,
    DraftMark,
    Title,
    Subtitle,
    Speaker,
    DateLine,
    Salutation,
    Body,
    /// Level 1 to 4.
    Heading(u8),
    ListItem,
    /// A cell of a table's body rows.
    TableCell,
    /// A cell of a table's header row (表头).
    TableHeader,
    PageNumber,
}

/// How one element is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ElementStyle {
    pub face: Face,
    pub size_pt: f32,
    pub bold: bool,
    pub align: Alignment,
    /// First-line indent in characters of this element's size.
    pub indent_chars: f32,
    /// Never the last line of a page.
    pub keep_with_next: bool,
    /// A centred heading line (title, subtitle) is broken by
    /// [`crate::layout::title::balance_title`] into balanced lines of at most this many
    /// characters when the report is realized ([`crate::realize`]), so every writer prints
    /// those lines; `None`: broken by the writer's line breaker.
    pub balanced_max_chars: Option<usize>,
}

/// A title line holds at most this many characters. 二号 fits 20 in the 156 mm type area
/// (20 × 22 pt = 440 pt of 442.2 pt); two fewer keep the longest line of a balanced title off
/// the edges of the type area, as a centred title should be, and leave Word and LibreOffice room
/// so a 20-character line never wraps on its own.
pub const TITLE_MAX_CHARS: usize = 18;

/// A subtitle line holds at most this many characters: the 28 of the grid less two, as for the
/// title.
pub const SUBTITLE_MAX_CHARS: usize = 26;

/// The face of an emphasis span (`*…*`): 楷体, how Chinese type sets a passage apart (slanted
/// Chinese is a synthetic oblique no government document uses).
pub const EMPHASIS_FACE: Face = Face::KaiTi;

/// How a span is set inside an element, in every writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpanStyle {
    pub face: Face,
    pub bold: bool,
}

/// A span inside an element set in `element`: strong (`**…**`) stays in the element's face and
/// is bold (bold 仿宋 in body text, as layout.md sets a level-3 heading; a body paragraph stays
/// a 仿宋 paragraph, which is how `docx_layout_check.py` and a clerk recognise one), emphasis
/// (`*…*`) is [`EMPHASIS_FACE`].
pub fn span_style(element: &ElementStyle, strong: bool, emphasis: bool) -> SpanStyle {
    SpanStyle {
        face: if emphasis {
            EMPHASIS_FACE
        } else {
            element.face
        },
        bold: element.bold || strong,
    }
}

/// The page number's inset from the edge of the type area (“空一字”): one character of the page
/// number's own size, 四号 14 pt, which is also what Word's “1 字符” indent of a 四号 paragraph
/// gives.
pub const PAGE_NUMBER_INSET_PT: f32 = size::SI_HAO;

/// Whether the draft mark (稿别) goes at the right end of the session mark's line: when both fit
/// the 28-character line with at least two characters between them (half-width characters
/// count half, [`crate::text::em_width`]). Otherwise it takes a line of its own, flush right.
pub fn draft_mark_beside_session_mark(session_mark: &str, draft_mark: &str) -> bool {
    use crate::text::em_width;
    em_width(session_mark) + 2.0 + em_width(draft_mark) <= crate::geometry::CHARS_PER_LINE as f32
}

impl Element {
    /// The style of this element, from layout.md's table.
    pub fn style(self) -> ElementStyle {
        use Alignment::*;
        let s = |face, size_pt, align, indent_chars, keep_with_next| ElementStyle {
            face,
            size_pt,
            bold: false,
            align,
            indent_chars,
            keep_with_next,
            balanced_max_chars: None,
        };
        // The blank lines of the title block depend on which of its parts a report has; they
        // are decided in `crate::realize`, not per element.
        match self {
            // Alone on the first grid line: the marks (or the title) follow on the next line,
            // with no blank line between.
            Element::CopyNumber => s(Face::SongTi, size::SAN_HAO, Left, 0.0, true),
            Element::SessionMark => s(Face::HeiTi, size::SAN_HAO, Left, 0.0, true),
            Element::DraftMark => s(Face::HeiTi, size::SAN_HAO, Right, 0.0, true),
            Element::Title => ElementStyle {
                balanced_max_chars: Some(TITLE_MAX_CHARS),
                ..s(Face::XiaoBiaoSong, size::ER_HAO, Center, 0.0, true)
            },
            Element::Subtitle => ElementStyle {
                balanced_max_chars: Some(SUBTITLE_MAX_CHARS),
                ..s(Face::KaiTi, size::SAN_HAO, Center, 0.0, true)
            },
            Element::Speaker => s(Face::KaiTi, size::SAN_HAO, Center, 0.0, true),
            Element::DateLine => s(Face::KaiTi, size::SAN_HAO, Center, 0.0, true),
            Element::Salutation => s(Face::FangSong, size::SAN_HAO, Left, 0.0, true),
            Element::Body | Element::ListItem => {
                s(Face::FangSong, size::SAN_HAO, Justify, 2.0, false)
            }
            Element::Heading(1) => s(Face::HeiTi, size::SAN_HAO, Justify, 2.0, true),
            Element::Heading(2) => s(Face::KaiTi, size::SAN_HAO, Justify, 2.0, true),
            Element::Heading(3) => ElementStyle {
                bold: true,
                ..s(Face::FangSong, size::SAN_HAO, Justify, 2.0, true)
            },
            Element::Heading(_) => s(Face::FangSong, size::SAN_HAO, Justify, 2.0, true),
            Element::TableCell => s(Face::FangSong, size::SAN_HAO, Left, 0.0, false),
            // The header row stands apart by weight, centred over its column.
            Element::TableHeader => ElementStyle {
                bold: true,
                ..s(Face::FangSong, size::SAN_HAO, Center, 0.0, false)
            },
            Element::PageNumber => s(Face::SongTi, size::SI_HAO, Left, 0.0, false),
        }
    }
}

/// The page-number text: one em dash each side, half-width digits.
pub fn page_number_text(n: u32) -> String {
    format!("— {n} —")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strong_is_bold_in_the_elements_face_and_emphasis_is_kaiti() {
        let body = Element::Body.style();
        let look = |strong, emphasis| span_style(&body, strong, emphasis);
        assert_eq!(
            look(true, false),
            SpanStyle {
                face: Face::FangSong,
                bold: true
            }
        );
        assert_eq!(
            look(false, true),
            SpanStyle {
                face: Face::KaiTi,
                bold: false
            }
        );
        assert_eq!(
            look(true, true),
            SpanStyle {
                face: Face::KaiTi,
                bold: true
            }
        );
        assert_eq!(
            look(false, false),
            SpanStyle {
                face: Face::FangSong,
                bold: false
            }
        );
        let level3 = Element::Heading(3).style();
        assert!(span_style(&level3, false, false).bold);
    }

    #[test]
    fn titles_and_subtitles_are_balanced() {
        assert_eq!(
            Element::Title.style().balanced_max_chars,
            Some(TITLE_MAX_CHARS)
        );
        assert_eq!(
            Element::Subtitle.style().balanced_max_chars,
            Some(SUBTITLE_MAX_CHARS)
        );
        assert_eq!(Element::Body.style().balanced_max_chars, None);
    }

    #[test]
    fn the_draft_mark_shares_the_first_line_when_both_fit() {
        assert!(draft_mark_beside_session_mark(
            "青石镇第五届人民代表大会第五次会议文件（二）",
            "审议稿"
        ));
        // 24 + 2 + 3 = 29 characters do not fit 28.
        assert!(!draft_mark_beside_session_mark(
            "青石镇第五届人民代表大会第五次会议文件（二十二）",
            "审议稿"
        ));
    }
}
