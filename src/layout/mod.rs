//! Page layout for the PDF: line breaking and pagination on the GB/T 9704 grid, kept apart from
//! PDF export so it can be tested on its own.
//!
//! [`lay_out`] sets a realized report ([`crate::flow::Flow`]) as [`Pages`] of positioned glyphs
//! and rules; `write::pdf` writes them. [`title`] and [`linebreak`] hold the line-breaking rules
//! that [`crate::realize`] also uses to balance a title.

pub mod fallback;
pub mod linebreak;
pub mod page;
pub mod title;

pub use page::{
    baseline_pt, glyph_check, lay_out, lay_out_with, set_text, GlyphIssue, GlyphRun, LayoutError,
    LayoutOptions, OutlineEntry, Page, Pages, PlacedGlyph, Rule, SetText,
};
