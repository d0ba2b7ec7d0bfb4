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

use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};
use crate::document::{Align, Block, Document, Inlines, Meta, Span, Table};
use crate::text::is_full_width;
use chrono::NaiveDate;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The HTML comments that stand for a page break.
const PAGE_BREAK_MARKS: [&str; 2] = ["分页", "pagebreak"];

/// The field path of the front matter in messages: 文首信息.年度 is its 年度.
const FRONT_MATTER_FIELD: &str = "文首信息";

/// The front matter: the document-level parts, in the clerk's words, with English aliases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(
        rename = "会议文件标识",
        alias = "session_mark",
        skip_serializing_if = "Option::is_none",
        default
    )]
    session_mark: Option<String>,
    #[serde(
        rename = "稿别",
        alias = "draft_mark",
        skip_serializing_if = "Option::is_none",
        default
    )]
    draft_mark: Option<String>,
    #[serde(rename = "标题", alias = "title", default)]
    title: Option<String>,
    #[serde(
        rename = "副标题",
        alias = "subtitle",
        skip_serializing_if = "Option::is_none",
        default
    )]
    subtitle: Option<String>,
    #[serde(
        rename = "报告人",
        alias = "speaker",
        skip_serializing_if = "Option::is_none",
        default
    )]
    speaker: Option<String>,
    #[serde(
        rename = "日期行",
        alias = "date_line",
        skip_serializing_if = "Option::is_none",
        default
    )]
    date_line: Option<String>,
    #[serde(
        rename = "称谓",
        alias = "salutation",
        skip_serializing_if = "Option::is_none",
        default
    )]
    salutation: Option<String>,
    #[serde(
        rename = "作者",
        alias = "author",
        skip_serializing_if = "Option::is_none",
        default
    )]
    author: Option<String>,
    #[serde(
        rename = "主题",
        alias = "subject",
        skip_serializing_if = "Option::is_none",
        default
    )]
    subject: Option<String>,
    #[serde(
        rename = "日期",
        alias = "date",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "front_matter_date",
        default
    )]
    date: Option<NaiveDate>,
    #[serde(
        rename = "年度",
        alias = "year",
        skip_serializing_if = "Option::is_none",
        default
    )]
    year: Option<i32>,
    #[serde(
        rename = "文种",
        alias = "kind",
        skip_serializing_if = "Option::is_none",
        default
    )]
    kind: Option<String>,
}

impl From<FrontMatter> for Meta {
    fn from(f: FrontMatter) -> Meta {
        Meta {
            session_mark: f.session_mark,
            draft_mark: f.draft_mark,
            title: f.title.unwrap_or_default(),
            subtitle: f.subtitle,
            speaker: f.speaker,
            date_line: f.date_line,
            salutation: f.salutation,
            author: f.author,
            subject: f.subject,
            date: f.date,
            year: f.year,
            kind: f.kind,
        }
    }
}

impl From<&Meta> for FrontMatter {
    fn from(m: &Meta) -> FrontMatter {
        FrontMatter {
            session_mark: m.session_mark.clone(),
            draft_mark: m.draft_mark.clone(),
            title: Some(m.title.clone()),
            subtitle: m.subtitle.clone(),
            speaker: m.speaker.clone(),
            date_line: m.date_line.clone(),
            salutation: m.salutation.clone(),
            author: m.author.clone(),
            subject: m.subject.clone(),
            date: m.date,
            year: m.year,
            kind: m.kind.clone(),
        }
    }
}

/// Writes the front matter block, `---` lines included.
pub fn front_matter(meta: &Meta) -> String {
    let yaml = serde_yaml::to_string(&FrontMatter::from(meta)).expect("front matter serialises");
    format!("---\n{yaml}---\n")
}

/// Splits a Markdown source into its front matter (without the `---` lines) and its body.
fn split_front_matter(source: &str) -> (Option<&str>, &str) {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let Some(rest) = source
        .strip_prefix("---\n")
        .or_else(|| source.strip_prefix("---\r\n"))
    else {
        return (None, source);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (Some(&rest[..offset]), &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    (None, source)
}

/// The front matter's English aliases and their Chinese keys, for field paths in messages.
const FRONT_MATTER_ALIASES: [(&str, &str); 12] = [
    ("session_mark", "会议文件标识"),
    ("draft_mark", "稿别"),
    ("title", "标题"),
    ("subtitle", "副标题"),
    ("speaker", "报告人"),
    ("date_line", "日期行"),
    ("salutation", "称谓"),
    ("author", "作者"),
    ("subject", "主题"),
    ("date", "日期"),
    ("year", "年度"),
    ("kind", "文种"),
];

/// A front-matter key as typed (maybe an English alias) by its Chinese name.
fn canonical_front_matter_key(key: &str) -> String {
    FRONT_MATTER_ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map_or(key, |(_, name)| name)
        .to_string()
}

/// Where the front matter `yaml` starts in `file` (it is a slice of the file's text).
fn offset_in(file: &SourceFile, yaml: &str) -> usize {
    yaml.as_ptr() as usize - file.text().as_ptr() as usize
}

/// A front matter error in Chinese, as the facts loader says it (field, what is wrong, what is
/// expected), at its place in the Markdown file; the field path starts with 文首信息.
fn front_matter_error(err: &serde_yaml::Error, file: &Arc<SourceFile>, yaml: &str) -> Diagnostic {
    let mut d = crate::facts::translate_yaml_error(
        err,
        file,
        offset_in(file, yaml),
        yaml,
        &canonical_front_matter_key,
    );
    d.field = Some(match d.field.take() {
        Some(key) => format!("{FRONT_MATTER_FIELD}.{key}"),
        None => FRONT_MATTER_FIELD.to_string(),
    });
    d
}

/// Where the value of the front matter's `key` (its Chinese name; an alias typed in the file
/// is found too) stands in `file`, for a finding about it made after parsing.
pub fn front_matter_span(file: &Arc<SourceFile>, key: &str) -> Option<crate::diag::Span> {
    let (yaml, _) = split_front_matter(file.text());
    let yaml = yaml?;
    let map = crate::facts::source_map::SourceMap::build(yaml, &canonical_front_matter_key);
    let pos = map.get(key)?.value;
    let start = offset_in(file, yaml) + pos.offset;
    Some(file.span(start..start + pos.len))
}

/// A front-matter date, read as a facts file's dates are (2025-01-08, 2025年1月8日 …), so that
/// a bad one is said in Chinese.
fn front_matter_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Ok(Some(crate::facts::Date::deserialize(d)?.0))
}

/// Parses a report's Markdown (front matter and CommonMark body) into the document model.
pub fn parse(file: &Arc<SourceFile>) -> Result<Document, Diagnostics> {
    let (front, body) = split_front_matter(file.text());
    let meta: Meta = match front {
        Some(yaml) => serde_yaml::from_str::<FrontMatter>(yaml)
            .map_err(|e| front_matter_error(&e, file, yaml))?
            .into(),
        None => Meta::default(),
    };
    if meta.title.trim().is_empty() {
        let at = front_matter_span(file, "标题").unwrap_or_else(|| file.span(0..0));
        return Err(Diagnostic::error(
            code::MARKDOWN_MISSING_TITLE,
            "文首信息（front matter）缺少“标题”，应在文件开头的 --- 与 --- 之间写明“标题: ……”",
        )
        .at(at)
        .into());
    }
    Ok(Document {
        meta,
        blocks: parse_body(body),
    })
}

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

fn parse_body(body: &str) -> Vec<Block> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::markdown::render;
    use proptest::prelude::*;

    /// [`super::parse`] of `source` as a file named report.md.
    fn parse(source: &str) -> Result<Document, Diagnostics> {
        super::parse(&SourceFile::new("report.md", source))
    }

    /// The one finding of a source that does not parse.
    fn error_of(source: &str) -> Diagnostic {
        let found = parse(source).unwrap_err();
        assert_eq!(found.len(), 1, "{found}");
        found.into_vec().remove(0)
    }

    const REPORT: &str = "---\n标题: 青石镇人民代表大会主席团工作报告\n称谓: 各位代表：\n日期: 2025-01-08\n年度: 2024\n---\n\n# 一、2024年工作回顾\n\n## （一）依法履职\n\n一年来，共召开主席团会议6次，\n组织视察调研5次。\n\n<!-- 分页 -->\n\n- 第一项\n- 第二项\n\n| 项目 | 数量 |\n| --- | ---: |\n| 建议 | 17件 |\n";

    #[test]
    fn parses_front_matter_and_every_block_kind() {
        let doc = parse(REPORT).unwrap();
        assert_eq!(doc.meta.title, "青石镇人民代表大会主席团工作报告");
        assert_eq!(doc.meta.salutation.as_deref(), Some("各位代表："));
        assert_eq!(doc.meta.year, Some(2024));
        assert_eq!(doc.meta.date, NaiveDate::from_ymd_opt(2025, 1, 8));
        assert_eq!(
            doc.outline(),
            vec![
                (1, "一、2024年工作回顾".into()),
                (2, "（一）依法履职".into())
            ]
        );
        // A line wrapped between Chinese characters is no space.
        assert_eq!(
            doc.blocks[2].paragraphs(),
            vec!["一年来，共召开主席团会议6次，组织视察调研5次。"]
        );
        assert_eq!(doc.blocks[3], Block::PageBreak);
        assert_eq!(doc.blocks[4].paragraphs(), vec!["·第一项", "·第二项"]);
        let Block::Table(t) = &doc.blocks[5] else {
            panic!("{:?}", doc.blocks[5])
        };
        assert_eq!(t.align, vec![Align::Left, Align::Right]);
        assert_eq!(doc.blocks[5].paragraphs(), vec!["项目\t数量", "建议\t17件"]);
    }

    #[test]
    fn front_matter_errors_carry_the_file_and_line() {
        let err = error_of("---\n标题: 报告\n年度: 二〇二四\n---\n正文\n");
        let text = err.to_string();
        assert!(text.starts_with("report.md:3:"), "{text}");
        let err = error_of("---\n标题: 报告\n标题X: 1\n---\n");
        assert!(err.to_string().contains("标题X"), "{err}");
        let err = error_of("正文\n");
        assert_eq!(err.code, code::MARKDOWN_MISSING_TITLE);
        assert!(err
            .to_string()
            .starts_with("report.md:1:1: 文首信息（front matter）缺少“标题”"));
    }

    /// Front matter errors are Chinese, name the field and what is expected, and point at the
    /// line of the whole file (the front matter starts on line 2) and the column.
    #[test]
    fn front_matter_errors_are_chinese_and_located() {
        // (line, column, field, message with its help).
        let at = |source: &str| {
            let d = error_of(source);
            let (line, column) = d.line_column().expect("located");
            let mut shown = d.message;
            if let Some(help) = d.help {
                shown.push_str(&format!("（{help}）"));
            }
            (line, column, d.field.unwrap_or_default(), shown)
        };
        let (line, column, field, message) = at("---\n标题: 报告\n标题X: 1\n---\n正文\n");
        assert_eq!((line, column), (3, 1));
        assert_eq!(field, "文首信息.标题X");
        assert!(
            message.starts_with("未知的键“标题X”，是否为“标题”？"),
            "{message}"
        );
        assert!(message.contains("此处可用的键"), "{message}");
        assert!(!message.contains("unknown field"), "{message}");

        let (line, column, field, message) = at("---\n标题: 报告\n年度: 二〇二四\n---\n");
        assert_eq!((line, column), (3, 5));
        assert_eq!(field, "文首信息.年度");
        assert_eq!(message, "类型不对：此处是文字“二〇二四”，应为整数");

        let (line, _, field, message) =
            at("---\n标题: 报告\n称谓: 各位代表\n日期: 2025-13-01\n---\n");
        assert_eq!(line, 4);
        assert_eq!(field, "文首信息.日期");
        assert!(message.starts_with("日期“2025-13-01”无效"), "{message}");

        let err = error_of("---\ntitle: 报告\nyear: [1]\n---\n");
        assert_eq!(
            err.to_string(),
            "report.md:3:7: 文首信息.年度：类型不对：此处是列表，应为整数"
        );
        // A BOM before the front matter does not shift the place.
        let err = error_of("\u{feff}---\ntitle: 报告\nyear: [1]\n---\n");
        assert_eq!(err.line_column(), Some((3, 7)));
        assert!(parse("正文\n").is_err());
    }

    #[test]
    fn markup_characters_in_text_stay_text() {
        let tricky =
            "1. 第*一*项_a_ <b> [链接](x) #号 | 竖线 & 符号 ——破折号 “引号” \\ `码` ~删~ !感叹";
        let doc = Document {
            meta: Meta {
                title: "# 标题 *星*".into(),
                ..Meta::default()
            },
            blocks: vec![
                Block::Paragraph(vec![Span::plain(tricky)]),
                Block::Paragraph(vec![Span::plain("- 不是列表")]),
                Block::Heading {
                    level: 2,
                    text: vec![Span::plain("（二）2024. 不是列表")],
                },
                Block::Heading {
                    level: 3,
                    text: vec![Span::plain("0 #")],
                },
            ],
        };
        assert_eq!(parse(&render(&doc)).unwrap(), doc);
    }

    fn span_strategy() -> impl Strategy<Value = Span> {
        (
            "[一-龥a-zA-Z0-9，。、；：“”（）《》*_#<>|&!`~\\[\\]\\\\. -]{1,30}",
            any::<bool>(),
        )
            .prop_map(|(text, strong)| Span {
                text: text.trim().to_string(),
                strong,
                emphasis: false,
            })
            .prop_filter("non-empty", |s| !s.text.is_empty())
    }

    proptest! {
        /// Whatever a clerk types comes back from the Markdown as exactly the same text.
        #[test]
        fn escaped_text_reads_back_as_itself(text in "[一-龥a-zA-Z0-9，。“”*_#<>|&!`~\\[\\]\\\\.+=() -]{1,60}") {
            let text = text.trim().to_string();
            prop_assume!(!text.is_empty());
            let doc = parse(&format!("---\n标题: t\n---\n{}\n", escape(&text))).unwrap();
            prop_assert_eq!(doc.blocks, vec![Block::Paragraph(vec![Span::plain(text)])]);
        }

        /// Plain paragraphs and headings survive a trip through the Markdown writer.
        #[test]
        fn writer_output_parses_back(spans in proptest::collection::vec(span_strategy(), 1..4), level in 1u8..5) {
            // Adjacent spans of one style merge when parsed; keep the model canonical.
            let mut merged: Vec<Span> = Vec::new();
            for s in spans.into_iter().filter(|s| !s.strong) {
                match merged.last_mut() {
                    Some(last) => { last.text.push(' '); last.text.push_str(&s.text) }
                    None => merged.push(s),
                }
            }
            prop_assume!(!merged.is_empty());
            let doc = Document {
                meta: Meta { title: "标题".into(), ..Meta::default() },
                blocks: vec![
                    Block::Heading { level, text: merged.clone() },
                    Block::Paragraph(merged),
                ],
            };
            prop_assert_eq!(parse(&render(&doc)).unwrap(), doc);
        }
    }
}
