//! Escaping: plain text written into the Markdown source so that it reads back as itself.

/// Escapes plain text so that CommonMark reads it back as exactly the same text.
///
/// Characters that are markup anywhere (`\` `` ` `` `*` `_` `[` `]` `<` `>` `|` `~` `&` `!`) are
/// backslash-escaped wherever they stand; characters that are markup only at the start of a line
/// (`#`, `-`, `+`, `=`, and `1.` / `1)`) only there. A line break in the text is kept as a hard
/// break (a backslash at the end of the line).
///
/// ```
/// use workreport::markdown::escape;
/// assert_eq!(escape("1. 第*一*项 <b>"), "1\\. 第\\*一\\*项 \\<b\\>");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("\\\n");
        }
        // Leading and trailing blanks are not text in CommonMark (and would make code blocks
        // or hard breaks), so they are dropped.
        let trimmed = line.trim();
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        for (j, c) in trimmed.char_indices() {
            let at_start = j == 0;
            let after_number = j == digits && digits > 0 && matches!(c, '.' | ')');
            let always = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!'
            );
            // A '#' that ends the line would close an ATX heading.
            let closes_heading = c == '#' && j + 1 == trimmed.len();
            if always
                || after_number
                || closes_heading
                || (at_start && matches!(c, '#' | '-' | '+' | '='))
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}
