//! The copy register (份号登记表) of a run: one row per copy, with its number, who receives it
//! (name, unit and whether a delegate or an invited attendee, from the facts file's 代表名单 and
//! 列席人员 where it has them) and an empty column to sign. Written as CSV (UTF-8 with a byte
//! order mark, every field quoted, so Excel opens it in Chinese) and as a PDF on the report's
//! page grid, for the clerk who hands the copies out.

use crate::diag::Diagnostic;
use crate::document::{Block, Document, Meta, Span, Table};
use crate::flow::Item;
use crate::fonts::FontSet;
use crate::geometry::CHAR_PITCH_PT;
use crate::layout::lay_out;
use crate::realize::realize;
use crate::write::pdf::{write_pages, PdfError};

use super::{copy_number_text, Numbering};

/// Who receives a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    /// Where the recipient works or which place elected them; may be empty.
    pub unit: String,
    pub role: Role,
}

/// Why a recipient is given a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A delegate (代表).
    Delegate,
    /// An invited attendee (列席人员).
    Attendee,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Delegate => "代表",
            Role::Attendee => "列席",
        }
    }
}

/// The column heads, in order.
pub const COLUMNS: [&str; 5] = ["份号", "姓名", "单位", "身份", "签收"];

/// Each column's width in characters of the grid (28 to a line): the unit takes what the
/// number, the name, the role and room to sign leave.
const COLUMN_CHARS: [f32; 5] = [4.5, 5.0, 11.5, 3.0, 4.0];

/// The register of a run.
pub struct Register<'a> {
    /// The report's title, naming what was printed.
    pub title: String,
    pub numbering: Numbering,
    /// In list order: copy number `n` goes to the `n`-th recipient; numbers past the list have
    /// no name.
    pub recipients: &'a [Recipient],
}

impl Register<'_> {
    /// The rows, one per copy: the column values of [`COLUMNS`].
    pub fn rows(&self) -> impl Iterator<Item = [String; 5]> + '_ {
        self.numbering.numbers().map(|n| {
            let who = self.recipients.get(n as usize - 1);
            [
                copy_number_text(n),
                who.map(|r| r.name.clone()).unwrap_or_default(),
                who.map(|r| r.unit.clone()).unwrap_or_default(),
                who.map(|r| r.role.name().to_string()).unwrap_or_default(),
                String::new(),
            ]
        })
    }

    /// The register as CSV: a byte order mark, then the heads and a row per copy, every field
    /// quoted (a quote inside doubled), lines ended by CR LF (RFC 4180).
    pub fn csv(&self) -> Vec<u8> {
        let mut out = "\u{FEFF}".as_bytes().to_vec();
        let mut line = |fields: &[&str]| {
            let quoted: Vec<String> = fields
                .iter()
                .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                .collect();
            out.extend_from_slice(quoted.join(",").as_bytes());
            out.extend_from_slice(b"\r\n");
        };
        line(&COLUMNS);
        for row in self.rows() {
            line(&row.each_ref().map(String::as_str));
        }
        out
    }

    /// The register as a document: its title, what was printed, and the table.
    pub fn document(&self) -> Document {
        let cells = |row: [&str; 5]| row.iter().map(|c| vec![Span::plain(*c)]).collect();
        let table = Table {
            align: Vec::new(),
            header: cells(COLUMNS),
            rows: self
                .rows()
                .map(|row| cells(row.each_ref().map(String::as_str)))
                .collect(),
            ..Table::default()
        };
        Document {
            meta: Meta {
                title: "份号登记表".to_string(),
                subject: Some(format!("{}份号登记表", self.title)),
                ..Meta::default()
            },
            blocks: vec![
                Block::paragraph(format!("文件：{}", self.title)),
                Block::paragraph(format!(
                    "份数：{}份（份号{}至{}）",
                    self.numbering.copies,
                    copy_number_text(self.numbering.first),
                    copy_number_text(self.numbering.last() as u32)
                )),
                Block::Table(table),
            ],
        }
    }

    /// The register as a PDF on the report's page grid, with what the user should hear about.
    pub fn pdf(&self, fonts: &FontSet) -> Result<(Vec<u8>, Vec<Diagnostic>), PdfError> {
        let doc = self.document();
        let mut flow = realize(&doc);
        for item in &mut flow.items {
            if let Item::Table(table) = item {
                for (column, chars) in table.columns.iter_mut().zip(COLUMN_CHARS) {
                    column.width_pt = chars * CHAR_PITCH_PT;
                }
            }
        }
        let pages = lay_out(&flow, fonts)?;
        Ok((write_pages(&doc, &pages, fonts)?, pages.warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_widths_fill_the_grid_line() {
        let chars: f32 = COLUMN_CHARS.iter().sum();
        assert_eq!(chars, crate::geometry::CHARS_PER_LINE as f32);
    }

    #[test]
    fn csv_has_a_bom_quotes_every_field_and_names_copies_in_list_order() {
        let list = [
            Recipient {
                name: "王堃".into(),
                unit: "青石村\"两委\"".into(),
                role: Role::Delegate,
            },
            Recipient {
                name: "李喆".into(),
                unit: String::new(),
                role: Role::Attendee,
            },
        ];
        let register = Register {
            title: "工作报告".into(),
            numbering: Numbering {
                first: 2,
                copies: 2,
            },
            recipients: &list,
        };
        let csv = String::from_utf8(register.csv()).unwrap();
        assert_eq!(
            csv,
            "\u{FEFF}\"份号\",\"姓名\",\"单位\",\"身份\",\"签收\"\r\n\
             \"000002\",\"李喆\",\"\",\"列席\",\"\"\r\n\
             \"000003\",\"\",\"\",\"\",\"\"\r\n"
        );
        let first = Register {
            numbering: Numbering {
                first: 1,
                copies: 1,
            },
            ..register
        };
        assert!(String::from_utf8(first.csv())
            .unwrap()
            .contains("\"000001\",\"王堃\",\"青石村\"\"两委\"\"\",\"代表\",\"\""));
    }
}
