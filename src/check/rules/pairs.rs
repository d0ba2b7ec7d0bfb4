//! Marks that come in pairs: “” ‘’ 《》 〈〉 （） 【】 「」 『』. An opening mark never closed, a
//! closing mark never opened, and a 《 closed by 〉 (the fix: 》) are each reported where they
//! stand. An apostrophe between Latin letters (it’s) is no quote.

use super::{indexed, Finding};
use crate::diag::{code, Severity};
use crate::text::is_latin_letter;

const PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('〈', '〉'),
    ('（', '）'),
    ('【', '】'),
    ('「', '」'),
    ('『', '』'),
];

fn closer_of(open: char) -> Option<char> {
    PAIRS.iter().find(|p| p.0 == open).map(|p| p.1)
}

fn opener_of(close: char) -> Option<char> {
    PAIRS.iter().find(|p| p.1 == close).map(|p| p.0)
}

/// The other book-title mark of the same kind: 《 is closed by 》, never 〉.
fn look_alike(close: char) -> Option<char> {
    match close {
        '〉' => Some('》'),
        '》' => Some('〉'),
        _ => None,
    }
}

pub fn find(text: &str, out: &mut Vec<Finding>) {
    let chars = indexed(text);
    let mut open: Vec<(usize, char)> = Vec::new();
    let error = |at: usize, c: char, label: &'static str, message: String| {
        Finding::new(
            code::TEXT_UNBALANCED_PAIR,
            Severity::Error,
            at..at + c.len_utf8(),
            label,
            message,
        )
    };
    for (i, &(at, c)) in chars.iter().enumerate() {
        if closer_of(c).is_some() {
            open.push((at, c));
            continue;
        }
        let Some(wanted_opener) = opener_of(c) else {
            continue;
        };
        if c == '’' {
            let latin = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| is_latin_letter(c.1))
            };
            if latin(i.checked_sub(1)) && latin(Some(i + 1)) {
                continue;
            }
        }
        match open.last().copied() {
            Some((_, top)) if top == wanted_opener => {
                open.pop();
            }
            Some((_, top)) if look_alike(c).is_some_and(|a| closer_of(top) == Some(a)) => {
                open.pop();
                let right = closer_of(top).unwrap_or(c);
                out.push(
                    error(at, c, "不配对", format!("“{top}”应以“{right}”闭合，这里用了“{c}”"))
                        .with_fix(right.to_string()),
                );
            }
            _ => match open.iter().rposition(|&(_, o)| o == wanted_opener) {
                // Closes an outer mark: the marks opened inside it were never closed.
                Some(outer) => {
                    for (o_at, o) in open.drain(outer..).skip(1) {
                        out.push(unclosed(o_at, o));
                    }
                }
                None => out.push(error(
                    at,
                    c,
                    "多余",
                    format!("“{c}”前面没有与之配对的“{wanted_opener}”：补上“{wanted_opener}”，或删去“{c}”"),
                )),
            },
        }
    }
    for (at, o) in open {
        out.push(unclosed(at, o));
    }
}

fn unclosed(at: usize, open: char) -> Finding {
    let close = closer_of(open).unwrap_or(open);
    Finding::new(
        code::TEXT_UNBALANCED_PAIR,
        Severity::Error,
        at..at + open.len_utf8(),
        "未闭合",
        format!("“{open}”没有配对的“{close}”：在应结束处补上“{close}”，或删去“{open}”"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Option<String>)> {
        let mut out = Vec::new();
        find(text, &mut out);
        out.sort_by_key(|f| f.range.start);
        out.into_iter().map(|f| (&text[f.range], f.fix)).collect()
    }

    #[test]
    fn balanced_text_passes() {
        assert!(
            found("落实“第一议题”制度，学习《代表法》（修正），“‘双联系’”，【案例】，it’s")
                .is_empty()
        );
    }

    #[test]
    fn unbalanced_marks_are_found_where_they_stand() {
        assert_eq!(found("推动“回头看，见效"), [("“", None)]);
        assert_eq!(found("见效”。"), [("”", None)]);
        assert_eq!(
            found("学习《食品安全法〉"),
            [("〉", Some("》".to_string()))]
        );
        assert_eq!(found("（一是“学习）"), [("“", None)]);
        assert_eq!(found("【一】【二"), [("【", None)]);
    }
}
