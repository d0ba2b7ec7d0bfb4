//! The writer: the document model back to the report's editable source, in the dialect the
//! reader reads ([`super::parse`] of its output gives the same document; the tests check it),
//! so a clerk can edit the Markdown and rebuild the other formats from it.
//!
//! Headings get as many `#` as their place in the outline (a part `#`, its sections under it one
//! more), lists are indented under the item they belong to with the clerk's numbers, strong and
//! emphasis are `**…**` and `*…*` where those read back (a bold lead-in `**……。**坚持……` does),
//! and the HTML tags `<strong>` and `<em>` where they would not (bold beside 楷体, bold 楷体, a
//! span that starts with a space).

use super::emphasis::{left_flanking, right_flanking};
use super::{escape, front_matter};
use crate::document::{outline_levels, Align, Block, Document, List, Span};

/// Renders a document as front matter plus CommonMark.
pub fn render(doc: &Document) -> String {
    let mut out = front_matter(&doc.meta);
    let mut depths = outline_levels(&doc.blocks).into_iter();
    let mut previous: Option<&Block> = None;
    for block in &doc.blocks {
        out.push('\n');
        // Two lists in a row would read back as one: a comment keeps them apart.
        if let (Some(Block::List(_)), Block::List(_)) = (previous, block) {
            out.push_str("<!-- -->\n\n");
        }
        previous = Some(block);
        match block {
            Block::Heading(h) => {
                let depth = depths.next().unwrap_or(h.level).clamp(1, 6);
                out.push_str(&"#".repeat(usize::from(depth)));
                out.push(' ');
                out.push_str(&inlines(&h.text));
                out.push('\n');
            }
            Block::Paragraph(p) => {
                out.push_str(&inlines(&p.text));
                out.push('\n');
            }
            Block::List(list) => write_list(&mut out, list, 0),
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
            Block::PageBreak(_) => out.push_str("<!-- 分页 -->\n"),
        }
    }
    out
}

/// A list with its items' numbers as given (“-” for bullets), nested lists indented under the
/// text of their item.
fn write_list(out: &mut String, list: &List, indent: usize) {
    let numbered = list.items.iter().any(|i| i.number.is_some());
    let mut next = list.items.first().and_then(|i| i.number).unwrap_or(1);
    for item in &list.items {
        let marker = if numbered {
            let n = item.number.unwrap_or(next);
            next = n + 1;
            format!("{n}.")
        } else {
            "-".to_string()
        };
        let inner = indent + marker.len() + 1;
        let text = inlines(&item.text);
        out.push_str(&" ".repeat(indent));
        out.push_str(&marker);
        out.push(' ');
        // Lines after a hard break stay inside the item.
        out.push_str(&text.replace('\n', &format!("\n{}", " ".repeat(inner))));
        out.push('\n');
        for nested in &item.lists {
            write_list(out, nested, inner);
        }
    }
}

/// Inline text with its emphasis, escaped so it reads back as itself.
fn inlines(spans: &[Span]) -> String {
    let escaped: Vec<String> = spans.iter().map(|s| escape(&s.text)).collect();
    let plain = |i: Option<&Span>| i.is_none_or(|s| !s.strong && !s.emphasis);
    let mut out = String::new();
    for (i, span) in spans.iter().enumerate() {
        let text = &escaped[i];
        let delimiter = match (span.strong, span.emphasis) {
            (false, false) => {
                out.push_str(text);
                continue;
            }
            (true, false) => "**",
            (false, true) => "*",
            (true, true) => "",
        };
        // Stars pair as meant only between plain neighbours and where the runs can open and
        // close; elsewhere the tags say it.
        let after = escaped.get(i + 1).map_or("", String::as_str);
        let stars = !delimiter.is_empty()
            && plain(i.checked_sub(1).and_then(|p| spans.get(p)))
            && plain(spans.get(i + 1))
            && left_flanking(&out, text)
            && right_flanking(text, after);
        if stars {
            out.push_str(delimiter);
            out.push_str(text);
            out.push_str(delimiter);
            continue;
        }
        let tags: &[&str] = match (span.strong, span.emphasis) {
            (true, false) => &["strong"],
            (false, true) => &["em"],
            _ => &["strong", "em"],
        };
        for tag in tags {
            out.push_str(&format!("<{tag}>"));
        }
        out.push_str(text);
        for tag in tags.iter().rev() {
            out.push_str(&format!("</{tag}>"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use crate::document::{Heading, HeadingKind, ListItem, Meta, Paragraph};
    use proptest::prelude::*;

    fn read_back(doc: &Document) -> Document {
        let source = render(doc);
        crate::markdown::parse(&SourceFile::new("out.md", source.as_str()))
            .unwrap_or_else(|e| panic!("{e}\n{source}"))
    }

    fn doc_of(blocks: Vec<Block>) -> Document {
        Document {
            meta: Meta {
                title: "标题".into(),
                ..Meta::default()
            },
            blocks,
        }
    }

    #[test]
    fn a_bold_lead_in_is_written_so_that_it_reads_back() {
        let doc = doc_of(vec![Block::Paragraph(
            vec![
                Span::strong("政治自觉不断强化。"),
                Span::plain("坚决把党的领导贯穿始终。"),
            ]
            .into(),
        )]);
        let source = render(&doc);
        assert!(source.contains("\n**政治自觉不断强化。**坚决"), "{source}");
        assert_eq!(read_back(&doc), doc);
    }

    #[test]
    fn parts_and_nested_lists_are_written_as_they_read_back() {
        let mut list = List::plain(Some(2), &["甲", "乙"]);
        list.items[0].lists.push(List::plain(None, &["子"]));
        list.items[1].number = Some(5);
        let doc = doc_of(vec![
            Block::part("2024年工作回顾"),
            Block::heading(1, "一、依法履职"),
            Block::List(list.clone()),
            Block::List(List::plain(Some(1), &["另一个列表"])),
            Block::part("2025年工作任务"),
            Block::heading(2, "（一）加强学习"),
        ]);
        let source = render(&doc);
        assert!(
            source.contains("# 2024年工作回顾\n\n## 一、依法履职"),
            "{source}"
        );
        assert!(source.contains("2. 甲\n   - 子\n5. 乙\n"), "{source}");
        assert_eq!(read_back(&doc), doc);
    }

    /// Span text as a clerk might type it: Chinese, marks, digits, markup characters, the
    /// redaction and blank shapes.
    fn text() -> impl Strategy<Value = String> {
        "[一-龥a-z0-9，。、：；“”（）《》*_#<>|&!`~\\[\\]\\\\. -]{1,12}"
            .prop_map(|t| t.trim().to_string())
            .prop_filter("non-empty", |t| !t.is_empty())
    }

    fn span() -> impl Strategy<Value = Span> {
        (text(), any::<bool>(), any::<bool>()).prop_map(|(text, strong, emphasis)| Span {
            text,
            strong,
            emphasis,
            ..Span::default()
        })
    }

    /// Spans as the reader gives them: neighbours of one style merged, no space at either end.
    fn canonical(spans: Vec<Span>) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        for s in spans {
            match out.last_mut() {
                Some(last) if (last.strong, last.emphasis) == (s.strong, s.emphasis) => {
                    last.text.push_str(&s.text)
                }
                _ => out.push(s),
            }
        }
        out
    }

    proptest! {
        /// Strong, emphasis, both and neither, in any order beside any text: the writer's
        /// Markdown reads back as the same paragraphs, headings and list items.
        #[test]
        fn styled_text_reads_back_as_written(spans in proptest::collection::vec(span(), 1..6)) {
            let spans = canonical(spans);
            // A paragraph that is all strong and numbered is a heading by design; keep clear.
            prop_assume!(!spans.iter().all(|s| s.strong)
                || crate::numbering::heading_number(&crate::document::plain_text(&spans)).is_none());
            let mut heading_text = vec![Span::plain("一、")];
            heading_text.extend(spans.clone());
            let doc = doc_of(vec![
                Block::Heading(Heading {
                    level: 1,
                    kind: HeadingKind::Section,
                    text: canonical(heading_text),
                    origin: Default::default(),
                }),
                Block::Paragraph(Paragraph { text: spans.clone(), origin: Default::default() }),
                Block::List(List {
                    items: vec![ListItem { number: Some(7), text: spans, ..ListItem::default() }],
                    origin: Default::default(),
                }),
            ]);
            let back = read_back(&doc);
            prop_assert_eq!(back, doc);
        }
    }
}
