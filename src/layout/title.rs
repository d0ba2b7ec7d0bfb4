//! Breaking a long title into balanced lines (梯形/菱形), shared by the PDF layout and the DOCX
//! writer so both print the same lines.
//!
//! A title that fits stays on one line. A longer one is cut into the fewest lines that fit, at
//! the cut points that keep the lines closest in width, preferring the seams of a title's usual
//! phrases (after 关于, between two phrases joined by 和, before a year or 工作报告 …) and
//! avoiding cuts inside its usual words (工作|总结, 主席|团), as GB/T 9704 asks (标题回行时要做到
//! 词意完整), never leaving a line of one character, and only where the paragraph line breaker
//! may break ([`break_opportunities`]: 避头尾, ——/……, a number with its unit, a Latin word), so
//! a title and a paragraph obey one rule set. Widths are the real advances: digits and Latin
//! letters are measured in the Latin face both writers set them in, so 2023 is two characters
//! wide, not four. A clerk who wants other breaks writes them as line breaks in the title.
//!
//! The best cuts are found by dynamic programming over (line, cut position): the cost of a set of
//! cuts is a sum of one term per line and one per cut, so each line's best start depends only on
//! the best way to set what comes before it. Only cut positions that leave the other lines room
//! to fit are visited, so the time grows with the title's length, not with the number of ways to
//! cut it.

use crate::fonts::latin_advance_em;
use crate::layout::linebreak::{break_opportunities, BreakOpportunity};
use crate::text::is_western;

/// A title set in more lines than this is too long to set well (see [`lines_over_limit`]).
pub const MAX_WELL_SET_LINES: usize = 3;

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
/// Words joining two phrases of a title (工作总结和2021年工作计划): the strongest seam is just
/// after one, when a phrase ends before it.
const CONJUNCTIONS: &[char] = &['和', '及', '与', '暨'];
/// What a phrase of a title ends with, before a conjunction.
const PHRASE_ENDS: &[&str] = &[
    "总结", "报告", "计划", "要点", "情况", "工作", "决议", "意见",
];
/// Words a title is never cut inside when another cut will do.
const WORDS: &[&str] = &[
    "人民代表大会",
    "代表大会",
    "主席团",
    "人大",
    "工作报告",
    "工作总结",
    "工作计划",
    "工作要点",
    "上半年",
    "下半年",
];

/// How many characters' worth of imbalance a cut at a phrase seam is worth.
const SEAM_BONUS: f32 = 2.5;
/// … a cut just after a conjunction between two phrases (it adds to a seam after it).
const CONJUNCTION_BONUS: f32 = 3.0;
/// … and what a cut inside one of [`WORDS`] costs.
const INSIDE_WORD_COST: f32 = 4.0;

/// A "title" longer than this is no title (`check` warns long before): its lines are filled
/// as they go instead of balanced, so no input makes the balancing take long.
const MAX_BALANCED_CHARS: usize = 1000;

/// Slack for comparing sums of advances (in em).
const EPS: f32 = 1e-4;
/// Line counts tried above the fewest that could hold the title, before the break rules give
/// way (a title with nowhere to break, such as one long number).
const EXTRA_LINES_TRIED: usize = 3;

/// Breaks `title` into lines of at most `max_chars` full-width characters' width each (a digit
/// or a Latin letter counts its own advance, about half).
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
    let title = Title::new(&chars, max_chars);
    let cuts = title.cuts();
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for cut in cuts.into_iter().chain(std::iter::once(chars.len())) {
        out.push(chars[from..cut].iter().collect());
        from = cut;
    }
    out
}

/// The number of lines `title` is set in when that is more than [`MAX_WELL_SET_LINES`]: a title
/// that long is hard to set and to read, and `check` says so.
pub fn lines_over_limit(title: &str, max_chars: usize) -> Option<usize> {
    let lines = balance_title(title, max_chars).len();
    (lines > MAX_WELL_SET_LINES).then_some(lines)
}

/// The width of a character in a title line, in em: Western characters take their advance in
/// the Latin face, everything else is full width.
fn advance_em(c: char) -> f32 {
    if is_western(c) {
        latin_advance_em(c).unwrap_or(1.0)
    } else {
        1.0
    }
}

/// A title being broken.
struct Title<'a> {
    chars: &'a [char],
    /// `width[p]`: the width of `chars[..p]` in em.
    width: Vec<f32>,
    /// `allowed[p]`: the line breaker allows a break before `chars[p]`.
    allowed: Vec<bool>,
    /// `cut_cost[p]`: what a cut before `chars[p]` costs (negative at a seam).
    cut_cost: Vec<f32>,
    /// The widest line, in em.
    max: f32,
}

impl<'a> Title<'a> {
    fn new(chars: &'a [char], max_chars: usize) -> Title<'a> {
        let mut width = Vec::with_capacity(chars.len() + 1);
        let mut sum = 0.0f32;
        width.push(0.0);
        for &c in chars {
            sum += advance_em(c);
            width.push(sum);
        }
        let allowed = break_opportunities(chars)
            .into_iter()
            .map(|o| o == BreakOpportunity::Allowed)
            .collect();
        Title {
            chars,
            width,
            allowed,
            cut_cost: cut_costs(chars),
            max: max_chars.max(2) as f32,
        }
    }

    fn total(&self) -> f32 {
        self.width[self.chars.len()]
    }

    /// The cut positions of the best breaking (none when the title fits on one line).
    fn cuts(&self) -> Vec<usize> {
        let n = self.chars.len();
        if self.total() <= self.max + EPS {
            return Vec::new();
        }
        if n > MAX_BALANCED_CHARS {
            return self.greedy_cuts();
        }
        let fewest = ((self.total() - EPS) / self.max).ceil().max(2.0) as usize;
        let counts = || fewest..=(fewest + EXTRA_LINES_TRIED).min(n / 2);
        counts()
            .find_map(|lines| self.best_cuts(lines, true))
            // Nowhere the line breaker allows a cut (e.g. one long number): cut anywhere.
            .or_else(|| counts().find_map(|lines| self.best_cuts(lines, false)))
            .unwrap_or_else(|| self.greedy_cuts())
    }

    /// The cheapest `lines - 1` cuts, each line at most `max` wide and at least two characters,
    /// cutting only where the line breaker allows when `obey_breaks`; `None` when there are none.
    fn best_cuts(&self, lines: usize, obey_breaks: bool) -> Option<Vec<usize>> {
        let n = self.chars.len();
        let mean = self.total() / lines as f32;
        let fits = |from: usize, to: usize| {
            to >= from + 2 && self.width[to] - self.width[from] <= self.max + EPS
        };
        let line_cost = |from: usize, to: usize| (self.width[to] - self.width[from] - mean).abs();
        // The cuts worth visiting for cut k (1-based, before line k + 1): what precedes fits in
        // k lines and what follows in the remaining ones.
        let window = |k: usize| {
            let room_after = (lines - k) as f32 * self.max + EPS;
            let lo = self
                .width
                .partition_point(|&w| self.total() - w > room_after)
                .max(1);
            let hi = self
                .width
                .partition_point(|&w| w <= k as f32 * self.max + EPS)
                .checked_sub(1)?
                .min(n - 1);
            (lo <= hi).then_some(lo..=hi)
        };
        // best[k-1][p - start]: (cost of the first k lines ending at cut p, the cut before it).
        let mut layers: Vec<Layer> = Vec::with_capacity(lines);
        for k in 1..lines {
            let range = window(k)?;
            let start = *range.start();
            let mut layer = Vec::with_capacity(range.end() - start + 1);
            for p in range {
                let usable = !obey_breaks || self.allowed[p];
                let best = if !usable {
                    None
                } else if k == 1 {
                    fits(0, p).then(|| (line_cost(0, p) + self.cut_cost[p], 0))
                } else {
                    let (prev_start, prev) = &layers[k - 2];
                    // Only the previous cuts a line can reach from: within `max` before p.
                    let reach = self
                        .width
                        .partition_point(|&w| w < self.width[p] - self.max - EPS);
                    let from = reach.saturating_sub(*prev_start).min(prev.len());
                    let to = (p - 1)
                        .saturating_sub(*prev_start)
                        .min(prev.len())
                        .max(from);
                    let mut best: Option<(f32, usize)> = None;
                    for (i, entry) in prev[from..to].iter().enumerate() {
                        let q = prev_start + from + i;
                        let Some((cost, _)) = entry else { continue };
                        if !fits(q, p) {
                            continue;
                        }
                        let c = cost + line_cost(q, p) + self.cut_cost[p];
                        if best.is_none_or(|(b, _)| c < b - EPS) {
                            best = Some((c, q));
                        }
                    }
                    best
                };
                layer.push(best);
            }
            layers.push((start, layer));
        }
        // The last line, from the best last cut to the end.
        let (prev_start, prev) = layers.last()?;
        let mut best: Option<(f32, usize)> = None;
        for (i, entry) in prev.iter().enumerate() {
            let q = prev_start + i;
            let Some((cost, _)) = entry else { continue };
            if !fits(q, n) {
                continue;
            }
            let c = cost + line_cost(q, n);
            if best.is_none_or(|(b, _)| c < b - EPS) {
                best = Some((c, q));
            }
        }
        let (_, mut cut) = best?;
        let mut cuts = vec![cut];
        for k in (1..lines - 1).rev() {
            let (start, layer) = &layers[k];
            let (_, before) = layer[cut - start]?;
            cut = before;
            cuts.push(cut);
        }
        cuts.reverse();
        Some(cuts)
    }

    /// Fills lines as far as they go: the last resort, which always ends.
    fn greedy_cuts(&self) -> Vec<usize> {
        let mut cuts = Vec::new();
        let mut from = 0;
        for p in 1..self.chars.len() {
            if self.width[p + 1] - self.width[from] > self.max + EPS && p > from {
                cuts.push(p);
                from = p;
            }
        }
        cuts
    }
}

/// The best ways to set the first k lines, for each cut position in a window: the window's
/// first position, and for each position the cost and the cut before it (`None`: impossible).
type Layer = (usize, Vec<Option<(f32, usize)>>);

/// What a cut before each position costs: less at a phrase seam, more inside a word.
fn cut_costs(chars: &[char]) -> Vec<f32> {
    let text: String = chars.iter().collect();
    // Byte offset of each char index, and of the end.
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut cost = vec![0.0f32; chars.len() + 1];
    for (p, slot) in cost.iter_mut().enumerate().take(chars.len()).skip(1) {
        let (head, tail) = text.split_at(bytes[p]);
        // 2020年|工作总结 splits one phrase: a year or a period belongs to what follows it.
        let after_period = head.ends_with('年');
        if (CUT_BEFORE.iter().any(|w| tail.starts_with(w)) && !after_period)
            || CUT_AFTER.iter().any(|w| head.ends_with(w))
            || starts_with_year(tail)
        {
            *slot -= SEAM_BONUS;
        }
        if let Some(before) = head.strip_suffix(CONJUNCTIONS) {
            if PHRASE_ENDS.iter().any(|e| before.ends_with(e)) {
                *slot -= CONJUNCTION_BONUS;
            }
        }
    }
    for word in WORDS {
        let len = word.chars().count();
        for (at, _) in text.match_indices(word) {
            let first = bytes.partition_point(|&b| b < at);
            for slot in &mut cost[first + 1..first + len] {
                *slot += INSIDE_WORD_COST;
            }
        }
    }
    cost
}

/// Whether `text` starts with a year: four digits and 年.
fn starts_with_year(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && text[4..].starts_with('年')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::{Duration, Instant};

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
    fn a_200_character_title_is_broken_in_milliseconds() {
        // The exhaustive search this replaced took over 100 s on such a title.
        let title: String = "青石镇第五届人民代表大会第五次会议关于镇人民代表大会主席团2024年工作报告和2025年工作计划的决议"
            .chars()
            .cycle()
            .take(200)
            .collect();
        let started = Instant::now();
        let lines = balance_title(&title, 18);
        let took = started.elapsed();
        assert_eq!(lines.concat(), title);
        assert!(lines.len() >= 10, "{lines:?}");
        assert!(took < Duration::from_millis(500), "took {took:?}");
        // Text the size of a whole report as a title still ends at once.
        let huge = title.repeat(1000);
        let started = Instant::now();
        assert_eq!(balance_title(&huge, 18).concat(), huge);
        assert!(started.elapsed() < Duration::from_secs(5));
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
    fn digits_and_latin_are_measured_half_width() {
        // 20 characters, of which six are Latin or digits: 17.4 characters wide, under 18.
        assert_eq!(
            balance_title("XX镇2023年上半年人大主席团工作报告", 18),
            ["XX镇2023年上半年人大主席团工作报告"]
        );
    }

    #[test]
    fn two_joined_phrases_break_at_the_conjunction_not_inside_a_word() {
        assert_eq!(
            balance_title("人大主席团2020年工作总结和2021年工作计划", 18),
            ["人大主席团2020年工作总结和", "2021年工作计划"]
        );
    }

    #[test]
    fn a_title_with_nowhere_to_break_is_still_cut_to_fit() {
        let number = "1".repeat(100);
        let lines = balance_title(&number, 18);
        assert_eq!(lines.concat(), number);
        assert!(lines.iter().all(|l| l.chars().count() <= 36), "{lines:?}");
    }

    #[test]
    fn explicit_breaks_are_kept() {
        assert_eq!(
            balance_title("第一行\n第二行", 20),
            vec!["第一行", "第二行"]
        );
    }

    #[test]
    fn only_a_title_over_three_lines_is_too_long() {
        assert_eq!(
            lines_over_limit("青石镇人民代表大会主席团工作报告", 18),
            None
        );
        let long = "青石镇人民代表大会主席团关于".repeat(5);
        assert_eq!(lines_over_limit(&long, 18), Some(4));
    }

    /// The cost of a set of cuts, written out as the definition: the spread of the line widths
    /// around their mean, plus what each cut costs.
    fn score(title: &Title, cuts: &[usize]) -> f32 {
        let mut bounds = vec![0];
        bounds.extend_from_slice(cuts);
        bounds.push(title.chars.len());
        let mean = title.total() / (bounds.len() - 1) as f32;
        let spread: f32 = bounds
            .windows(2)
            .map(|w| (title.width[w[1]] - title.width[w[0]] - mean).abs())
            .sum();
        spread + cuts.iter().map(|&c| title.cut_cost[c]).sum::<f32>()
    }

    /// The best score over every set of `lines - 1` allowed cuts, by trying them all.
    fn exhaustive(title: &Title, lines: usize) -> Option<f32> {
        fn go(title: &Title, lines: usize, cuts: &mut Vec<usize>, best: &mut Option<f32>) {
            let n = title.chars.len();
            let from = cuts.last().copied().unwrap_or(0);
            let fits = |a: usize, b: usize| {
                b >= a + 2 && title.width[b] - title.width[a] <= title.max + EPS
            };
            if cuts.len() + 1 == lines {
                if fits(from, n) {
                    let s = score(title, cuts);
                    if best.is_none_or(|b| s < b) {
                        *best = Some(s);
                    }
                }
                return;
            }
            for cut in from + 2..n {
                if title.allowed[cut] && fits(from, cut) {
                    cuts.push(cut);
                    go(title, lines, cuts, best);
                    cuts.pop();
                }
            }
        }
        let mut best = None;
        go(title, lines, &mut Vec::new(), &mut best);
        best
    }

    fn title_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "青石",
            "镇",
            "人民代表大会",
            "主席团",
            "工作报告",
            "工作总结",
            "和",
            "关于",
            "2024年",
            "上半年",
            "第五届",
            "第五次会议",
            "的决议",
            "代表",
            "（一）",
            "——",
            "9件",
            "XX",
            "建议",
            "Abc",
        ]);
        prop::collection::vec(pieces, 1..9).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// On titles short enough to try every set of cuts, the dynamic program finds the best.
        #[test]
        fn the_dynamic_program_matches_the_exhaustive_search(
            text in title_text(),
            max_chars in 5usize..14,
        ) {
            let chars: Vec<char> = text.chars().collect();
            let title = Title::new(&chars, max_chars);
            let n = chars.len();
            let fewest = ((title.total() - EPS) / title.max).ceil().max(2.0) as usize;
            prop_assume!(title.total() > title.max + EPS && n >= 4 && fewest <= 4);
            for lines in fewest..=(fewest + 1).min(n / 2) {
                let dp = title.best_cuts(lines, true);
                let best = exhaustive(&title, lines);
                prop_assert_eq!(dp.is_some(), best.is_some(), "lines {}", lines);
                if let (Some(cuts), Some(best)) = (dp, best) {
                    prop_assert_eq!(cuts.len() + 1, lines);
                    let got = score(&title, &cuts);
                    prop_assert!((got - best).abs() < 1e-3, "{} vs {} for {:?}", got, best, cuts);
                }
            }
        }

        /// Whatever the title, every line fits and the text is kept.
        #[test]
        fn every_line_fits_and_nothing_is_lost(text in title_text(), max_chars in 2usize..20) {
            let lines = balance_title(&text, max_chars);
            prop_assert_eq!(lines.concat(), text.trim());
            for line in &lines {
                let width: f32 = line.chars().map(advance_em).sum();
                prop_assert!(width <= max_chars.max(2) as f32 + EPS || line.chars().count() == 1,
                    "{:?} in {:?}", line, lines);
            }
        }
    }
}
