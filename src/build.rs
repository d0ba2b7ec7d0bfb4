//! The pipeline end to end: an input file (facts YAML or report Markdown) to the requested
//! outputs. Everything is rendered in memory first and written only when every format has
//! succeeded, each file atomically, so bad input writes nothing.

use crate::compose::{Composer, ReportKind};
use crate::document::Document;
use crate::fonts::{FontOptions, FontSet};
use crate::output::{write_all_atomically, write_atomically};
use crate::style::Face;
use crate::write::print::PrintRun;
use crate::{facts, figures, markdown, write};
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

/// Any failure of a build, by stage. Facts errors carry their own source-code diagnostics;
/// the others are one located line.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BuildError {
    #[error("无法读取 {path}：{source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    #[diagnostic(transparent)]
    Facts(#[from] facts::FactsError),
    #[error(transparent)]
    Compose(#[from] crate::compose::ComposeError),
    // Not a #[source]: the message already says all of it, and miette would print it twice.
    #[error("{path}:{error}")]
    Markdown {
        path: PathBuf,
        error: markdown::MarkdownError,
    },
    #[error("{path}: 文首信息“文种”为“{kind}”，程序不认识；应为 annual（年度工作报告）")]
    UnknownKind { path: PathBuf, kind: String },
    #[error(transparent)]
    Fonts(#[from] crate::fonts::FontError),
    #[error(transparent)]
    Docx(#[from] write::docx::DocxError),
    #[error(transparent)]
    Pdf(#[from] write::pdf::PdfError),
    #[error(transparent)]
    Print(#[from] write::print::PrintError),
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

impl BuildError {
    /// Bad input (exit status 1) as opposed to a failure of the machine.
    pub fn is_input_error(&self) -> bool {
        !matches!(self, BuildError::Output(_))
    }
}

/// The finished outputs of one build, not yet written.
pub struct Rendered {
    pub stem: String,
    pub files: Vec<(Format, Vec<u8>)>,
    pub warnings: Vec<String>,
}

/// True when the input is a report's Markdown rather than a facts file.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Reads the input and produces the document model, with the warnings met on the way.
pub fn document(input: &Path, opts: &BuildOptions) -> Result<(Document, Vec<String>), BuildError> {
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
type Prepared = (Document, Vec<String>, BTreeMap<Face, PathBuf>);

fn prepare(input: &Path, opts: &BuildOptions) -> Result<Prepared, BuildError> {
    if is_markdown(input) {
        let bytes = std::fs::read(input).map_err(|source| BuildError::Read {
            path: input.to_path_buf(),
            source,
        })?;
        let text = facts::decode(&bytes, &input.display().to_string())?;
        let doc = markdown::parse(&text).map_err(|error| BuildError::Markdown {
            path: input.to_path_buf(),
            error,
        })?;
        // The kind names the output file: only a kind the program knows, never a path.
        if let Some(kind) = &doc.meta.kind {
            kind.parse::<ReportKind>()
                .map_err(|_| BuildError::UnknownKind {
                    path: input.to_path_buf(),
                    kind: kind.clone(),
                })?;
        }
        return Ok((doc, Vec::new(), BTreeMap::new()));
    }
    let loaded = facts::load(input)?;
    let figures = figures::compute(&loaded.facts);
    let composer = Composer::new(opts.templates.as_deref())?;
    let source = composer.markdown(&loaded.facts, &figures, opts.kind)?;
    let doc = markdown::parse(&source).map_err(|error| BuildError::Markdown {
        path: PathBuf::from(format!("<{}模板输出>", opts.kind.as_str())),
        error,
    })?;
    let warnings = loaded.warnings.iter().map(|w| w.to_string()).collect();
    Ok((doc, warnings, loaded.fonts))
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
type RenderedFiles = (Vec<(Format, Vec<u8>)>, Vec<String>);

fn rayon_render(
    doc: &Document,
    formats: &[Format],
    fonts: Option<&FontSet>,
) -> Result<RenderedFiles, BuildError> {
    use rayon::prelude::*;
    let results: Vec<(Format, Vec<u8>, Vec<String>)> = formats
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
pub fn build(input: &Path, opts: &BuildOptions) -> Result<(Vec<PathBuf>, Vec<String>), BuildError> {
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
) -> Result<(PathBuf, Vec<String>), BuildError> {
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
