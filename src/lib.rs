//! workreport: the work reports of a township people's congress presidium (镇人大主席团工作报告),
//! from one facts file a year to Markdown, DOCX and PDF.
//!
//! Data flows one way, one module a stage:
//!
//! ```text
//! facts ──▶ check ──▶ kinds ──▶ compose ──▶ markdown ──▶ document ──▶ realize ──▶ flow ──▶ write::{docx, pdf}
//! (YAML)    (rules)   (view,      (tera)      (source)     (model)                        └─ pdf on layout + fonts
//!                      figures of
//!                      its period)
//! ```
//!
//! - [`facts`] reads a year's facts file and checks its shape, with diagnostics that point at
//!   file:line:col; [`check`] then checks what needs figures and proofreads the narrative;
//! - [`diag`] is the one diagnostic type every stage returns, rendered only by the CLI (miette for
//!   people, JSON for tools);
//! - [`figures`] counts and sums the records over a period (the year, a half), so every figure
//!   is typed once;
//! - [`kinds`] holds one file per kind of document (annual report, half-year report, work plan,
//!   summary and plan, resolution): its names, period, needs, template and view of the facts;
//! - [`compose`] is the tera engine that fills a kind's template into its Markdown;
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
//! - [`import`] reads a report written in Word or WPS (.docx) into the model, for its Markdown;
//! - [`input`] reads every input file (regular files only, with a size cap), [`guard`] turns a
//!   panic of a third-party decoder into an error, and [`output`] writes a run's files as one
//!   set, so a failed or killed run never leaves half a file or a mixed set.

pub mod build;
pub mod check;
pub mod compose;
pub mod diag;
pub mod document;
pub mod facts;
pub mod figures;
pub mod flow;
pub mod fonts;
pub mod geometry;
pub mod guard;
pub mod import;
pub mod input;
pub mod kinds;
pub mod layout;
pub mod markdown;
pub mod numbering;
pub mod output;
pub mod press;
pub mod realize;
pub mod style;
pub mod text;
pub mod write;
