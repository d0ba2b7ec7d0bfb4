//! The print writer: one PDF a clerk sends to the printer, holding numbered copies of a report
//! (印制), one for every delegate and invited attendee, copies K..K+N-1 in order.
//!
//! The report is laid out and written once, with a copy number ([`pdf::print_master`]). Every
//! copy then reuses that document's page content streams and resources: a copy's first page
//! shows a small stream of its own that prints its six-digit copy number (份号) with the digits
//! already in the document, before the shared first-page stream; its other pages are new page
//! objects over the same streams. So a copy costs a few hundred bytes, not a report. A copy
//! with an odd number of pages is followed by a blank page (no number, no content), so
//! double-sided copies never share a sheet.

use pdf_lopdf::content::{Content, Operation};
use pdf_lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

use crate::diag::Diagnostic;
use crate::document::Document;
use crate::fonts::FontSet;
use crate::style::{copy_number_text, MAX_COPY_NUMBER};
use crate::write::pdf::{self, CopyNumberStamp, PdfError, PrintMaster};

/// Which copies a print run holds: `copies` copies numbered from `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintRun {
    pub first: u32,
    pub copies: u32,
}

impl PrintRun {
    /// The number of the last copy.
    pub fn last(self) -> u64 {
        u64::from(self.first) + u64::from(self.copies) - 1
    }

    /// Whether every copy number fits six digits, from 000001, and there is a copy at all.
    pub fn check(self) -> Result<(), PrintError> {
        if self.copies == 0 {
            return Err(PrintError::NoCopies);
        }
        if self.first == 0 || self.last() > u64::from(MAX_COPY_NUMBER) {
            return Err(PrintError::OutOfRange {
                first: self.first,
                last: self.last(),
            });
        }
        Ok(())
    }

    /// The file name's part after the report's: 印制-000001-000120.
    pub fn name(self) -> String {
        format!(
            "印制-{}-{}",
            copy_number_text(self.first),
            copy_number_text(self.last() as u32)
        )
    }
}

/// Why a print run could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("印制份数须至少为 1")]
    NoCopies,
    #[error("份号 {first} 至 {last} 超出六位数份号的范围（1 至 999999）")]
    OutOfRange { first: u32, last: u64 },
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

/// Writes the print run of `doc` (a report without a copy number) as one PDF, with the
/// warnings of its layout.
pub fn render(
    doc: &Document,
    fonts: &FontSet,
    run: PrintRun,
) -> Result<(Vec<u8>, Vec<Diagnostic>), PrintError> {
    run.check()?;
    let mut numbered = doc.clone();
    numbered.meta.copy_number = Some(run.first);
    let PrintMaster {
        pdf: mut lo,
        stamp,
        warnings,
    } = pdf::print_master(&numbered, fonts)?;
    assemble(&mut lo, &stamp, run).map_err(|e| PrintError::Pdf(PdfError::Write(e)))?;
    Ok((pdf::save(&mut lo)?, warnings))
}

/// Turns the master (one copy, its first page without a number) into the whole run.
fn assemble(
    lo: &mut pdf_lopdf::Document,
    stamp: &CopyNumberStamp,
    run: PrintRun,
) -> Result<(), String> {
    let master: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let catalog = lo.catalog().map_err(|e| e.to_string())?;
    let tree = catalog
        .get(b"Pages")
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    // Each master page's resources become one object that every copy's page refers to.
    let mut templates: Vec<Dictionary> = Vec::with_capacity(master.len());
    for &id in &master {
        let mut page = lo.get_dictionary(id).map_err(|e| e.to_string())?.clone();
        if let Ok(Object::Dictionary(resources)) = page.get(b"Resources") {
            let shared = lo.add_object(resources.clone());
            page.set("Resources", Object::Reference(shared));
        }
        page.set("Parent", Object::Reference(tree));
        templates.push(page);
    }
    let first_resources = lo.add_object(first_page_resources(lo, &templates[0], stamp)?);
    let first_contents = contents_of(&templates[0]);

    let pages_a_copy = master.len() + master.len() % 2;
    let mut kids = Vec::with_capacity(pages_a_copy * run.copies as usize);
    for copy in 0..run.copies {
        let number = run.first + copy;
        let stamp_id = lo.add_object(Stream::new(
            Dictionary::new(),
            stamp_content(stamp, number)?,
        ));
        for (i, template) in templates.iter().enumerate() {
            let mut page = template.clone();
            if i == 0 {
                let contents = std::iter::once(Object::Reference(stamp_id))
                    .chain(first_contents.iter().cloned())
                    .collect();
                page.set("Contents", Object::Array(contents));
                page.set("Resources", Object::Reference(first_resources));
            }
            // The master's own page objects are the first copy's.
            let id = if copy == 0 {
                lo.objects.insert(master[i], Object::Dictionary(page));
                master[i]
            } else {
                lo.add_object(page)
            };
            kids.push(Object::Reference(id));
        }
        if master.len() % 2 == 1 {
            let mut blank = templates[0].clone();
            blank.remove(b"Contents");
            blank.set("Resources", Object::Dictionary(Dictionary::new()));
            kids.push(Object::Reference(lo.add_object(blank)));
        }
    }
    let count = kids.len() as i64;
    let tree = lo.get_dictionary_mut(tree).map_err(|e| e.to_string())?;
    tree.set("Kids", Object::Array(kids));
    tree.set("Count", Object::Integer(count));
    Ok(())
}

/// The first page's resources with the copy number's font among its fonts.
fn first_page_resources(
    lo: &pdf_lopdf::Document,
    page: &Dictionary,
    stamp: &CopyNumberStamp,
) -> Result<Dictionary, String> {
    let mut resources = match page.get(b"Resources") {
        Ok(Object::Reference(id)) => lo.get_dictionary(*id).map_err(|e| e.to_string())?.clone(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    let mut fonts = match resources.get(b"Font") {
        Ok(Object::Reference(id)) => lo.get_dictionary(*id).map_err(|e| e.to_string())?.clone(),
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    if !fonts.has(&stamp.font_name) {
        fonts.set(stamp.font_name.clone(), stamp.font.clone());
    }
    resources.set("Font", Object::Dictionary(fonts));
    Ok(resources)
}

/// A page's content streams, as entries of a /Contents array.
fn contents_of(page: &Dictionary) -> Vec<Object> {
    match page.get(b"Contents") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    }
}

/// The content stream that prints copy `number`: six digits at the copy number's place, in
/// a saved graphics state so the shared page content that follows starts as it always does.
fn stamp_content(stamp: &CopyNumberStamp, number: u32) -> Result<Vec<u8>, String> {
    let codes: Vec<u8> = copy_number_text(number)
        .bytes()
        .flat_map(|digit| stamp.digit_codes[usize::from(digit - b'0')])
        .collect();
    let op = |name: &str, operands: Vec<Object>| Operation::new(name, operands);
    Content {
        operations: vec![
            op("q", vec![]),
            op("BT", vec![]),
            op(
                "Tf",
                vec![
                    Object::Name(stamp.font_name.clone()),
                    Object::Real(stamp.size_pt),
                ],
            ),
            op(
                "Tm",
                vec![
                    1.into(),
                    0.into(),
                    0.into(),
                    1.into(),
                    Object::Real(stamp.x_pt),
                    Object::Real(stamp.y_pt),
                ],
            ),
            op("Tj", vec![Object::String(codes, StringFormat::Hexadecimal)]),
            op("ET", vec![]),
            op("Q", vec![]),
        ],
    }
    .encode()
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_must_hold_a_copy_and_fit_six_digits() {
        assert!(matches!(
            PrintRun {
                first: 1,
                copies: 0
            }
            .check(),
            Err(PrintError::NoCopies)
        ));
        assert!(PrintRun {
            first: 1,
            copies: 120
        }
        .check()
        .is_ok());
        assert!(PrintRun {
            first: 999_990,
            copies: 10
        }
        .check()
        .is_ok());
        assert!(matches!(
            PrintRun {
                first: 999_990,
                copies: 11
            }
            .check(),
            Err(PrintError::OutOfRange { .. })
        ));
        assert!(PrintRun {
            first: 0,
            copies: 1
        }
        .check()
        .is_err());
        assert_eq!(
            PrintRun {
                first: 1,
                copies: 120
            }
            .name(),
            "印制-000001-000120"
        );
    }
}
