//! Proofreading a report's Markdown: every rule of [`super::rules`] on each paragraph, heading,
//! list item and table cell, placed through the origins the reader kept (REPORT.md:line:column);
//! sentences said twice; and what the document's structure shows: a heading with nothing under
//! it, a part its kind must have and does not, a table row typed twice, a table whose 办结
//! column says more than its 收到 column.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};
use crate::document::{outline_levels, Block, Document, Inlines, Span as TextSpan, TextOrigin};
use crate::kinds::Kind;

use super::prose::{self, Prose};

/// Every finding in the report `doc`, read from `file`, of the kind `kind`.
pub fn check(file: &Arc<SourceFile>, doc: &Document, kind: &dyn Kind) -> Diagnostics {
    let mut pieces = title_block(file, doc);
    pieces.extend(self::pieces(doc));
    let mut found = prose::proofread(file, &pieces);
    empty_sections(file, doc, &mut found);
    missing_parts(file, doc, kind, &mut found);
    tables(file, doc, &mut found);
    found.sort_by_place();
    found
}

/// One run of inlines as prose: its spans' texts joined, their origins after each other.
fn prose_of(inlines: &[TextSpan]) -> Prose {
    let mut text = String::new();
    let mut origin = TextOrigin::default();
    for span in inlines {
        origin.append(text.len(), &span.origin);
        text.push_str(&span.text);
    }
    Prose {
        text,
        origin,
        field: None,
    }
}

/// The title block's text written in the front matter, each field placed in it (a title taken
/// from the body's first heading is the body's).
fn title_block(file: &Arc<SourceFile>, doc: &Document) -> Vec<Prose> {
    let m = &doc.meta;
    [
        ("会议文件标识", &m.session_mark),
        ("稿别", &m.draft_mark),
        ("标题", &Some(m.title.clone())),
        ("副标题", &m.subtitle),
        ("报告人", &m.speaker),
        ("日期行", &m.date_line),
        ("称谓", &m.salutation),
    ]
    .into_iter()
    .filter_map(|(key, text)| {
        let text = text.as_ref()?;
        let span = crate::markdown::front_matter_span(file, key)?;
        Some(Prose {
            text: text.clone(),
            origin: super::yaml_text::origin(file.text(), span.range.start, text),
            field: Some(format!("文首信息.{key}")),
        })
    })
    .collect()
}

/// Every piece of the body's prose in reading order.
pub fn pieces(doc: &Document) -> Vec<Prose> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => out.push(prose_of(&h.text)),
            Block::Paragraph(p) => out.push(prose_of(&p.text)),
            Block::List(list) => list.visit(0, &mut |item, _| out.push(prose_of(&item.text))),
            Block::Table(t) => {
                for cell in std::iter::once(&t.header).chain(&t.rows).flatten() {
                    out.push(prose_of(cell));
                }
            }
            Block::PageBreak(_) => {}
        }
    }
    out
}

/// Where a block's text starts in the file, for findings about the block as a whole.
fn block_span(file: &Arc<SourceFile>, block: &Block) -> crate::diag::Span {
    let start = match block {
        Block::Heading(h) => h.text.first().and_then(|s| s.origin.source_offset(0)),
        _ => None,
    }
    .or_else(|| block.origin().range().map(|r| r.start))
    .unwrap_or(0);
    let len = file.text()[start..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    file.span(start..start + len)
}

/// A heading with nothing under it before the next heading of its level or above.
fn empty_sections(file: &Arc<SourceFile>, doc: &Document, found: &mut Diagnostics) {
    let levels = outline_levels(&doc.blocks);
    let mut heading = 0;
    let headings: Vec<(usize, u8)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Heading(_)))
        .map(|(i, _)| {
            heading += 1;
            (i, levels[heading - 1])
        })
        .collect();
    for (n, &(i, level)) in headings.iter().enumerate() {
        let next = headings.get(n + 1);
        let content_until = next.map_or(doc.blocks.len(), |&(j, _)| j);
        let has_text = doc.blocks[i + 1..content_until]
            .iter()
            .any(|b| !matches!(b, Block::PageBreak(_)));
        let nested = next.is_some_and(|&(j, l)| j == i + 1 && l > level);
        if has_text || nested {
            continue;
        }
        let Block::Heading(h) = &doc.blocks[i] else {
            continue;
        };
        let title = crate::document::plain_text(&h.text);
        found.push(
            Diagnostic::warning(
                code::MARKDOWN_EMPTY_SECTION,
                format!("标题“{title}”下没有内容：请补写这一部分，或删去这个标题"),
            )
            .at(block_span(file, &doc.blocks[i]))
            .with_label("空的部分"),
        );
    }
}

/// The parts `kind` must have that no heading or sentence of the report mentions.
fn missing_parts(file: &Arc<SourceFile>, doc: &Document, kind: &dyn Kind, found: &mut Diagnostics) {
    let text: String = doc.blocks.iter().flat_map(Block::paragraphs).collect();
    for part in kind.report_parts() {
        if part.words.iter().any(|w| text.contains(w)) {
            continue;
        }
        let d = Diagnostic::warning(
            code::MARKDOWN_MISSING_PART,
            format!(
                "{}通常应有“{}”一部分，报告中没有找到（没有“{}”等字样）",
                kind.name(),
                part.name,
                part.words.join("”“")
            ),
        )
        .with_help(format!("写法：{}", part.how));
        // At the end of the report, where the part would go.
        let end = file.text().trim_end().len();
        let start = file.text()[..end]
            .char_indices()
            .last()
            .map_or(0, |(i, _)| i);
        found.push(d.at(file.span(start..end)).with_label("此前应有这一部分"));
    }
}

/// Rows typed twice in a table, and a 办结 column above its 收到 column.
fn tables(file: &Arc<SourceFile>, doc: &Document, found: &mut Diagnostics) {
    for block in &doc.blocks {
        let Block::Table(t) = block else { continue };
        let text = |cells: &[Inlines]| -> Vec<String> {
            cells
                .iter()
                .map(|c| crate::document::plain_text(c).trim().to_string())
                .collect()
        };
        let at = |cells: &[Inlines]| {
            cells
                .iter()
                .find_map(|c| c.first().and_then(|s| s.origin.source_offset(0)))
                .map(|start| {
                    file.span(
                        start
                            ..start
                                + file.text()[start..]
                                    .chars()
                                    .next()
                                    .map_or(0, char::len_utf8),
                    )
                })
        };
        let mut seen: HashMap<Vec<String>, usize> = HashMap::new();
        let header = text(&t.header);
        let column = |words: &[&str]| {
            header
                .iter()
                .position(|h| words.iter().any(|w| h.contains(w)))
        };
        let received = column(&["收到", "提出", "受理", "收集"]);
        let finished = column(&["办结", "解决", "答复"]);
        for (r, row) in t.rows.iter().enumerate() {
            let cells = text(row);
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            if let Some(first) = seen.insert(cells.clone(), r + 1) {
                if let Some(span) = at(row) {
                    found.push(
                        Diagnostic::warning(
                            code::TEXT_REPEATED_ROW,
                            format!("表格第{}行与第{first}行完全相同，同一项应只列一次", r + 1),
                        )
                        .at(span)
                        .with_label("重复的行"),
                    );
                }
            }
            let number = |i: Option<usize>| -> Option<u64> {
                cells
                    .get(i?)?
                    .trim_end_matches(['件', '条', '个'])
                    .parse()
                    .ok()
            };
            if let (Some(got), Some(done)) = (number(received), number(finished)) {
                if done > got {
                    let (rh, fh) = (
                        &header[received.unwrap_or(0)],
                        &header[finished.unwrap_or(0)],
                    );
                    let span = finished.and_then(|f| at(&row[f..f + 1]));
                    if let Some(span) = span {
                        found.push(
                            Diagnostic::error(
                                code::TEXT_CONTRADICTORY_FIGURES,
                                format!("表格中“{}”一行{fh}{done}，多于{rh}{got}：办结的只能是收到的一部分，请核对", cells.first().map_or("", String::as_str)),
                            )
                            .at(span)
                            .with_label("多于总数"),
                        );
                    }
                }
            }
        }
    }
}
