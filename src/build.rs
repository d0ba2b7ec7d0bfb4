//! The pipeline end to end: an input file (facts YAML or report Markdown) to the requested
//! outputs. Everything is rendered in memory first and written only when every format has
//! succeeded, as one set ([`crate::output::write_set`]), so bad input writes nothing, and no
//! output is ever written over one of the files the build read.

use crate::compose::{Composer, ReportKind};
use crate::diag::{code, Diagnostic, Diagnostics, Place, SourceFile};
use crate::document::Document;
use crate::fonts::{FontError, FontOptions, FontSet};
use crate::input::InputKind;
use crate::layout::title;
use crate::output::{write_set, OutputError, WritePolicy};
use crate::style::{Face, TITLE_MAX_CHARS};
use crate::write::docx::DocxError;
use crate::write::pdf::PdfError;
use crate::write::print::{PrintError, PrintRun};
use crate::{facts, figures, markdown, write};
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
    pub kind: ReportKind,
    pub formats: Vec<Format>,
    pub out_dir: PathBuf,
    pub templates: Option<PathBuf>,
    pub fonts: FontOptions,
}

/// Why a build failed: the input (every finding, rendered by the caller) or the machine.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The input cannot be built, or an output would be written over a file that must not be
    /// (an input, the clerk's own file): every finding, errors and warnings (exit status 1).
    #[error("{0}")]
    Invalid(Diagnostics),
    /// An output could not be written (exit status 3).
    #[error(transparent)]
    Output(OutputError),
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

/// A refusal to write over a file is the clerk's to decide on, said as a finding; anything
/// else is the machine's failure.
impl From<OutputError> for BuildError {
    fn from(e: OutputError) -> BuildError {
        match e.refusal() {
            Some(d) => d.into(),
            None => BuildError::Output(e),
        }
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

/// The formats built when none are asked for: all of them from a facts file; from a report's
/// Markdown only DOCX and PDF, since the Markdown is the clerk's source.
pub fn default_formats(input: &Path) -> Vec<Format> {
    if is_markdown(input) {
        vec![Format::Docx, Format::Pdf]
    } else {
        Format::ALL.to_vec()
    }
}

/// True when the input is a report's Markdown rather than a facts file.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Reads the input and produces the document model, with the warnings met on the way (what
/// `check` reports). On failure, every finding: the errors and the warnings found before them.
pub fn document(input: &Path, opts: &BuildOptions) -> Result<(Document, Diagnostics), Diagnostics> {
    prepare(input, opts).map(|p| (p.doc, p.warnings))
}

/// The font options of a build: `opts.fonts` with the font files the facts file names (字体)
/// added; a file named in `opts.fonts.overrides` wins over the facts file's.
pub fn font_options(input: &Path, opts: &BuildOptions) -> Result<FontOptions, BuildError> {
    let named = if is_markdown(input) {
        NamedFonts::default()
    } else {
        let loaded = facts::load(input)?;
        NamedFonts {
            files: loaded.fonts,
            places: loaded.font_places,
        }
    };
    Ok(with_named_fonts(&opts.fonts, named))
}

/// The font files a facts file names (字体), and where it names them.
#[derive(Default)]
struct NamedFonts {
    files: BTreeMap<Face, PathBuf>,
    places: BTreeMap<Face, Place>,
}

fn with_named_fonts(fonts: &FontOptions, named: NamedFonts) -> FontOptions {
    let mut fonts = fonts.clone();
    for (face, path) in named.files {
        if let std::collections::btree_map::Entry::Vacant(slot) = fonts.overrides.entry(face) {
            slot.insert(path);
            if let Some(place) = named.places.get(&face) {
                fonts.override_places.insert(face, place.clone());
            }
        }
    }
    fonts
}

/// An input read into the document model.
struct Prepared {
    doc: Document,
    warnings: Diagnostics,
    fonts: NamedFonts,
    /// The files read (the input, the clerk's templates): no output may be one of them.
    inputs: Vec<PathBuf>,
}

fn prepare(input: &Path, opts: &BuildOptions) -> Result<Prepared, Diagnostics> {
    let (mut prepared, report) = compose_document(input, opts)?;
    prepared
        .warnings
        .extend(title_warning(input, report.as_ref(), &prepared.doc));
    Ok(prepared)
}

/// A title set in more lines than a title should have (see [`title::lines_over_limit`]): at
/// the 标题 of a report's front matter (`report`), else about the facts file it was composed
/// from.
fn title_warning(
    input: &Path,
    report: Option<&Arc<SourceFile>>,
    doc: &Document,
) -> Option<Diagnostic> {
    let title_text = &doc.meta.title;
    let lines = title::lines_over_limit(title_text, TITLE_MAX_CHARS)?;
    let shown: String = title_text.chars().take(24).collect();
    let more = if title_text.chars().count() > 24 {
        "……"
    } else {
        ""
    };
    let warning = Diagnostic::warning(
        code::LAYOUT_TITLE_TOO_LONG,
        format!(
            "标题“{shown}{more}”要排成 {lines} 行（每行至多 {TITLE_MAX_CHARS} 字），超过 {} 行的标题不便排版和阅读",
            title::MAX_WELL_SET_LINES
        ),
    )
    .with_help("应压缩标题，如把会议名称、时间移入副标题");
    Some(
        match report.and_then(|file| markdown::front_matter_span(file, "标题")) {
            Some(span) => warning.at(span).in_field("文首信息.标题"),
            None => warning.in_file(input.display().to_string()),
        },
    )
}

/// The document of `input`, and the report's Markdown source when the input is one.
fn compose_document(
    input: &Path,
    opts: &BuildOptions,
) -> Result<(Prepared, Option<Arc<SourceFile>>), Diagnostics> {
    if is_markdown(input) {
        let file = SourceFile::read(input, InputKind::Report)?;
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
        let prepared = Prepared {
            doc,
            warnings: Diagnostics::new(),
            fonts: NamedFonts::default(),
            inputs: vec![input.to_path_buf()],
        };
        return Ok((prepared, Some(file)));
    }
    let loaded = facts::load(input)?;
    let figures = figures::compute(&loaded.facts);
    let composed = Composer::new(opts.templates.as_deref()).and_then(|composer| {
        let source = composer.markdown(&loaded.facts, &figures, opts.kind)?;
        let composed = SourceFile::new(format!("<{}模板输出>", opts.kind.as_str()), source);
        Ok((markdown::parse(&composed)?, composer))
    });
    // The facts file's warnings are said with a template's errors too.
    let mut warnings = loaded.warnings;
    let (doc, composer) = match composed {
        Ok(composed) => composed,
        Err(errors) => {
            warnings.extend(errors);
            return Err(warnings);
        }
    };
    let inputs = std::iter::once(input.to_path_buf())
        .chain(composer.files().iter().cloned())
        .collect();
    let prepared = Prepared {
        doc,
        warnings,
        fonts: NamedFonts {
            files: loaded.fonts,
            places: loaded.font_places,
        },
        inputs,
    };
    Ok((prepared, None))
}

/// Renders every requested format in memory (in parallel: they share only the model).
pub fn render(input: &Path, opts: &BuildOptions) -> Result<Rendered, BuildError> {
    render_with_inputs(input, opts).map(|(rendered, _)| rendered)
}

/// [`render`], and every file the build read (the input, templates, font files).
fn render_with_inputs(
    input: &Path,
    opts: &BuildOptions,
) -> Result<(Rendered, Vec<PathBuf>), BuildError> {
    let Prepared {
        doc,
        warnings,
        fonts: named_fonts,
        mut inputs,
    } = prepare(input, opts)?;
    let fonts = if opts.formats.contains(&Format::Pdf) {
        let fonts = FontSet::discover(&with_named_fonts(&opts.fonts, named_fonts))?;
        inputs.extend(fonts.paths());
        Some(fonts)
    } else {
        None
    };
    let (files, more_warnings) = rayon_render(&doc, &opts.formats, fonts.as_ref())?;
    let rendered = Rendered {
        stem: stem(input, &doc, opts.kind),
        files,
        warnings: warnings.into_iter().chain(more_warnings).collect(),
    };
    Ok((rendered, inputs))
}

/// The output files' common name: a facts build is named after its document, <year>-<kind>
/// (2024-annual); a report's Markdown names its outputs after itself (报告.md → 报告.docx), so
/// two hand-made reports of one year never overwrite each other.
fn stem(input: &Path, doc: &Document, kind: ReportKind) -> String {
    if is_markdown(input) {
        if let Some(own) = input.file_stem().and_then(|s| s.to_str()) {
            return own.to_string();
        }
    }
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

/// Builds and writes the outputs as one set; returns the paths written and the warnings.
pub fn build(
    input: &Path,
    opts: &BuildOptions,
    policy: &WritePolicy,
) -> Result<(Vec<PathBuf>, Diagnostics), BuildError> {
    let (rendered, inputs) = render_with_inputs(input, opts)?;
    let files: Vec<(String, &[u8])> = rendered
        .files
        .iter()
        .map(|(format, bytes)| {
            let name = format!("{}.{}", rendered.stem, format.extension());
            (name, bytes.as_slice())
        })
        .collect();
    let written = write_set(&opts.out_dir, &files, &inputs, policy)?;
    Ok((written, rendered.warnings))
}

/// Makes a print run (`workreport print`): one PDF of numbered copies, written as
/// `<out_dir>/<name>-印制-<first>-<last>.pdf` (the name as [`build`] names its outputs);
/// `opts.formats` is not used. Returns the path written and the warnings.
pub fn print(
    input: &Path,
    opts: &BuildOptions,
    run: PrintRun,
    policy: &WritePolicy,
) -> Result<(PathBuf, Diagnostics), BuildError> {
    run.check()?;
    let Prepared {
        doc,
        mut warnings,
        fonts: named_fonts,
        mut inputs,
    } = prepare(input, opts)?;
    let fonts = FontSet::discover(&with_named_fonts(&opts.fonts, named_fonts))?;
    inputs.extend(fonts.paths());
    let (pdf, more_warnings) = write::print::render(&doc, &fonts, run)?;
    warnings.extend(more_warnings);
    let name = format!("{}-{}.pdf", stem(input, &doc, opts.kind), run.name());
    let written = write_set(&opts.out_dir, &[(name, pdf.as_slice())], &inputs, policy)?;
    Ok((written.into_iter().next().expect("one file"), warnings))
}
