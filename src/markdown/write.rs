//! The Markdown writer: the document model back to the report's editable source.
//!
//! Its output parses back to the same document ([`crate::markdown::parse`]), which the tests
//! check, so a clerk can edit the Markdown and rebuild the other formats from it.

use super::{escape, front_matter};
use crate::document::{list_marker, Align, Block, Document, Span};

/// Renders a document as front matter plus CommonMark.
pub fn render(doc: &Document) -> String {
    let mut out = front_matter(&doc.meta);
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from((*level).clamp(1, 4))));
                out.push(' ');
                out.push_str(&inlines(text));
                out.push('\n');
            }
            Block::Paragraph(text) => {
                out.push_str(&inlines(text));
                out.push('\n');
            }
            Block::List { start, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = match start {
                        Some(_) => list_marker(*start, i),
                        None => "-".to_string(),
                    };
                    out.push_str(&format!("{marker} {}\n", inlines(item)));
                }
            }
            Block::Table(t) => {
                let row = |cells: &[Vec<Span>]| {
                    let cells: Vec<String> = cells.iter().map(|c| inlines(c)).collect();
                    format!("| {} |\n", cells.join(" | "))
                };
                out.push_str(&row(&t.header));
                let rule: Vec<&str> = (0..t.header.len())
                    .map(|i| match t.align.get(i).copied().unwrap_or_default() {
                        Align::Left => "---",
                        Align::Center => ":---:",
                        Align::Right => "---:",
                    })
                    .collect();
                out.push_str(&format!("| {} |\n", rule.join(" | ")));
                for r in &t.rows {
                    out.push_str(&row(r));
                }
            }
            Block::PageBreak => out.push_str("<!-- 分页 -->\n"),
        }
    }
    out
}

/// Inline text with its emphasis, escaped so it reads back as itself.
fn inlines(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let text = escape(&s.text);
            match (s.strong, s.emphasis) {
                (true, true) => format!("***{text}***"),
                (true, false) => format!("**{text}**"),
                (false, true) => format!("*{text}*"),
                (false, false) => text,
            }
        })
        .collect()
}
