//! The kinds of document the presidium writes in a year, one file each, behind one trait.
//!
//! A [`Kind`] says everything that is particular to one document: its names (for `--kind` and
//! the Markdown front matter's 文种, in English and Chinese), the period its figures are
//! counted over, what it needs from the facts file (said as diagnostics at the place to write
//! it), the narrative it prints, its template and its view of the facts (the title block's
//! conventions included). Everything else is shared: the tera engine ([`crate::compose`]), the
//! figures ([`crate::figures`]), the checks ([`crate::check`]). Adding a kind means one file
//! here, one entry in [`ALL`] and one template.

mod annual;
mod half_year;
mod needs;
mod plan;
mod resolution;
mod summary;
mod view;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use tera::Context;

use crate::compose::Composer;
use crate::diag::{code, Diagnostic, Diagnostics};
use crate::facts::{Facts, Loaded};
use crate::figures::{self, Figures, Period};

pub use annual::Annual;
pub use half_year::HalfYear;
pub use plan::Plan;
pub use resolution::ResolutionDraft;
pub use summary::Summary;

/// One kind of document.
pub trait Kind: Send + Sync {
    /// The English id, used in file names, `--kind` and 文种: `half-year`.
    fn id(&self) -> &'static str;

    /// The Chinese name: 上半年工作报告.
    fn name(&self) -> &'static str;

    /// Other names accepted for `--kind` and 文种, English or Chinese: 上半年.
    fn aliases(&self) -> &'static [&'static str];

    /// The period of the report year its figures are counted over.
    fn period(&self) -> Period;

    /// The year the document is about, given the facts file's year (a work plan is next
    /// year's); it names the output files, `<year>-<id>`.
    fn document_year(&self, year: i32) -> i32 {
        year
    }

    /// Its template: the file name (which `--templates` may override) and the built-in text.
    fn template(&self) -> (&'static str, &'static str);

    /// What it needs from the facts file and does not find there, as errors at the place to
    /// write it (none when the file can feed it).
    fn needs(&self, loaded: &Loaded) -> Diagnostics;

    /// The narrative it prints, with the field path of each piece (read with the figures of
    /// [`Kind::period`]).
    fn narrative<'f>(&self, facts: &'f Facts) -> Vec<(String, &'f str)>;

    /// What its template sees, given the figures of its period.
    fn view(&self, facts: &Facts, figures: &Figures) -> Result<Context, Diagnostics>;

    /// The parts a report of this kind has whoever wrote it: what `check` looks for in a
    /// report's Markdown (a facts file says the same through [`Kind::needs`]).
    fn report_parts(&self) -> &'static [ReportPart] {
        &[]
    }
}

/// A part a report of some kind must have, known by the words that say it (in a heading or
/// the text): 存在的不足 by 不足, 差距 or 短板.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPart {
    /// What the part is, as the message names it: 存在的不足.
    pub name: &'static str,
    /// Any of these in the report's text says it is there.
    pub words: &'static [&'static str],
    /// How to write it, for the help.
    pub how: &'static str,
}

/// The shortcomings of the period (存在的不足).
pub const SHORTCOMINGS: ReportPart = ReportPart {
    name: "存在的不足",
    words: &["不足", "差距", "短板", "薄弱环节"],
    how: "在回顾之后写一段，如“在肯定成绩的同时，我们也清醒地看到，工作中还存在一些不足：……”",
};

/// Next year's tasks (下一年的工作任务).
pub const NEXT_YEAR_TASKS: ReportPart = ReportPart {
    name: "下一年的工作任务",
    words: &[
        "工作安排",
        "工作任务",
        "工作要点",
        "工作打算",
        "工作计划",
        "新的一年",
        "明年",
    ],
    how: "写一部分，如“二、2025年工作安排”，其下逐项写任务",
};

/// The second half's tasks (下半年的工作安排).
pub const SECOND_HALF_TASKS: ReportPart = ReportPart {
    name: "下半年的工作安排",
    words: &["下半年"],
    how: "写一部分，如“二、下半年工作安排”，其下逐项写任务",
};

impl fmt::Debug for dyn Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kind({})", self.id())
    }
}

impl PartialEq for dyn Kind {
    fn eq(&self, other: &dyn Kind) -> bool {
        self.id() == other.id()
    }
}

/// The annual report (年度工作报告).
pub static ANNUAL: Annual = Annual;
/// The half-year report (上半年工作报告).
pub static HALF_YEAR: HalfYear = HalfYear;
/// Next year's work plan (工作要点).
pub static PLAN: Plan = Plan;
/// The summary of the year and next year's plan (工作总结和工作计划).
pub static SUMMARY: Summary = Summary;
/// The resolution draft on the annual report (决议（草案）).
pub static RESOLUTION: ResolutionDraft = ResolutionDraft;

/// Every kind, in the order `--kind all` builds them.
pub static ALL: [&dyn Kind; 5] = [&ANNUAL, &HALF_YEAR, &PLAN, &SUMMARY, &RESOLUTION];

/// The kind called `name`: its id or one of its Chinese or English names.
pub fn by_name(name: &str) -> Option<&'static dyn Kind> {
    let name = name.trim();
    ALL.iter().copied().find(|k| {
        k.id().eq_ignore_ascii_case(name)
            || k.name() == name
            || k.aliases().iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// The names a clerk may write, for messages: annual（年度工作报告）、…
pub fn names_for_people() -> String {
    ALL.iter()
        .map(|k| format!("{}（{}）", k.id(), k.name()))
        .collect::<Vec<_>>()
        .join("、")
}

/// The built-in templates of every kind, for [`Composer::new`].
pub fn templates() -> Vec<(&'static str, &'static str)> {
    ALL.iter().map(|k| k.template()).collect()
}

/// The engine with every kind's template, each replaced by a file of the same name in
/// `overrides` if one is there.
pub fn composer(overrides: Option<&Path>) -> Result<Composer, Diagnostics> {
    Composer::new(&templates(), overrides)
}

/// The output files' common name for `kind` with the facts of `year`: 2024-annual, 2025-plan.
pub fn stem(kind: &dyn Kind, year: i32) -> String {
    format!("{}-{}", kind.document_year(year), kind.id())
}

/// The Markdown of `kind` from a checked facts file: what the kind needs is there (else
/// every missing piece, at its place), then its view filled into its template with the
/// figures of its period.
pub fn compose(
    kind: &dyn Kind,
    composer: &Composer,
    loaded: &Loaded,
) -> Result<String, Diagnostics> {
    let missing = kind.needs(loaded);
    if missing.has_errors() {
        return Err(missing);
    }
    let figures = figures::compute(&loaded.facts, kind.period());
    let context = kind.view(&loaded.facts, &figures)?;
    composer.render(kind.template().0, &context, &figures)
}

/// The kinds of `selection` the facts of `loaded` can feed, and what to say about the others:
/// for a kind asked for by name, what it needs (errors); for `all`, a warning for each kind
/// left out and why — errors when no kind is left.
pub fn fed(selection: Selection, loaded: &Loaded) -> (Vec<&'static dyn Kind>, Diagnostics) {
    let mut kinds = Vec::new();
    let mut notes = Diagnostics::new();
    for kind in selection.kinds() {
        let missing = kind.needs(loaded);
        if !missing.has_errors() {
            kinds.push(kind);
        } else if selection == Selection::All {
            notes.push(skipped(kind, &missing));
        } else {
            notes.extend(missing);
        }
    }
    if kinds.is_empty() && selection == Selection::All {
        notes = notes
            .into_iter()
            .map(|mut d| {
                d.severity = crate::diag::Severity::Error;
                d
            })
            .collect();
    }
    (kinds, notes)
}

/// Why `--kind all` left `kind` out: at the first thing it needs, naming them all.
fn skipped(kind: &dyn Kind, missing: &Diagnostics) -> Diagnostic {
    let errors: Vec<&Diagnostic> = missing.iter().filter(|d| d.is_error()).collect();
    let reasons: Vec<&str> = errors
        .iter()
        .map(|d| d.message.strip_prefix(kind.name()).unwrap_or(&d.message))
        .collect();
    let mut note = Diagnostic::warning(
        code::KIND_SKIPPED,
        format!(
            "未生成{}（{}）：{}",
            kind.name(),
            kind.id(),
            reasons.join("；")
        ),
    );
    if let Some(first) = errors.first() {
        note.span = first.span.clone();
        note.field = first.field.clone();
        note.help = first.help.clone();
    }
    note
}

/// Which kinds to build or check: one, or every kind the facts file can feed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Selection {
    One(&'static dyn Kind),
    All,
}

impl Selection {
    /// The kinds selected, in [`ALL`]'s order.
    pub fn kinds(self) -> Vec<&'static dyn Kind> {
        match self {
            Selection::One(kind) => vec![kind],
            Selection::All => ALL.to_vec(),
        }
    }
}

/// The annual report, as before there were others.
impl Default for Selection {
    fn default() -> Selection {
        Selection::One(&ANNUAL)
    }
}

impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selection::One(kind) => f.write_str(kind.id()),
            Selection::All => f.write_str("all"),
        }
    }
}

/// A kind's name, or `all` / 全部; an unknown one is said in Chinese (the command line shows it
/// as the value's fault).
impl FromStr for Selection {
    type Err = String;
    fn from_str(s: &str) -> Result<Selection, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("all") || s == "全部" {
            return Ok(Selection::All);
        }
        by_name(s).map(Selection::One).ok_or_else(|| {
            format!(
                "未知的文种“{s}”，应为 {}，或 all（全部）",
                names_for_people()
            )
        })
    }
}

/// A view as the template's context.
pub(crate) fn context(view: &impl serde::Serialize) -> Result<Context, Diagnostics> {
    Context::from_serialize(view).map_err(|e| {
        Diagnostic::error(code::TEMPLATE_RENDER, format!("模板的数据无法准备：{e}")).into()
    })
}

/// A view asked of facts that cannot feed the kind (its needs were not checked first).
pub(crate) fn unfed(kind: &dyn Kind) -> Diagnostics {
    Diagnostic::error(
        code::KIND_NEEDS,
        format!(
            "{}缺少所需的内容（请先运行 workreport check --kind {}）",
            kind.name(),
            kind.id()
        ),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_found_by_every_name() {
        for kind in ALL {
            assert_eq!(by_name(kind.id()), Some(kind));
            assert_eq!(by_name(kind.name()), Some(kind));
            for alias in kind.aliases() {
                assert_eq!(by_name(alias), Some(kind), "{alias}");
            }
        }
        assert_eq!("年度".parse::<Selection>(), Ok(Selection::One(&ANNUAL)));
        assert_eq!("all".parse::<Selection>(), Ok(Selection::All));
        assert!("monthly".parse::<Selection>().is_err());
    }

    #[test]
    fn ids_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for kind in ALL {
            for name in [kind.id(), kind.name()]
                .into_iter()
                .chain(kind.aliases().iter().copied())
            {
                assert!(seen.insert(name.to_lowercase()), "{name} twice");
            }
            assert!(seen.insert(kind.template().0.to_string()));
        }
        assert!(!seen.contains("all") && !seen.contains("全部"));
    }
}
