//! Half-width marks in Chinese prose: , : ; ? ! ( ) where Chinese text stands on their sides
//! (the fix is the full-width mark, GB/T 15834), and straight English quotes "" around Chinese
//! text (the fix is “”). Marks between digits or Latin words (10:30, 1,200, (PDF)) stay.

use super::{indexed, Finding};
use crate::diag::{code, Severity};
use crate::text::{chinese_mark_for, curly_quote, is_cjk_punctuation, is_ideograph};

/// Chinese on the side of a mark: an ideograph or a full-width mark.
fn chinese(c: Option<char>) -> bool {
    c.is_some_and(|c| is_ideograph(c) || is_cjk_punctuation(c))
}

pub fn halfwidth(text: &str, out: &mut Vec<Finding>) {
    let chars = indexed(text);
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let mut push = |from: usize, to: usize, mark: char| {
        let full = chinese_mark_for(mark).unwrap_or(mark);
        let start = chars[from].0;
        let end = chars.get(to).map_or(text.len(), |c| c.0);
        out.push(
            Finding::new(
                code::TEXT_HALFWIDTH_PUNCTUATION,
                Severity::Warning,
                start..end,
                "半角标点",
                format!("中文之间用了半角标点“{mark}”，应为全角“{full}”"),
            )
            .with_fix(full.to_string()),
        );
    };
    for i in 0..chars.len() {
        let c = chars[i].1;
        let before = i.checked_sub(1).and_then(at);
        // Spaces typed after the mark go with it: “调研: 三” becomes “调研：三”.
        let spaces = chars[i + 1..].iter().take_while(|c| c.1 == ' ').count();
        let after = at(i + 1 + spaces);
        // A mark after Chinese (not after an opening quote or bracket) and before it.
        let after_chinese = before.is_some_and(|b| {
            is_ideograph(b) || is_cjk_punctuation(b) && !matches!(b, '“' | '‘' | '（' | '《')
        });
        let ends_chinese = after.is_none() || after == Some('(') || chinese(after);
        match c {
            ',' | ':' | ';' if after_chinese && chinese(after) => push(i, i + 1 + spaces, c),
            '?' | '!' if chinese(before) && ends_chinese => push(i, i + 1 + spaces, c),
            '(' => {
                let Some(len) = chars[i + 1..].iter().position(|c| matches!(c.1, ')' | '(')) else {
                    continue;
                };
                let close = i + 1 + len;
                if chars[close].1 != ')' {
                    continue;
                }
                let inside_chinese = chars[i + 1..close].iter().any(|c| is_ideograph(c.1));
                let beside_chinese = chinese(before) || chinese(at(close + 1));
                if inside_chinese && beside_chinese {
                    push(i, i + 1, '(');
                    push(close, close + 1, ')');
                }
            }
            _ => {}
        }
    }
}

pub fn english_quotes(text: &str, out: &mut Vec<Finding>) {
    let chars = indexed(text);
    for quote in ['"', '\''] {
        let marks: Vec<usize> = (0..chars.len()).filter(|&i| chars[i].1 == quote).collect();
        for pair in marks.chunks_exact(2) {
            let (open, close) = (pair[0], pair[1]);
            let inside = &chars[open + 1..close];
            if inside.is_empty() || !inside.iter().any(|c| is_ideograph(c.1)) {
                continue;
            }
            let shown: String = inside.iter().map(|c| c.1).collect();
            let (o, c) = (
                curly_quote(quote, true).unwrap_or(quote),
                curly_quote(quote, false).unwrap_or(quote),
            );
            for (i, curly) in [(open, o), (close, c)] {
                let start = chars[i].0;
                out.push(
                    Finding::new(
                        code::TEXT_ENGLISH_QUOTES,
                        Severity::Warning,
                        start..start + 1,
                        "英文引号",
                        format!("中文“{shown}”用了英文引号 {quote}…{quote}，应为中文引号 {o}…{c}"),
                    )
                    .with_fix(curly.to_string()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str, rule: super::super::Rule) -> String {
        let mut found = Vec::new();
        rule(text, &mut found);
        let mut out = text.to_string();
        found.sort_by_key(|f| std::cmp::Reverse(f.range.start));
        for f in found {
            out.replace_range(f.range, f.fix.as_deref().unwrap());
        }
        out
    }

    #[test]
    fn half_width_marks_between_chinese_become_full_width() {
        assert_eq!(
            fixed("一是学习,二是调研: 三是落实;行吗?好!(试点)村", halfwidth),
            "一是学习，二是调研：三是落实；行吗？好！（试点）村"
        );
        assert_eq!(
            fixed("时间 10:30, ok (PDF) 1,200 人", halfwidth),
            "时间 10:30, ok (PDF) 1,200 人"
        );
        assert_eq!(fixed("增加“回头看”,效果", halfwidth), "增加“回头看”，效果");
    }

    #[test]
    fn english_quotes_around_chinese_become_chinese_quotes() {
        assert_eq!(
            fixed("落实\"第一议题\"制度，'双联系'，\"OK\"", english_quotes),
            "落实“第一议题”制度，‘双联系’，\"OK\""
        );
    }
}
