//! Setting one line to its width: punctuation compression (标点挤压) wins space when a mark is
//! pulled up onto a full line, and spreading fills leftover space so both edges are flush.

use super::marks::{blank_half, is_break_space, splits_doubled_mark, BlankHalf};
use crate::text::{is_chinese_ambiguous_mark, is_wide, is_word_char};

/// Below this share of the paragraph's em a mark is taken to come from a proportional font and
/// has no blank half to give.
const FULL_WIDTH_SHARE: f64 = 0.75;

/// The paragraph's em: the widest advance of a wide character (0 when there is none, which
/// turns compression off).
pub(super) fn paragraph_em(chars: &[char], natural: &[f64]) -> f64 {
    chars
        .iter()
        .zip(natural)
        .filter(|(c, _)| is_wide(**c))
        .fold(0.0, |em, (_, a)| if *a > em { *a } else { em })
}

/// Fills `room` with how far each character's advance (the gap after it) may shrink, for the
/// line `chars[start..end]`, and returns the sum. Only blank halves of full-width marks count:
/// between two adjacent marks (“。”” “），” “：“”) the blank between them may go, keeping half an
/// em where both had one; a closing mark at the line end may lose its blank half.
pub(super) fn compression_room(
    chars: &[char],
    natural: &[f64],
    em: f64,
    start: usize,
    end: usize,
    room: &mut Vec<f64>,
) -> f64 {
    room.clear();
    room.resize(end - start, 0.0);
    if em <= 0.0 {
        return 0.0;
    }
    let blank = |j: usize| -> Option<(BlankHalf, f64)> {
        if natural[j] < FULL_WIDTH_SHARE * em {
            return None;
        }
        blank_half(chars[j]).map(|half| (half, natural[j] / 2.0))
    };
    let mut total = 0.0;
    for j in start..end {
        let Some((half, amount)) = blank(j) else {
            continue;
        };
        let right = if half == BlankHalf::Right {
            amount
        } else {
            0.0
        };
        let shrink = if j + 1 < end {
            match blank(j + 1) {
                Some((next_half, next_amount)) => {
                    let left = if next_half == BlankHalf::Left {
                        next_amount
                    } else {
                        0.0
                    };
                    if right > 0.0 && left > 0.0 {
                        right.min(left)
                    } else {
                        right.max(left)
                    }
                }
                None => 0.0,
            }
        } else {
            right
        };
        room[j - start] = shrink;
        total += shrink;
    }
    total
}

/// Shrinks `advance` (the line's advances) by `need` pt, taken from `room` in proportion.
pub(super) fn compress(advance: &mut [f64], room: &[f64], total_room: f64, need: f64) {
    if need <= 0.0 || total_room <= 0.0 {
        return;
    }
    let share = (need / total_room).min(1.0);
    for (a, r) in advance.iter_mut().zip(room) {
        *a -= r * share;
    }
}

/// Whether the gap after `a` (before `b`) takes a share of spreading: between Chinese characters
/// and marks (inter-character spacing) and at word spaces, never inside a Latin word or number,
/// nor inside —— or …….
fn takes_spreading(a: char, b: char) -> bool {
    if is_break_space(a) {
        return true;
    }
    if is_break_space(b) || splits_doubled_mark(a, b) {
        return false;
    }
    if is_wide(a) || is_wide(b) {
        return true;
    }
    (is_chinese_ambiguous_mark(a) && !is_word_char(b))
        || (is_chinese_ambiguous_mark(b) && !is_word_char(a))
}

/// Spreads `extra` pt over the gaps of the line `chars` (whose advances are `advance`) evenly.
/// When no gap qualifies (one Latin word) the letters are spaced; a one-character line keeps the
/// extra in its own advance, so the line still ends at the measure.
pub(super) fn spread(chars: &[char], advance: &mut [f64], extra: f64) {
    let len = advance.len();
    if len == 0 || extra == 0.0 {
        return;
    }
    if len == 1 {
        advance[0] += extra;
        return;
    }
    let gaps = (0..len - 1)
        .filter(|&j| takes_spreading(chars[j], chars[j + 1]))
        .count();
    if gaps == 0 {
        let each = extra / (len - 1) as f64;
        for a in &mut advance[..len - 1] {
            *a += each;
        }
        return;
    }
    let each = extra / gaps as f64;
    for j in 0..len - 1 {
        if takes_spreading(chars[j], chars[j + 1]) {
            advance[j] += each;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_marks_give_their_blank_half() {
        let chars: Vec<char> = "说。”好（“字”），".chars().collect();
        let natural = vec![16.0; chars.len()];
        let mut room = Vec::new();
        let total = compression_room(&chars, &natural, 16.0, 0, chars.len(), &mut room);
        // 。” : 。 gives 8; ”好 : none; 好（ : none; （“ : “'s left 8 (booked on （);
        // “字 none; 字” none; ”） : ” gives 8; ）， : ） gives 8; line-end ， gives 8.
        assert_eq!(room, vec![0.0, 8.0, 0.0, 0.0, 8.0, 0.0, 0.0, 8.0, 8.0, 8.0]);
        assert_eq!(total, 40.0);
    }

    #[test]
    fn closing_then_opening_keeps_half_an_em() {
        let chars: Vec<char> = "）（".chars().collect();
        let natural = vec![16.0; 2];
        let mut room = Vec::new();
        compression_room(&chars, &natural, 16.0, 0, 2, &mut room);
        assert_eq!(room, vec![8.0, 0.0]);
    }

    #[test]
    fn narrow_quotes_from_a_proportional_font_are_not_compressed() {
        let chars: Vec<char> = "字。“".chars().collect();
        let natural = vec![16.0, 16.0, 6.0];
        let mut room = Vec::new();
        let total = compression_room(&chars, &natural, 16.0, 0, 3, &mut room);
        assert_eq!(total, 0.0);
    }

    #[test]
    fn spreading_skips_latin_words_and_doubled_marks() {
        let chars: Vec<char> = "ab 中——文".chars().collect();
        let mut advance = vec![8.0, 8.0, 4.0, 16.0, 16.0, 16.0, 16.0];
        spread(&chars, &mut advance, 3.0);
        // gaps: a|b no, b|space no, space|中 yes, 中|— yes, —|— no, —|文 yes
        assert_eq!(advance, vec![8.0, 8.0, 5.0, 17.0, 16.0, 17.0, 16.0]);
    }
}
