//! Chinese numerals, full dates and structure numbering, as GB/T 15835 and GB/T 9704 want them:
//! ordinals of congress terms in Chinese numerals (第五届), dates in Arabic digits without
//! leading zeros (2024年7月3日), headings numbered 一、 （一） 1. （1） by the composer, never typed.

use chrono::{Datelike, NaiveDate};

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const UNITS: [(u32, char); 3] = [(1000, '千'), (100, '百'), (10, '十')];

/// The largest number [`chinese`] writes.
pub const CHINESE_MAX: u32 = 9999;

/// Writes `n` (0..=9999) in Chinese numerals: 5 → 五, 10 → 十, 15 → 十五, 105 → 一百零五.
/// Larger numbers fall back to Arabic digits, which is what a clerk would write for them anyway.
pub fn chinese(n: u32) -> String {
    if n == 0 {
        return "零".to_string();
    }
    if n > CHINESE_MAX {
        return n.to_string();
    }
    let mut out = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    for (unit, name) in UNITS {
        let digit = rest / unit;
        rest %= unit;
        if digit == 0 {
            if !out.is_empty() {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        // 十五, not 一十五, when the number starts with the tens.
        if !(unit == 10 && digit == 1 && out.is_empty()) {
            out.push(DIGITS[digit as usize]);
        }
        out.push(name);
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// Reads a Chinese numeral written by [`chinese`] back (一百零五 → 105); `None` if it is not one.
pub fn parse_chinese(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    if text == "零" {
        return Some(0);
    }
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    let mut last_unit = u32::MAX;
    let mut after_zero = false;
    for c in text.chars() {
        if c == '零' {
            // 零 only stands between a unit and a smaller digit, once.
            if digit.is_some() || after_zero || total == 0 {
                return None;
            }
            after_zero = true;
        } else if let Some(d) = DIGITS.iter().position(|&x| x == c) {
            if digit.is_some() {
                return None;
            }
            digit = Some(d as u32);
        } else if let Some(&(unit, _)) = UNITS.iter().find(|(_, name)| *name == c) {
            if unit >= last_unit {
                return None;
            }
            let d = match digit.take() {
                Some(d) => d,
                None if unit == 10 && total == 0 => 1,
                None => return None,
            };
            total += d * unit;
            last_unit = unit;
            after_zero = false;
        } else {
            return None;
        }
    }
    if after_zero && digit.is_none() {
        return None;
    }
    Some(total + digit.unwrap_or(0))
}

/// 第五届 for a congress term.
pub fn term(n: u32) -> String {
    format!("第{}届", chinese(n))
}

/// 第五次 for a session of a term.
pub fn session(n: u32) -> String {
    format!("第{}次", chinese(n))
}

/// 2024年7月3日: the full date, Arabic digits, no leading zeros.
pub fn full_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 7月3日: a date within the report year.
pub fn month_day(date: NaiveDate) -> String {
    format!("{}月{}日", date.month(), date.day())
}

/// The number of the `n`-th heading (1-based) at `level` 1..=4: 一、 （一） 1. （1）.
pub fn heading_number(level: u8, n: u32) -> String {
    match level {
        1 => format!("{}、", chinese(n)),
        2 => format!("（{}）", chinese(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// 一是, 二是 …: the inline enumeration inside a paragraph.
pub fn enumeration(n: u32) -> String {
    format!("{}是", chinese(n))
}

/// Numbers the parts that are present: a part left empty gets no number and the numbering of
/// the others stays continuous (一、 二、 三、 with no gap).
pub fn number_present(level: u8, present: &[bool]) -> Vec<Option<String>> {
    let mut next = 0;
    present
        .iter()
        .map(|&here| {
            here.then(|| {
                next += 1;
                heading_number(level, next)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numerals_as_written() {
        let cases = [
            (1, "一"),
            (5, "五"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (999, "九百九十九"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (2024, "二千零二十四"),
        ];
        for (n, text) in cases {
            assert_eq!(chinese(n), text, "{n}");
        }
        assert_eq!(term(5), "第五届");
        assert_eq!(session(12), "第十二次");
    }

    #[test]
    fn headings_and_dates() {
        assert_eq!(heading_number(1, 3), "三、");
        assert_eq!(heading_number(2, 11), "（十一）");
        assert_eq!(heading_number(3, 2), "2.");
        assert_eq!(heading_number(4, 2), "（2）");
        let d = NaiveDate::from_ymd_opt(2024, 7, 3).unwrap();
        assert_eq!(full_date(d), "2024年7月3日");
        assert_eq!(month_day(d), "7月3日");
        assert_eq!(
            number_present(1, &[true, false, true]),
            vec![Some("一、".into()), None, Some("二、".into())]
        );
    }

    #[test]
    fn parse_rejects_junk() {
        for bad in ["", "十十", "一二", "百", "零零", "abc", "五百五百"] {
            assert_eq!(parse_chinese(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn numeral_round_trip(n in 1u32..=CHINESE_MAX) {
            prop_assert_eq!(parse_chinese(&chinese(n)), Some(n));
        }

        #[test]
        fn dates_have_no_leading_zeros(days in 0i64..80_000) {
            let date = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
            let text = full_date(date);
            prop_assert!(!text.contains("年0") && !text.contains("月0"), "{}", text);
            prop_assert!(text.ends_with('日'));
            prop_assert_eq!(
                NaiveDate::parse_from_str(&text, "%Y年%m月%d日").unwrap(), date
            );
        }

        #[test]
        fn numbering_is_continuous(present in proptest::collection::vec(any::<bool>(), 0..20),
                                   level in 1u8..=4) {
            let numbers = number_present(level, &present);
            prop_assert_eq!(numbers.len(), present.len());
            let given: Vec<String> = numbers.iter().flatten().cloned().collect();
            let expected: Vec<String> =
                (1..=given.len() as u32).map(|n| heading_number(level, n)).collect();
            prop_assert_eq!(given, expected);
            for (number, here) in numbers.iter().zip(&present) {
                prop_assert_eq!(number.is_some(), *here);
            }
        }
    }
}
