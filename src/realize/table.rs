//! A table realized: every row filled to the same columns, the header row in 表头, body cells
//! aligned as their column, column widths from the cells' content, and one rule style.
//!
//! The widths come from the content, as Word's “根据内容调整表格” and HTML's automatic table
//! layout do: each column wants its natural width (its longest cell on one line) and needs at
//! least its minimum (its longest piece that may not be broken: a word, a number with its unit,
//! an ideograph with the punctuation that may not start or end a line). How the type area is
//! shared out is [`share`]: a short column of names or figures stays on one line and a long text
//! column takes the room, instead of equal thirds that wrap a long cell to four lines. In Chinese
//! text almost every character is a break, so the minimums say little and the natural widths
//! decide.

use crate::document::{self, Align, Inlines};
use crate::flow::{Cell, Column, Line, Row, Rules, Table};
use crate::geometry::TYPE_AREA_WIDTH_PT;
use crate::layout::linebreak::{break_opportunities, BreakOpportunity};
use crate::style::{Alignment, Element};
use crate::text::em_width;

/// The rules of every table: a full grid (全框线), as the tables of 公文 and their annexes are
/// printed, in Word's default single line of ½ pt.
pub const RULES: Rules = Rules { width_pt: 0.5 };

/// Space between a cell's rules and its text, left and right: Word's default cell margin
/// (0.19 cm, 108 twips), what a clerk's own tables have.
pub const CELL_PADDING_PT: f32 = 5.4;

/// Realizes a table of the document model.
pub fn realize_table(table: &document::Table) -> Table {
    let columns = std::iter::once(table.header.len())
        .chain(table.rows.iter().map(Vec::len))
        .max()
        .unwrap_or(0)
        .max(1);
    let row = |cells: &[Inlines], header: bool| Row {
        header,
        cells: (0..columns)
            .map(|c| {
                let element = if header {
                    Element::TableHeader
                } else {
                    Element::TableCell
                };
                let align = match (header, table.align.get(c).copied().unwrap_or_default()) {
                    (true, _) => element.style().align,
                    (false, Align::Left) => Alignment::Left,
                    (false, Align::Center) => Alignment::Center,
                    (false, Align::Right) => Alignment::Right,
                };
                let lines = cells
                    .get(c)
                    .map_or_else(|| vec![Vec::new()], |spans| super::lines(element, spans));
                Cell {
                    element,
                    align,
                    lines,
                }
            })
            .collect(),
    };
    let rows: Vec<Row> = std::iter::once(row(&table.header, true))
        .chain(table.rows.iter().map(|r| row(r, false)))
        .collect();
    let widths = column_widths(&rows, columns, TYPE_AREA_WIDTH_PT, CELL_PADDING_PT);
    Table {
        columns: widths
            .into_iter()
            .map(|width_pt| Column { width_pt })
            .collect(),
        rows,
        cell_padding_pt: CELL_PADDING_PT,
        rules: RULES,
    }
}

/// Widths of `columns` columns of `rows` that add up to `available` pt.
fn column_widths(rows: &[Row], columns: usize, available: f32, padding: f32) -> Vec<f32> {
    let mut natural = vec![0.0f32; columns];
    let mut minimum = vec![0.0f32; columns];
    for row in rows {
        for (c, cell) in row.cells.iter().enumerate() {
            let size = cell.element.style().size_pt;
            for line in &cell.lines {
                let (nat, min) = line_widths(line);
                natural[c] = natural[c].max(nat * size);
                minimum[c] = minimum[c].max(min * size);
            }
        }
    }
    // A column holds at least one character beside its padding.
    let one_char = Element::TableCell.style().size_pt;
    for c in 0..columns {
        minimum[c] = minimum[c].max(one_char) + 2.0 * padding;
        natural[c] = natural[c].max(minimum[c] - 2.0 * padding) + 2.0 * padding;
    }
    share(&natural, &minimum, available)
}

/// Shares `available` pt among columns that want `natural` and need `minimum` pt each.
///
/// When everything fits, every column gets its natural width and the rest in proportion to it.
/// When not even the minimums fit, each gets its minimum scaled down alike. Otherwise every
/// column gets its natural width up to one common width, and at least its minimum: the
/// columns that fit on one line stay on one line, the long ones share what is left equally.
fn share(natural: &[f32], minimum: &[f32], available: f32) -> Vec<f32> {
    let total_natural: f32 = natural.iter().sum();
    let total_minimum: f32 = minimum.iter().sum();
    if total_natural <= available {
        return natural
            .iter()
            .map(|w| w + (available - total_natural) * w / total_natural)
            .collect();
    }
    if total_minimum >= available {
        return minimum
            .iter()
            .map(|w| available * w / total_minimum)
            .collect();
    }
    let at = |level: f32| -> Vec<f32> {
        natural
            .iter()
            .zip(minimum)
            .map(|(&nat, &min)| level.clamp(min, nat))
            .collect()
    };
    // The common width: the total grows with it, from the minimums (at 0) to the natural
    // widths (at the widest), so halving the interval finds it.
    let (mut low, mut high) = (0.0f32, natural.iter().copied().fold(0.0, f32::max));
    for _ in 0..60 {
        let mid = (low + high) / 2.0;
        if at(mid).iter().sum::<f32>() < available {
            low = mid;
        } else {
            high = mid;
        }
    }
    let widths = at(high);
    let total: f32 = widths.iter().sum();
    widths.iter().map(|w| w * available / total).collect()
}

/// A line's natural width (all of it on one line) and its widest piece that may not be broken,
/// both in characters of the grid (see [`em_width`]).
fn line_widths(line: &Line) -> (f32, f32) {
    let chars: Vec<char> = line.iter().flat_map(|r| r.text.chars()).collect();
    let natural = em_width(&chars.iter().collect::<String>());
    let mut widest = 0.0f32;
    let mut piece = String::new();
    for (i, opportunity) in break_opportunities(&chars).into_iter().enumerate() {
        if i > 0 && opportunity != BreakOpportunity::Prohibited {
            widest = widest.max(em_width(piece.trim_end()));
            piece.clear();
        }
        if let Some(&c) = chars.get(i) {
            piece.push(c);
        }
    }
    (natural, widest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    fn table(header: &[&str], rows: &[&[&str]]) -> document::Table {
        let cells = |r: &[&str]| r.iter().map(|s| vec![Span::plain(*s)]).collect();
        document::Table {
            align: vec![],
            header: cells(header),
            rows: rows.iter().map(|r| cells(r)).collect(),
            ..document::Table::default()
        }
    }

    fn widths(t: &Table) -> Vec<f32> {
        t.columns.iter().map(|c| c.width_pt).collect()
    }

    #[test]
    fn unbreakable_pieces_are_words_and_numbers_with_their_units() {
        let line = |s: &str| {
            vec![crate::flow::Run {
                text: s.into(),
                face: crate::style::Face::FangSong,
                bold: false,
            }]
        };
        // 2024年 stays with its unit and the full stop after it (4 units), an ideograph with a
        // following full stop (2).
        assert_eq!(line_widths(&line("共2024年。")), (5.0, 4.0));
        assert_eq!(line_widths(&line("办结。")), (3.0, 2.0));
        assert_eq!(line_widths(&line("")), (0.0, 0.0));
    }

    #[test]
    fn short_tables_share_the_spare_room_in_proportion_to_their_content() {
        let t = realize_table(&table(&["类别", "件数"], &[&["交通道路", "6"]]));
        let w = widths(&t);
        assert!((w.iter().sum::<f32>() - TYPE_AREA_WIDTH_PT).abs() < 0.01);
        // Natural: 4 and 2 characters of 16 pt, plus padding on both sides.
        let natural = [4.0 * 16.0 + 10.8, 2.0 * 16.0 + 10.8];
        let ratio = w[0] / w[1];
        assert!((ratio - natural[0] / natural[1]).abs() < 0.01, "{w:?}");
    }

    /// Equal thirds (147 pt, 8 characters a line after padding) wrap the 38-character note to
    /// five lines; from content, the two short columns keep their one line and the note takes
    /// the room: two lines.
    #[test]
    fn a_long_text_column_takes_the_room_the_short_ones_do_not_need() {
        let note = "已协调县交通运输局列入2025年农村公路提升计划，资金已落实，预计年内完工通车。";
        let t = realize_table(&table(
            &["类别", "办理情况", "件数"],
            &[&["交通道路", note, "6"], &["农业农村", "已办结。", "5"]],
        ));
        let w = widths(&t);
        let text_width = |c: usize| w[c] - 2.0 * CELL_PADDING_PT;
        // The short columns fit their longest cell on one line.
        assert!(text_width(0) >= 4.0 * 16.0, "{w:?}");
        assert!(text_width(2) >= 2.0 * 16.0, "{w:?}");
        // The note gets what is left: at most two lines of 16 pt characters.
        let per_line = (text_width(1) / 16.0).floor();
        let note_units = em_width(note);
        assert!((note_units / per_line).ceil() <= 2.0, "{w:?}");
        let third = TYPE_AREA_WIDTH_PT / 3.0 - 2.0 * CELL_PADDING_PT;
        assert!((note_units / (third / 16.0).floor()).ceil() >= 5.0);
    }

    #[test]
    fn a_column_never_gets_less_than_its_unbreakable_minimum() {
        // Natural widths 100, 300 and 300; the Latin word needs 250 of the third.
        let w = share(&[100.0, 300.0, 300.0], &[20.0, 20.0, 250.0], 500.0);
        assert!((w.iter().sum::<f32>() - 500.0).abs() < 0.01, "{w:?}");
        assert!((w[0] - 100.0).abs() < 0.01, "{w:?}");
        assert!((w[2] - 250.0).abs() < 0.01, "{w:?}");
        assert!((w[1] - 150.0).abs() < 0.01, "{w:?}");
    }

    #[test]
    fn when_nothing_fits_each_column_keeps_its_unbreakable_minimum() {
        // Ten columns of long words: natural widths far exceed the line.
        let long = "ABCDEFGHIJ";
        let header: Vec<&str> = vec![long; 10];
        let t = realize_table(&table(&header, &[]));
        let w = widths(&t);
        assert!((w.iter().sum::<f32>() - TYPE_AREA_WIDTH_PT).abs() < 0.01);
        assert!(w.windows(2).all(|p| (p[0] - p[1]).abs() < 0.01), "{w:?}");
    }

    #[test]
    fn an_empty_table_has_one_empty_column() {
        let t = realize_table(&document::Table::default());
        assert_eq!(widths(&t).len(), 1);
        assert!((widths(&t)[0] - TYPE_AREA_WIDTH_PT).abs() < 0.01);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells.len(), 1);
    }
}
