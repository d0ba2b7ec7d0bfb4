//! The numbers a report's headings carry in their text — 一、 → （一） → 1. → （1） (layout.md) —
//! and the level each stands for. A heading's number, not the depth its source gave it (a
//! Markdown `###`, a Word “Heading 3”), decides its level: the reader of Markdown and the
//! importer of Word files both ask here.

/// A heading number at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingNumber {
    /// 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）.
    pub level: u8,
    /// Its length in bytes, the mark after it (、 .) included.
    pub len: usize,
}

/// Chinese numerals as they count sections (一 … 十, 二十一, 一百零一).
fn is_chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十百零〇".contains(c)
}

/// The heading number `text` starts with, if any: 一、 （一） 1. （1）, with their common
/// variants (half-width brackets, full-width digits, 1、 and 1．). A number followed by another
/// digit (1.5亿元) or by nothing is no heading number.
pub fn heading_number(text: &str) -> Option<HeadingNumber> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let len_to = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let run = |from: usize, class: fn(char) -> bool| {
        (from..).take_while(|&i| at(i).is_some_and(class)).count()
    };
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    // Something must follow the number: a bare “一、” is no heading.
    let number = |level: u8, end: usize| {
        (end < chars.len()).then_some(HeadingNumber {
            level,
            len: len_to(end),
        })
    };
    match at(0)? {
        '（' | '(' => {
            let inner = run(1, is_chinese_numeral);
            let (level, n) = if inner > 0 {
                (2, inner)
            } else {
                (4, run(1, is_digit))
            };
            if n == 0 || !matches!(at(1 + n), Some('）' | ')')) {
                return None;
            }
            number(level, 2 + n)
        }
        c if is_chinese_numeral(c) => {
            let n = run(0, is_chinese_numeral);
            (at(n) == Some('、')).then(|| number(1, n + 1)).flatten()
        }
        c if is_digit(c) => {
            let n = run(0, is_digit);
            let mark = matches!(at(n), Some('.' | '．' | '、'));
            let decimal = at(n + 1).is_some_and(is_digit);
            (mark && !decimal).then(|| number(3, n + 1)).flatten()
        }
        _ => None,
    }
}

/// Whether `text` names a part of a report by a number of parts (第一部分), which stands above
/// the numbered sections as an unnumbered part heading does.
pub fn is_part_number(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('第') else {
        return false;
    };
    let n = rest.chars().take_while(|&c| is_chinese_numeral(c)).count();
    n > 0 && rest.chars().skip(n).collect::<String>().starts_with("部分")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(text: &str) -> Option<u8> {
        heading_number(text).map(|n| n.level)
    }

    #[test]
    fn each_numbering_gives_its_level() {
        assert_eq!(level("一、2024年工作回顾"), Some(1));
        assert_eq!(level("十二、其他"), Some(1));
        assert_eq!(level("（三）聚焦中心工作"), Some(2));
        assert_eq!(level("(三)聚焦中心工作"), Some(2));
        assert_eq!(level("1.加强学习"), Some(3));
        assert_eq!(level("12. 加强学习"), Some(3));
        assert_eq!(level("2、加强学习"), Some(3));
        assert_eq!(level("３．加强学习"), Some(3));
        assert_eq!(level("（1）组织视察"), Some(4));
        assert_eq!(level("(10)组织视察"), Some(4));
    }

    #[test]
    fn the_number_is_measured_in_bytes_with_its_mark() {
        assert_eq!(heading_number("一、回顾").unwrap().len, "一、".len());
        assert_eq!(heading_number("（一）回顾").unwrap().len, "（一）".len());
        assert_eq!(heading_number("10.回顾").unwrap().len, 3);
    }

    #[test]
    fn text_that_only_looks_numbered_is_not() {
        for text in [
            "2024年工作回顾",
            "一是加强学习",
            "1.5亿元用于建设",
            "一、",
            "（一",
            "（）回顾",
            "各位代表：",
            "一年来，主席团",
        ] {
            assert_eq!(level(text), None, "{text}");
        }
    }

    #[test]
    fn parts_may_be_counted() {
        assert!(is_part_number("第一部分　2024年工作回顾"));
        assert!(!is_part_number("第一次会议"));
        assert!(!is_part_number("部分代表"));
    }
}
