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

use crate::document::{list_marker, outline_levels, Block, Document, Span};
use crate::flow::{Flow, Item, Line, Paragraph, Run, Tail, TailPlacement};
use crate::layout::title::balance_title;
use crate::style::{draft_mark_beside_session_mark, span_style, Element, ElementStyle};

pub use table::realize_table;

/// Realizes `doc`: the title block, then the body, in reading order.
pub fn realize(doc: &Document) -> Flow {
    let (mut items, last) = title_block(doc);
    let body_start = items.len();
    let mut outline = outline_levels(&doc.blocks).into_iter();
    for block in &doc.blocks {
        items.extend(realize_block(block, &mut outline));
    }
    // The blank lines between the title block and the body belong to the body's first
    // paragraph; a body that opens with a table or a page break gets none.
    if let (Some(last), Some(Item::Paragraph(first))) = (last, items.get_mut(body_start)) {
        first.blank_lines_before = blank_lines_between(last, None);
    }
    Flow { items }
}

/// The parts of the title block, as far as the blank lines between them go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    /// The session mark and the draft mark.
    Marks,
    Title,
    /// Subtitle, speaker and date lines: one block of lines under the title.
    Byline,
    /// 各位代表：, the line the body follows.
    Salutation,
}

impl Group {
    fn of(element: Element) -> Group {
        match element {
            Element::SessionMark | Element::DraftMark => Group::Marks,
            Element::Title => Group::Title,
            Element::Salutation => Group::Salutation,
            _ => Group::Byline,
        }
    }
}

/// Blank grid lines between a part of the title block and the part after it (`None`: the
/// body). One rule for every combination of parts, after layout.md's first page (marks, blank,
/// title, blank, byline, blank, 各位代表：, body): one blank line between two different parts
/// and between the title block and the body; none inside the byline, and none between the
/// salutation and the body it addresses.
fn blank_lines_between(previous: Group, next: Option<Group>) -> u32 {
    match (previous, next) {
        (Group::Salutation, None) => 0,
        (previous, Some(next)) if previous == next => 0,
        _ => 1,
    }
}

/// The first page's parts above the body: marks, title, subtitle, speaker and date lines,
/// salutation, each present only when the report has it, with the blank lines between them;
/// and the last part's group. (A printed copy's number, 份号, is the print room's: `press`
/// stamps it on the finished pages.)
fn title_block(doc: &Document) -> (Vec<Item>, Option<Group>) {
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
        // A report without a title (a bare Markdown body) prints none rather than an empty line.
        (
            Element::Title,
            Some(&m.title).filter(|t| !t.trim().is_empty()),
        ),
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
    let mut last: Option<Group> = None;
    for p in &mut out {
        let group = Group::of(p.element);
        if let Some(previous) = last {
            p.blank_lines_before = blank_lines_between(previous, Some(group));
        }
        last = Some(group);
    }
    (out.into_iter().map(Item::Paragraph).collect(), last)
}

/// The items of one body block: a paragraph, a paragraph per list item (nested items further
/// in), a table, a page break. `outline` gives the outline level of each heading in turn.
fn realize_block(block: &Block, outline: &mut impl Iterator<Item = u8>) -> Vec<Item> {
    match block {
        Block::Heading(h) => {
            // Four levels: 一、 （一） 1. （1）; a part is set as level 1. A deeper (or level-0)
            // heading takes the nearest.
            let element = Element::Heading(h.level.clamp(1, 4));
            let mut p = paragraph(element, lines(element, &h.text));
            p.outline_level = outline.next();
            vec![Item::Paragraph(p)]
        }
        Block::Paragraph(p) => vec![Item::Paragraph(paragraph(
            Element::Body,
            lines(Element::Body, &p.text),
        ))],
        Block::List(list) => {
            let mut out = Vec::new();
            list.visit(0, &mut |item, depth| {
                let mut p = paragraph(Element::ListItem, lines(Element::ListItem, &item.text));
                p.marker = Some(list_marker(item.number));
                p.left_indent_chars = LIST_INDENT_CHARS * depth as u32;
                out.push(Item::Paragraph(p));
            });
            out
        }
        Block::Table(t) => vec![Item::Table(realize_table(t))],
        Block::PageBreak(_) => vec![Item::PageBreak],
    }
}

/// How much further in each level of a nested list stands, in characters: the body's own
/// first-line indent, so a nested item's first line starts under its parent's text.
pub const LIST_INDENT_CHARS: u32 = 2;

/// A paragraph of `element` with the keep-with-next of its style and no blank lines before it.
fn paragraph(element: Element, lines: Vec<Line>) -> Paragraph {
    Paragraph {
        element,
        lines,
        marker: None,
        left_indent_chars: 0,
        tail: None,
        blank_lines_before: 0,
        keep_with_next: element.style().keep_with_next,
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
    use crate::document::{Align, List, Meta, Table};
    use crate::flow::{lines_text, runs_text, Cell};
    use crate::geometry::TYPE_AREA_WIDTH_PT;
    use crate::style::{Alignment, Face, TITLE_MAX_CHARS};

    fn strong(text: &str) -> Span {
        Span::strong(text)
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
                Block::Paragraph(vec![strong("一是"), Span::plain("学习。\n另起一行。")].into()),
                Block::heading(6, "（1）更深一级"),
                Block::List(List::plain(Some(3), &["甲项；", "乙项。"])),
                Block::Table(Table {
                    align: vec![Align::Left, Align::Right],
                    header: vec![cell("类别"), cell("件数")],
                    rows: vec![vec![cell("交通道路")]],
                    ..Table::default()
                }),
                Block::PageBreak(Default::default()),
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
        // A blank line between the marks, the title, the byline and the salutation; the body
        // follows the salutation directly. All keep with next.
        let blanks: Vec<u32> = ps[..5].iter().map(|p| p.blank_lines_before).collect();
        assert_eq!(blanks, [0, 1, 1, 1, 0]);
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
