//! The proofreader (issue #11): what embarrasses a report before it is printed, found in a
//! facts file and in a report's Markdown alike, each finding a [`Diagnostic`] with a rule code
//! at file:line:column of the source.
//!
//! - [`rules`]: the rules over one piece of prose (placeholders, half-width marks, English
//!   quotes, unbalanced pairs, date and number style, figures that contradict each other),
//!   pure functions of text; [`prose`] runs them on text with origins and finds the sentences
//!   a document says twice;
//! - [`narrative`]: a facts file's prose — its `{figure}` references, doubled braces, numbers
//!   typed where the records count them, and the rules, placed through [`yaml_text`];
//! - [`figures`]: a facts file's figures that contradict each other or the township;
//! - [`report`]: a report's Markdown — the rules through the reader's origins, empty sections,
//!   the parts its kind must have, tables;
//! - [`glyphs`]: characters the pages cannot print in their face, located in the source;
//! - [`fix`]: the mechanical fixes written to a new file.
//!
//! The facts loader ([`crate::facts`]) checks shape only; [`load`] runs these on a facts file
//! as soon as it is read, so a compiler-like run reports everything at once. `build` stops on
//! what is an error here, unless it builds a draft ([`Gate::Draft`]).

pub mod figures;
pub mod fix;
pub mod glyphs;
pub mod narrative;
pub mod prose;
pub mod report;
pub mod rules;
mod typed_figures;
pub mod yaml_text;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};
use crate::document::Document;
use crate::facts::{self, Loaded};
use crate::fonts::{FontOptions, FontSet};
use crate::input::InputKind;
use crate::kinds::{self, Kind, Selection};
use crate::layout::title;
use crate::markdown;
use crate::style::TITLE_MAX_CHARS;

/// Reads the facts file at `path` and runs every check on it: the loader's and these, all
/// findings of one run together (errors stop the run, warnings ride along in
/// [`Loaded::warnings`]).
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    facts::load_with(path, &self::facts)
}

/// [`load`] for the bytes of a facts file named `file_name`.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<Loaded, Diagnostics> {
    facts::parse_with(bytes, file_name, &self::facts)
}

/// Every finding of these checks on `loaded`, in file order.
pub fn facts(loaded: &Loaded) -> Diagnostics {
    let mut found = figures::check(loaded);
    found.extend(narrative::check(loaded));
    found.sort_by_place();
    found
}

/// Whether a build stops at the proofreader's errors (the default) or builds a draft anyway
/// (`build --draft`), counting what it skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Gate {
    #[default]
    Stop,
    Draft,
}

/// Errors without which no document can be made, draft or not: a `{figure}` reference that
/// does not parse or names nothing cannot be filled in.
fn stops_a_draft(d: &Diagnostic) -> bool {
    d.is_error() && (d.code == code::FACTS_FIGURE_SYNTAX || d.code == code::FACTS_UNKNOWN_FIGURE)
}

/// [`load`] behind `gate`: for a draft, the proofreader's errors are left out of the run and
/// returned apart (the second value), only what no document can be made without stops it.
pub fn load_gated(path: &Path, gate: Gate) -> Result<(Loaded, Diagnostics), Diagnostics> {
    match gate {
        Gate::Stop => load(path).map(|loaded| (loaded, Diagnostics::new())),
        Gate::Draft => {
            let loaded = facts::load_with(path, &|l| {
                self::facts(l)
                    .into_iter()
                    .filter(|d| !d.is_error() || stops_a_draft(d))
                    .collect()
            })?;
            let skipped = self::facts(&loaded)
                .into_iter()
                .filter(|d| d.is_error() && !stops_a_draft(d))
                .collect();
            Ok((loaded, skipped))
        }
    }
}

/// Splits the findings of a report's Markdown behind `gate`: what stops (every error, or none
/// for a draft), what rides along as warnings, and the errors a draft skipped.
pub fn gate_report(
    found: Diagnostics,
    gate: Gate,
) -> Result<(Diagnostics, Diagnostics), Diagnostics> {
    if !found.has_errors() {
        return Ok((found, Diagnostics::new()));
    }
    match gate {
        Gate::Stop => Err(found),
        Gate::Draft => {
            let (errors, warnings): (Vec<_>, Vec<_>) =
                found.into_iter().partition(Diagnostic::is_error);
            Ok((warnings.into(), errors.into()))
        }
    }
}

/// What `check` is asked to do besides reading the input.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The kind (or kinds) a facts file is checked for; for a report's Markdown, the kind when
    /// its front matter names none.
    pub kind: Selection,
    /// The clerk's templates (`--templates`).
    pub templates: Option<PathBuf>,
    /// The fonts to look for characters in; none: no glyph check.
    pub fonts: Option<FontOptions>,
}

/// True when the input is a report's Markdown rather than a facts file.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Everything `check` finds in the input at `path`, a facts file or a report's Markdown, in
/// file order.
pub fn run(path: &Path, opts: &CheckOptions) -> Diagnostics {
    let mut found = if is_markdown(path) {
        run_markdown(path, opts)
    } else {
        run_facts(path, opts)
    };
    found.sort_by_place();
    found
}

/// A facts file: its findings; for each kind asked for, what it needs and does not find (for
/// `--kind all`, which kinds it would leave out and why); the document composed with the
/// templates and read back, so a template error shows up here rather than at build time; and
/// the characters of that document no font prints, at their places in the facts file.
fn run_facts(path: &Path, opts: &CheckOptions) -> Diagnostics {
    let loaded = match load(path) {
        Ok(loaded) => loaded,
        Err(findings) => return findings,
    };
    let mut found = loaded.warnings.clone();
    let (fed, notes) = kinds::fed(opts.kind, &loaded);
    found.extend(notes);
    let composer = match kinds::composer(opts.templates.as_deref()) {
        Ok(composer) => composer,
        Err(e) => {
            found.extend(e);
            return found;
        }
    };
    let mut documents = Vec::new();
    for kind in fed {
        let composed = kinds::compose(kind, &composer, &loaded).and_then(|source| {
            let name = format!("<{}模板输出>", kind.id());
            markdown::parse(&SourceFile::new(name, source))
        });
        match composed {
            Ok(doc) => {
                found.extend(title_warning(path, None, &doc));
                documents.push(doc);
            }
            Err(e) => found.extend(e),
        }
    }
    if let Some(fonts) = &opts.fonts {
        let mut fonts = fonts.clone();
        for (face, path) in &loaded.fonts {
            fonts.overrides.entry(*face).or_insert(path.clone());
        }
        found.extend(glyphs_of(loaded.places.file(), &documents, &fonts));
    }
    found
}

/// A report's Markdown: what the reader refuses, then every rule and the glyph check.
fn run_markdown(path: &Path, opts: &CheckOptions) -> Diagnostics {
    let file = match SourceFile::read(path, InputKind::Report) {
        Ok(file) => file,
        Err(e) => return e,
    };
    let doc = match markdown::parse(&file) {
        Ok(doc) => doc,
        Err(e) => return e,
    };
    let mut found = match report_kind(&file, &doc, opts.kind) {
        Ok(kind) => report::check(&file, &doc, kind),
        Err(e) => e,
    };
    found.extend(title_warning(path, Some(&file), &doc));
    if let Some(fonts) = &opts.fonts {
        found.extend(glyphs_of(&file, std::slice::from_ref(&doc), fonts));
    }
    found
}

/// The kind of a report: its 文种 (an unknown one refused at its place), else the one selected
/// (the annual report when all are).
pub fn report_kind(
    file: &Arc<SourceFile>,
    doc: &Document,
    selected: Selection,
) -> Result<&'static dyn Kind, Diagnostics> {
    match (&doc.meta.kind, selected) {
        (Some(named), _) => kinds::by_name(named).ok_or_else(|| {
            let unknown = Diagnostic::error(
                code::MARKDOWN_UNKNOWN_KIND,
                format!(
                    "文种“{named}”程序不认识，应为 {}",
                    kinds::names_for_people()
                ),
            )
            .in_field("文首信息.文种");
            match markdown::front_matter_span(file, "文种") {
                Some(span) => unknown.at(span).into(),
                None => unknown.in_file(file.name()).into(),
            }
        }),
        (None, Selection::One(kind)) => Ok(kind),
        (None, Selection::All) => Ok(&kinds::ANNUAL),
    }
}

/// The glyph check of `documents`, at the places in `file` their characters are typed; a
/// font that cannot be found is itself the finding.
fn glyphs_of(file: &Arc<SourceFile>, documents: &[Document], fonts: &FontOptions) -> Diagnostics {
    let fonts = match FontSet::discover(fonts) {
        Ok(fonts) => fonts,
        Err(e) => return Diagnostic::from(e).into(),
    };
    let mut found = Diagnostics::new();
    let mut seen = std::collections::HashSet::new();
    for doc in documents {
        for d in glyphs::check(file, doc, &fonts) {
            if seen.insert((d.span.as_ref().map(|s| s.range.start), d.code)) {
                found.push(d);
            }
        }
    }
    found
}

/// A title set in more lines than a title should have (see [`title::lines_over_limit`]): at
/// the 标题 of a report's front matter (`report`), else about the facts file it was composed
/// from.
pub fn title_warning(
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
