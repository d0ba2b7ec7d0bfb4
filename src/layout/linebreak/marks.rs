//! Character classes for Chinese line breaking: the marks that may not start or end a line
//! (避头尾), the marks that come in unsplittable pairs (——, ……), which half of a full-width mark
//! is blank (for 标点挤压), and the classes the number/unit and Latin-word rules need.

/// Closing and pause marks that never start a line (行首禁则), full- and half-width.
pub const FORBIDDEN_AT_LINE_START: &[char] = &[
    // full-width pause and stop marks
    '，', '。', '、', '；', '：', '？', '！', '．', '｡', '､',
    // full-width closing brackets and quotes
    '）', '》', '」', '』', '】', '〕', '〗', '〉', '〙', '〛', '］', '｝', '”', '’',
    // ellipsis, dashes, percent, middle dots
    '…', '‥', '—', '―', '％', '·', '・', // half-width forms
    ',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
];

/// Opening marks that never end a line (行尾禁则), full- and half-width.
pub const FORBIDDEN_AT_LINE_END: &[char] = &[
    '（', '《', '「', '『', '【', '〔', '〖', '〈', '〘', '〚', '［', '｛', '“', '‘', '(', '[', '{',
];

/// Marks written doubled (—— 破折号, …… 省略号) whose two halves never go on different lines.
pub const UNSPLITTABLE_DOUBLED_MARKS: &[char] = &['—', '―', '…'];

/// Full-width marks whose glyph sits in the left half, so the right half is blank and may be
/// compressed: pause and stop marks (GB style) and closing brackets and quotes.
const BLANK_RIGHT_HALF: &[char] = &[
    '，', '。', '、', '；', '：', '．', '｡', '､', '）', '》', '」', '』', '】', '〕', '〗', '〉',
    '〙', '〛', '］', '｝', '”', '’',
];

/// Full-width opening marks: the glyph sits in the right half, the left half is blank.
const BLANK_LEFT_HALF: &[char] = &[
    '（', '《', '「', '『', '【', '〔', '〖', '〈', '〘', '〚', '［', '｛', '“', '‘',
];

/// Whether `c` may not begin a line.
pub fn is_forbidden_at_line_start(c: char) -> bool {
    !c.is_alphanumeric() && FORBIDDEN_AT_LINE_START.contains(&c)
}

/// Whether `c` may not end a line.
pub fn is_forbidden_at_line_end(c: char) -> bool {
    !c.is_alphanumeric() && FORBIDDEN_AT_LINE_END.contains(&c)
}

/// Whether `c` is half of a doubled mark (——, ……) that must not be split.
pub fn is_unsplittable_doubled_mark(c: char) -> bool {
    UNSPLITTABLE_DOUBLED_MARKS.contains(&c)
}

/// Whether the break between `before` and `after` would split —— or …….
pub(crate) fn splits_doubled_mark(before: char, after: char) -> bool {
    before == after && is_unsplittable_doubled_mark(after)
}

/// A space dropped when it falls at a line break (Latin word space, tab, ideographic space).
pub(crate) fn is_break_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// Which half of a full-width punctuation glyph is blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlankHalf {
    /// Glyph on the left, blank on the right: ，。、；：and closing marks.
    Right,
    /// Glyph on the right, blank on the left: opening marks.
    Left,
    /// A full-width mark that is not compressed (？！ and the like).
    None,
}

/// The blank half of a punctuation mark, or `None` when `c` is not a compressible-class mark.
/// Returns `Option::None` for characters that are not punctuation at all.
pub(crate) fn blank_half(c: char) -> Option<BlankHalf> {
    if c.is_alphanumeric() || c.is_ascii() {
        return None;
    }
    if BLANK_RIGHT_HALF.contains(&c) {
        Some(BlankHalf::Right)
    } else if BLANK_LEFT_HALF.contains(&c) {
        Some(BlankHalf::Left)
    } else if matches!(c, '？' | '！') {
        Some(BlankHalf::None)
    } else {
        None
    }
}

/// CJK ideographs (the characters a number's unit or counter is written with).
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFD)
}

/// Characters of East Asian Wide or Fullwidth width: ideographs, kana, hangul, CJK
/// punctuation, full-width forms.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Marks of ambiguous width that Chinese text sets full-width: curly quotes, dashes, ellipsis.
pub(crate) fn is_chinese_ambiguous_mark(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '―' | '·')
}

/// Wide characters plus the ambiguous marks: the context in which Chinese rules apply.
pub(crate) fn is_chinese_context(c: char) -> bool {
    is_wide(c) || is_chinese_ambiguous_mark(c)
}

pub(crate) fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘')
}

pub(crate) fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’')
}

/// Arabic digits, half- and full-width.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A letter or digit of a Latin (or other alphabetic, non-CJK) word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_wide(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_disjoint_where_they_must_be() {
        for &c in FORBIDDEN_AT_LINE_START {
            assert!(!is_forbidden_at_line_end(c), "{c} in both lists");
        }
        for &c in BLANK_RIGHT_HALF {
            assert!(
                is_forbidden_at_line_start(c),
                "{c} has a blank right half but may start a line"
            );
        }
        for &c in BLANK_LEFT_HALF {
            assert!(
                is_forbidden_at_line_end(c),
                "{c} has a blank left half but may end a line"
            );
        }
    }

    #[test]
    fn number_and_word_classes() {
        assert!(is_digit('7') && is_digit('７') && !is_digit('七'));
        assert!(is_ideograph('件') && !is_ideograph('，'));
        assert!(is_word_char('a') && is_word_char('7') && !is_word_char('中'));
        assert!(is_wide('，') && is_wide('中') && !is_wide('a'));
    }
}
