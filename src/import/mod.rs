//! Import: a presidium report written in Word or WPS (.docx) as the program's document model,
//! which the Markdown writer then writes as the report's source (`workreport import`).
//!
//! [`package`] reads the paragraphs and tables with what their styles and direct formatting
//! say; this module decides what each is. The first paragraphs are the title block (session
//! and draft marks, the title — in 小标宋, large, or styled Title —, a subtitle starting with ——,
//! the speaker and the date line, the salutation 各位代表：). After it, a paragraph is a heading
//! when Word says so (an outline level, a Heading style) or when it looks like one (a short line
//! that starts with a heading number and ends no sentence, or a short bold or 黑体 line), and
//! its level comes from its number as in the Markdown reader. Bold runs are strong (bold
//! lead-ins), 楷体 runs in 仿宋 text emphasis; list paragraphs (Word's automatic numbering, a
//! list style) become lists with their numbers and nesting; tables keep their cells. Automatic
//! numbering is written into the text, blanks after a typed number and full-width indents are
//! cleaned, empty paragraphs dropped; what cannot be carried over (pictures, text boxes,
//! footnotes, comments, merged cells …) is counted in the notes, in Chinese.

mod package;

use chrono::NaiveDate;

use crate::document::{
    plain_text, Align, Block, Document, Heading, HeadingKind, Inlines, List, ListItem, Meta,
    Origin, Paragraph, Span, Table,
};
use crate::markdown::assign_heading_levels;
use crate::numbering::heading_number;

pub use package::PackageError;
use package::{RawBlock, RawParagraph, RawRun, Unmapped};

/// An imported report and what the clerk should hear about it.
pub struct Imported {
    pub document: Document,
    /// What was done and what could not be carried over, one Chinese sentence each.
    pub notes: Vec<String>,
}

/// Imports the DOCX in `bytes`.
pub fn import_docx(bytes: &[u8]) -> Result<Imported, PackageError> {
    let package = package::read(bytes)?;
    let mut importer = Importer::default();
    let mut blocks = package.blocks.into_iter().peekable();
    let meta = importer.title_block(&mut blocks);
    for block in blocks {
        importer.block(block);
    }
    importer.flush_list();
    let Importer {
        blocks,
        depths,
        counts,
        ..
    } = importer;
    let mut blocks = blocks;
    assign_heading_levels(&mut blocks, &depths);
    let mut meta = meta;
    if meta.title.is_empty() {
        if let Some(title) = package.core_title {
            meta.title = title;
        }
    }
    let notes = notes(&meta, &blocks, &counts, &package.unmapped);
    Ok(Imported {
        document: Document { meta, blocks },
        notes,
    })
}

/// Why `workreport import` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input is not a readable regular file within its cap ([`crate::input::read`]).
    #[error("{0}")]
    Unreadable(Box<crate::diag::Diagnostic>),
    #[error("{path}：{source}")]
    Package {
        path: String,
        #[source]
        source: PackageError,
    },
    #[error("{path} 就是输入文件，不会覆盖；请用 -o 指定另一个 .md 文件")]
    SameAsInput { path: String },
    #[error("{path} 已存在，不会覆盖；如确要覆盖请加 --force，或用 -o 指定另一个文件")]
    Exists { path: String },
    #[error(transparent)]
    Write(#[from] crate::output::OutputError),
}

/// Imports the DOCX at `input` and writes its Markdown to `output` (atomically), never over
/// the input and over an existing file only when `force`; returns the notes.
pub fn import_file(
    input: &std::path::Path,
    output: &std::path::Path,
    force: bool,
) -> Result<Vec<String>, ImportError> {
    let shown = |p: &std::path::Path| p.display().to_string();
    let bytes = crate::input::read(input, crate::input::InputKind::Docx)
        .map_err(ImportError::Unreadable)?;
    let imported = import_docx(&bytes).map_err(|source| ImportError::Package {
        path: shown(input),
        source,
    })?;
    if output.exists() {
        let same = match (input.canonicalize(), output.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same || same_file(input, output) {
            return Err(ImportError::SameAsInput {
                path: shown(output),
            });
        }
        if !force {
            return Err(ImportError::Exists {
                path: shown(output),
            });
        }
    }
    let markdown = crate::markdown::render(&imported.document);
    crate::output::write_atomically(output, markdown.as_bytes())?;
    Ok(imported.notes)
}

/// Whether two paths name one file (a hard link too).
pub(crate) fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    let _ = (a, b);
    false
}

/// What the importer cleaned up.
#[derive(Debug, Default)]
struct Counts {
    empty_paragraphs: usize,
    cleaned_numbers: usize,
    numbered_by_word: usize,
}

#[derive(Default)]
struct Importer {
    blocks: Vec<Block>,
    /// Each heading's depth as Word gives it (outline level + 1), `None` when only its look
    /// made it a heading.
    depths: Vec<Option<u8>>,
    /// List items read so far: (nesting level, number, text).
    list: Vec<(usize, Option<u64>, Inlines)>,
    counts: Counts,
}

const DRAFT_MARKS: [&str; 6] = ["征求意见稿", "审议稿", "草稿", "讨论稿", "送审稿", "修改稿"];

/// Characters trimmed from a paragraph's ends: blanks and the full-width spaces clerks indent
/// with.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// A date line: （2025年1月8日） or the date alone.
fn is_date_line(text: &str) -> bool {
    let inner = text
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    inner.ends_with('日')
        && inner.contains('年')
        && inner.contains('月')
        && inner.chars().count() <= 12
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    Meta {
        date_line: Some(text.to_string()),
        ..Meta::default()
    }
    .report_date()
}

fn is_title_face(face: Option<&str>) -> bool {
    face.is_some_and(|f| f.contains("小标宋") || f.contains("XiaoBiaoSong") || f.contains("标宋"))
}

fn is_heading_face(face: Option<&str>) -> bool {
    face.is_some_and(|f| f.contains("黑体") || f.contains("SimHei") || f.contains("Hei"))
}

fn is_kai_face(face: Option<&str>) -> bool {
    face.is_some_and(|f| f.contains("楷") || f.contains("Kai"))
}

impl Importer {
    /// The title block: the paragraphs before the body, as far as they are title-block parts.
    fn title_block(
        &mut self,
        blocks: &mut std::iter::Peekable<impl Iterator<Item = RawBlock>>,
    ) -> Meta {
        let mut meta = Meta::default();
        let mut title_lines: Vec<String> = Vec::new();
        while let Some(RawBlock::Paragraph(p)) = blocks.peek() {
            let text: String = p.text().replace('\n', "");
            let text = text.trim_matches(is_blank).to_string();
            if text.is_empty() {
                self.counts.empty_paragraphs += 1;
                blocks.next();
                continue;
            }
            let style = p.style_name.as_deref().unwrap_or_default().to_lowercase();
            let face = p.runs.first().and_then(|r| r.face.as_deref());
            let size = p.runs.iter().filter_map(|r| r.size).max().unwrap_or(0);
            let centered = p.align.as_deref() == Some("center");
            let looks_title =
                style == "title" || style == "标题" || is_title_face(face) || size >= 36;
            // A part of the title block found after the salutation ends it.
            if meta.salutation.is_some() {
                break;
            }
            if let Some(draft) = DRAFT_MARKS.iter().find(|d| text == **d) {
                meta.draft_mark = Some(draft.to_string());
            } else if title_lines.is_empty()
                && meta.session_mark.is_none()
                && text.contains("会议")
                && (text.contains("文件（")
                    || text.contains("文件(")
                    || text
                        .split(['\t', ' ', '\u{3000}'])
                        .next()
                        .is_some_and(|t| t.ends_with("文件") || t.ends_with('）')))
                && !looks_title
            {
                // The session mark, maybe with the draft mark after a tab on its line.
                let mut parts = text
                    .split(['\t'])
                    .map(|s| s.trim_matches(is_blank))
                    .filter(|s| !s.is_empty());
                let session = parts.next().unwrap_or_default().to_string();
                let (session, draft) = match DRAFT_MARKS.iter().find(|d| session.ends_with(**d)) {
                    Some(d) if session.len() > d.len() => (
                        session[..session.len() - d.len()]
                            .trim_matches(is_blank)
                            .to_string(),
                        Some(d.to_string()),
                    ),
                    _ => (session, parts.next().map(str::to_string)),
                };
                meta.session_mark = Some(session);
                if draft.is_some() {
                    meta.draft_mark = draft;
                }
            } else if looks_title && meta.subtitle.is_none() && meta.speaker.is_none() {
                title_lines.push(text);
            } else if title_lines.is_empty()
                && text.chars().count() <= 40
                && heading_number(&text).is_none()
                && !text.ends_with(['。', '；', '：', ':', '，', '！'])
            {
                // Text without looks (a DOCX made from plain text): the first short line that
                // ends no sentence is the title.
                title_lines.push(text);
            } else if !title_lines.is_empty() && (text.starts_with('—') || text.starts_with("－－"))
            {
                meta.subtitle = Some(text);
            } else if !title_lines.is_empty() && is_date_line(&text) {
                meta.date = parse_date(&text);
                meta.date_line = Some(text);
            } else if !title_lines.is_empty()
                && (centered || text.contains(['　', '主']))
                && text.chars().count() <= 24
                && heading_number(&text).is_none()
                && meta.speaker.is_none()
            {
                meta.speaker = Some(text);
            } else if (text.ends_with('：') || text.ends_with(':'))
                && text.chars().count() <= 12
                && heading_number(&text).is_none()
            {
                meta.salutation = Some(text.replace(':', "："));
            } else {
                break;
            }
            blocks.next();
        }
        meta.title = title_lines.concat();
        meta
    }

    fn block(&mut self, block: RawBlock) {
        match block {
            RawBlock::PageBreak => {
                self.flush_list();
                self.blocks.push(Block::PageBreak(Origin::default()));
            }
            RawBlock::Table(rows) => {
                self.flush_list();
                self.table(rows);
            }
            RawBlock::Paragraph(p) => self.paragraph(p),
        }
    }

    fn paragraph(&mut self, p: RawParagraph) {
        if p.page_break_before {
            self.flush_list();
            self.blocks.push(Block::PageBreak(Origin::default()));
        }
        let mut spans = spans(&p.runs);
        let label = p.numbering.clone();
        if plain_text(&spans).trim_matches(is_blank).is_empty() {
            self.counts.empty_paragraphs += 1;
            return;
        }
        trim_spans(&mut spans);
        let style = p.style_name.as_deref().unwrap_or_default().to_lowercase();
        let style_id = p.style_id.as_deref().unwrap_or_default().to_lowercase();
        // “Heading 2” by name, or by id when the style sheet lacks it (pandoc's Heading2).
        let style_depth = [&style, &style_id].into_iter().find_map(|name| {
            ["heading", "标题"]
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix))
                .and_then(|n| n.trim().parse::<u8>().ok())
        });
        let outline = p.outline.filter(|&l| l < 9).map(|l| l + 1).or(style_depth);
        // A list item: Word's numbering with a list label, a list style, or the marker the
        // program's own DOCX prints before an item.
        let list_style = style_id == "listitem" || style.contains("list") || style.contains("列表");
        if outline.is_none() {
            if let Some((label, level)) = &label {
                if let Some(number) = list_number(label) {
                    self.counts.numbered_by_word += 1;
                    self.list.push((usize::from(*level), number, spans));
                    return;
                }
            }
            if list_style {
                if let Some((number, rest)) = split_marker(&spans) {
                    let level = (p.left_chars / 200) as usize;
                    self.list.push((level, number, rest));
                    return;
                }
            }
        }
        self.flush_list();
        if let Some((label, _)) = label {
            // Word's automatic number (一、 （一） …) becomes part of the text.
            self.counts.numbered_by_word += 1;
            spans.insert(0, Span::plain(label));
            spans = merge(spans);
        }
        self.clean_typed_number(&mut spans);
        let text = plain_text(&spans);
        let all_bold = p
            .runs
            .iter()
            .filter(|r| !r.text.trim().is_empty())
            .all(|r| r.bold);
        let heading_face = p
            .runs
            .iter()
            .filter(|r| !r.text.trim().is_empty())
            .all(|r| is_heading_face(r.face.as_deref()) || is_kai_face(r.face.as_deref()));
        let chars = text.chars().count();
        let sentence_inside = text
            .trim_end_matches(['。', '；'])
            .contains(['。', '；', '！', '？']);
        let numbered = heading_number(&text).is_some();
        let is_heading = outline.is_some()
            || (numbered && chars <= 40 && !sentence_inside && !text.ends_with('；'))
            || ((all_bold || heading_face)
                && chars <= 30
                && !text.contains(['。', '，', '；', '：']));
        if is_heading {
            let depth = outline.or(if numbered { None } else { Some(1) });
            self.blocks.push(Block::Heading(Heading {
                level: 1,
                kind: HeadingKind::Section,
                text: vec![Span::plain(text)],
                origin: Origin::default(),
            }));
            self.depths.push(depth);
            return;
        }
        self.blocks.push(Block::Paragraph(Paragraph {
            text: spans,
            origin: Origin::default(),
        }));
    }

    /// “一、 加强”, “1.\t加强”: the blanks after a typed heading number go.
    fn clean_typed_number(&mut self, spans: &mut [Span]) {
        let Some(first) = spans.first_mut() else {
            return;
        };
        let Some(number) = heading_number(&first.text) else {
            return;
        };
        let rest = &first.text[number.len..];
        let trimmed = rest.trim_start_matches(is_blank);
        if trimmed.len() != rest.len() && !trimmed.is_empty() {
            first.text = format!("{}{}", &first.text[..number.len], trimmed);
            self.counts.cleaned_numbers += 1;
        }
    }

    /// The list items read so far as one (nested) list.
    fn flush_list(&mut self) {
        if self.list.is_empty() {
            return;
        }
        let items = std::mem::take(&mut self.list);
        let base = items.iter().map(|(l, _, _)| *l).min().unwrap_or(0);
        let mut list = List::default();
        for (level, number, text) in items {
            let item = ListItem {
                number,
                text,
                ..ListItem::default()
            };
            // Under the last item of each shallower level.
            let mut target = &mut list;
            for _ in base..level {
                if target.items.is_empty() {
                    break;
                }
                let last = target.items.last_mut().expect("an item");
                if last.lists.is_empty() {
                    last.lists.push(List::default());
                }
                target = last.lists.last_mut().expect("a list");
            }
            target.items.push(item);
        }
        self.blocks.push(Block::List(list));
    }

    fn table(&mut self, rows: Vec<Vec<Vec<RawParagraph>>>) {
        let cell_text = |paragraphs: &Vec<RawParagraph>| -> Inlines {
            let mut spans: Vec<Span> = Vec::new();
            for (i, p) in paragraphs.iter().enumerate() {
                let mut s = spans_of_cell(p);
                if i > 0 && !s.is_empty() && !spans.is_empty() {
                    spans.push(Span::plain("\n"));
                }
                spans.append(&mut s);
            }
            let mut spans = merge(spans);
            trim_spans(&mut spans);
            spans
        };
        let mut rows = rows.iter();
        let Some(header) = rows.next() else { return };
        let align = rows
            .clone()
            .next()
            .unwrap_or(header)
            .iter()
            .map(|cell| match cell.first().and_then(|p| p.align.as_deref()) {
                Some("center") => Align::Center,
                Some("right" | "end") => Align::Right,
                _ => Align::Left,
            })
            .collect();
        // Every row as wide as the widest (a merged cell was split), as a Markdown table is.
        let width = std::iter::once(header)
            .chain(rows.clone())
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        let row = |r: &Vec<Vec<RawParagraph>>| -> Vec<Inlines> {
            let mut cells: Vec<Inlines> = r.iter().map(cell_text).collect();
            cells.resize(width, Vec::new());
            cells
        };
        let mut align: Vec<Align> = align;
        align.resize(width, Align::Left);
        self.blocks.push(Block::Table(Table {
            align,
            header: row(header),
            rows: rows.map(row).collect(),
            origin: Origin::default(),
        }));
    }
}

/// A table cell's paragraph: header cells are bold by their style, so only the text counts.
fn spans_of_cell(p: &RawParagraph) -> Vec<Span> {
    vec![Span::plain(p.text())]
}

/// The runs as spans: bold is strong; 楷体 in other text is emphasis (how the program's DOCX
/// and a clerk set a passage apart).
fn spans(runs: &[RawRun]) -> Inlines {
    let body_face_kai = runs
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .all(|r| is_kai_face(r.face.as_deref()));
    merge(
        runs.iter()
            .map(|r| Span {
                text: r.text.clone(),
                strong: r.bold,
                emphasis: !body_face_kai && is_kai_face(r.face.as_deref()),
                ..Span::default()
            })
            .collect(),
    )
}

/// Neighbouring spans of one style as one; blank-only spans take their neighbour's style.
fn merge(spans: Vec<Span>) -> Inlines {
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(last)
                if (last.strong, last.emphasis) == (s.strong, s.emphasis)
                    || s.text.trim().is_empty() =>
            {
                last.text.push_str(&s.text)
            }
            _ => out.push(s),
        }
    }
    out.retain(|s| !s.text.is_empty());
    out
}

/// Trims blanks (and full-width indents) from the ends of a paragraph.
fn trim_spans(spans: &mut Inlines) {
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start_matches(is_blank).to_string();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end_matches(is_blank).to_string();
    }
    spans.retain(|s| !s.text.is_empty());
}

/// The number of a list label: “3.” or “3)” is 3, a bullet none; a heading label (一、) is no
/// list label.
fn list_number(label: &str) -> Option<Option<u64>> {
    let label = label.trim();
    if matches!(
        label,
        "·" | "•" | "-" | "–" | "●" | "○" | "■" | "□" | "◆" | ""
    ) {
        return Some(None);
    }
    let digits: String = label.chars().take_while(char::is_ascii_digit).collect();
    let rest = &label[digits.len()..];
    (!digits.is_empty() && matches!(rest, "." | ")" | "．" | "、"))
        .then(|| digits.parse().ok())
        .flatten()
        .map(Some)
}

/// The marker the program's own DOCX prints before a list item (“3.” or “·”) split off.
fn split_marker(spans: &Inlines) -> Option<(Option<u64>, Inlines)> {
    let first = spans.first()?;
    let text = first.text.as_str();
    let (number, len) = if let Some(rest) = text.strip_prefix('·') {
        let _ = rest;
        (None, '·'.len_utf8())
    } else {
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || !text[digits.len()..].starts_with('.') {
            return None;
        }
        (Some(digits.parse().ok()?), digits.len() + 1)
    };
    let mut rest = spans.clone();
    rest[0].text = rest[0].text[len..].to_string();
    trim_spans(&mut rest);
    Some((number, rest))
}

/// The notes for the clerk: what was imported, cleaned and left behind.
fn notes(meta: &Meta, blocks: &[Block], counts: &Counts, unmapped: &Unmapped) -> Vec<String> {
    let mut notes = Vec::new();
    let headings = blocks
        .iter()
        .filter(|b| matches!(b, Block::Heading(_)))
        .count();
    let paragraphs = blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(_)))
        .count();
    let lists = blocks
        .iter()
        .filter(|b| matches!(b, Block::List(_)))
        .count();
    let tables = blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    let title_parts = [
        meta.session_mark.is_some(),
        meta.draft_mark.is_some(),
        !meta.title.is_empty(),
        meta.subtitle.is_some(),
        meta.speaker.is_some(),
        meta.date_line.is_some(),
        meta.salutation.is_some(),
    ]
    .iter()
    .filter(|&&b| b)
    .count();
    notes.push(format!(
        "已导入：文首 {title_parts} 项，标题 {headings} 个，正文 {paragraphs} 段，列表 {lists} 个，表格 {tables} 个"
    ));
    if meta.title.is_empty() {
        notes.push("未找到报告标题：请在生成的 .md 文件开头的文首信息中填写“标题: ……”".to_string());
    }
    let mut cleaned = Vec::new();
    if counts.empty_paragraphs > 0 {
        cleaned.push(format!("删去空段落 {} 个", counts.empty_paragraphs));
    }
    if counts.numbered_by_word > 0 {
        cleaned.push(format!(
            "Word 自动编号 {} 处已写成文字",
            counts.numbered_by_word
        ));
    }
    if counts.cleaned_numbers > 0 {
        cleaned.push(format!(
            "删去编号后多余的空白 {} 处",
            counts.cleaned_numbers
        ));
    }
    if !cleaned.is_empty() {
        notes.push(format!("已整理：{}", cleaned.join("，")));
    }
    let mut left = Vec::new();
    let mut add = |n: usize, what: &str| {
        if n > 0 {
            left.push(format!("{what} {n} 处"));
        }
    };
    add(unmapped.images, "图片");
    add(unmapped.text_boxes, "文本框");
    add(unmapped.footnotes, "脚注或尾注");
    add(unmapped.comments, "批注");
    add(unmapped.deletions, "修订中删除的文字（未导入）");
    add(unmapped.fields, "域（如目录）");
    add(unmapped.nested_tables, "表格中的表格（已展开为文字）");
    add(unmapped.merged_cells, "合并单元格（已拆开）");
    if !left.is_empty() {
        notes.push(format!("未能导入：{}；请对照原文件补齐", left.join("，")));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_labels_give_numbers_and_heading_labels_do_not() {
        assert_eq!(list_number("3."), Some(Some(3)));
        assert_eq!(list_number("12)"), Some(Some(12)));
        assert_eq!(list_number("•"), Some(None));
        assert_eq!(list_number("一、"), None);
        assert_eq!(list_number("（1）"), None);
    }

    #[test]
    fn the_programs_own_list_marker_splits_off() {
        let (n, rest) = split_marker(&vec![Span::plain("3.乙项")]).unwrap();
        assert_eq!((n, plain_text(&rest)), (Some(3), "乙项".to_string()));
        let (n, rest) = split_marker(&vec![Span::plain("·子项")]).unwrap();
        assert_eq!((n, plain_text(&rest)), (None, "子项".to_string()));
        assert!(split_marker(&vec![Span::plain("正文")]).is_none());
    }
}
