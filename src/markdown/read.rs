//! The reader: a report's CommonMark body into the model's blocks, each block and span with
//! the source bytes it came from.
//!
//! pulldown-cmark gives the events and their offsets; emphasis is resolved again by
//! [`super::emphasis`] (CJK-friendly, redactions and blanks kept as text). Headings take their
//! level from their own number ([`crate::numbering`]), not from the count of `#`: an unnumbered
//! heading above the numbered ones is a part of the report, a paragraph that is only a bold
//! numbered heading (`**一、……**`) is that heading. Lists keep their nesting and the numbers the
//! clerk wrote.

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::emphasis::{self, PieceKind};
use crate::document::{
    plain_text, Align, Block, Heading, HeadingKind, Inlines, List, ListItem, Origin, Paragraph,
    Span, Table,
};
use crate::numbering::{heading_number, is_part_number};
use crate::text::is_full_width;

/// The HTML comments that stand for a page break.
const PAGE_BREAK_MARKS: [&str; 2] = ["分页", "pagebreak"];

/// The body's blocks, and the title when the first block is an unnumbered `#` heading and
/// `title_from_heading` asks for one (a report without a title in its front matter).
pub(super) struct Body {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
}

/// Reads `body`, which starts at byte `base` of its file (origins are offsets of the file).
pub(super) fn parse_body(body: &str, base: usize, title_from_heading: bool) -> Body {
    let mut reader = Reader {
        source: body,
        base,
        ..Reader::default()
    };
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TABLES).into_offset_iter() {
        reader.event(event, range);
    }
    let Reader {
        mut blocks,
        mut depths,
        ..
    } = reader;
    let mut title = None;
    if title_from_heading {
        if let (Some(Block::Heading(h)), Some(Some(1))) = (blocks.first(), depths.first()) {
            let text = plain_text(&h.text);
            if heading_number(&text).is_none() {
                title = Some(text);
                blocks.remove(0);
                depths.remove(0);
            }
        }
    }
    assign_heading_levels(&mut blocks, &depths);
    Body { blocks, title }
}

/// Gives every heading its kind and level: a number decides the level; an unnumbered heading
/// shallower (fewer `#`) than every numbered one is a part, and so is one counted as a part
/// (第一部分); any other unnumbered heading sits one level under the heading it follows.
/// `depths` holds each heading's `#` count (`None` for a bold paragraph read as a heading); the
/// importer of Word files passes its outline levels the same way.
pub(crate) fn assign_heading_levels(blocks: &mut [Block], depths: &[Option<u8>]) {
    let headings: Vec<&mut Heading> = blocks
        .iter_mut()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h),
            _ => None,
        })
        .collect();
    let numbered = |h: &Heading| heading_number(&plain_text(&h.text));
    let shallowest_numbered = headings
        .iter()
        .zip(depths)
        .filter(|(h, _)| numbered(h).is_some())
        .filter_map(|(_, d)| *d)
        .min();
    let shallowest = depths.iter().flatten().min().copied();
    // (depth, level; 0 for a part) of the headings so far, to find the one a heading follows.
    let mut seen: Vec<(u8, u8)> = Vec::new();
    for (h, depth) in headings.into_iter().zip(depths) {
        let text = plain_text(&h.text);
        let depth = depth.unwrap_or(u8::MAX);
        let is_part = || match shallowest_numbered {
            Some(numbered) => depth < numbered,
            None => Some(depth) == shallowest,
        };
        (h.kind, h.level) = if let Some(number) = heading_number(&text) {
            (HeadingKind::Section, number.level)
        } else if is_part_number(&text) || is_part() {
            (HeadingKind::Part, 1)
        } else {
            let parent = seen
                .iter()
                .rev()
                .find(|(d, _)| *d < depth)
                .map_or(0, |p| p.1);
            (HeadingKind::Section, (parent + 1).min(4))
        };
        let level = if h.kind == HeadingKind::Part {
            0
        } else {
            h.level
        };
        seen.push((depth, level));
    }
}

/// A list being read, and its item being read.
struct OpenList {
    list: List,
    ordered: bool,
    item: Option<OpenItem>,
}

struct OpenItem {
    item: ListItem,
    text: InlineBuffer,
}

#[derive(Default)]
struct Reader<'a> {
    source: &'a str,
    base: usize,
    blocks: Vec<Block>,
    /// The `#` count of each heading in `blocks`, in order (`None`: a bold paragraph).
    depths: Vec<Option<u8>>,
    /// Inline events of the paragraph (heading, item, cell) being read, resolved at its end.
    pending: Vec<(Event<'a>, Range<usize>)>,
    /// The source of the paragraph being read.
    container: Range<usize>,
    heading: Option<(u8, Range<usize>)>,
    paragraph: Option<Range<usize>>,
    lists: Vec<OpenList>,
    table: Option<Table>,
    row: Vec<Inlines>,
    code_block: Option<Range<usize>>,
    html_block: Option<Range<usize>>,
}

impl<'a> Reader<'a> {
    fn origin(&self, range: &Range<usize>) -> Origin {
        Origin::new(range.start + self.base..range.end + self.base)
    }

    /// The pending inline events resolved into `buffer`.
    fn resolve_into(&mut self, buffer: &mut InlineBuffer) {
        let events = std::mem::take(&mut self.pending);
        if events.is_empty() {
            return;
        }
        if self.code_block.is_some() {
            // A code block (text indented four spaces) is text as it stands.
            for (event, range) in &events {
                if let Event::Text(text) = event {
                    let text = text.trim_end_matches('\n');
                    buffer.push(
                        text,
                        false,
                        false,
                        self.shifted(range.start..range.start + text.len()),
                    );
                }
            }
            return;
        }
        for piece in emphasis::resolve(&events, self.source, self.container.clone()) {
            let source = self.shifted(piece.source.clone());
            match piece.kind {
                PieceKind::Text(text) => buffer.push(&text, piece.strong, piece.emphasis, source),
                PieceKind::SoftBreak => buffer.soft_break(),
                PieceKind::HardBreak => buffer.push("\n", piece.strong, piece.emphasis, source),
            }
        }
    }

    fn shifted(&self, range: Range<usize>) -> Range<usize> {
        range.start + self.base..range.end + self.base
    }

    /// The pending inline events as a run of inlines.
    fn take_inlines(&mut self) -> Inlines {
        let mut buffer = InlineBuffer::default();
        self.resolve_into(&mut buffer);
        buffer.take()
    }

    /// Ends the paragraph read so far outside any list or table, if it has text.
    fn end_paragraph(&mut self, range: Range<usize>) {
        let text = self.take_inlines();
        if text.is_empty() {
            return;
        }
        // A paragraph that is only a bold heading number and its words is that heading.
        let all_strong = text.iter().all(|s| s.strong && !s.emphasis);
        if all_strong && heading_number(&plain_text(&text)).is_some() {
            let text = text
                .into_iter()
                .map(|s| Span { strong: false, ..s })
                .collect();
            self.push_heading(text, None, range);
            return;
        }
        let origin = self.origin(&range);
        self.blocks
            .push(Block::Paragraph(Paragraph { text, origin }));
    }

    fn push_heading(&mut self, text: Inlines, depth: Option<u8>, range: Range<usize>) {
        let origin = self.origin(&range);
        self.blocks.push(Block::Heading(Heading {
            // Levels and kinds are given once the whole body is read.
            level: 1,
            kind: HeadingKind::Section,
            text,
            origin,
        }));
        self.depths.push(depth);
    }

    /// The number written before a list item at `range` (“3.” gives 3).
    fn item_number(&self, range: &Range<usize>) -> Option<u64> {
        let marker = self.source[range.clone()].trim_start_matches([' ', '\t', '>']);
        let digits: String = marker.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let depth = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                self.container = range.clone();
                self.heading = Some((depth, range));
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = self.take_inlines();
                if let (Some((depth, range)), false) = (self.heading.take(), text.is_empty()) {
                    self.push_heading(text, Some(depth), range);
                }
            }
            Event::Start(Tag::Paragraph) => {
                self.container = range.clone();
                self.paragraph = Some(range);
            }
            Event::End(TagEnd::Paragraph) => {
                let range = self.paragraph.take().unwrap_or(range);
                if let Some(mut open) = self.lists.last_mut().and_then(|l| l.item.take()) {
                    // A loose item's paragraphs make one item.
                    self.resolve_into(&mut open.text);
                    open.text.soft_break();
                    self.lists.last_mut().expect("the list").item = Some(open);
                } else {
                    self.end_paragraph(range);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.container = range.clone();
                self.code_block = Some(range);
            }
            Event::End(TagEnd::CodeBlock) => {
                let text = self.take_inlines();
                let range = self.code_block.take().unwrap_or(range);
                if !text.is_empty() {
                    let origin = self.origin(&range);
                    self.blocks
                        .push(Block::Paragraph(Paragraph { text, origin }));
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                self.container = range.clone();
                self.html_block = Some(range);
            }
            Event::End(TagEnd::HtmlBlock) => {
                let range = self.html_block.take().unwrap_or(range);
                self.end_paragraph(range);
            }
            Event::Start(Tag::List(start)) => {
                // A tight item's own text ends where its nested list starts.
                if let Some(mut open) = self.lists.last_mut().and_then(|l| l.item.take()) {
                    self.resolve_into(&mut open.text);
                    self.lists.last_mut().expect("the list").item = Some(open);
                }
                let origin = self.origin(&range);
                self.lists.push(OpenList {
                    list: List {
                        items: Vec::new(),
                        origin,
                    },
                    ordered: start.is_some(),
                    item: None,
                });
            }
            Event::Start(Tag::Item) => {
                let number = match self.lists.last() {
                    Some(l) if l.ordered => self.item_number(&range),
                    _ => None,
                };
                self.container = range.clone();
                let origin = self.origin(&range);
                if let Some(open) = self.lists.last_mut() {
                    open.item = Some(OpenItem {
                        item: ListItem {
                            number,
                            origin,
                            ..ListItem::default()
                        },
                        text: InlineBuffer::default(),
                    });
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some(mut open) = self.lists.last_mut().and_then(|l| l.item.take()) {
                    self.resolve_into(&mut open.text);
                    open.item.text = open.text.take();
                    let list = self.lists.last_mut().expect("the list");
                    if !open.item.text.is_empty() || !open.item.lists.is_empty() {
                        list.list.items.push(open.item);
                    }
                }
            }
            Event::End(TagEnd::List(_)) => {
                let Some(open) = self.lists.pop() else { return };
                if open.list.items.is_empty() {
                    return;
                }
                match self.lists.last_mut().and_then(|l| l.item.as_mut()) {
                    Some(parent) => parent.item.lists.push(open.list),
                    None => self.blocks.push(Block::List(open.list)),
                }
            }
            Event::Start(Tag::Table(align)) => {
                self.table = Some(Table {
                    align: align
                        .into_iter()
                        .map(|a| match a {
                            Alignment::Center => Align::Center,
                            Alignment::Right => Align::Right,
                            _ => Align::Left,
                        })
                        .collect(),
                    origin: self.origin(&range),
                    ..Table::default()
                })
            }
            Event::Start(Tag::TableCell) => self.container = range,
            Event::End(TagEnd::TableCell) => {
                let cell = self.take_inlines();
                self.row.push(cell);
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = self.table.as_mut() {
                    t.header = std::mem::take(&mut self.row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = self.table.as_mut() {
                    t.rows.push(std::mem::take(&mut self.row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = self.table.take() {
                    self.blocks.push(Block::Table(t));
                }
            }
            // A page break between blocks (in a list or a table it has no place and is dropped).
            Event::Html(ref html) | Event::InlineHtml(ref html)
                if is_page_break(html) && self.code_block.is_none() =>
            {
                if !self.lists.is_empty() || self.table.is_some() {
                    return;
                }
                // What stood before the mark is a paragraph of its own.
                let before = self.paragraph.clone().or(self.html_block.clone());
                if let Some(before) = before {
                    self.end_paragraph(before.start..range.start);
                }
                let origin = self.origin(&range);
                self.blocks.push(Block::PageBreak(origin));
            }
            // Inline content, resolved when its paragraph ends.
            Event::Text(_)
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image) => {
                self.pending.push((event, range))
            }
            // A report has no rules: a line of only `*`, `_` or `-` is a pasted redaction or a
            // fill-in line, and stays text.
            Event::Rule => {
                let text = self.source[range.clone()].trim().to_string();
                let mut span = Span::plain(text.as_str());
                span.origin.push(0..text.len(), self.shifted(range.clone()));
                let origin = self.origin(&range);
                self.blocks.push(Block::Paragraph(Paragraph {
                    text: vec![span],
                    origin,
                }));
            }
            // The rest carries no text.
            _ => {}
        }
    }
}

/// Where inline text of one paragraph goes: spans of one style merged, with their origins.
#[derive(Default)]
struct InlineBuffer {
    spans: Inlines,
}

impl InlineBuffer {
    fn push(&mut self, text: &str, strong: bool, emphasis: bool, source: Range<usize>) {
        if text.is_empty() {
            return;
        }
        match self.spans.last_mut() {
            Some(last) if last.strong == strong && last.emphasis == emphasis => {
                let start = last.text.len();
                last.text.push_str(text);
                last.origin.push(start..last.text.len(), source);
            }
            _ => {
                let mut span = Span {
                    text: text.to_string(),
                    strong,
                    emphasis,
                    ..Span::default()
                };
                span.origin.push(0..text.len(), source);
                self.spans.push(span);
            }
        }
    }

    /// A soft line break: nothing between Chinese characters (a line wrapped in the source is
    /// not a space in Chinese), a space between Latin words.
    fn soft_break(&mut self) {
        let Some(last) = self.spans.last_mut() else {
            return;
        };
        if last.text.chars().last().is_some_and(|c| !is_full_width(c)) {
            last.text.push(' ');
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
                span.origin.truncate(span.text.len());
            }
        }
        if let Some(first) = spans.first_mut() {
            let cut = first.text.len() - first.text.trim_start().len();
            first.text.drain(..cut);
            first.origin.remove_front(cut);
        }
        if let Some(last) = spans.last_mut() {
            let len = last.text.trim_end_matches(' ').len();
            last.text.truncate(len);
            last.origin.truncate(len);
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

#[cfg(test)]
mod tests {
    use crate::diag::SourceFile;
    use crate::document::{plain_text, Block, Document, HeadingKind, List, Span};

    fn parse(source: &str) -> Document {
        crate::markdown::parse(&SourceFile::new("report.md", source)).expect("parses")
    }

    fn body(source: &str) -> Vec<Block> {
        parse(&format!("---\n标题: 报告\n---\n{source}")).blocks
    }

    /// (kind, level, text) of every heading.
    fn headings(blocks: &[Block]) -> Vec<(HeadingKind, u8, String)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some((h.kind, h.level, plain_text(&h.text))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_bold_lead_in_is_strong_and_loses_its_asterisks() {
        let blocks = body("**政治自觉不断强化。**坚决把党的领导贯穿始终。\n");
        let Block::Paragraph(p) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            p.text,
            [
                Span::strong("政治自觉不断强化。"),
                Span::plain("坚决把党的领导贯穿始终。")
            ]
        );
    }

    #[test]
    fn pasted_redactions_and_blanks_keep_every_character() {
        for text in [
            "镇人大以******新时代思想为指导。",
            "同以******同志为核心的党***保持一致，贯彻***五中***精神。",
            "会议认为，“__”时期成绩显著，“__”规划目标完成。",
            "__年，__镇人大工作稳步推进。",
            "团结在以___同志为___的___周围。",
            "******",
            "____",
        ] {
            assert_eq!(
                body(&format!("{text}\n")),
                [Block::paragraph(text)],
                "{text}"
            );
        }
    }

    #[test]
    fn pandoc_shaped_parts_sit_over_numbered_sections() {
        // What pandoc makes of a Word file: parts at ##, sections at ###, none at #.
        let blocks = body(
            "## 2024年工作回顾\n\n### 一、依法履职\n\n#### （一）召开会议\n\n正文。\n\n\
             ## 2025年工作任务\n\n### 一、坚持党的领导\n\n#### 1.加强学习\n",
        );
        use HeadingKind::*;
        assert_eq!(
            headings(&blocks),
            [
                (Part, 1, "2024年工作回顾".into()),
                (Section, 1, "一、依法履职".into()),
                (Section, 2, "（一）召开会议".into()),
                (Part, 1, "2025年工作任务".into()),
                (Section, 1, "一、坚持党的领导".into()),
                (Section, 3, "1.加强学习".into()),
            ]
        );
        let doc = Document {
            blocks,
            ..Document::default()
        };
        let levels: Vec<u8> = doc.outline().into_iter().map(|(l, _)| l).collect();
        assert_eq!(levels, [1, 2, 3, 1, 2, 4]);
    }

    #[test]
    fn the_number_not_the_depth_gives_the_level() {
        let blocks = body("# （二）深化监督\n\n### 一、总体要求\n\n# 加强学习\n\n## （1）细则\n");
        use HeadingKind::*;
        assert_eq!(
            headings(&blocks),
            [
                (Section, 2, "（二）深化监督".into()),
                (Section, 1, "一、总体要求".into()),
                // Unnumbered beside numbered headings of its depth: a section, not a part.
                (Section, 1, "加强学习".into()),
                (Section, 4, "（1）细则".into()),
            ]
        );
        // Unnumbered under a numbered heading: one level under it.
        let blocks = body("# 一、回顾\n\n## 学习情况\n");
        assert_eq!(headings(&blocks)[1], (Section, 2, "学习情况".into()));
    }

    #[test]
    fn a_paragraph_that_is_only_a_bold_numbered_heading_is_that_heading() {
        let blocks = body("**一、坚持党的领导**\n\n**（二）依法履职**\n\n**一是**加强学习。\n\n**不带编号的粗体**\n");
        use HeadingKind::*;
        assert_eq!(
            headings(&blocks),
            [
                (Section, 1, "一、坚持党的领导".into()),
                (Section, 2, "（二）依法履职".into()),
            ]
        );
        let Block::Heading(h) = &blocks[0] else {
            panic!()
        };
        assert!(
            !h.text[0].strong,
            "the heading's face makes it stand out, not bold"
        );
        assert!(matches!(blocks[2], Block::Paragraph(_)));
        assert!(matches!(blocks[3], Block::Paragraph(_)));
    }

    #[test]
    fn nested_lists_keep_their_nesting_and_the_clerks_numbers() {
        let blocks = body("1. 甲项\n   - 子项一\n   - 子项二\n3. 乙项\n4. 丙项\n   1. 细目\n");
        let mut expected = List::plain(Some(1), &["甲项", "乙项", "丙项"]);
        expected.items[1].number = Some(3);
        expected.items[2].number = Some(4);
        expected.items[0]
            .lists
            .push(List::plain(None, &["子项一", "子项二"]));
        expected.items[2]
            .lists
            .push(List::plain(Some(1), &["细目"]));
        assert_eq!(blocks, [Block::List(expected)]);
        assert_eq!(
            blocks[0].paragraphs(),
            ["1.甲项", "·子项一", "·子项二", "3.乙项", "4.丙项", "1.细目"]
        );
    }

    #[test]
    fn a_report_without_front_matter_takes_its_first_heading_as_title() {
        let doc = parse("# 青石镇人民代表大会主席团工作报告\n\n## 一、回顾\n\n正文。\n");
        assert_eq!(doc.meta.title, "青石镇人民代表大会主席团工作报告");
        assert_eq!(
            headings(&doc.blocks),
            [(HeadingKind::Section, 1, "一、回顾".into())]
        );
        // A numbered first heading is no title: the title is still missing.
        let err = crate::markdown::parse(&SourceFile::new("r.md", "# 一、回顾\n")).unwrap_err();
        assert_eq!(err.len(), 1);
    }

    #[test]
    fn every_block_and_span_knows_where_it_stood() {
        let source = "---\n标题: 报告\n---\n\n# 一、回顾\n\n**粗体。**正文\\*第\n二行。\n\n- 甲\n";
        let doc = parse(source);
        let at = |r: std::ops::Range<usize>| &source[r];
        assert_eq!(at(doc.blocks[0].origin().range().unwrap()), "# 一、回顾\n");
        let Block::Paragraph(p) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(at(p.text[0].origin.range().unwrap()), "粗体。");
        let body = &p.text[1];
        assert_eq!(body.text, "正文*第二行。");
        // Each character of the text points at its own byte of the source.
        let of = |text_at: usize| body.origin.source_offset(text_at).unwrap();
        let star = body.text.find('*').unwrap();
        assert_eq!(&source[of(star)..of(star) + 1], "*");
        let second_line = body.text.find("二").unwrap();
        assert_eq!(&source[of(second_line)..of(second_line) + 3], "二");
        let Block::List(l) = &doc.blocks[2] else {
            panic!()
        };
        assert_eq!(at(l.items[0].text[0].origin.range().unwrap()), "甲");
    }
}
