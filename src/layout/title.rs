//! Breaking a long title into balanced lines (梯形/菱形), shared by the PDF layout and the DOCX
//! writer so both print the same lines.
//!
//! A title that fits stays on one line. A longer one is cut into the fewest lines that fit, at
//! the cut points that keep the lines closest in length, preferring the seams of a title's usual
//! phrases (after 关于, before 工作报告 / 的决议 …), never leaving a line of one character, and
//! only where the paragraph line breaker may break ([`break_opportunities`]: 避头尾, ——/……,
//! a number with its unit, a Latin word), so a title and a paragraph obey one rule set. A clerk
//! who wants other breaks writes them as line breaks in the title.

use crate::layout::linebreak::{break_opportunities, BreakOpportunity};

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
    let allowed: Vec<bool> = break_opportunities(&chars)
        .into_iter()
        .map(|o| o == BreakOpportunity::Allowed)
        .collect();
    let mut best: Option<(f32, Vec<usize>)> = None;
    let title = Title {
        chars: &chars,
        allowed: &allowed,
        max: max_chars,
        lines,
    };
    search(&title, 0, &mut Vec::new(), &mut best);
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

/// A title being broken: its characters, where a break is allowed (`allowed[p]`: before
/// `chars[p]`), the longest line and the number of lines.
struct Title<'a> {
    chars: &'a [char],
    allowed: &'a [bool],
    max: usize,
    lines: usize,
}

/// Tries every set of `lines - 1` cuts (titles are short, so this is cheap) and keeps the best.
fn search(title: &Title, from: usize, cuts: &mut Vec<usize>, best: &mut Option<(f32, Vec<usize>)>) {
    let Title {
        chars,
        allowed,
        max,
        lines,
    } = *title;
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
    let cuts_to_try = (from + 2..=(from + max).min(chars.len() - 2))
        // Prune: what is left must still fit on the lines that are left.
        .filter(|&cut| chars.len() - cut <= lines_after * max)
        .filter(|&cut| allowed[cut]);
    for cut in cuts_to_try {
        cuts.push(cut);
        search(title, cut, cuts, best);
        cuts.pop();
    }
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
    fn a_number_keeps_its_unit_as_in_the_line_breaker() {
        // Cutting after 9 would balance as well; the line breaker keeps 9件 together.
        assert_eq!(
            balance_title("代表提9件建议报告", 5),
            ["代表提9件", "建议报告"]
        );
        // —— is never split, and no line starts with a closing mark.
        for lines in [
            balance_title("代表提出建议——办理报告", 7),
            balance_title("代表（第五届）建议报告", 5),
        ] {
            for pair in lines.windows(2) {
                assert!(!pair[0].ends_with(['—', '（']), "{lines:?}");
                assert!(!pair[1].starts_with(['—', '）']), "{lines:?}");
            }
        }
    }

    #[test]
    fn explicit_breaks_are_kept() {
        assert_eq!(
            balance_title("第一行\n第二行", 20),
            vec!["第一行", "第二行"]
        );
    }
}
