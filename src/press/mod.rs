//! The print room (印制): PDF → PDF steps on a finished report, so the document model, the
//! layout and the PDF writer know nothing of printed copies.
//!
//! - [`objects`] opens a finished PDF and turns a page into a Form XObject, the one tool every
//!   step uses: a stamp is a page placed on a page, a booklet side is two pages placed on a
//!   sheet;
//! - [`stamp`] renders the marks (the copy number's digits, a watermark) once, with the
//!   program's own fonts and text setting;
//! - [`run`] makes the run: numbered copies sharing the report's objects, each padded to an
//!   even number of pages, or a booklet per copy ([`booklet`] says which page goes where), and
//!   writes it copy by copy through [`out`], in memory that does not grow with the copies;
//! - [`register`] lists the copies and who receives them (份号登记表), as CSV and as a PDF;
//! - [`send`] hands a finished file to the printer (CUPS `lp`).
//!
//! Where the copy number stands, the report leaves its line free: the layout option
//! [`crate::layout::LayoutOptions::reserve_first_line`].

pub mod booklet;
pub mod objects;
pub mod out;
pub mod register;
pub mod run;
pub mod send;
pub mod stamp;

pub use objects::Source;
pub use run::{Imposition, PressedRun, RunSpec};
pub use stamp::{StampRequest, Stamps};

/// The highest copy number six digits hold.
pub const MAX_COPY_NUMBER: u32 = 999_999;

/// The most copies one run makes. A township has a few dozen delegates and invited attendees;
/// ten thousand copies is more than any session needs, and bounds a run's time and file.
pub const MAX_COPIES: u32 = 10_000;

/// The most PDF pages one run writes (a run of [`MAX_COPIES`] copies of a 100-page report):
/// about 150 MB of file, refused before anything is written when a run would pass it.
pub const MAX_RUN_PAGES: u64 = 1_000_000;

/// The copy number (份号) as printed: six Arabic digits, 000001.
pub fn copy_number_text(n: u32) -> String {
    format!("{n:06}")
}

/// Which copies a run numbers: `copies` copies from number `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering {
    pub first: u32,
    pub copies: u32,
}

impl Numbering {
    /// The number of the last copy.
    pub fn last(self) -> u64 {
        u64::from(self.first) + u64::from(self.copies) - 1
    }

    /// Whether there is a copy, no more than [`MAX_COPIES`], and every number fits six digits
    /// from 000001.
    pub fn check(self) -> Result<(), PressError> {
        if self.copies == 0 {
            return Err(PressError::NoCopies);
        }
        if self.copies > MAX_COPIES {
            return Err(PressError::TooManyCopies {
                copies: self.copies,
            });
        }
        if self.first == 0 || self.last() > u64::from(MAX_COPY_NUMBER) {
            return Err(PressError::OutOfRange {
                first: self.first,
                last: self.last(),
            });
        }
        Ok(())
    }

    /// The copy numbers, in order.
    pub fn numbers(self) -> impl Iterator<Item = u32> {
        (0..self.copies).map(move |k| self.first + k)
    }

    /// The part of a run's file names after the report's: 印制-000001-000120.
    pub fn name(self) -> String {
        format!(
            "印制-{}-{}",
            copy_number_text(self.first),
            copy_number_text(self.last() as u32)
        )
    }
}

/// Why a run could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PressError {
    #[error("印制份数须至少为 1")]
    NoCopies,
    #[error("一次至多印制 {max} 份，而要求 {copies} 份；请分批印制，每批用 --first 接着上一批的份号", max = MAX_COPIES)]
    TooManyCopies { copies: u32 },
    #[error("份号 {first} 至 {last} 超出六位数份号的范围（1 至 999999）")]
    OutOfRange { first: u32, last: u64 },
    #[error("这次印制共 {pages} 页，超过一次至多 {max} 页；请减少份数分批印制")]
    TooLarge { pages: u64, max: u64 },
    #[error("印制失败：{0}")]
    Source(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_must_hold_a_copy_and_fit_six_digits() {
        let n = |first, copies| Numbering { first, copies };
        assert!(matches!(n(1, 0).check(), Err(PressError::NoCopies)));
        assert!(n(1, 120).check().is_ok());
        assert!(n(999_990, 10).check().is_ok());
        assert!(matches!(
            n(999_990, 11).check(),
            Err(PressError::OutOfRange { .. })
        ));
        assert!(n(0, 1).check().is_err());
        assert!(n(1, MAX_COPIES).check().is_ok());
        assert!(matches!(
            n(1, MAX_COPIES + 1).check(),
            Err(PressError::TooManyCopies { .. })
        ));
        assert_eq!(n(1, 120).name(), "印制-000001-000120");
        assert_eq!(n(7, 3).numbers().collect::<Vec<_>>(), vec![7, 8, 9]);
    }
}
