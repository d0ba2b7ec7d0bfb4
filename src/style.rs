//! How each element of a report looks: the faces-and-sizes table of `layout.md`, in one place.
//!
//! The document model says what a piece of text is; this module says which face, size,
//! alignment and indent it gets. The DOCX writer turns these into named paragraph styles, the PDF
//! layout into glyph runs, so the two always agree.

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
    TableCell,
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
        };
        match self {
            Element::CopyNumber => s(Face::SongTi, size::SAN_HAO, Left, 0.0, true),
            Element::SessionMark => s(Face::HeiTi, size::SAN_HAO, Left, 0.0, true),
            Element::DraftMark => s(Face::HeiTi, size::SAN_HAO, Right, 0.0, true),
            Element::Title => s(Face::XiaoBiaoSong, size::ER_HAO, Center, 0.0, true),
            Element::Subtitle => s(Face::KaiTi, size::SAN_HAO, Center, 0.0, true),
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
            Element::PageNumber => s(Face::SongTi, size::SI_HAO, Left, 0.0, false),
        }
    }
}

/// The page-number text: one em dash each side, half-width digits.
pub fn page_number_text(n: u32) -> String {
    format!("— {n} —")
}
