//! workreport: the work reports of a township people's congress presidium (镇人大主席团工作报告),
//! from one facts file a year to Markdown, DOCX and PDF.
//!
//! Data flows one way, one module a stage:
//!
//! ```text
//! facts  ──▶ figures ──▶ compose ──▶ markdown ──▶ document ──▶ write::{markdown, docx, pdf}
//! (YAML)     (counts)    (tera)      (source)     (model)        └─ pdf on layout + fonts
//! ```
//!
//! - [`facts`] reads and checks a year's facts file, with diagnostics that point at file:line:col;
//! - [`figures`] counts and sums the records, so every figure is typed once;
//! - [`compose`] fills the tera templates into a report's Markdown;
//! - [`markdown`] parses Markdown (composed or edited by hand) into the [`document`] model;
//! - [`write`] holds one writer per format, each seeing only the model; the PDF writer sets
//!   pages with [`layout`] (line breaking, pagination) and [`fonts`] (discovery and metrics);
//! - [`style`] and [`geometry`] are layout.md's tables, shared by every writer;
//! - [`input`] reads every input file (regular files only, with a size cap), [`guard`] turns a
//!   panic of a third-party decoder into an error, and [`output`] writes a build's files as one
//!   set, so a failed or killed run never leaves half a file or a mixed set.

pub mod build;
pub mod compose;
pub mod document;
pub mod facts;
pub mod figures;
pub mod fonts;
pub mod geometry;
pub mod guard;
pub mod input;
pub mod layout;
pub mod markdown;
pub mod output;
pub mod style;
pub mod write;
