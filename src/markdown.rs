//! Markdown, the report's editable source: escaping text into it and parsing it into the
//! document model.
//!
//! A report's Markdown is YAML front matter for the title block, then CommonMark for the body:
//!
//! ```text
//! ---
//! 会议文件标识: 青石镇第五届人民代表大会第五次会议文件（二）
//! 稿别: 审议稿
//! 标题: 青石镇人民代表大会主席团工作报告
//! 副标题: ——2025年1月8日在青石镇第五届人民代表大会第五次会议上
//! 报告人: 镇人大主席　李明
//! 日期行: （2025年1月8日）
//! 称谓: 各位代表：
//! 作者: 青石镇人民代表大会主席团
//! 主题: 青石镇人民代表大会主席团2024年工作报告
//! 日期: 2025-01-08
//! 年度: 2024
//! 文种: annual
//! ---
//!
//! # 一、2024年工作回顾
//!
//! ## （一）坚持党的领导，……
//!
//! 正文段落……
//!
//! <!-- 分页 -->
//! ```
//!
//! `#` to `####` are the heading levels 一、 （一） 1. （1）; the number is part of the heading
//! text. `<!-- 分页 -->` is a page break. Text is text: [`escape`] makes a clerk's sentence come
//! out as itself, and the parser turns on no smart punctuation, so —— and “” stay as typed.

/// Escapes plain text so that CommonMark reads it back as exactly the same text.
///
/// Characters that are markup anywhere (`\` `` ` `` `*` `_` `[` `]` `<` `>` `|` `~` `&` `!`) are
/// backslash-escaped wherever they stand; characters that are markup only at the start of a line
/// (`#`, `-`, `+`, `=`, and `1.` / `1)`) only there. A line break in the text is kept as a hard
/// break (a backslash at the end of the line).
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
            if always || after_number || (at_start && matches!(c, '#' | '-' | '+' | '=')) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}
