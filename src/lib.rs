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
//! - [`press`] is the print room: PDF → PDF steps on the finished report (numbered copies,
//!   stamps, watermarks, booklets, the copy register), so nothing before it knows of copies;
//! - [`style`] and [`geometry`] are layout.md's tables, shared by every writer;
//! - [`text`] decides once what a character is (ideograph, CJK punctuation, wide …) for all of them;
//! - [`output`] writes files atomically, so a failed run leaves nothing half-written.

pub mod build;
pub mod compose;
pub mod diag;
pub mod document;
pub mod facts;
pub mod figures;
pub mod flow;
pub mod fonts;
pub mod geometry;
pub mod layout;
pub mod markdown;
pub mod output;
pub mod press;
pub mod realize;
pub mod style;
pub mod text;
pub mod write;
