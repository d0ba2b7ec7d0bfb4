//! The pipeline end to end: an input file (facts YAML or report Markdown) to the requested
//! outputs, or to a print run ([`print`]). Everything is rendered (or, for a print run's PDF,
//! prepared to be streamed) first and written only when every file has succeeded, as one set
//! ([`crate::output::write_set`]), so bad input writes nothing, and no output is ever written
//! over one of the files the build read.

use crate::check::Gate;
use crate::diag::{code, Diagnostic, Diagnostics, Place, SourceFile};
use crate::document::Document;
use crate::fonts::{FontError, FontOptions, FontSet};
use crate::input::InputKind;
use crate::kinds::{self, Selection};
use crate::layout::LayoutOptions;
use crate::output::{write_set, Contents, OutputError, OutputFile, WritePolicy};
use crate::press::register::{Recipient, Register, Role};
use crate::press::send::Duplex;
use crate::press::{
    Imposition, Numbering, PressError, PressedRun, RunSpec, Source, StampRequest, Stamps,
};
use crate::style::Face;
use crate::write::docx::DocxError;
use crate::write::pdf::PdfError;
use crate::{check, facts, markdown, write};
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
    pub marks: Marks,
}

/// Marks a build or a print run puts on the report for this run only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Replaces the facts file's (or the Markdown's) 稿别, e.g. 审议稿 (`--draft-mark`).
    pub draft_mark: Option<String>,
    /// A light diagonal mark on every page of the PDF instead of the draft mark at the top
    /// right of the first page (`--watermark`); the DOCX, which has no such mark, keeps the
    /// draft mark where it is.
    pub watermark: Option<String>,
}

impl Marks {
    /// `doc` with the draft mark this run asks for.
    fn apply(&self, doc: &mut Document) {
        if let Some(mark) = &self.draft_mark {
            doc.meta.draft_mark = Some(mark.clone()).filter(|m| !m.trim().is_empty());
        }
    }

    /// What the PDF prints of `doc`: without the draft mark when the watermark takes its place.
    fn for_pdf(&self, doc: &Document) -> Document {
        let mut doc = doc.clone();
        if self.watermark.is_some() {
            doc.meta.draft_mark = None;
        }
        doc
    }
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

impl From<PressError> for BuildError {
    fn from(e: PressError) -> BuildError {
        match e {
            PressError::Source(_) => Diagnostic::error(code::PDF_WRITE_FAILED, e.to_string()),
            PressError::NoCopies
            | PressError::TooManyCopies { .. }
            | PressError::OutOfRange { .. }
            | PressError::TooLarge { .. } => Diagnostic::error(code::PRINT_BAD_RUN, e.to_string()),
        }
        .into()
    }
}

/// The finished outputs of one document, not yet written.
pub struct Rendered {
    /// The files' common name, `<year>-<kind>`: 2024-annual, 2025-plan.
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
pub use crate::check::is_markdown;

/// Reads the input and produces the document model of the one kind selected (with this run's
/// marks), with the warnings met on the way. On failure, every finding: the errors and the
/// warnings found before them.
pub fn document(input: &Path, opts: &BuildOptions) -> Result<(Document, Diagnostics), Diagnostics> {
    let (made, prepared) = prepare_one(input, opts)?;
    Ok((made.doc, prepared.warnings))
}

/// The font options of a build: `opts.fonts` with the font files the facts file names (字体)
/// added; a file named in `opts.fonts.overrides` wins over the facts file's.
pub fn font_options(input: &Path, opts: &BuildOptions) -> Result<FontOptions, BuildError> {
    let named = if is_markdown(input) {
        NamedFonts::default()
    } else {
        NamedFonts::of(facts::load(input)?)
    };
    Ok(with_named_fonts(&opts.fonts, named))
}

/// The font files a facts file names (字体), and where it names them.
#[derive(Default)]
struct NamedFonts {
    files: BTreeMap<Face, PathBuf>,
    places: BTreeMap<Face, Place>,
}

impl NamedFonts {
    fn of(loaded: facts::Loaded) -> NamedFonts {
        NamedFonts {
            files: loaded.fonts,
            places: loaded.font_places,
        }
    }
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

/// One document made from the input, and the name its files take.
struct Made {
    doc: Document,
    stem: String,
    /// The report's Markdown when the input is one: findings of later stages point into it.
    source: Option<Arc<SourceFile>>,
}

/// What a build starts from: the documents the input makes (one per kind selected that the
/// facts feed), the warnings (a kind skipped by `--kind all` among them), the font files the
/// facts file names, who receives printed copies (the facts file's 代表名单 and 列席人员), and
/// the files read (the input, the clerk's templates), which no output may be; and the
/// proofreader's errors a draft skipped.
struct Prepared {
    made: Vec<Made>,
    warnings: Diagnostics,
    named_fonts: NamedFonts,
    recipients: Vec<Recipient>,
    inputs: Vec<PathBuf>,
    skipped: Diagnostics,
}

fn prepare(input: &Path, opts: &BuildOptions, gate: Gate) -> Result<Prepared, Diagnostics> {
    let mut prepared = read_input(input, opts, gate)?;
    for made in &mut prepared.made {
        opts.marks.apply(&mut made.doc);
        let warning = check::title_warning(input, made.source.as_ref(), &made.doc);
        prepared.warnings.extend(warning);
    }
    Ok(prepared)
}

fn read_input(input: &Path, opts: &BuildOptions, gate: Gate) -> Result<Prepared, Diagnostics> {
    if is_markdown(input) {
        let (made, warnings, skipped) = from_markdown(input, opts.kind, gate)?;
        return Ok(Prepared {
            made: vec![made],
            warnings,
            named_fonts: NamedFonts::default(),
            recipients: Vec::new(),
            inputs: vec![input.to_path_buf()],
            skipped,
        });
    }
    let (loaded, skipped) = check::load_gated(input, gate)?;
    let (fed, notes) = kinds::fed(opts.kind, &loaded);
    // The facts file's warnings are said with the errors found after it loaded too.
    let mut warnings = loaded.warnings.clone();
    warnings.extend(notes);
    if warnings.has_errors() {
        return Err(warnings);
    }
    let composed = kinds::composer(opts.templates.as_deref()).and_then(|composer| {
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
        Ok((made, composer))
    });
    let (made, composer) = match composed {
        Ok(composed) => composed,
        Err(errors) => {
            warnings.extend(errors);
            return Err(warnings);
        }
    };
    let inputs = std::iter::once(input.to_path_buf())
        .chain(composer.files().iter().cloned())
        .collect();
    let person = |role: Role| {
        move |p: &facts::Person| Recipient {
            name: p.name.trim().to_string(),
            unit: p.unit.as_deref().unwrap_or("").trim().to_string(),
            role,
        }
    };
    let facts = &loaded.facts;
    let recipients = (facts.delegate_list.iter().map(person(Role::Delegate)))
        .chain(facts.attendee_list.iter().map(person(Role::Attendee)))
        .collect();
    Ok(Prepared {
        made,
        warnings,
        named_fonts: NamedFonts::of(loaded),
        recipients,
        inputs,
        skipped,
    })
}

/// The one document of a single kind (print, and the library's [`document`] and [`render`]),
/// and the rest of what was prepared.
fn prepare_one(input: &Path, opts: &BuildOptions) -> Result<(Made, Prepared), Diagnostics> {
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
    let mut prepared = prepare(input, opts, Gate::Stop)?;
    let made = prepared.made.remove(0);
    Ok((made, prepared))
}

/// A report's Markdown, proofread behind `gate` ([`check::report`]). Its 文种, when it names
/// one, must be a kind the program knows (an unknown one is refused at its place). Its outputs
/// are named after the file itself (报告.md → 报告.docx), so two hand-made reports of one year
/// never overwrite each other. Returns the document, its warnings and what a draft skipped.
fn from_markdown(
    input: &Path,
    selected: Selection,
    gate: Gate,
) -> Result<(Made, Diagnostics, Diagnostics), Diagnostics> {
    let file = SourceFile::read(input, InputKind::Report)?;
    let doc = markdown::parse(&file)?;
    let kind = check::report_kind(&file, &doc, selected)?;
    let (warnings, skipped) = check::gate_report(check::report::check(&file, &doc, kind), gate)?;
    let stem = input.file_stem().map_or_else(
        || "report".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let source = Some(file);
    Ok((Made { doc, stem, source }, warnings, skipped))
}

/// Renders every requested format of the one kind selected, in memory.
pub fn render(input: &Path, opts: &BuildOptions) -> Result<Rendered, BuildError> {
    let (made, mut prepared) = prepare_one(input, opts)?;
    prepared.made = vec![made];
    let (mut set, _) = render_made(prepared, opts)?;
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
    render_made(prepare(input, opts, Gate::Stop)?, opts).map(|(set, _)| set)
}

/// The documents prepared, rendered; and every file the build read (the input, templates,
/// font files), which no output may be.
fn render_made(
    prepared: Prepared,
    opts: &BuildOptions,
) -> Result<(RenderedSet, Vec<PathBuf>), BuildError> {
    let Prepared {
        made,
        mut warnings,
        named_fonts,
        mut inputs,
        ..
    } = prepared;
    let fonts = if opts.formats.contains(&Format::Pdf) {
        let fonts = FontSet::discover(&with_named_fonts(&opts.fonts, named_fonts))?;
        inputs.extend(fonts.paths());
        Some(fonts)
    } else {
        None
    };
    let mut documents = Vec::new();
    for Made { doc, stem, source } in made {
        let (files, more_warnings) = rayon_render(&doc, &opts.formats, fonts.as_ref(), &opts.marks)
            .map_err(|e| locate_in_source(e, &doc, source.as_ref()))?;
        warnings.extend(more_warnings.into_iter().map(|d| match &source {
            Some(file) => locate_character(d, &doc, file),
            None => d,
        }));
        documents.push(Rendered {
            stem,
            files,
            warnings: Diagnostics::new(),
        });
    }
    Ok((
        RenderedSet {
            documents,
            warnings,
        },
        inputs,
    ))
}

/// A character no font has, in a report read from Markdown, is pointed at in its file
/// (REPORT.md:line:column).
fn locate_in_source(e: BuildError, doc: &Document, source: Option<&Arc<SourceFile>>) -> BuildError {
    let (BuildError::Invalid(findings), Some(file)) = (&e, source) else {
        return e;
    };
    let located = findings
        .iter()
        .cloned()
        .map(|d| locate_character(d, doc, file))
        .collect();
    BuildError::Invalid(located)
}

/// A finding about one character of the printed text (one no font has, or the first printed
/// from a supplement or another face), which its message names by code point (U+5920), gets
/// the first place that character stands in the Markdown file as the page prints it: the title
/// block's front matter first, then the body through the origins of its spans.
fn locate_character(d: Diagnostic, doc: &Document, file: &Arc<SourceFile>) -> Diagnostic {
    let about_a_character = [code::LAYOUT_MISSING_GLYPH, code::LAYOUT_FONT_FALLBACK];
    if !about_a_character.contains(&d.code) || d.span.is_some() {
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
}

/// The rendered files, and what the user must hear about (e.g. characters left blank under
/// `--allow-missing-glyphs`).
type RenderedFiles = (Vec<(Format, Vec<u8>)>, Vec<Diagnostic>);

fn rayon_render(
    doc: &Document,
    formats: &[Format],
    fonts: Option<&FontSet>,
    marks: &Marks,
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
                    let (pdf, warnings) = report_pdf(doc, fonts, marks)?;
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
/// or none, never over a file the build read nor, without `policy.force`, over one the program
/// did not write); returns the paths written and the warnings (with the kinds `--kind all`
/// left out and why).
pub fn build(
    input: &Path,
    opts: &BuildOptions,
    policy: &WritePolicy,
) -> Result<(Vec<PathBuf>, Diagnostics), BuildError> {
    write_prepared(prepare(input, opts, Gate::Stop)?, opts, policy)
}

/// [`build`] of a draft (`build --draft`): the proofreader's errors do not stop it; returns
/// them (the third value) besides the paths written and the warnings. What no document can be
/// made without (a report that does not parse, a `{figure}` that names nothing) still stops it.
pub fn build_draft(
    input: &Path,
    opts: &BuildOptions,
    policy: &WritePolicy,
) -> Result<(Vec<PathBuf>, Diagnostics, Diagnostics), BuildError> {
    let mut prepared = prepare(input, opts, Gate::Draft)?;
    let skipped = std::mem::take(&mut prepared.skipped);
    let (written, warnings) = write_prepared(prepared, opts, policy)?;
    Ok((written, warnings, skipped))
}

/// Renders what was prepared and writes it as one set.
fn write_prepared(
    prepared: Prepared,
    opts: &BuildOptions,
    policy: &WritePolicy,
) -> Result<(Vec<PathBuf>, Diagnostics), BuildError> {
    let (set, inputs) = render_made(prepared, opts)?;
    let files: Vec<OutputFile> = set
        .documents
        .iter()
        .flat_map(|doc| {
            doc.files.iter().map(|(format, bytes)| {
                OutputFile::bytes(format!("{}.{}", doc.stem, format.extension()), bytes)
            })
        })
        .collect();
    let written = write_set(&opts.out_dir, &files, &inputs, policy)?;
    Ok((written, set.warnings))
}

/// The PDF of a build: the report as laid out, with the watermark pressed on every page when
/// the build has one.
fn report_pdf(
    doc: &Document,
    fonts: &FontSet,
    marks: &Marks,
) -> Result<(Vec<u8>, Vec<Diagnostic>), BuildError> {
    if marks.watermark.is_none() {
        return Ok(write::pdf::render_with_warnings(doc, fonts)?);
    }
    let (run, warnings) = press(doc, fonts, marks, RunSpec::default())?;
    let pdf = run
        .write_to(Vec::new(), &mut |_| {})
        .map_err(|e| PressError::Source(e.to_string()))?;
    Ok((pdf, warnings))
}

/// The report laid out and written as a PDF, then made into the run `spec` asks for with the
/// marks of `marks`: the one way from a document to what the print room hands out, for a
/// build's watermarked PDF and for a print run. Returns the run, ready to be written, and what
/// the user should hear about.
pub fn press(
    doc: &Document,
    fonts: &FontSet,
    marks: &Marks,
    spec: RunSpec,
) -> Result<(PressedRun, Vec<Diagnostic>), BuildError> {
    if let Some(numbering) = spec.numbering {
        numbering.check()?;
    }
    // A numbered copy's first line is kept free for its number.
    let layout = LayoutOptions {
        reserve_first_line: spec.numbering.is_some(),
    };
    let (report, warnings) = write::pdf::render_with(&marks.for_pdf(doc), fonts, layout)?;
    let request = StampRequest {
        copy_numbers: spec.numbering.is_some(),
        watermark: marks.watermark.clone(),
    };
    let stamps = Stamps::render(&request, fonts)?;
    let run = PressedRun::prepare(Source::open(&report)?, stamps, spec)?;
    Ok((run, warnings))
}

/// What `workreport print` was asked to do, beyond what a build is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintOptions {
    /// How many copies; `None`: one for each person on the facts file's lists, from `first`.
    pub copies: Option<u32>,
    /// The first copy's number (1 for 000001).
    pub first: u32,
    /// Saddle-stitched booklets instead of A4 copies.
    pub booklet: bool,
}

/// A print run written.
#[derive(Debug)]
pub struct Printed {
    /// Every file written: the run's PDF first, then the register (CSV, PDF).
    pub files: Vec<PathBuf>,
    /// The PDF that goes to the printer, and how its sheets turn.
    pub run: PathBuf,
    pub duplex: Duplex,
    pub numbering: Numbering,
    /// PDF pages of the run.
    pub pages: u64,
    pub warnings: Diagnostics,
}

/// Makes a print run (`workreport print`): numbered copies of the report in one PDF (or a
/// saddle-stitched booklet per copy), and the copy register as CSV and PDF, written as one set
/// named after the run: `<year>-<kind>-印制-<first>-<last>.pdf` (`…-骑马订.pdf` for booklets),
/// `…-登记表.csv`, `…-登记表.pdf`, written as [`build`] writes its set (`policy`).
/// `opts.formats` is not used. The run's PDF is streamed into its staged file copy by copy;
/// `progress` hears (copies written, copies in all).
pub fn print(
    input: &Path,
    opts: &BuildOptions,
    print: &PrintOptions,
    policy: &WritePolicy,
    progress: &(dyn Fn(u32, u32) + Sync),
) -> Result<Printed, BuildError> {
    let (
        Made { doc, stem, .. },
        Prepared {
            mut warnings,
            named_fonts,
            recipients,
            mut inputs,
            ..
        },
    ) = prepare_one(input, opts)?;
    // Refused before anything is laid out.
    let numbering = numbering(print, recipients.len())?;
    numbering.check()?;
    let fonts = FontSet::discover(&with_named_fonts(&opts.fonts, named_fonts))?;
    inputs.extend(fonts.paths());
    let spec = RunSpec {
        numbering: Some(numbering),
        imposition: if print.booklet {
            Imposition::Booklet
        } else {
            Imposition::Pages
        },
    };
    let (run, more_warnings) = press(&doc, &fonts, &opts.marks, spec)?;
    warnings.extend(more_warnings);
    let register = Register {
        title: doc.meta.title.replace('\n', ""),
        numbering,
        recipients: &recipients,
    };
    let csv = register.csv();
    let (register_pdf, more_warnings) = register.pdf(&fonts)?;
    warnings.extend(more_warnings);

    let name = format!("{stem}-{}", numbering.name());
    let (run_name, duplex) = if print.booklet {
        (format!("{name}-骑马订.pdf"), Duplex::ShortEdge)
    } else {
        (format!("{name}.pdf"), Duplex::LongEdge)
    };
    let stream_run = |out: &mut dyn std::io::Write| {
        run.write_to(out, &mut |done| progress(done, numbering.copies))
            .map(|_| ())
    };
    let files = [
        OutputFile {
            name: run_name,
            contents: Contents::Streamed(&stream_run),
        },
        OutputFile::bytes(format!("{name}-登记表.csv"), &csv),
        OutputFile::bytes(format!("{name}-登记表.pdf"), &register_pdf),
    ];
    let written = write_set(&opts.out_dir, &files, &inputs, policy)?;
    Ok(Printed {
        run: written[0].clone(),
        files: written,
        duplex,
        numbering,
        pages: run.page_count(),
        warnings,
    })
}

/// The copies a run numbers: `--copies` from `--first`, or one for each person on the lists
/// from `--first` to the end of the lists.
fn numbering(print: &PrintOptions, listed: usize) -> Result<Numbering, BuildError> {
    let first = print.first.max(1);
    let copies = match print.copies {
        Some(copies) => copies,
        None if listed == 0 => {
            return Err(Diagnostic::error(
                code::PRINT_BAD_RUN,
                "没有给出印制份数：请用 --copies 指定份数，或在事实文件中列出代表名单、列席人员（每人一份）",
            )
            .into())
        }
        None => {
            let left = (listed as u64 + 1).saturating_sub(u64::from(first));
            if left == 0 {
                return Err(Diagnostic::error(
                    code::PRINT_BAD_RUN,
                    format!(
                        "名单共 {listed} 人，第一份的份号 {first} 已超出名单；请改小 --first，或用 --copies 指定份数"
                    ),
                )
                .into());
            }
            u32::try_from(left).unwrap_or(u32::MAX)
        }
    };
    Ok(Numbering { first, copies })
}
