//! The reader: a report's CommonMark body into the model's blocks.

use crate::document::{Align, Block, Inlines, Span, Table};
use crate::text::is_full_width;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The HTML comments that stand for a page break.
const PAGE_BREAK_MARKS: [&str; 2] = ["分页", "pagebreak"];

/// Where inline text currently goes.
#[derive(Default)]
struct InlineBuffer {
    spans: Inlines,
    strong: u32,
    emphasis: u32,
}

impl InlineBuffer {
    fn push(&mut self, text: &str) {
        let (strong, emphasis) = (self.strong > 0, self.emphasis > 0);
        match self.spans.last_mut() {
            Some(last) if last.strong == strong && last.emphasis == emphasis => {
                last.text.push_str(text)
            }
            _ => self.spans.push(Span {
                text: text.to_string(),
                strong,
                emphasis,
            }),
        }
    }

    /// A soft line break: nothing between Chinese characters (a line wrapped in the source is
    /// not a space in Chinese), a space between Latin words.
    fn soft_break(&mut self) {
        let before = self.spans.last().and_then(|s| s.text.chars().last());
        if before.is_some_and(|c| !is_full_width(c)) {
            self.push(" ");
        }
    }

    fn take(&mut self) -> Inlines {
        let mut spans = std::mem::take(&mut self.spans);
        // A soft break that turned out to precede a wide character is not a space either.
        for i in 0..spans.len() {
            let next_wide = spans[i + 1..]
                .iter()
                .find_map(|s| s.text.chars().next())
                .is_some_and(is_full_width);
            let span = &mut spans[i];
            if next_wide && span.text.ends_with(' ') && span.text.len() > 1 {
                span.text.pop();
            }
        }
        if let Some(first) = spans.first_mut() {
            let trimmed = first.text.trim_start().to_string();
            first.text = trimmed;
        }
        if let Some(last) = spans.last_mut() {
            let trimmed = last.text.trim_end_matches(' ').to_string();
            last.text = trimmed;
        }
        spans.retain(|s| !s.text.is_empty());
        spans
    }
}

fn is_page_break(html: &str) -> bool {
    let inner = html.trim();
    inner
        .strip_prefix("<!--")
        .and_then(|s| s.strip_suffix("-->"))
        .is_some_and(|s| PAGE_BREAK_MARKS.contains(&s.trim()))
}

pub(super) fn parse_body(body: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut inline = InlineBuffer::default();
    // Open containers.
    let mut heading: Option<u8> = None;
    let mut list: Option<(Option<u64>, Vec<Inlines>)> = None;
    let mut list_depth = 0u32;
    let mut table: Option<Table> = None;
    let mut row: Vec<Inlines> = Vec::new();
    let mut code_block = false;

    for event in Parser::new_ext(body, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                })
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = inline.take();
                if !text.is_empty() {
                    blocks.push(Block::Heading {
                        level: heading.take().unwrap_or(1),
                        text,
                    });
                }
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                if list.is_some() {
                    // A loose list item's paragraphs make one item.
                    inline.soft_break();
                } else {
                    let text = inline.take();
                    if !text.is_empty() {
                        blocks.push(Block::Paragraph(text));
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                code_block = false;
                let mut text = inline.take();
                if let Some(last) = text.last_mut() {
                    let trimmed = last.text.trim_end_matches('\n').to_string();
                    last.text = trimmed;
                }
                if !text.is_empty() {
                    blocks.push(Block::Paragraph(text));
                }
            }
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                if list_depth == 1 {
                    list = Some((start, Vec::new()));
                } else {
                    // A nested list continues the outer one: the model's lists are flat.
                    flush_item(&mut list, &mut inline);
                }
            }
            Event::End(TagEnd::List(_)) => {
                list_depth -= 1;
                if list_depth == 0 {
                    if let Some((start, items)) = list.take() {
                        if !items.is_empty() {
                            blocks.push(Block::List { start, items });
                        }
                    }
                }
            }
            Event::Start(Tag::Item) => {}
            Event::End(TagEnd::Item) => flush_item(&mut list, &mut inline),
            Event::Start(Tag::Table(align)) => {
                table = Some(Table {
                    align: align
                        .into_iter()
                        .map(|a| match a {
                            Alignment::Center => Align::Center,
                            Alignment::Right => Align::Right,
                            _ => Align::Left,
                        })
                        .collect(),
                    ..Table::default()
                })
            }
            Event::End(TagEnd::TableCell) => row.push(inline.take()),
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.header = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    blocks.push(Block::Table(t));
                }
            }
            Event::Start(Tag::Strong) => inline.strong += 1,
            Event::End(TagEnd::Strong) => inline.strong = inline.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => inline.emphasis += 1,
            Event::End(TagEnd::Emphasis) => inline.emphasis = inline.emphasis.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => inline.push(&text),
            Event::SoftBreak => inline.soft_break(),
            Event::HardBreak => inline.push("\n"),
            Event::Html(html) | Event::InlineHtml(html) => {
                if is_page_break(&html) && !code_block {
                    let pending = inline.take();
                    if !pending.is_empty() {
                        blocks.push(Block::Paragraph(pending));
                    }
                    blocks.push(Block::PageBreak);
                } else if !html.trim_start().starts_with("<!--") {
                    // Anything else that looks like HTML was meant as text.
                    inline.push(html.trim_end_matches('\n'));
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let text = inline.take();
                if !text.is_empty() {
                    blocks.push(Block::Paragraph(text));
                }
            }
            // Links keep their text, images their alt text; rules and the rest carry no text.
            _ => {}
        }
    }
    blocks
}

fn flush_item(list: &mut Option<(Option<u64>, Vec<Inlines>)>, inline: &mut InlineBuffer) {
    let text = inline.take();
    if let (Some((_, items)), false) = (list.as_mut(), text.is_empty()) {
        items.push(text);
    }
}
