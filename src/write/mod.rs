//! The writers: one per output format. DOCX and PDF print the realized flow
//! ([`crate::realize`]), so they decide nothing apart; the Markdown writer writes the model back
//! as its editable source; the print writer makes numbered copies of the PDF.

pub mod docx;
pub mod markdown;
pub mod pdf;
pub mod print;
