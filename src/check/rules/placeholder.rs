//! Leftover placeholders of a hand-made draft: xx, XX, ××, x次, x月, ○○, __年, ******,
//! 【待补充】, TODO. A Latin word that merely contains an x (Excel), a times sign between
//! numbers (3×4) and a lone bracket note that is real text (【案例】) are not.

use super::{byte_range, indexed, Finding};
use crate::diag::{code, Severity};
use crate::text::{is_digit, is_ideograph, is_latin_letter};

fn is_placeholder_letter(c: char) -> bool {
    matches!(c, 'x' | 'X' | '×' | 'ｘ' | 'Ｘ')
}

/// Words inside 【】 that mark text still to be written.
const TO_BE_WRITTEN: &[&str] = &["待", "补充", "填写", "填入", "此处", "略"];

/// Latin words of a draft's notes to itself.
const NOTES: &[&str] = &["TODO", "TBD", "FIXME"];

pub fn find(text: &str, out: &mut Vec<Finding>) {
    let chars = indexed(text);
    let mut push = |from: usize, to: usize| {
        let range = byte_range(text, &chars, from, to);
        let shown = &text[range.clone()];
        out.push(Finding::new(
            code::TEXT_PLACEHOLDER,
            Severity::Error,
            range.clone(),
            "占位符",
            format!("文字中留有占位符“{shown}”，应填写实际内容"),
        ));
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let run_of =
            |pred: &dyn Fn(char) -> bool| chars[i..].iter().take_while(|&&(_, c)| pred(c)).count();
        let before = i.checked_sub(1).map(|j| chars[j].1);
        if is_placeholder_letter(c) {
            let run = run_of(&is_placeholder_letter);
            let after = chars.get(i + run).map(|c| c.1);
            let latin = |c: Option<char>| c.is_some_and(is_latin_letter);
            let near_number_or_cjk =
                |c: Option<char>| c.is_some_and(|c| is_ideograph(c) || is_digit(c) || c == '第');
            // A times sign between digits is arithmetic (3×4 米).
            let times = c == '×' && before.is_some_and(is_digit) && after.is_some_and(is_digit);
            let single = c != '×' && (near_number_or_cjk(before) || near_number_or_cjk(after));
            if !latin(before) && !latin(after) && !times && (run >= 2 || single) {
                push(i, i + run);
            }
            i += run;
        } else if matches!(c, '_' | '＿' | '○' | '□' | '*' | '＊') {
            let run = run_of(&|x| x == c);
            // A pair of asterisks is Markdown's bold; three or more are a redaction.
            let least = if matches!(c, '*' | '＊') { 3 } else { 2 };
            if run >= least {
                push(i, i + run);
            }
            i += run;
        } else if c == '【' {
            let close = chars[i..].iter().take(12).position(|&(_, c)| c == '】');
            match close {
                Some(len) => {
                    let inside: String = chars[i + 1..i + len].iter().map(|c| c.1).collect();
                    if inside.trim().is_empty() || TO_BE_WRITTEN.iter().any(|w| inside.contains(w))
                    {
                        push(i, i + len + 1);
                    }
                    i += len + 1;
                }
                None => i += 1,
            }
        } else if c.is_ascii_alphabetic() && !before.is_some_and(|b| b.is_ascii_alphabetic()) {
            let run = run_of(&|x: char| x.is_ascii_alphabetic());
            let word: String = chars[i..i + run].iter().map(|c| c.1).collect();
            if NOTES.contains(&word.to_ascii_uppercase().as_str())
                && word.chars().all(|c| c.is_ascii_uppercase())
            {
                push(i, i + run);
            }
            i += run;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.iter().map(|f| &text[f.range.clone()]).collect()
    }

    #[test]
    fn finds_the_placeholders_of_a_draft() {
        assert_eq!(
            found("召开会议x次，收到xx件，__年，××镇，XX村，Excel 表格，第x届，2024年x月"),
            ["x", "xx", "__", "××", "XX", "x", "x"]
        );
        assert_eq!(
            found("以******思想为指导，【待补充】，TODO 核对，○○村，【 】"),
            ["******", "【待补充】", "TODO", "○○", "【 】"]
        );
    }

    #[test]
    fn leaves_real_text_alone() {
        assert!(found("3×4 米的展板，box，**加粗**，【案例】一则，Todo list").is_empty());
    }
}
