//! The writers: one per output format, each consuming only the document model.

pub mod docx;
pub mod markdown;
pub mod pdf;
pub mod print;
