//! Where a paragraph may break: UAX #14 opportunities from `unicode-linebreak`, tailored for
//! Chinese (curly quotes between Chinese characters behave as opening/closing marks), with the
//! 避头尾, ——/……, number+unit and Latin-word rules laid on top.

use super::marks::{
    is_break_space, is_forbidden_at_line_end, is_forbidden_at_line_start, splits_doubled_mark,
};
use crate::text::{
    is_closing_quote, is_digit, is_full_width, is_ideograph, is_opening_quote, is_word_char,
};

/// Whether a line may break before a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakOpportunity {
    /// No break here.
    Prohibited,
    /// A line may end here (spaces just before the break are dropped).
    Allowed,
    /// A line must end here: the previous character is a hard break ('\n') or this is the end.
    Mandatory,
}

/// The break opportunity before each character of `chars`, and at the end: the result has
/// `chars.len() + 1` entries; entry `i` says whether a line may end just before `chars[i]`.
/// Entry 0 is `Prohibited` (a line holds at least something) unless the text is empty; the last
/// entry is `Mandatory`.
pub fn break_opportunities(chars: &[char]) -> Vec<BreakOpportunity> {
    let n = chars.len();
    let mut out = vec![BreakOpportunity::Prohibited; n + 1];
    out[n] = BreakOpportunity::Mandatory;
    if n == 0 {
        return out;
    }

    // UAX #14 opportunities, byte offsets mapped to char indices in one walk.
    let text: String = chars.iter().collect();
    let mut uax = vec![false; n + 1];
    let (mut index, mut byte) = (0usize, 0usize);
    for (offset, _) in unicode_linebreak::linebreaks(&text) {
        while byte < offset && index < n {
            byte += chars[index].len_utf8();
            index += 1;
        }
        uax[index] = true;
    }

    let mut last_non_space: Option<char> = None;
    for p in 1..n {
        let before = chars[p - 1];
        let after = chars[p];
        if before == '\n' {
            out[p] = BreakOpportunity::Mandatory;
            last_non_space = None;
            continue;
        }
        if !is_break_space(before) {
            last_non_space = Some(before);
        }
        let uax_allows = uax[p] || quotes_act_as_brackets(before, after);
        if uax_allows
            && after != '\n'
            && !is_break_space(after)
            && satisfies_kinsoku(last_non_space, before, after)
            && keeps_number_with_unit(chars, p)
            && keeps_word_whole(before, after)
        {
            out[p] = BreakOpportunity::Allowed;
        }
    }
    out
}

/// Unicode 15.0 UAX #14 forbids a break on either side of an ambiguous quotation mark (class
/// QU). Between Chinese characters “‘ open and ”’ close (the tailoring Unicode 15.1 adopted as
/// LB19a), so a break before an opening quote and after a closing one is fine there.
fn quotes_act_as_brackets(before: char, after: char) -> bool {
    (is_opening_quote(after) && is_full_width(before))
        || (is_closing_quote(before) && is_full_width(after))
}

/// 避头尾 at a break before `after`: `after` may start a line, the last non-space character
/// before it may end one, and no —— or …… is split.
pub(crate) fn satisfies_kinsoku(last_non_space: Option<char>, before: char, after: char) -> bool {
    !is_forbidden_at_line_start(after)
        && !last_non_space.is_some_and(is_forbidden_at_line_end)
        && !splits_doubled_mark(before, after)
}

/// A number keeps its unit and its parts: no break between digits, between a digit and the
/// ideograph after it (17件, 2024年), between 第 and a digit (第5次), or inside 85.3.
pub(crate) fn keeps_number_with_unit(chars: &[char], p: usize) -> bool {
    let before = chars[p - 1];
    let after = chars[p];
    if is_digit(before) && (is_digit(after) || is_ideograph(after)) {
        return false;
    }
    if before == '第' && is_digit(after) {
        return false;
    }
    if matches!(before, '.' | '．' | ',') && is_digit(after) && p >= 2 && is_digit(chars[p - 2]) {
        return false;
    }
    true
}

/// The positions where a number keeps its unit across a change between narrow (Latin, digits)
/// and full-width text: 2024|年, 17|件, 第|5. This breaker never breaks there; Word, and any
/// breaker after UAX #14, would (a Latin word ends at the digit), so a writer for them marks
/// these positions with [`crate::text::NO_BREAK_JOINER`]. Position `p` is before `chars[p]`.
pub fn joins_across_scripts(chars: &[char]) -> Vec<usize> {
    (1..chars.len())
        .filter(|&p| {
            is_full_width(chars[p - 1]) != is_full_width(chars[p])
                && !keeps_number_with_unit(chars, p)
        })
        .collect()
}

/// A Latin word (letters and digits) is never split.
pub(crate) fn keeps_word_whole(before: char, after: char) -> bool {
    !(is_word_char(before) && is_word_char(after))
}

#[cfg(test)]
mod tests {
    use super::BreakOpportunity::{Allowed, Mandatory, Prohibited};
    use super::*;

    fn allowed_positions(text: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        break_opportunities(&chars)
            .iter()
            .enumerate()
            .filter(|(_, o)| **o == Allowed)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn ideographs_break_anywhere_but_not_before_a_comma() {
        // 代表，建议 : no break before ，
        assert_eq!(allowed_positions("代表，建议"), vec![1, 3, 4]);
    }

    #[test]
    fn quotes_open_and_close_between_chinese_characters() {
        // 开展“回头看”活动: break before “, not after it; not before ”, after it.
        let allowed = allowed_positions("开展“回头看”活动");
        assert!(allowed.contains(&2), "{allowed:?}");
        assert!(!allowed.contains(&3), "{allowed:?}");
        assert!(!allowed.contains(&6), "{allowed:?}");
        assert!(allowed.contains(&7), "{allowed:?}");
    }

    #[test]
    fn numbers_units_and_words_stay_whole() {
        let allowed = allowed_positions("第5次共17件占85.3%用GDP计");
        // 第|5|次 kept, 1|7|件 kept, 85.3% kept, GDP kept
        for p in [1, 2, 5, 6, 9, 10, 11, 12, 15, 16] {
            assert!(!allowed.contains(&p), "break at {p} in {allowed:?}");
        }
        for p in [3, 4, 7, 8, 13, 14, 17] {
            assert!(allowed.contains(&p), "no break at {p} in {allowed:?}");
        }
    }

    #[test]
    fn numbers_join_their_units_across_scripts_only() {
        let at = |text: &str| joins_across_scripts(&text.chars().collect::<Vec<_>>());
        // 2024|年, 第|5, 5|次; not inside 2024 or 85.3, not before the number.
        assert_eq!(at("共2024年第5次"), [5, 7, 8]);
        assert_eq!(at("满意率85.3%。"), Vec::<usize>::new());
        assert_eq!(at("用GDP计"), Vec::<usize>::new());
    }

    #[test]
    fn doubled_marks_and_hard_breaks() {
        let chars: Vec<char> = "说——好……\n行".chars().collect();
        let o = break_opportunities(&chars);
        assert_eq!(o[1], Prohibited); // 说|——
        assert_eq!(o[2], Prohibited); // —|—
        assert_eq!(o[3], Allowed); // ——|好
        assert_eq!(o[4], Prohibited); // 好|……
        assert_eq!(o[5], Prohibited); // …|…
        assert_eq!(o[6], Prohibited); // before \n
        assert_eq!(o[7], Mandatory); // after \n
        assert_eq!(o[8], Mandatory); // end
    }

    #[test]
    fn no_break_after_an_opening_mark_even_across_spaces() {
        let chars: Vec<char> = "a ( b c".chars().collect();
        let o = break_opportunities(&chars);
        assert_eq!(o[2], Allowed); // before (
        assert_eq!(o[4], Prohibited); // after "( "
        assert_eq!(o[6], Allowed);
    }

    #[test]
    fn empty_text_has_only_the_end() {
        assert_eq!(break_opportunities(&[]), vec![Mandatory]);
    }
}
