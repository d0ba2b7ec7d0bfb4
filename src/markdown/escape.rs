//! Escaping: plain text written into the Markdown source so that it reads back as itself.

/// Escapes plain text so that the reader ([`super::parse`]) reads it back as exactly the same
/// text, and a clerk reading the source sees as little backslash as the dialect allows.
///
/// Characters that are markup anywhere (`\` `` ` `` `[` `]` `<` `>` `|` `~` `&` `!`, and a `*`
/// that could pair: one or two in a row) are backslash-escaped wherever they stand; characters
/// that are markup only at the start of a line (`#`, `-`, `+`, `=`, `_`, `*`, and `1.` / `1)`)
/// only there. A run of three or more `*` inside the text (a redaction, `以******为`) and `_`
/// (a fill-in blank, `“__”时期`) are text to the reader and stay as typed, except where they
/// would touch markup around the text (its first and last characters). A line break in the
/// text is kept as a hard break (a backslash at the end of the line).
///
/// ```
/// use workreport::markdown::escape;
/// assert_eq!(escape("1. 第*一*项 <b>"), "1\\. 第\\*一\\*项 \\<b\\>");
/// assert_eq!(escape("以******为“__”时期"), "以******为“__”时期");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        // Leading and trailing blanks are not text in CommonMark (and would make code blocks
        // or hard breaks), so they are dropped.
        let trimmed = line.trim();
        let chars: Vec<(usize, char)> = trimmed.char_indices().collect();
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        let mut k = 0;
        while k < chars.len() {
            let (j, c) = chars[k];
            if c == '*' {
                let run = chars[k..].iter().take_while(|&&(_, c)| c == '*').count();
                // A run of three or more inside the line is text; one that starts or ends the
                // line could be a rule, a list marker, or join a delimiter around the text.
                let inside = run >= 3 && k > 0 && k + run < chars.len();
                let star = if inside { "*" } else { "\\*" };
                for _ in 0..run {
                    out.push_str(star);
                }
                k += run;
                continue;
            }
            let at_start = j == 0;
            let after_number = j == digits && digits > 0 && matches!(c, '.' | ')');
            let always = matches!(
                c,
                '\\' | '`' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!'
            );
            // A '#' that ends the line would close an ATX heading.
            let closes_heading = c == '#' && j + 1 == trimmed.len();
            if always
                || after_number
                || closes_heading
                || (at_start && matches!(c, '#' | '-' | '+' | '=' | '_'))
            {
                out.push('\\');
            }
            out.push(c);
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redactions_and_blanks_stay_readable() {
        assert_eq!(escape("以******为核心"), "以******为核心");
        assert_eq!(escape("“__”时期"), "“__”时期");
        assert_eq!(escape("__年"), "\\__年");
        // At the edges a run could join the delimiters around the text.
        assert_eq!(escape("***五中"), "\\*\\*\\*五中");
        assert_eq!(escape("五中***"), "五中\\*\\*\\*");
        assert_eq!(escape("一**二"), "一\\*\\*二");
    }
}
