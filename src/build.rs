//! The pipeline end to end: an input file (facts YAML or report Markdown) to the requested
//! outputs. Everything is rendered in memory first and written only when every format has
//! succeeded, each file atomically, so bad input writes nothing.

use crate::check::{self, Gate};
use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};
use crate::document::Document;
use crate::fonts::{FontError, FontOptions, FontSet};
use crate::kinds::{self, Selection};
use crate::output::{write_all_atomically, write_atomically, OutputError};
use crate::style::Face;
use crate::write::docx::DocxError;
use crate::write::pdf::PdfError;
use crate::write::print::{PrintError, PrintRun};
use crate::{facts, markdown, write};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Docx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Docx, Format::Pdf];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "docx" | "word" => Ok(Format::Docx),
            "pdf" => Ok(Format::Pdf),
            other => Err(format!("不支持的输出格式“{other}”，可选：md、docx、pdf")),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// What `workreport build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The kind of document, or every kind the facts file can feed (`--kind all`).
    pub kind: Selection,
    pub formats: Vec<Format>,
    pub out_dir: PathBuf,
    pub templates: Option<PathBuf>,
    pub fonts: FontOptions,
}

/// Why a build failed: the input (every finding, rendered by the caller) or the machine.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The input cannot be built: every finding, errors and warnings (exit status 1).
    #[error("{0}")]
    Invalid(Diagnostics),
    /// An output could not be written (exit status 3).
    #[error(transparent)]
    Output(#[from] OutputError),
}

impl From<Diagnostics> for BuildError {
    fn from(d: Diagnostics) -> BuildError {
        BuildError::Invalid(d)
    }
}

impl From<Diagnostic> for BuildError {
    fn from(d: Diagnostic) -> BuildError {
        BuildError::Invalid(d.into())
    }
}

impl From<FontError> for BuildError {
    fn from(e: FontError) -> BuildError {
        Diagnostic::from(e).into()
    }
}

impl From<DocxError> for BuildError {
    fn from(e: DocxError) -> BuildError {
        Diagnostic::error(code::DOCX_WRITE_FAILED, e.to_string()).into()
    }
}

impl From<PdfError> for BuildError {
    fn from(e: PdfError) -> BuildError {
        match e {
            PdfError::Layout(e) => Diagnostic::from(e).into(),
            PdfError::Font(e) => e.into(),
            PdfError::Write(_) => Diagnostic::error(code::PDF_WRITE_FAILED, e.to_string()).into(),
        }
    }
}

impl From<PrintError> for BuildError {
    fn from(e: PrintError) -> BuildError {
        match e {
            PrintError::Pdf(e) => e.into(),
            PrintError::NoCopies | PrintError::OutOfRange { .. } => {
                Diagnostic::error(code::PRINT_BAD_RUN, e.to_string()).into()
            }
        }
    }
}

/// The finished outputs of one document, not yet written.
pub struct Rendered {
    /// The files' common name, `<year>-<kind>`: 2024-annual, 2025-plan.
    pub stem: String,
    pub files: Vec<(Format, Vec<u8>)>,
    pub warnings: Diagnostics,
}

/// True when the input is a report's Markdown rather than a facts file.
pub use crate::check::is_markdown;

/// Reads the input and produces the document model of the one kind selected, with the
/// warnings met on the way.
pub fn document(input: &Path, opts: &BuildOptions) -> Result<(Document, Diagnostics), BuildError> {
    let (doc, warnings, _) = prepare_one(input, opts)?;
    Ok((doc.doc, warnings))
}

/// The font options of a build: `opts.fonts` with the font files the facts file names (字体)
/// added; a file named in `opts.fonts.overrides` wins over the facts file's.
pub fn font_options(input: &Path, opts: &BuildOptions) -> Result<FontOptions, BuildError> {
    let named = if is_markdown(input) {
        BTreeMap::new()
    } else {
        facts::load(input)?.fonts
    };
    Ok(with_named_fonts(&opts.fonts, named))
}

fn with_named_fonts(fonts: &FontOptions, named: BTreeMap<Face, PathBuf>) -> FontOptions {
    let mut fonts = fonts.clone();
    for (face, path) in named {
        fonts.overrides.entry(face).or_insert(path);
    }
    fonts
}

/// One document made from the input, and the name its files take.
struct Made {
    doc: Document,
    stem: String,
    /// The report's Markdown when the input is one: findings of later stages point into it.
    source: Option<Arc<SourceFile>>,
}

/// The documents an input makes (one per kind selected that the facts feed), the warnings
/// (a kind skipped by `--kind all` among them), the font files the facts file names, and the
/// proofreader's errors a draft skipped.
type Prepared = (Vec<Made>, Diagnostics, BTreeMap<Face, PathBuf>, Diagnostics);

fn prepare(input: &Path, opts: &BuildOptions, gate: Gate) -> Result<Prepared, BuildError> {
    if is_markdown(input) {
        let (made, warnings, skipped) = from_markdown(input, opts.kind, gate)?;
        return Ok((vec![made], warnings, BTreeMap::new(), skipped));
    }
    let (loaded, skipped) = check::load_gated(input, gate)?;
    let composer = kinds::composer(opts.templates.as_deref())?;
    let (fed, notes) = kinds::fed(opts.kind, &loaded);
    if notes.has_errors() {
        return Err(notes.into());
    }
    let mut made = Vec::new();
    for kind in fed {
        let source = kinds::compose(kind, &composer, &loaded)?;
        let composed = SourceFile::new(format!("<{}模板输出>", kind.id()), source);
        made.push(Made {
            doc: markdown::parse(&composed)?,
            stem: kinds::stem(kind, loaded.facts.year.0),
            source: None,
        });
    }
    let mut warnings = loaded.warnings;
    warnings.extend(notes);
    Ok((made, warnings, loaded.fonts, skipped))
}

/// The one document of a single kind (print, and the library's [`document`] and [`render`]).
fn prepare_one(
    input: &Path,
    opts: &BuildOptions,
) -> Result<(Made, Diagnostics, BTreeMap<Face, PathBuf>), BuildError> {
    if opts.kind == Selection::All && !is_markdown(input) {
        return Err(Diagnostic::error(
            code::KIND_NOT_ONE,
            format!(
                "此处只能生成一种文种，请用 --kind 指定其中一种：{}",
                kinds::names_for_people()
            ),
        )
        .into());
    }
    let (mut made, warnings, fonts, _) = prepare(input, opts, Gate::Stop)?;
    Ok((made.remove(0), warnings, fonts))
}

/// A report's Markdown, proofread behind `gate` ([`check::report`]): its kind is its 文种 (an
/// unknown one refused at its place), else the one selected.
fn from_markdown(
    input: &Path,
    selected: Selection,
    gate: Gate,
) -> Result<(Made, Diagnostics, Diagnostics), BuildError> {
    let file = SourceFile::read(input)?;
    let doc = markdown::parse(&file)?;
    if doc.meta.kind.is_none() && selected == Selection::All {
        return Err(Diagnostic::error(
            code::KIND_NOT_ONE,
            format!(
                "报告的文首信息没有写文种，--kind all 无从判断；请在文首信息写“文种: annual”之类，或用 --kind 指定一种：{}",
                kinds::names_for_people()
            ),
        )
        .in_file(file.name())
        .into());
    }
    let kind = check::report_kind(&file, &doc, selected)?;
    let (warnings, skipped) = check::gate_report(check::report::check(&file, &doc, kind), gate)?;
    let year = doc
        .meta
        .year
        .map_or_else(|| "report".to_string(), |y| y.to_string());
    let stem = format!("{year}-{}", kind.id());
    let source = Some(file);
    Ok((Made { doc, stem, source }, warnings, skipped))
}

/// Renders every requested format of the one kind selected, in memory.
pub fn render(input: &Path, opts: &BuildOptions) -> Result<Rendered, BuildError> {
    let (made, warnings, named_fonts) = prepare_one(input, opts)?;
    let mut set = render_made(vec![made], warnings, named_fonts, opts)?;
    let mut one = set.documents.remove(0);
    one.warnings = set.warnings;
    Ok(one)
}

/// Every document of a build, rendered, with the warnings of all of them.
pub struct RenderedSet {
    pub documents: Vec<Rendered>,
    pub warnings: Diagnostics,
}

/// Renders every requested format of every kind selected that the facts feed, in memory.
pub fn render_set(input: &Path, opts: &BuildOptions) -> Result<RenderedSet, BuildError> {
    let (made, warnings, named_fonts, _) = prepare(input, opts, Gate::Stop)?;
    render_made(made, warnings, named_fonts, opts)
}

fn render_made(
    made: Vec<Made>,
    mut warnings: Diagnostics,
    named_fonts: BTreeMap<Face, PathBuf>,
    opts: &BuildOptions,
) -> Result<RenderedSet, BuildError> {
    let fonts = if opts.formats.contains(&Format::Pdf) {
        Some(FontSet::discover(&with_named_fonts(
            &opts.fonts,
            named_fonts,
        ))?)
    } else {
        None
    };
    let mut documents = Vec::new();
    for Made { doc, stem, source } in made {
        let (files, more_warnings) = rayon_render(&doc, &opts.formats, fonts.as_ref())
            .map_err(|e| locate_in_source(e, &doc, source.as_ref()))?;
        warnings.extend(more_warnings);
        documents.push(Rendered {
            stem,
            files,
            warnings: Diagnostics::new(),
        });
    }
    Ok(RenderedSet {
        documents,
        warnings,
    })
}

/// A character no font has, in a report read from Markdown, is pointed at in its file
/// (REPORT.md:line:column): the first place it stands as the page prints it, the title block's
/// front matter first, then the body through the origins of its spans.
fn locate_in_source(e: BuildError, doc: &Document, source: Option<&Arc<SourceFile>>) -> BuildError {
    let (BuildError::Invalid(findings), Some(file)) = (&e, source) else {
        return e;
    };
    let located = findings
        .iter()
        .cloned()
        .map(|d| {
            if d.code != code::LAYOUT_MISSING_GLYPH || d.span.is_some() {
                return d;
            }
            // The message names the character by its code point (U+E000).
            let code = d.message.split("U+").nth(1).and_then(|s| {
                let hex: String = s.chars().take_while(char::is_ascii_hexdigit).collect();
                u32::from_str_radix(&hex, 16).ok()
            });
            let Some(ch) = code.and_then(char::from_u32) else {
                return d;
            };
            let m = &doc.meta;
            let in_title_block = [
                &m.session_mark,
                &m.draft_mark,
                &Some(m.title.clone()),
                &m.subtitle,
                &m.speaker,
                &m.date_line,
                &m.salutation,
            ]
            .into_iter()
            .flatten()
            .any(|t| t.contains(ch));
            let at = if in_title_block {
                file.text().find(ch)
            } else {
                doc.spans().into_iter().find_map(|s| {
                    let i = s.text.find(ch)?;
                    let at = s.origin.source_offset(i)?;
                    file.text()[at..].starts_with(ch).then_some(at)
                })
            };
            match at {
                Some(at) => d.at(file.span(at..at + ch.len_utf8())),
                None => d,
            }
        })
        .collect();
    BuildError::Invalid(located)
}

/// The rendered files, and what the user must hear about (e.g. characters left blank under
/// `--allow-missing-glyphs`).
type RenderedFiles = (Vec<(Format, Vec<u8>)>, Vec<Diagnostic>);

fn rayon_render(
    doc: &Document,
    formats: &[Format],
    fonts: Option<&FontSet>,
) -> Result<RenderedFiles, BuildError> {
    use rayon::prelude::*;
    let results: Vec<(Format, Vec<u8>, Vec<Diagnostic>)> = formats
        .par_iter()
        .map(|&format| {
            Ok(match format {
                Format::Markdown => (format, write::markdown::render(doc).into_bytes(), vec![]),
                Format::Docx => (format, write::docx::render(doc)?, vec![]),
                Format::Pdf => {
                    let fonts = fonts.expect("fonts loaded for PDF");
                    let (pdf, warnings) = write::pdf::render_with_warnings(doc, fonts)?;
                    (format, pdf, warnings)
                }
            })
        })
        .collect::<Result<_, BuildError>>()?;
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for (format, bytes, w) in results {
        files.push((format, bytes));
        warnings.extend(w);
    }
    Ok((files, warnings))
}

/// Builds and writes the outputs of every kind selected, all of them as one set (every file
/// or none); returns the paths written and the warnings (with the kinds `--kind all` left out
/// and why).
pub fn build(input: &Path, opts: &BuildOptions) -> Result<(Vec<PathBuf>, Diagnostics), BuildError> {
    let (made, warnings, named_fonts, _) = prepare(input, opts, Gate::Stop)?;
    write_set(render_made(made, warnings, named_fonts, opts)?, opts)
}

/// [`build`] of a draft (`build --draft`): the proofreader's errors do not stop it; returns
/// them (the third value) besides the paths written and the warnings. What no document can be
/// made without (a report that does not parse, a `{figure}` that names nothing) still stops it.
pub fn build_draft(
    input: &Path,
    opts: &BuildOptions,
) -> Result<(Vec<PathBuf>, Diagnostics, Diagnostics), BuildError> {
    let (made, warnings, named_fonts, skipped) = prepare(input, opts, Gate::Draft)?;
    let (written, warnings) = write_set(render_made(made, warnings, named_fonts, opts)?, opts)?;
    Ok((written, warnings, skipped))
}

/// Writes every file of `set` as one (every file or none).
fn write_set(
    set: RenderedSet,
    opts: &BuildOptions,
) -> Result<(Vec<PathBuf>, Diagnostics), BuildError> {
    let files: Vec<(PathBuf, &[u8])> = set
        .documents
        .iter()
        .flat_map(|doc| {
            doc.files.iter().map(|(format, bytes)| {
                let name = format!("{}.{}", doc.stem, format.extension());
                (opts.out_dir.join(name), bytes.as_slice())
            })
        })
        .collect();
    write_all_atomically(&files)?;
    Ok((files.into_iter().map(|(p, _)| p).collect(), set.warnings))
}

/// Makes a print run (`workreport print`) of the one kind selected: one PDF of numbered
/// copies, written atomically as `<out_dir>/<year>-<kind>-印制-<first>-<last>.pdf`;
/// `opts.formats` is not used. Returns the path written and the warnings.
pub fn print(
    input: &Path,
    opts: &BuildOptions,
    run: PrintRun,
) -> Result<(PathBuf, Diagnostics), BuildError> {
    run.check()?;
    let (made, mut warnings, named_fonts) = prepare_one(input, opts)?;
    let fonts = FontSet::discover(&with_named_fonts(&opts.fonts, named_fonts))?;
    let (pdf, more_warnings) = write::print::render(&made.doc, &fonts, run)?;
    warnings.extend(more_warnings);
    let path = opts
        .out_dir
        .join(format!("{}-{}.pdf", made.stem, run.name()));
    write_atomically(&path, &pdf)?;
    Ok((path, warnings))
}
