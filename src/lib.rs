//! workreport: the work reports of a township people's congress presidium (镇人大主席团工作报告),
//! from one facts file a year to Markdown, DOCX and PDF.
//!
//! Data flows one way, one module a stage:
//!
//! ```text
//! facts  ──▶ figures ──▶ compose ──▶ markdown ──▶ document ──▶ realize ──▶ flow ──▶ write::{docx, pdf}
//! (YAML)     (counts)    (tera)      (source)     (model)                        └─ pdf on layout + fonts
//! ```
//!
//! - [`facts`] reads and checks a year's facts file, with diagnostics that point at file:line:col;
//! - [`diag`] is the one diagnostic type every stage returns, rendered only by the CLI (miette for
//!   people, JSON for tools);
//! - [`figures`] counts and sums the records, so every figure is typed once;
//! - [`compose`] fills the tera templates into a report's Markdown;
//! - [`markdown`] parses Markdown (composed or edited by hand) into the [`document`] model;
//! - [`realize`] turns the model into the [`flow`] of styled paragraphs and tables that the
//!   DOCX writer and the PDF layout both print, so the two decide nothing apart;
//! - [`write`] holds one writer per format; the PDF writer sets pages with [`layout`] (line
//!   breaking, pagination) and [`fonts`] (discovery and metrics); the Markdown writer writes the
//!   model back as source;
//! - [`style`] and [`geometry`] are layout.md's tables, shared by every writer;
//! - [`text`] decides once what a character is (ideograph, CJK punctuation, wide …) for all of them;
//! - [`input`] reads every input file (regular files only, with a size cap), [`guard`] turns a
//!   panic of a third-party decoder into an error, and [`output`] writes a build's files as one
//!   set, so a failed or killed run never leaves half a file or a mixed set.

pub mod build;
pub mod compose;
pub mod diag;
pub mod document;
pub mod facts;
pub mod figures;
pub mod flow;
pub mod fonts;
pub mod geometry;
pub mod guard;
pub mod input;
pub mod layout;
pub mod markdown;
pub mod output;
pub mod realize;
pub mod style;
pub mod text;
pub mod write;
