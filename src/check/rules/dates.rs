//! Dates in prose are written 2024年7月3日 (GB/T 15835): no leading zeros (2024年07月03日), no
//! dotted, dashed or slashed dates (2024.7.3, 2024-7-3, 2024/7/3), no two-digit year
//! (24年7月). The fix is the date in that form.

use super::Finding;
use crate::diag::{code, Severity};

/// The ASCII digits at the start of `s`: their value and byte length (at most `max`).
fn digits(s: &str, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

fn valid(year: u32, month: u32, day: Option<u32>) -> bool {
    (1900..=2099).contains(&year)
        && (1..=12).contains(&month)
        && day.is_none_or(|d| (1..=31).contains(&d))
}

fn written(year: u32, month: u32, day: Option<u32>) -> String {
    match day {
        Some(d) => format!("{year}年{month}月{d}日"),
        None => format!("{year}年{month}月"),
    }
}

/// A date starting at byte `at` of `text` in a form other than 2024年7月3日: its byte length
/// and the date as it should be written.
fn date_at(text: &str, at: usize) -> Option<(usize, String)> {
    let rest = &text[at..];
    let (year, ny) = digits(rest, 4)?;
    let after_year = &rest[ny..];
    // 2024.7.3, 2024-7-3, 2024/7/3: a four-digit year and both parts.
    if ny == 4 {
        if let Some(sep) = after_year
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | '-' | '/'))
        {
            let (month, nm) = digits(&after_year[1..], 2)?;
            let tail = &after_year[1 + nm..];
            if !tail.starts_with(sep) {
                return None;
            }
            let (day, nd) = digits(&tail[1..], 2)?;
            let end = ny + 1 + nm + 1 + nd;
            // Not a version or a longer number (2024.7.3.1).
            let next = rest[end..].chars().next();
            if next.is_some_and(|c| {
                c.is_ascii_digit()
                    || (c == sep && rest[end + 1..].starts_with(|c: char| c.is_ascii_digit()))
            }) {
                return None;
            }
            return valid(year, month, Some(day)).then(|| (end, written(year, month, Some(day))));
        }
    }
    // 2024年07月03日, 24年7月.
    let after = after_year.strip_prefix('年')?;
    let (month, nm) = digits(after, 2)?;
    let after_month = after[nm..].strip_prefix('月')?;
    let mut end = ny + '年'.len_utf8() + nm + '月'.len_utf8();
    let mut day = None;
    let mut zero_day = false;
    if let Some((d, nd)) = digits(after_month, 2) {
        if after_month[nd..].starts_with('日') || after_month[nd..].starts_with('号') {
            day = Some(d);
            zero_day = nd == 2 && after_month.starts_with('0');
            end += nd + '日'.len_utf8();
        }
    }
    let full_year = match ny {
        4 => year,
        2 => 2000 + year,
        _ => return None,
    };
    let zero_month = nm == 2 && after.starts_with('0');
    let bad = ny == 2 || zero_month || zero_day || rest[..end].ends_with('号');
    (bad && valid(full_year, month, day)).then(|| (end, written(full_year, month, day)))
}

pub fn find(text: &str, out: &mut Vec<Finding>) {
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.'));
        if starts_number {
            if let Some((len, right)) = date_at(text, i) {
                let shown = &text[i..i + len];
                out.push(
                    Finding::new(
                        code::TEXT_DATE_STYLE,
                        Severity::Warning,
                        i..i + len,
                        "日期写法",
                        format!("日期“{shown}”应写作“{right}”（年份写全，月、日不加 0，用年月日）"),
                    )
                    .with_fix(right),
                );
                i += len;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<(&str, String)> {
        super::super::fixes(find, text)
    }

    #[test]
    fn dates_in_other_forms_are_found_with_their_fix() {
        assert_eq!(
            fixes("于2024年07月03日、2024.7.3、2024-7-3、2024/12/1、24年7月和2024年7月3号召开"),
            [
                ("2024年07月03日", "2024年7月3日".to_string()),
                ("2024.7.3", "2024年7月3日".to_string()),
                ("2024-7-3", "2024年7月3日".to_string()),
                ("2024/12/1", "2024年12月1日".to_string()),
                ("24年7月", "2024年7月".to_string()),
                ("2024年7月3号", "2024年7月3日".to_string()),
            ]
        );
    }

    #[test]
    fn good_dates_and_other_numbers_pass() {
        assert!(
            fixes("2024年7月3日，工作24年，增长3.5.6版，12.5%，10-20人，2024年12月").is_empty()
        );
    }
}
