//! Page layout for the PDF: line breaking and pagination on the GB/T 9704 grid, kept apart from
//! PDF export so it can be tested on its own.
//!
//! [`lay_out`] turns a document into [`Pages`] of positioned glyphs; `write::pdf` writes them.

pub mod linebreak;
pub mod page;
pub mod title;

pub use page::{
    lay_out, CopyNumberLine, GlyphRun, LayoutError, OutlineEntry, Page, Pages, PlacedGlyph,
};
