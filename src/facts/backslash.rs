//! A Windows path written in double quotes: YAML reads each backslash there as an escape
//! (`"D:\字体\x.ttf"` is a syntax error, `"D:\new\times.ttf"` silently holds a line break and a
//! tab), so a clerk who copied a path from Explorer gets told how to write it instead.

/// Whether a value read from a double-quoted scalar looks like escapes ate its backslashes:
/// it holds a control character (`\n`, `\t`, `\f`, `\a`, `\0` …) or one of YAML's other
/// single-letter escapes (`\N`, `\_`, `\L`, `\P`), none of which a file name has.
pub(super) fn escapes_ate_backslashes(value: &str) -> bool {
    value
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{A0}' | '\u{2028}' | '\u{2029}'))
}

/// Whether a source line's double-quoted value looks like a file path (a drive, a folder
/// separator or a font's extension), so the help about paths fits it.
pub(super) fn looks_like_path(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains(":\\")
        || lower.contains("\\\\")
        || lower.contains('/')
        || [".ttf", ".otf", ".ttc"].iter().any(|e| lower.contains(e))
}

/// The help for a source line holding a double-quoted value with a backslash, showing the same
/// path in single quotes and with forward slashes; `None` when the line has no such value.
pub(super) fn help(line: &str) -> Option<String> {
    let open = line.find('"')?;
    let close = open + 1 + line[open + 1..].rfind('"')?;
    let written = &line[open + 1..close];
    if !written.contains('\\') {
        return None;
    }
    Some(format!(
        "双引号里的反斜杠 \\ 是 YAML 的转义符，路径中的 \\ 会被误读。请把路径写在单引号里：'{written}'，\
         或把 \\ 换成正斜杠：\"{}\"",
        written.replace('\\', "/")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_double_quoted_windows_path_is_shown_in_single_quotes_and_with_forward_slashes() {
        let h = help(r#"  仿宋: "D:\字体\x.ttf""#).unwrap();
        assert!(h.contains(r"'D:\字体\x.ttf'"), "{h}");
        assert!(h.contains(r#""D:/字体/x.ttf""#), "{h}");
        assert_eq!(help(r#"  仿宋: "D:/字体/x.ttf""#), None);
        assert_eq!(help(r"  仿宋: 'D:\字体\x.ttf'"), None);
        assert!(looks_like_path(r#"  仿宋: "D:\字体\x.ttf""#));
        assert!(looks_like_path(r#"  仿宋: "字体\x.TTF""#));
        assert!(!looks_like_path(r#"  主题: "茶叶\x07产业""#));
    }

    #[test]
    fn escapes_that_ate_backslashes_are_recognised() {
        assert!(escapes_ate_backslashes("D:\new\times.ttf"));
        assert!(escapes_ate_backslashes("C:\u{85}otes.ttf"));
        assert!(!escapes_ate_backslashes(r"D:\字体\x.ttf"));
        assert!(!escapes_ate_backslashes("字体/楷体.ttf"));
    }
}
