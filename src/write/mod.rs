//! The writers: one per output format. DOCX and PDF print the realized flow
//! ([`crate::realize`]), so they decide nothing apart; the Markdown writer writes the model back
//! as its editable source. What the print room does with a finished PDF (numbered copies, marks,
//! booklets) is [`crate::press`].

pub mod docx;
pub mod markdown;
pub mod pdf;
