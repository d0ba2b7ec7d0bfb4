//! Breaking a long title into balanced lines (梯形/菱形), shared by the PDF layout and the DOCX
//! writer so both print the same lines.
//!
//! A title that fits stays on one line. A longer one is cut into the fewest lines that fit, at
//! the cut points that keep the lines closest in length, preferring the seams of a title's usual
//! phrases (after 关于, before 工作报告 / 的决议 …), never inside a number, never leaving a line of
//! one character, never starting a line with a closing mark or ending one with an opening mark. A
//! clerk who wants other breaks writes them as line breaks in the title.

/// Phrases a title is naturally cut before.
const CUT_BEFORE: &[&str] = &[
    "人民代表大会主席团",
    "主席团",
    "工作报告",
    "工作总结",
    "工作计划",
    "工作要点",
    "的决议",
    "的报告",
];
/// Phrases a title is naturally cut after.
const CUT_AFTER: &[&str] = &["关于", "年度", "人民代表大会"];

const NO_LINE_START: &str = "，。、；：？！）》」』】〕〗〉”’…—%";
const NO_LINE_END: &str = "（《「『【〔〖〈“‘";

/// Breaks `title` into lines of at most `max_chars` full-width characters each.
///
/// ```
/// use workreport::layout::title::balance_title;
/// let lines = balance_title("青石镇第五届人民代表大会第五次会议关于镇人民代表大会主席团工作报告的决议", 20);
/// assert_eq!(lines, ["青石镇第五届人民代表大会第五次会议关于", "镇人民代表大会主席团工作报告的决议"]);
/// ```
pub fn balance_title(title: &str, max_chars: usize) -> Vec<String> {
    let explicit: Vec<&str> = title
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if explicit.len() > 1 {
        return explicit.into_iter().map(str::to_string).collect();
    }
    let chars: Vec<char> = title.trim().chars().collect();
    let max_chars = max_chars.max(2);
    if chars.len() <= max_chars {
        return vec![chars.into_iter().collect()];
    }
    let lines = chars.len().div_ceil(max_chars);
    let mut best: Option<(f32, Vec<usize>)> = None;
    search(&chars, max_chars, lines, 0, &mut Vec::new(), &mut best);
    let cuts = match best {
        Some((_, cuts)) => cuts,
        // No acceptable cut at all (e.g. one long number): fall back to even slices.
        None => (1..lines).map(|i| i * chars.len() / lines).collect(),
    };
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for cut in cuts.into_iter().chain(std::iter::once(chars.len())) {
        out.push(chars[from..cut].iter().collect());
        from = cut;
    }
    out
}

/// Tries every set of `lines - 1` cuts (titles are short, so this is cheap) and keeps the best.
fn search(
    chars: &[char],
    max: usize,
    lines: usize,
    from: usize,
    cuts: &mut Vec<usize>,
    best: &mut Option<(f32, Vec<usize>)>,
) {
    if cuts.len() + 1 == lines {
        if chars.len() - from <= max && chars.len() - from >= 2 {
            let score = score(chars, cuts);
            if best.as_ref().is_none_or(|(b, _)| score < *b) {
                *best = Some((score, cuts.clone()));
            }
        }
        return;
    }
    let lines_after = lines - cuts.len() - 1;
    for cut in from + 2..=(from + max).min(chars.len() - 2) {
        // Prune: what is left must still fit on the lines that are left.
        if chars.len() - cut > lines_after * max {
            continue;
        }
        if !allowed(chars, cut) {
            continue;
        }
        cuts.push(cut);
        search(chars, max, lines, cut, cuts, best);
        cuts.pop();
    }
}

fn allowed(chars: &[char], cut: usize) -> bool {
    let (before, after) = (chars[cut - 1], chars[cut]);
    !(NO_LINE_START.contains(after)
        || NO_LINE_END.contains(before)
        || (before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric())
        || (before.is_ascii_digit() && "年月日号届次%".contains(after)))
}

/// Lower is better: spread of line lengths, less a bonus for cutting at a phrase seam.
fn score(chars: &[char], cuts: &[usize]) -> f32 {
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(chars.len());
    let lens: Vec<f32> = bounds.windows(2).map(|w| (w[1] - w[0]) as f32).collect();
    let mean = lens.iter().sum::<f32>() / lens.len() as f32;
    let spread: f32 = lens.iter().map(|l| (l - mean).abs()).sum();
    let text: String = chars.iter().collect();
    let seam: f32 = cuts
        .iter()
        .map(|&c| {
            let byte = text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
            let (head, tail) = text.split_at(byte);
            let good = CUT_BEFORE.iter().any(|p| tail.starts_with(p))
                || CUT_AFTER.iter().any(|p| head.ends_with(p));
            if good {
                2.5
            } else {
                0.0
            }
        })
        .sum();
    spread - seam
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_title_stays_on_one_line() {
        assert_eq!(
            balance_title("青石镇人民代表大会主席团工作报告", 20),
            vec!["青石镇人民代表大会主席团工作报告"]
        );
    }

    #[test]
    fn long_title_breaks_at_a_phrase_seam_into_balanced_lines() {
        let lines = balance_title(
            "青石镇第五届人民代表大会第五次会议关于镇人民代表大会主席团工作报告的决议",
            20,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines
            .iter()
            .all(|l| l.chars().count() <= 20 && l.chars().count() >= 2));
        assert_eq!(
            lines.concat(),
            "青石镇第五届人民代表大会第五次会议关于镇人民代表大会主席团工作报告的决议"
        );
        let (a, b) = (
            lines[0].chars().count() as i32,
            lines[1].chars().count() as i32,
        );
        assert!((a - b).abs() <= 6, "{lines:?}");
    }

    #[test]
    fn a_very_long_title_is_broken_quickly() {
        let title = "青石镇人民代表大会主席团关于".repeat(12);
        let lines = balance_title(&title, 18);
        assert_eq!(lines.concat(), title);
        assert!(lines.iter().all(|l| l.chars().count() <= 18));
    }

    #[test]
    fn explicit_breaks_are_kept() {
        assert_eq!(
            balance_title("第一行\n第二行", 20),
            vec!["第一行", "第二行"]
        );
    }
}
