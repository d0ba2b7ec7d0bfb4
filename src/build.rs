//! The pipeline end to end: an input file (facts YAML or report Markdown) to the requested
//! outputs. Everything is rendered in memory first and written only when every format has
//! succeeded, each file atomically, so bad input writes nothing.

use crate::compose::{Composer, ReportKind};
use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};
use crate::document::Document;
use crate::fonts::{FontError, FontOptions, FontSet};
use crate::output::{write_all_atomically, write_atomically, OutputError};
use crate::style::Face;
use crate::write::docx::DocxError;
use crate::write::pdf::PdfError;
use crate::write::print::{PrintError, PrintRun};
use crate::{check, facts, figures, markdown, write};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

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
    pub kind: ReportKind,
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

/// The finished outputs of one build, not yet written.
pub struct Rendered {
    pub stem: String,
    pub files: Vec<(Format, Vec<u8>)>,
    pub warnings: Diagnostics,
}

/// True when the input is a report's Markdown rather than a facts file.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Reads the input and produces the document model, with the warnings met on the way.
pub fn document(input: &Path, opts: &BuildOptions) -> Result<(Document, Diagnostics), BuildError> {
    prepare(input, opts).map(|(doc, warnings, _)| (doc, warnings))
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

/// The document model, the warnings, and the font files the facts file names.
type Prepared = (Document, Diagnostics, BTreeMap<Face, PathBuf>);

fn prepare(input: &Path, opts: &BuildOptions) -> Result<Prepared, BuildError> {
    if is_markdown(input) {
        let file = SourceFile::read(input)?;
        let doc = markdown::parse(&file)?;
        // The kind names the output file: only a kind the program knows, never a path.
        if let Some(kind) = &doc.meta.kind {
            if kind.parse::<ReportKind>().is_err() {
                let unknown = Diagnostic::error(
                    code::MARKDOWN_UNKNOWN_KIND,
                    format!("文种“{kind}”程序不认识，应为 annual（年度工作报告）"),
                )
                .in_field("文首信息.文种");
                return Err(match markdown::front_matter_span(&file, "文种") {
                    Some(span) => unknown.at(span),
                    None => unknown.in_file(file.name()),
                }
                .into());
            }
        }
        return Ok((doc, Diagnostics::new(), BTreeMap::new()));
    }
    let loaded = check::load(input)?;
    let figures = figures::compute(&loaded.facts, figures::Period::Year);
    let composer = Composer::new(opts.templates.as_deref())?;
    let source = composer.markdown(&loaded.facts, &figures, opts.kind)?;
    let composed = SourceFile::new(format!("<{}模板输出>", opts.kind.as_str()), source);
    let doc = markdown::parse(&composed)?;
    Ok((doc, loaded.warnings, loaded.fonts))
}

/// Renders every requested format in memory (in parallel: they share only the model).
pub fn render(input: &Path, opts: &BuildOptions) -> Result<Rendered, BuildError> {
    let (doc, warnings, named_fonts) = prepare(input, opts)?;
    let fonts = if opts.formats.contains(&Format::Pdf) {
        Some(FontSet::discover(&with_named_fonts(
            &opts.fonts,
            named_fonts,
        ))?)
    } else {
        None
    };
    let (files, more_warnings) = rayon_render(&doc, &opts.formats, fonts.as_ref())?;
    Ok(Rendered {
        stem: stem(&doc, opts.kind),
        files,
        warnings: warnings.into_iter().chain(more_warnings).collect(),
    })
}

/// The output files' common name: <year>-<kind>, e.g. 2024-annual.
fn stem(doc: &Document, kind: ReportKind) -> String {
    let year = doc
        .meta
        .year
        .map_or_else(|| "report".to_string(), |y| y.to_string());
    let kind = doc
        .meta
        .kind
        .clone()
        .unwrap_or_else(|| kind.as_str().to_string());
    format!("{year}-{kind}")
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

/// Builds and writes the outputs; returns the paths written.
pub fn build(input: &Path, opts: &BuildOptions) -> Result<(Vec<PathBuf>, Diagnostics), BuildError> {
    let rendered = render(input, opts)?;
    let files: Vec<(PathBuf, &[u8])> = rendered
        .files
        .iter()
        .map(|(format, bytes)| {
            let name = format!("{}.{}", rendered.stem, format.extension());
            (opts.out_dir.join(name), bytes.as_slice())
        })
        .collect();
    write_all_atomically(&files)?;
    Ok((
        files.into_iter().map(|(p, _)| p).collect(),
        rendered.warnings,
    ))
}

/// Makes a print run (`workreport print`): one PDF of numbered copies, written atomically as
/// `<out_dir>/<year>-<kind>-印制-<first>-<last>.pdf`; `opts.formats` is not used. Returns the
/// path written and the warnings.
pub fn print(
    input: &Path,
    opts: &BuildOptions,
    run: PrintRun,
) -> Result<(PathBuf, Diagnostics), BuildError> {
    run.check()?;
    let (doc, mut warnings, named_fonts) = prepare(input, opts)?;
    let fonts = FontSet::discover(&with_named_fonts(&opts.fonts, named_fonts))?;
    let (pdf, more_warnings) = write::print::render(&doc, &fonts, run)?;
    warnings.extend(more_warnings);
    let path = opts
        .out_dir
        .join(format!("{}-{}.pdf", stem(&doc, opts.kind), run.name()));
    write_atomically(&path, &pdf)?;
    Ok((path, warnings))
}
