//! The punctuation rules of Chinese line breaking: the marks that may not start or end a line
//! (避头尾), the marks that come in unsplittable pairs (——, ……), and which half of a full-width
//! mark is blank (for 标点挤压). The character classes the rules are made of (ideographs, CJK
//! punctuation, widths, digits, word characters) are [`crate::text`]'s.

use crate::text::full_width_form;

/// Closing and pause marks that never start a line (行首禁则). Their half-width forms (`,` `)`
/// `%` …, [`crate::text::full_width_form`]) never start one either.
pub const FORBIDDEN_AT_LINE_START: &[char] = &[
    // full-width pause and stop marks
    '，', '。', '、', '；', '：', '？', '！', '．', '｡', '､',
    // full-width closing brackets and quotes
    '）', '》', '」', '』', '】', '〕', '〗', '〉', '〙', '〛', '］', '｝', '”', '’',
    // ellipsis, dashes, percent, middle dots
    '…', '‥', '—', '―', '％', '·', '・',
];

/// Opening marks that never end a line (行尾禁则); their half-width forms (`(` `[` `{`) neither.
pub const FORBIDDEN_AT_LINE_END: &[char] = &[
    '（', '《', '「', '『', '【', '〔', '〖', '〈', '〘', '〚', '［', '｛', '“', '‘',
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
    in_rule_set(FORBIDDEN_AT_LINE_START, c)
}

/// Whether `c` may not end a line.
pub fn is_forbidden_at_line_end(c: char) -> bool {
    in_rule_set(FORBIDDEN_AT_LINE_END, c)
}

/// Whether `c`, or the full-width form of a half-width `c`, is one of `marks`.
fn in_rule_set(marks: &[char], c: char) -> bool {
    !c.is_alphanumeric()
        && (marks.contains(&c) || full_width_form(c).is_some_and(|full| marks.contains(&full)))
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
    fn the_rule_sets_are_cjk_punctuation_and_take_their_half_width_forms() {
        for &c in FORBIDDEN_AT_LINE_START.iter().chain(FORBIDDEN_AT_LINE_END) {
            assert!(
                crate::text::is_cjk_punctuation(c),
                "{c} is not CJK punctuation"
            );
        }
        for c in ",.;:?!)]}%".chars() {
            assert!(is_forbidden_at_line_start(c), "{c}");
        }
        for c in "([{".chars() {
            assert!(is_forbidden_at_line_end(c), "{c}");
        }
        for c in "\"'#中a7".chars() {
            assert!(
                !is_forbidden_at_line_start(c) && !is_forbidden_at_line_end(c),
                "{c}"
            );
        }
    }
}
