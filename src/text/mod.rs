//! Character classes of Chinese text, decided once: what is a CJK ideograph, CJK punctuation, a
//! Latin letter or a digit, how wide a character is, and which full-width mark Chinese prose
//! uses for a half-width one. The facts checker, the Markdown reader, the line breaker, the font
//! chooser and the title block all ask here, so the checker and the typesetter judge a text alike.
//!
//! Two widths are told apart. [`is_wide`] is Unicode's East Asian Width (Wide or Fullwidth, from
//! `unicode-width`), what a terminal gives two columns. [`is_full_width`] adds the marks of
//! ambiguous width that Chinese type sets on a full em (“ ” ‘ ’ — … ·): what the page gives a whole
//! character of the grid.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A CJK ideograph (汉字): the Unified Ideographs (U+4E00–9FFF) and Extension A (U+3400–4DBF),
/// the Compatibility Ideographs (U+F900–FAFF), the Supplementary and Tertiary Ideographic Planes
/// (U+20000–3FFFF: Extensions B to I and the Compatibility Supplement), and 〇 (U+3007, the zero
/// of 二〇二四年).
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Marks of ambiguous East Asian width that Chinese text sets full width: the curly quotes
/// “ ” ‘ ’, the halves of —— and …… (— ― … ‥) and the interpunct · (间隔号).
pub fn is_chinese_ambiguous_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '—' | '―' | '…' | '‥' | '·')
}

/// CJK punctuation: the marks of CJK Symbols and Punctuation (、。〃 and the brackets 〈〉《》「」
/// 『』【】〔〕〖〗〘〙〚〛, 〜 and 〝〞〟), the full-width forms of ASCII punctuation and symbols
/// (，：；？！（）％ …, U+FF01–FF0F, FF1A–FF20, FF3B–FF40, FF5B–FF65 with the half-width ｡｢｣､･),
/// the vertical and compatibility forms (U+FE10–FE19, FE30–FE4F), the katakana middle dot ・,
/// and the ambiguous marks Chinese sets full width ([`is_chinese_ambiguous_mark`]).
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x3003
        | 0x3008..=0x3011
        | 0x3014..=0x301F
        | 0x30FB
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65)
        || is_chinese_ambiguous_mark(c)
}

/// An opening curly quote, “ or ‘.
pub fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘')
}

/// A closing curly quote, ” or ’.
pub fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’')
}

/// A letter of the Latin script as typed half width: ASCII letters and the letters of Latin-1,
/// Latin Extended-A and -B and Latin Extended Additional (é, ü, ơ …). Full-width letters (Ａ)
/// belong to the Chinese text they stand in.
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c.is_alphabetic())
}

/// An Arabic digit, half or full width (7, ７); not a Chinese numeral (七).
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A letter or digit of a word of an alphabetic script (Latin, Greek, Cyrillic …), which is
/// never broken or spread inside; CJK characters are not word characters.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_wide(c)
}

/// A character set in the Latin face beside Chinese text: ASCII letters, digits and punctuation,
/// and Latin-1, Latin Extended-A and -B (U+00A0–024F). Full-width forms stay with the Chinese
/// face.
pub fn is_western(c: char) -> bool {
    matches!(c, '\u{21}'..='\u{7E}' | '\u{A0}'..='\u{24F}')
}

/// East Asian Wide or Fullwidth (Unicode's East Asian Width, by `unicode-width`): ideographs,
/// kana, hangul, CJK punctuation, full-width forms. A terminal gives these two columns.
pub fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// A CJK character in the sense of CommonMark's CJK-friendly amendments (their “ranges.md”):
/// East Asian Width Wide, Fullwidth or Halfwidth, emoji shown as pictures excepted, or Hangul.
/// Ideographs, kana, hangul, CJK punctuation (，。、：“ is not: its width is ambiguous) and the
/// full- and half-width forms are; the Markdown reader lets emphasis open and close beside them.
pub fn is_cjk(c: char) -> bool {
    let code = c as u32;
    let emoji = matches!(code, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF);
    let halfwidth = matches!(code, 0xFF61..=0xFFDC | 0xFFE8..=0xFFEE);
    let hangul =
        matches!(code, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF);
    ((is_wide(c) || halfwidth) && !emoji) || hangul
}

/// Whether Chinese type gives `c` a full em (a whole character of the grid): wide characters and
/// the ambiguous marks Chinese sets full width. Everything else (Latin letters, digits, half-width
/// punctuation, spaces) is narrower.
pub fn is_full_width(c: char) -> bool {
    is_wide(c) || is_chinese_ambiguous_mark(c)
}

/// ZERO WIDTH JOINER, the character Word inserts as “No-Width Non Break” (无宽非断字符): the DOCX
/// writer puts it where a number keeps its unit across a change from Latin to Chinese text
/// (2024‍年, 第‍5次), so Word does not break there as the PDF does not. It is not part of the
/// report's words: whatever reads a DOCX's text back drops it.
pub const NO_BREAK_JOINER: char = '\u{200D}';

/// The width of `text` in terminal columns (wide characters take two), for aligning tables
/// printed to a console.
pub fn display_width(text: &str) -> usize {
    text.width()
}

/// The width of `text` in ems of Chinese type: a full-width character counts one, anything else
/// half (the digits and Latin letters of the Latin face are about half an em).
pub fn em_width(text: &str) -> f32 {
    text.chars()
        .map(|c| if is_full_width(c) { 1.0 } else { 0.5 })
        .sum()
}

/// The full-width form of a printable ASCII character (U+0021–007E → U+FF01–FF5E: `,` → `，`,
/// `(` → `（`, `A` → `Ａ`); `None` for anything else.
pub fn full_width_form(c: char) -> Option<char> {
    match c {
        '!'..='~' => char::from_u32(c as u32 - 0x21 + 0xFF01),
        _ => None,
    }
}

/// The mark Chinese prose writes for a half-width one: `,` `:` `;` `?` `!` `(` `)` become
/// ，：；？！（）. Quotes depend on their side ([`curly_quote`]); a full stop may be a decimal
/// point, so `.` has none.
pub fn chinese_mark_for(c: char) -> Option<char> {
    match c {
        ',' | ':' | ';' | '?' | '!' | '(' | ')' => full_width_form(c),
        _ => None,
    }
}

/// The curly quote Chinese prose writes for a straight one: `"` → “ or ”, `'` → ‘ or ’, by side.
pub fn curly_quote(c: char, opening: bool) -> Option<char> {
    match (c, opening) {
        ('"', true) => Some('“'),
        ('"', false) => Some('”'),
        ('\'', true) => Some('‘'),
        ('\'', false) => Some('’'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_cover_the_extensions_and_compatibility_blocks() {
        for c in [
            '中',        // U+4E2D, Unified Ideographs
            '㐀',        // U+3400, Extension A
            '\u{F900}',  // Compatibility Ideographs
            '\u{20000}', // Extension B
            '\u{2F800}', // Compatibility Supplement
            '\u{31350}', // Extension H: the facts checker used to stop at U+3134F
            '\u{323AF}', // Extension H, last
            '〇',        // U+3007: no class had it as a Chinese character
        ] {
            assert!(is_ideograph(c), "U+{:04X}", c as u32);
            assert!(is_full_width(c), "U+{:04X}", c as u32);
        }
        for c in ['，', '、', 'a', '7', '七'] {
            assert_eq!(is_ideograph(c), c == '七', "{c}");
        }
        assert!(!is_ideograph('々') && !is_ideograph('ア') && !is_ideograph('한'));
    }

    #[test]
    fn punctuation_classes() {
        for c in "，。、；：？！（）《》〈〉「」『』【】〔〕“”‘’——……·％～".chars()
        {
            assert!(is_cjk_punctuation(c), "{c}");
            assert!(is_full_width(c), "{c}");
        }
        for c in ",.;:?!()\"'%中a7".chars() {
            assert!(!is_cjk_punctuation(c), "{c}");
        }
        // The half-width forms of the katakana block are CJK punctuation but narrow.
        assert!(is_cjk_punctuation('｡') && !is_full_width('｡'));
    }

    /// The cases the six old definitions disagreed on, decided once.
    #[test]
    fn widths_that_used_to_disagree() {
        // Curly quotes: the Markdown reader called them wide, the line breaker did not; they are
        // full width in Chinese type but one terminal column.
        assert!(!is_wide('“') && is_full_width('“'));
        assert_eq!(display_width("“引”"), 4);
        // Half-width katakana: the Markdown reader called U+FF00–FFEF wide; ｱ is narrow.
        assert!(!is_wide('ｱ') && !is_full_width('ｱ'));
        // Hangul: the line breaker called it wide, the Markdown reader did not.
        assert!(is_wide('한'));
        // é: the title block counted every non-ASCII character as a full character; the font
        // chooser sets it in the Latin face, half an em.
        assert!(is_latin_letter('é') && is_western('é') && !is_full_width('é'));
        assert_eq!(em_width("审议稿 v2"), 3.0 + 1.5);
        assert_eq!(display_width("建议.总数"), 9);
        assert_eq!(display_width("abc"), 3);
    }

    #[test]
    fn latin_letters_digits_and_words() {
        assert!(is_latin_letter('x') && is_latin_letter('Ö') && is_latin_letter('ơ'));
        assert!(!is_latin_letter('×') && !is_latin_letter('Ｘ') && !is_latin_letter('中'));
        assert!(is_digit('7') && is_digit('７') && !is_digit('七'));
        assert!(is_word_char('a') && is_word_char('7') && is_word_char('α'));
        assert!(!is_word_char('中') && !is_word_char('，'));
        assert!(is_western('A') && is_western('×') && !is_western('，') && !is_western(' '));
    }

    #[test]
    fn half_width_marks_map_to_the_chinese_ones() {
        let mapped: String = ",:;?!()".chars().filter_map(chinese_mark_for).collect();
        assert_eq!(mapped, "，：；？！（）");
        assert_eq!(chinese_mark_for('.'), None);
        assert_eq!(chinese_mark_for('，'), None);
        assert_eq!(curly_quote('"', true), Some('“'));
        assert_eq!(curly_quote('"', false), Some('”'));
        assert_eq!(curly_quote('\'', true), Some('‘'));
        assert_eq!(curly_quote('\'', false), Some('’'));
        assert_eq!(full_width_form('%'), Some('％'));
        assert_eq!(full_width_form('~'), Some('～'));
        assert_eq!(full_width_form(' '), None);
    }
}
