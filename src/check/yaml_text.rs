//! Where the text of a YAML scalar came from in its file: the [`TextOrigin`] of a facts
//! file's narrative value, plain, quoted or block, so a rule's finding in the text points at
//! its character in the file.
//!
//! The value as serde_yaml decoded it is walked beside its source from the value's first byte:
//! each character is matched to the next equal one in the source, stepping over what YAML adds
//! around text (quotes, escapes' backslashes, block indicators, line breaks and indentation).
//! Characters that are no copy of the source (an escape such as `\u4e2d`, a folded line break)
//! point at the source where the walk stands.

use crate::document::TextOrigin;

/// What YAML writes around a scalar's text: stepped over while matching.
fn is_markup(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '"' | '\'' | '\\' | '|' | '>' | '-' | '+'
    ) || c.is_ascii_digit()
}

/// How far ahead a character is looked for after an escape or a fold (bytes).
const LOOKAHEAD: usize = 16;

/// The origin of `value`, the decoded text of the scalar that starts at byte `start` of
/// `source`.
pub fn origin(source: &str, start: usize, value: &str) -> TextOrigin {
    let mut origin = TextOrigin::default();
    let mut at = start.min(source.len());
    // A run of characters copied as they stand: (text start, source start, length).
    let mut run: Option<(usize, usize, usize)> = None;
    let flush = |origin: &mut TextOrigin, run: &mut Option<(usize, usize, usize)>| {
        if let Some((t, s, len)) = run.take() {
            origin.push(t..t + len, s..s + len);
        }
    };
    for (i, c) in value.char_indices() {
        let found = find(source, at, c, i == 0);
        match found {
            Some(pos) => {
                match &mut run {
                    Some((t, s, len)) if *t + *len == i && *s + *len == pos => *len += c.len_utf8(),
                    _ => {
                        flush(&mut origin, &mut run);
                        run = Some((i, pos, c.len_utf8()));
                    }
                }
                at = pos + c.len_utf8();
            }
            None => {
                flush(&mut origin, &mut run);
                origin.push(i..i + c.len_utf8(), at..at);
            }
        }
    }
    flush(&mut origin, &mut run);
    origin
}

/// Where `c` stands next in `source` from `at`: after YAML's own markup, or within a short
/// look ahead (the first character may be further: after the key of a value on the next line).
fn find(source: &str, at: usize, c: char, first: bool) -> Option<usize> {
    let rest = source.get(at..)?;
    for (i, s) in rest.char_indices() {
        if s == c {
            return Some(at + i);
        }
        if !is_markup(s) && !first {
            break;
        }
        if first && i > 256 {
            return None;
        }
    }
    let window = &rest[..rest.len().min(LOOKAHEAD)];
    let window = &window[..(0..=window.len())
        .rev()
        .find(|&n| window.is_char_boundary(n))
        .unwrap_or(0)];
    window.find(c).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source text each character of `value` maps to.
    fn mapped(source: &str, value: &str) -> String {
        let start = source.find(": ").unwrap() + 2;
        let o = origin(source, start, value);
        value
            .char_indices()
            .map(|(i, _)| {
                let at = o.source_offset(i).unwrap();
                source[at..].chars().next().unwrap()
            })
            .collect()
    }

    #[test]
    fn plain_quoted_and_block_values_map_to_their_characters() {
        assert_eq!(mapped("a: 学习,调研\n", "学习,调研"), "学习,调研");
        assert_eq!(
            mapped("a: \"学习\\\"x\\\",调研\"\n", "学习\"x\",调研"),
            "学习\"x\",调研"
        );
        assert_eq!(mapped("a: '它''s,好'\n", "它's,好"), "它's,好");
        assert_eq!(
            mapped("a: |\n  第一行,\n  第二行\n", "第一行,\n第二行\n"),
            "第一行,\n第二行\n"
        );
        // A plain value folded over two lines: the fold's space points at the line break.
        let m = mapped("a: 第一行\n  第二行\n", "第一行 第二行");
        assert_eq!(
            m.chars()
                .filter(|c| *c != ' ' && *c != '\n')
                .collect::<String>(),
            "第一行第二行"
        );
    }

    #[test]
    fn an_escape_points_at_the_walk_and_the_rest_still_maps() {
        let source = "a: \"\\u4e2d文,字\"\n";
        let o = origin(source, 3, "中文,字");
        let comma = o.source_offset("中文".len()).unwrap();
        assert_eq!(&source[comma..comma + 1], ",");
    }
}
