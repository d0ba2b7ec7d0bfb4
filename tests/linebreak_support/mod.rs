//! Shared by the line-breaking tests: a body-text advance model (16 pt 仿宋 tracked so 28
//! characters fill the 156 mm type area) and a checker for every invariant of a set paragraph.
//! The rule lists here are copied from layout.md, not from the library, so the tests judge the
//! library against the spec.

#![allow(dead_code)]

use workreport::geometry::{CHAR_PITCH_PT, TYPE_AREA_WIDTH_PT};
use workreport::layout::linebreak::{break_paragraph, Line};

/// The type area, 156 mm.
pub const WIDTH: f32 = TYPE_AREA_WIDTH_PT;
/// A tracked full-width advance: 28 fill the width.
pub const EM: f32 = CHAR_PITCH_PT;
/// Body paragraphs are indented two characters.
pub const INDENT: f32 = 2.0 * EM;
const TOLERANCE: f32 = 0.01;

/// layout.md: a line never starts with these (full- and half-width).
pub const SPEC_NO_LINE_START: &str = "，。、；：？！）》」』】〕〗〉”’…—%％,.;:?!)]}·";
/// layout.md: a line never ends with these.
pub const SPEC_NO_LINE_END: &str = "（《「『【〔〖〈“‘([{";

pub fn no_start(c: char) -> bool {
    SPEC_NO_LINE_START.contains(c)
}
pub fn no_end(c: char) -> bool {
    SPEC_NO_LINE_END.contains(c)
}
pub fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}
fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}
fn splits_pair(a: char, b: char) -> bool {
    a == b && (a == '—' || a == '…')
}
/// A break before `p` inside a run of identical doubled marks splits a pair when an odd number
/// of them precede it in the run (———— pairs from its start).
fn splits_pair_at(chars: &[char], p: usize) -> bool {
    if !splits_pair(chars[p - 1], chars[p]) {
        return false;
    }
    let run = chars[..p]
        .iter()
        .rev()
        .take_while(|c| **c == chars[p])
        .count();
    run % 2 == 1
}
/// 17件, 第5次, 85.3, 1,000 (a half-width comma between digits groups thousands).
fn splits_number(chars: &[char], p: usize) -> bool {
    let (a, b) = (chars[p - 1], chars[p]);
    (a.is_ascii_digit() && (b.is_ascii_digit() || is_cjk(b)))
        || (a == '第' && b.is_ascii_digit())
        || ((a == '.' || a == ',') && b.is_ascii_digit() && p >= 2 && chars[p - 2].is_ascii_digit())
}
fn splits_word(chars: &[char], p: usize) -> bool {
    chars[p - 1].is_ascii_alphanumeric() && chars[p].is_ascii_alphanumeric()
}

/// Natural advance of a character in 16 pt body text after tracking, in pt.
pub fn advance_of(c: char) -> f32 {
    match c {
        '\n' => 0.0,
        ' ' => 4.0,
        'i' | 'j' | 'l' | 'I' | 't' | 'f' => 4.4,
        'm' | 'w' | 'M' | 'W' => 12.4,
        'A'..='Z' => 10.5,
        'a'..='z' => 7.8,
        '0'..='9' => 7.8,
        c if c.is_ascii() => 4.6,
        _ => EM,
    }
}

pub fn advances(chars: &[char]) -> Vec<f32> {
    chars.iter().map(|&c| advance_of(c)).collect()
}

/// Sets `text` as a justified body paragraph and checks every invariant.
pub fn set_body(text: &str) -> (Vec<char>, Vec<Line>) {
    set(text, INDENT, WIDTH, true)
}

pub fn set(text: &str, indent: f32, width: f32, justify: bool) -> (Vec<char>, Vec<Line>) {
    let chars: Vec<char> = text.chars().collect();
    let adv = advances(&chars);
    let lines = break_paragraph(&chars, &adv, indent, width, justify);
    if let Err(e) = check(&chars, &adv, &lines, indent, width, justify) {
        panic!("{e}\ntext: {text}\nlines: {:#?}", texts(&chars, &lines));
    }
    (chars, lines)
}

pub fn texts(chars: &[char], lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .map(|l| chars[l.range.clone()].iter().collect())
        .collect()
}

fn right_edge(line: &Line) -> f32 {
    match (line.x.last(), line.advance.last()) {
        (Some(x), Some(a)) => x + a,
        _ => 0.0,
    }
}

/// Every invariant of a set paragraph; `Err` says which one broke.
pub fn check(
    chars: &[char],
    natural: &[f32],
    lines: &[Line],
    indent: f32,
    width: f32,
    justify: bool,
) -> Result<(), String> {
    let n = chars.len();
    if lines.is_empty() {
        return Err("no line at all".into());
    }
    // Coverage: in order, nothing lost but spaces at breaks and '\n'.
    let mut covered = 0;
    for (k, line) in lines.iter().enumerate() {
        let r = &line.range;
        if r.start < covered || r.end < r.start || r.end > n {
            return Err(format!("line {k} range {r:?} out of order"));
        }
        if let Some(i) = (covered..r.start).find(|&i| !is_space(chars[i]) && chars[i] != '\n') {
            return Err(format!("char {i} {:?} dropped before line {k}", chars[i]));
        }
        if chars[r.clone()].contains(&'\n') {
            return Err(format!("line {k} holds a '\\n'"));
        }
        if r.end > r.start && is_space(chars[r.end - 1]) {
            return Err(format!("line {k} ends with a space"));
        }
        covered = r.end;
    }
    if let Some(i) = (covered..n).find(|&i| !is_space(chars[i]) && chars[i] != '\n') {
        return Err(format!(
            "char {i} {:?} dropped after the last line",
            chars[i]
        ));
    }
    // Every '\n' ends a line: one gap holds at most one, and there is a line per hard break.
    let hard_breaks =
        chars.iter().filter(|c| **c == '\n').count() - usize::from(chars.last() == Some(&'\n'));
    if lines.len() < hard_breaks + 1 {
        return Err(format!(
            "{} lines for {hard_breaks} hard breaks",
            lines.len()
        ));
    }
    for w in lines.windows(2) {
        if chars[w[0].range.end..w[1].range.start]
            .iter()
            .filter(|c| **c == '\n')
            .count()
            > 1
        {
            return Err("two hard breaks between two lines".into());
        }
    }
    // Geometry.
    for (k, line) in lines.iter().enumerate() {
        let len = line.range.len();
        if line.x.len() != len || line.advance.len() != len {
            return Err(format!("line {k}: x/advance lengths differ from its range"));
        }
        if len == 0 {
            continue;
        }
        let start_x = if k == 0 { indent } else { 0.0 };
        if (line.x[0] - start_x).abs() > 1e-3 {
            return Err(format!("line {k} starts at x {} not {start_x}", line.x[0]));
        }
        for j in 0..len {
            let i = line.range.start + j;
            let a = line.advance[j];
            if a < natural[i] / 2.0 - 1e-3 {
                return Err(format!("line {k}: {:?} compressed past half", chars[i]));
            }
            if j + 1 < len {
                if line.x[j + 1] <= line.x[j] {
                    return Err(format!("line {k}: x not increasing at {j}"));
                }
                if (line.x[j] + a - line.x[j + 1]).abs() > 1e-3 {
                    return Err(format!("line {k}: x[{j}] + advance != x[{}]", j + 1));
                }
            }
        }
        let measure = width - start_x;
        let lone_too_wide = len == 1 && natural[line.range.start] > measure;
        if right_edge(line) > width + TOLERANCE && !lone_too_wide {
            return Err(format!(
                "line {k} overflows: {} > {width}",
                right_edge(line)
            ));
        }
        // Which lines are justified: those ending at a soft break.
        let hard = line.range.end < n
            && chars[line.range.end..]
                .iter()
                .find(|c| !is_space(**c))
                .is_some_and(|c| *c == '\n');
        let last = k + 1 == lines.len();
        if justify && !hard && !last {
            if (right_edge(line) - width).abs() > TOLERANCE && !lone_too_wide {
                return Err(format!("line {k} not flush: ends at {}", right_edge(line)));
            }
        } else {
            for j in 0..len {
                if line.advance[j] > natural[line.range.start + j] + 1e-3 {
                    return Err(format!("unjustified line {k} was spread"));
                }
            }
        }
    }
    // Rules at every soft break, with the one documented exception: a rule gives way only when
    // the line holds no position at all that would keep it.
    for k in 0..lines.len() - 1 {
        let (line, next) = (&lines[k], &lines[k + 1]);
        if chars[line.range.end..next.range.start].contains(&'\n') || line.range.is_empty() {
            continue;
        }
        let (e, b) = (line.range.end, next.range.start);
        // Leading spaces (paragraph start) are no place to break.
        let s = (line.range.start..e)
            .find(|&i| !is_space(chars[i]))
            .unwrap_or(e);
        if next.range.is_empty() {
            return Err(format!("line {} empty after a soft break", k + 1));
        }
        let kinsoku_ok = |p: usize| {
            let last = chars[s..p].iter().rev().find(|c| !is_space(**c)).copied();
            !no_start(chars[p]) && !last.is_some_and(no_end) && !splits_pair(chars[p - 1], chars[p])
        };
        let candidates = || (s + 1..=b).filter(|&p| !is_space(chars[p]));
        let kinsoku_broken = no_start(chars[b])
            || no_end(chars[e - 1])
            || (e == b && splits_pair(chars[e - 1], chars[b]));
        let at = || format!("break {k}/{} ({:?}|{:?})", k + 1, chars[e - 1], chars[b]);
        if kinsoku_broken {
            if let Some(p) = candidates().find(|&p| kinsoku_ok(p)) {
                return Err(format!("{}: 避头尾 broken though {p} would keep it", at()));
            }
            if e == b && splits_pair_at(chars, b) {
                if let Some(p) = candidates().find(|&p| !splits_pair_at(chars, p)) {
                    return Err(format!("{}: ——/…… split though {p} would not", at()));
                }
            }
        } else if e == b && splits_number(chars, b) {
            if let Some(p) = candidates().find(|&p| kinsoku_ok(p) && !splits_number(chars, p)) {
                return Err(format!("{}: number split though {p} would not", at()));
            }
        } else if e == b && splits_word(chars, b) {
            if let Some(p) = candidates()
                .find(|&p| kinsoku_ok(p) && !splits_number(chars, p) && !splits_word(chars, p))
            {
                return Err(format!("{}: word split though {p} would not", at()));
            }
        }
    }
    Ok(())
}
