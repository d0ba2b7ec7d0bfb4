//! Realization: the document model turned into the [`Flow`] every writer prints.
//!
//! The model says what the text is; [`realize`] decides, once for every format, how it stands on
//! the page: the element of each paragraph (the title block's parts in their order, headings by
//! level, body, list items with their markers), the face and weight of each run
//! ([`span_style`]), the balanced lines of a long title ([`balance_title`]), the draft mark beside
//! or under the session mark, blank grid lines, keep-with-next and outline levels, and for
//! tables ([`realize_table`]) the columns' widths, the header row and the rules. The DOCX writer and the
//! PDF layout carry the flow out one to one, so they cannot drift apart.

mod table;

use crate::document::{list_marker, Block, Document, Span};
use crate::flow::{Flow, Item, Line, Paragraph, Run, Tail, TailPlacement};
use crate::layout::title::balance_title;
use crate::style::{draft_mark_beside_session_mark, span_style, Element, ElementStyle};

pub use table::realize_table;

/// Realizes `doc`: the title block, then the body, in reading order.
pub fn realize(doc: &Document) -> Flow {
    let mut items = title_block(doc);
    items.extend(doc.blocks.iter().flat_map(realize_block));
    Flow { items }
}

/// The first page's parts above the body: marks, title, subtitle, speaker and date lines,
/// salutation, each present only when the report has it. (A printed copy's number, 份号, is
/// the print room's: `press` stamps it on the finished pages.)
fn title_block(doc: &Document) -> Vec<Item> {
    let m = &doc.meta;
    let mut out = Vec::new();
    // The marks are one paragraph: the session mark top left, the draft mark flush right at the
    // end of its line when both fit, else on a line of its own under it.
    match (&m.session_mark, &m.draft_mark) {
        (Some(session), draft) => {
            let mut p = plain_paragraph(Element::SessionMark, session);
            p.tail = draft.as_ref().map(|draft| Tail {
                element: Element::DraftMark,
                runs: plain_runs(Element::DraftMark, draft),
                placement: if draft_mark_beside_session_mark(session, draft) {
                    TailPlacement::Beside
                } else {
                    TailPlacement::Under
                },
            });
            out.push(p);
        }
        (None, Some(draft)) => out.push(plain_paragraph(Element::DraftMark, draft)),
        (None, None) => {}
    }
    for (element, text) in [
        (Element::Title, Some(&m.title)),
        (Element::Subtitle, m.subtitle.as_ref()),
        (Element::Speaker, m.speaker.as_ref()),
        (Element::DateLine, m.date_line.as_ref()),
        (Element::Salutation, m.salutation.as_ref()),
    ] {
        let Some(text) = text else { continue };
        out.push(match element.style().balanced_max_chars {
            // A long title or subtitle breaks into balanced lines (梯形/菱形), decided here so
            // that every writer prints the same lines.
            Some(max_chars) => {
                let lines = balance_title(text, max_chars)
                    .iter()
                    .map(|line| plain_runs(element, line))
                    .collect();
                paragraph(element, lines)
            }
            None => plain_paragraph(element, text),
        });
    }
    out.into_iter().map(Item::Paragraph).collect()
}

/// The items of one body block: a paragraph, a paragraph per list item, a table, a page break.
fn realize_block(block: &Block) -> Vec<Item> {
    match block {
        Block::Heading { level, text } => {
            // Four levels: 一、 （一） 1. （1）. A deeper (or level-0) heading takes the nearest.
            let level = (*level).clamp(1, 4);
            let mut p = paragraph(
                Element::Heading(level),
                lines(Element::Heading(level), text),
            );
            p.outline_level = Some(level);
            vec![Item::Paragraph(p)]
        }
        Block::Paragraph(text) => vec![Item::Paragraph(paragraph(
            Element::Body,
            lines(Element::Body, text),
        ))],
        Block::List { start, items } => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mut p = paragraph(Element::ListItem, lines(Element::ListItem, item));
                p.marker = Some(list_marker(*start, i));
                Item::Paragraph(p)
            })
            .collect(),
        Block::Table(t) => vec![Item::Table(realize_table(t))],
        Block::PageBreak => vec![Item::PageBreak],
    }
}

/// A paragraph of `element` with the blank lines and keep-with-next of its style.
fn paragraph(element: Element, lines: Vec<Line>) -> Paragraph {
    let style = element.style();
    Paragraph {
        element,
        lines,
        marker: None,
        tail: None,
        blank_lines_before: style.lines_before,
        blank_lines_after: style.lines_after,
        keep_with_next: style.keep_with_next,
        outline_level: None,
    }
}

/// A paragraph of plain text (a line per hard line break).
fn plain_paragraph(element: Element, text: &str) -> Paragraph {
    paragraph(element, lines(element, &[Span::plain(text)]))
}

/// The runs of one line of plain text.
fn plain_runs(element: Element, text: &str) -> Vec<Run> {
    lines(element, &[Span::plain(text)]).concat()
}

/// Styled spans as lines of runs in `element`: a hard line break ('\n') starts a new line; each
/// piece of a span becomes a run in the face and weight [`span_style`] gives it.
pub(crate) fn lines(element: Element, spans: &[Span]) -> Vec<Line> {
    let style: ElementStyle = element.style();
    let mut out: Vec<Line> = vec![Vec::new()];
    for span in spans {
        let look = span_style(&style, span.strong, span.emphasis);
        for (i, piece) in span.text.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            if !piece.is_empty() {
                out.last_mut().expect("a line").push(Run {
                    text: piece.to_string(),
                    face: look.face,
                    bold: look.bold,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Align, Meta, Table};
    use crate::flow::{lines_text, runs_text, Cell};
    use crate::geometry::TYPE_AREA_WIDTH_PT;
    use crate::style::{Alignment, Face, TITLE_MAX_CHARS};

    fn strong(text: &str) -> Span {
        Span {
            text: text.into(),
            strong: true,
            emphasis: false,
        }
    }

    fn small_report() -> Document {
        let cell = |s: &str| vec![Span::plain(s)];
        Document {
            meta: Meta {
                session_mark: Some("青石镇第五届人民代表大会第五次会议文件（二）".into()),
                draft_mark: Some("审议稿".into()),
                title: "青石镇第五届人民代表大会第五次会议关于镇人民代表大会主席团工作报告的决议"
                    .into(),
                speaker: Some("镇人大主席　周明远".into()),
                salutation: Some("各位代表：".into()),
                ..Meta::default()
            },
            blocks: vec![
                Block::heading(1, "一、工作回顾"),
                Block::Paragraph(vec![strong("一是"), Span::plain("学习。\n另起一行。")]),
                Block::heading(6, "（1）更深一级"),
                Block::List {
                    start: Some(3),
                    items: vec![cell("甲项；"), cell("乙项。")],
                },
                Block::Table(Table {
                    align: vec![Align::Left, Align::Right],
                    header: vec![cell("类别"), cell("件数")],
                    rows: vec![vec![cell("交通道路")]],
                }),
                Block::PageBreak,
            ],
        }
    }

    fn paragraphs(flow: &Flow) -> Vec<&Paragraph> {
        flow.items
            .iter()
            .filter_map(|i| match i {
                Item::Paragraph(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_title_block_comes_first_with_its_marks_balanced_title_and_blank_lines() {
        let doc = small_report();
        let flow = realize(&doc);
        let ps = paragraphs(&flow);
        let elements: Vec<Element> = ps.iter().map(|p| p.element).collect();
        assert_eq!(
            elements[..4],
            [
                Element::SessionMark,
                Element::Title,
                Element::Speaker,
                Element::Salutation
            ]
        );
        // The draft mark rides on the session mark's line.
        let tail = ps[0].tail.as_ref().expect("the draft mark");
        assert_eq!(tail.element, Element::DraftMark);
        assert_eq!(tail.placement, TailPlacement::Beside);
        assert_eq!(tail.runs[0].face, Face::HeiTi);
        // The long title is two balanced lines, decided here.
        let title: Vec<String> = ps[1].lines.iter().map(|l| runs_text(l)).collect();
        assert_eq!(title, balance_title(&doc.meta.title, TITLE_MAX_CHARS));
        assert_eq!(title.len(), 2);
        assert!(ps[1]
            .lines
            .iter()
            .flatten()
            .all(|r| r.face == Face::XiaoBiaoSong));
        // Blank lines after the marks and the title, before the salutation; all keep with next.
        let blanks: Vec<(u32, u32)> = ps[..4]
            .iter()
            .map(|p| (p.blank_lines_before, p.blank_lines_after))
            .collect();
        assert_eq!(blanks, [(0, 1), (0, 1), (0, 0), (1, 0)]);
        assert!(ps[..4].iter().all(|p| p.keep_with_next));

        // Too long to share the line: the draft mark goes under the session mark.
        let mut long = doc.clone();
        long.meta.session_mark = Some("青石镇第五届人民代表大会第五次会议文件（二十二）".into());
        let flow = realize(&long);
        let tail = paragraphs(&flow)[0].tail.clone().unwrap();
        assert_eq!(tail.placement, TailPlacement::Under);
    }

    #[test]
    fn headings_lists_and_runs_carry_their_element_face_and_level() {
        let flow = realize(&small_report());
        let ps = paragraphs(&flow);
        let body = &ps[4..];
        assert_eq!(body[0].element, Element::Heading(1));
        assert_eq!(body[0].outline_level, Some(1));
        assert!(body[0].keep_with_next);
        assert_eq!(body[0].lines[0][0].face, Face::HeiTi);

        // Strong is bold in the body face; a hard break starts a second line.
        assert_eq!(body[1].element, Element::Body);
        assert!(!body[1].keep_with_next);
        assert_eq!(body[1].outline_level, None);
        assert_eq!(
            body[1].lines,
            [
                vec![
                    Run {
                        text: "一是".into(),
                        face: Face::FangSong,
                        bold: true
                    },
                    Run {
                        text: "学习。".into(),
                        face: Face::FangSong,
                        bold: false
                    }
                ],
                vec![Run {
                    text: "另起一行。".into(),
                    face: Face::FangSong,
                    bold: false
                }]
            ]
        );

        // A level-6 heading is set as the deepest of the four levels, in both writers.
        assert_eq!(body[2].element, Element::Heading(4));
        assert_eq!(body[2].outline_level, Some(4));

        // List items keep their numbers from the list's start.
        let markers: Vec<(Element, Option<&str>)> = body[3..5]
            .iter()
            .map(|p| (p.element, p.marker.as_deref()))
            .collect();
        assert_eq!(
            markers,
            [
                (Element::ListItem, Some("3.")),
                (Element::ListItem, Some("4."))
            ]
        );
    }

    #[test]
    fn a_table_has_a_bold_centred_header_full_rows_and_widths_that_fill_the_line() {
        let flow = realize(&small_report());
        let table = flow
            .items
            .iter()
            .find_map(|i| match i {
                Item::Table(t) => Some(t),
                _ => None,
            })
            .unwrap();
        assert_eq!(table.columns.len(), 2);
        let total: f32 = table.columns.iter().map(|c| c.width_pt).sum();
        assert!((total - TYPE_AREA_WIDTH_PT).abs() < 0.01, "{total}");
        assert!(table.rows[0].header && !table.rows[1].header);
        let look = |c: &Cell| (c.element, c.align);
        assert_eq!(
            table.rows[0].cells.iter().map(look).collect::<Vec<_>>(),
            [
                (Element::TableHeader, Alignment::Center),
                (Element::TableHeader, Alignment::Center)
            ]
        );
        assert!(table.rows[0].cells[0].lines[0][0].bold);
        // The short row is filled with an empty cell, aligned as its column says.
        assert_eq!(
            table.rows[1].cells.iter().map(look).collect::<Vec<_>>(),
            [
                (Element::TableCell, Alignment::Left),
                (Element::TableCell, Alignment::Right)
            ]
        );
        assert_eq!(lines_text(&table.rows[1].cells[1].lines), "");
        assert!(table.rules.width_pt > 0.0);
        // And the page break after it.
        assert_eq!(flow.items.last(), Some(&Item::PageBreak));
    }
}
