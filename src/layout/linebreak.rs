//! Chinese line breaking (避头尾) and justification of one paragraph, after layout.md "Chinese
//! line breaking and punctuation".
//!
//! The breaker is greedy, one line at a time, in linear time:
//! 1. break opportunities come from UAX #14 (`unicode-linebreak`), tailored so curly quotes act
//!    as brackets between Chinese characters, then narrowed by 避头尾 (no closing or pause mark
//!    starts a line, no opening mark ends one), ——/…… pairs, number+unit (17件, 第5次, 85.3%)
//!    and whole Latin words ([`break_opportunities`]);
//! 2. a line takes as many characters as fit; if the break after them is allowed, it is taken;
//! 3. if not, the breaker first tries to pull the next characters up (挤进) by compressing the
//!    blank halves of full-width marks (标点挤压); failing that it pushes the tail down (推出) to
//!    the last allowed break; if the line has no allowed break at all (a Latin word or number
//!    longer than the line, a run of marks) it makes an emergency break, choosing the position
//!    that breaks the fewest rules (see [`break_paragraph`]);
//! 4. spaces at a break are dropped; a justified line spreads its leftover space evenly between
//!    Chinese characters and at word spaces, so it ends flush at the measure.
//!
//! Compression is used only to win space for a pulled-up line, never on lines that fit, so full
//! lines stay on the 28-character grid. A closing mark at the line end compresses rather than
//! hangs (a hanging mark would stick out of the type area); opening marks at a line start keep
//! their blank half.

mod marks;
mod opportunities;
mod setting;

pub use marks::{
    is_forbidden_at_line_end, is_forbidden_at_line_start, is_unsplittable_doubled_mark,
    FORBIDDEN_AT_LINE_END, FORBIDDEN_AT_LINE_START, UNSPLITTABLE_DOUBLED_MARKS,
};
pub use opportunities::{break_opportunities, joins_across_scripts, BreakOpportunity};

use marks::{is_break_space, splits_doubled_mark};
use opportunities::{keeps_number_with_unit, keeps_word_whole, satisfies_kinsoku};
use std::ops::Range;

/// How far (pt) a line's content may exceed its measure and still count as fitting: absorbs
/// the rounding in 28 tracked advances summing to the 442.2 pt type area.
pub const FIT_TOLERANCE_PT: f32 = 0.01;

/// How many characters past the full line the breaker looks for a break it could pull up to.
const PULL_UP_LOOKAHEAD: usize = 6;

/// One set line of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters of the paragraph on this line (indices into the paragraph's chars).
    /// Spaces that fall at a break are not part of any line.
    pub range: Range<usize>,
    /// x offset of every character in `range`, in pt from the left edge of the type area
    /// (so the first line's offsets include its indent). Justified lines end flush right.
    pub x: Vec<f32>,
    /// The advance each character is set with after compression/spreading, in pt.
    pub advance: Vec<f32>,
}

/// Breaks a paragraph into lines.
///
/// - `chars`: the paragraph's text; '\n' is a hard break (it belongs to no line; the line before
///   it is not justified; a '\n' at the very end adds no empty line);
/// - `advances`: each character's natural advance in pt (the caller applies the grid's tracking);
///   characters beyond `advances.len()` are ignored, negative or non-finite advances count as 0;
/// - `first_indent`: indent of the first line in pt (two characters for body text);
/// - `width`: the line width in pt (the type area);
/// - `justify`: spread every line but the last so both edges are flush.
///
/// An empty paragraph gives one empty line (`0..0`), so callers still advance one line pitch.
/// Spaces at the end of a line are dropped (at soft and hard breaks and at the paragraph's end);
/// leading spaces of the paragraph or after a '\n' are kept.
///
/// Rules give way only in an emergency, when the line holds no allowed break at all: then the
/// break goes at the last position that, in this order of preference, keeps 避头尾, ——/……,
/// numbers and words whole; keeps 避头尾 and numbers; keeps 避头尾; keeps ——/……; else right
/// where the line is full. A line always takes at least one character, even one wider than it.
pub fn break_paragraph(
    chars: &[char],
    advances: &[f32],
    first_indent: f32,
    width: f32,
    justify: bool,
) -> Vec<Line> {
    let n = chars.len().min(advances.len());
    let chars = &chars[..n];
    if n == 0 {
        return vec![Line {
            range: 0..0,
            x: Vec::new(),
            advance: Vec::new(),
        }];
    }
    let natural: Vec<f64> = advances[..n]
        .iter()
        .map(|&a| {
            if a.is_finite() && a > 0.0 {
                f64::from(a)
            } else {
                0.0
            }
        })
        .collect();
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0.0f64);
    let mut sum = 0.0;
    for a in &natural {
        sum += a;
        prefix.push(sum);
    }
    let paragraph = Paragraph {
        chars,
        natural: &natural,
        prefix: &prefix,
        opportunities: break_opportunities(chars),
        em: setting::paragraph_em(chars, &natural),
    };

    let mut lines = Vec::with_capacity(n / 24 + 1);
    let mut room = Vec::new();
    let mut line_advance = Vec::new();
    let mut start = 0;
    while start < n {
        let indent = if lines.is_empty() {
            f64::from(first_indent)
        } else {
            0.0
        };
        let measure = f64::from(width) - indent;
        let end = paragraph.choose_break(start, measure, &mut room);
        let content_end = paragraph.trim_trailing_spaces(start, end.at);
        lines.push(paragraph.set_line(
            start..content_end,
            indent,
            measure,
            justify && end.kind == EndKind::Soft,
            &mut room,
            &mut line_advance,
        ));
        start = match end.kind {
            EndKind::Hard => end.at + 1,
            EndKind::Soft | EndKind::Paragraph => end.at,
        };
    }
    lines
}

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EndKind {
    /// At a break the breaker chose: the line is justified.
    Soft,
    /// At a '\n' (which is at `at`).
    Hard,
    /// At the end of the paragraph.
    Paragraph,
}

#[derive(Debug, Clone, Copy)]
struct LineEnd {
    at: usize,
    kind: EndKind,
}

/// A paragraph prepared for breaking.
struct Paragraph<'a> {
    chars: &'a [char],
    natural: &'a [f64],
    /// `prefix[i]` = sum of natural advances before char `i`.
    prefix: &'a [f64],
    opportunities: Vec<BreakOpportunity>,
    em: f64,
}

impl Paragraph<'_> {
    fn len(&self) -> usize {
        self.chars.len()
    }

    fn allowed(&self, p: usize) -> bool {
        self.opportunities[p] == BreakOpportunity::Allowed
    }

    fn trim_trailing_spaces(&self, start: usize, mut end: usize) -> usize {
        while end > start && is_break_space(self.chars[end - 1]) {
            end -= 1;
        }
        end
    }

    /// Natural width of `start..end` without trailing spaces.
    fn content_width(&self, start: usize, end: usize) -> f64 {
        let end = self.trim_trailing_spaces(start, end);
        self.prefix[end] - self.prefix[start]
    }

    /// Decides where the line starting at `start` ends.
    fn choose_break(&self, start: usize, measure: f64, room: &mut Vec<f64>) -> LineEnd {
        let n = self.len();
        let tolerance = f64::from(FIT_TOLERANCE_PT);
        let limit = self.prefix[start] + measure + tolerance;
        // First character that does not fit; spaces never overflow (they are dropped at a break).
        let mut j = start;
        while j < n {
            let c = self.chars[j];
            if c == '\n' {
                return LineEnd {
                    at: j,
                    kind: EndKind::Hard,
                };
            }
            if !is_break_space(c) && self.prefix[j + 1] > limit {
                break;
            }
            j += 1;
        }
        if j == n {
            return LineEnd {
                at: n,
                kind: EndKind::Paragraph,
            };
        }
        let overflow = j;
        // The line must hold a non-space character: breaks at or before it do not count.
        let first_content = (start..n)
            .find(|&i| !is_break_space(self.chars[i]))
            .unwrap_or(n);
        if overflow > first_content && self.allowed(overflow) {
            return LineEnd {
                at: overflow,
                kind: EndKind::Soft,
            };
        }
        if let Some(end) = self.pull_up(start, overflow, measure, room) {
            return end;
        }
        if let Some(p) = (first_content + 1..overflow)
            .rev()
            .find(|&p| self.allowed(p))
        {
            return LineEnd {
                at: p,
                kind: EndKind::Soft,
            };
        }
        LineEnd {
            at: self.emergency_break(first_content, overflow),
            kind: EndKind::Soft,
        }
    }

    /// 挤进: the next break after the full line, if compressing the line's marks makes room.
    fn pull_up(
        &self,
        start: usize,
        overflow: usize,
        measure: f64,
        room: &mut Vec<f64>,
    ) -> Option<LineEnd> {
        let n = self.len();
        let last = (overflow + PULL_UP_LOOKAHEAD).min(n);
        let end = (overflow + 1..=last).find_map(|q| {
            if q == n {
                Some(LineEnd {
                    at: n,
                    kind: EndKind::Paragraph,
                })
            } else if self.chars[q] == '\n' {
                Some(LineEnd {
                    at: q,
                    kind: EndKind::Hard,
                })
            } else if self.allowed(q) {
                Some(LineEnd {
                    at: q,
                    kind: EndKind::Soft,
                })
            } else {
                None
            }
        })?;
        let content_end = self.trim_trailing_spaces(start, end.at);
        let need = self.content_width(start, end.at) - measure;
        let available =
            setting::compression_room(self.chars, self.natural, self.em, start, content_end, room);
        (need <= available + f64::from(FIT_TOLERANCE_PT)).then_some(end)
    }

    /// Where to break a line that holds no allowed break: the last position in
    /// `first_content+1..=overflow` that breaks the fewest rules.
    fn emergency_break(&self, first_content: usize, overflow: usize) -> usize {
        if overflow <= first_content {
            // Not even the first character fits: it goes on the line alone.
            return first_content + 1;
        }
        const TIERS: usize = 4;
        let mut best: [Option<usize>; TIERS] = [None; TIERS];
        // Start of the run of identical doubled marks ending at p - 1, found once per run.
        let mut run_start: Option<usize> = None;
        for p in (first_content + 1..=overflow).rev() {
            let after = self.chars[p];
            if is_break_space(after) {
                continue;
            }
            let before = self.chars[p - 1];
            let last_non_space = self.chars[first_content..p]
                .iter()
                .rev()
                .find(|c| !is_break_space(**c))
                .copied();
            let kinsoku = satisfies_kinsoku(last_non_space, before, after);
            let number = keeps_number_with_unit(self.chars, p);
            // Inside a run such as ———— the marks pair from the run's start: a break after an
            // even number of them splits no pair.
            let keeps_pairs = !splits_doubled_mark(before, after) || {
                let run = match run_start {
                    Some(r) if r < p && self.chars[r] == before => r,
                    _ => {
                        let mut r = p - 1;
                        while r > 0 && self.chars[r - 1] == before {
                            r -= 1;
                        }
                        run_start = Some(r);
                        r
                    }
                };
                (p - run) % 2 == 0
            };
            let tiers = [
                kinsoku && number && keeps_word_whole(before, after),
                kinsoku && number,
                kinsoku,
                keeps_pairs,
            ];
            for (tier, ok) in tiers.iter().enumerate() {
                if *ok && best[tier].is_none() {
                    best[tier] = Some(p);
                }
            }
            if best[0].is_some() {
                break;
            }
        }
        best.iter().flatten().next().copied().unwrap_or(overflow)
    }

    /// Sets the characters of `range`: compression if their natural width exceeds the measure,
    /// spreading if the line is justified.
    fn set_line(
        &self,
        range: Range<usize>,
        indent: f64,
        measure: f64,
        justified: bool,
        room: &mut Vec<f64>,
        advance: &mut Vec<f64>,
    ) -> Line {
        advance.clear();
        advance.extend_from_slice(&self.natural[range.clone()]);
        let mut used = self.prefix[range.end] - self.prefix[range.start];
        if used > measure {
            let total = setting::compression_room(
                self.chars,
                self.natural,
                self.em,
                range.start,
                range.end,
                room,
            );
            setting::compress(advance, room, total, used - measure);
            used = advance.iter().sum();
        }
        // A line within the fit tolerance of the measure is left as it is: spreading a negative
        // hair would push compressed marks past their half.
        if justified && measure > used {
            setting::spread(&self.chars[range.clone()], advance, measure - used);
        }
        let mut x = Vec::with_capacity(advance.len());
        let mut pen = indent;
        for a in advance.iter() {
            x.push(pen as f32);
            pen += a;
        }
        Line {
            range,
            x,
            advance: advance.iter().map(|&a| a as f32).collect(),
        }
    }
}
