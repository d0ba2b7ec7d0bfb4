//! The clerk's prose in a facts file: `{figure}` references that do not parse or name no
//! figure of the period the text is read in, figure names in doubled braces, figures typed by
//! hand where the records count them, and every rule of the proofreader ([`super::rules`]) on
//! each field, with its findings at their characters in the file ([`super::yaml_text`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{code, Diagnostic, Diagnostics};
use crate::facts::{closest, narrative, narrative_fields, Loaded};
use crate::figures::{compute, Period};
use crate::kinds;

use super::prose::{self, Prose};
use super::{typed_figures, yaml_text};

/// Every narrative finding on `loaded`.
pub fn check(loaded: &Loaded) -> Diagnostics {
    let mut found = Diagnostics::new();
    let mut figures: BTreeMap<Period, Names> = BTreeMap::new();
    let mut pieces: BTreeMap<String, Prose> = BTreeMap::new();
    for (path, text, period) in fields(loaded) {
        let names = figures.entry(period).or_insert_with(|| {
            let f = compute(&loaded.facts, period);
            Names {
                values: f.values(),
                ordered: f.names(),
                counts: f.counts(),
            }
        });
        references(loaded, &path, text, period, names, &mut found);
        doubled_braces(loaded, &path, text, &names.values, &mut found);
        let piece = prose_of(loaded, &path, text);
        if path.starts_with("回顾.") || path.starts_with("上半年.回顾.") {
            typed(loaded, &piece, names, &mut found);
        }
        for finding in super::rules::run(text) {
            let mut d = piece.diagnostic(loaded.places.file(), &finding);
            if d.code == code::TEXT_PLACEHOLDER {
                d.message.push_str("（数字请用 {名称} 引用）");
            }
            found.push(d);
        }
        pieces.insert(path, piece);
    }
    found.extend(repeated_sentences(loaded, &pieces));
    found
}

/// The figures of a period: by name, their names in report order (for help texts), and the
/// counts with their units.
struct Names {
    values: BTreeMap<String, String>,
    ordered: Vec<String>,
    counts: Vec<(String, u64, &'static str)>,
}

/// Every piece of narrative, in file order, with the period whose figures it quotes: the
/// period of the kind that prints it (the year for text no kind prints).
fn fields(loaded: &Loaded) -> Vec<(String, &str, Period)> {
    let mut read_in: BTreeMap<String, Period> = BTreeMap::new();
    for kind in kinds::ALL {
        for (path, _) in kind.narrative(&loaded.facts) {
            read_in.entry(path).or_insert(kind.period());
        }
    }
    narrative_fields(&loaded.facts)
        .into_iter()
        .map(|(path, text)| {
            let period = read_in.get(&path).copied().unwrap_or(Period::Year);
            (path, text, period)
        })
        .collect()
}

/// The text of the field `path` with where it stands in the file.
fn prose_of(loaded: &Loaded, path: &str, text: &str) -> Prose {
    let file = loaded.places.file();
    let origin = match loaded.places.value_offset(path) {
        Some(start) => yaml_text::origin(file.text(), start, text),
        None => Default::default(),
    };
    Prose {
        text: text.to_string(),
        origin,
        field: Some(path.to_string()),
    }
}

/// The `{figure}` references of one field: their syntax, and that each names a figure.
fn references(
    loaded: &Loaded,
    path: &str,
    text: &str,
    period: Period,
    names: &Names,
    found: &mut Diagnostics,
) {
    let unknown = match narrative::unknown_references(text, &names.values) {
        Ok(unknown) => unknown,
        Err(fault) => {
            let d = Diagnostic::error(code::FACTS_FIGURE_SYNTAX, fault.message);
            found.push(loaded.places.inside(d, path, fault.at, text));
            return;
        }
    };
    let refs: Vec<&str> = names.ordered.iter().map(String::as_str).collect();
    for (at, name) in unknown {
        let mut message = format!("引用的数字“{{{name}}}”不存在");
        if let Some(best) = closest(name, &refs) {
            message.push_str(&format!("，是否为“{{{best}}}”？"));
        }
        if let Some(rest) = name.strip_prefix("比上年.") {
            if refs.contains(&rest) {
                let key = match period {
                    Period::FirstHalf => "上年上半年",
                    _ => "上年",
                };
                message = format!(
                    "引用的数字“{{{name}}}”不存在：要与上年比较，应在“{key}”下写上年的“{rest}”"
                );
            }
        }
        let group = name.split('.').next().unwrap_or("");
        let related: Vec<&str> = refs
            .iter()
            .copied()
            .filter(|n| n.split('.').next() == Some(group))
            .collect();
        let shown = if related.is_empty() {
            refs.clone()
        } else {
            related
        };
        let d = Diagnostic::error(code::FACTS_UNKNOWN_FIGURE, message)
            .with_help(format!("可用的名称：{}", shown.join("、")));
        found.push(loaded.places.inside(d, path, at, text));
    }
}

/// Figure names in doubled braces, which print the name rather than the figure.
fn doubled_braces(
    loaded: &Loaded,
    path: &str,
    text: &str,
    values: &BTreeMap<String, String>,
    found: &mut Diagnostics,
) {
    for (at, name) in narrative::escaped_references(text, values) {
        let d = Diagnostic::warning(
            code::FACTS_DOUBLED_BRACES,
            format!(
                "“{{{{{name}}}}}”会原样印出“{{{name}}}”：是否想引用数字？应写作 {{{name}}}（双括号只用于印出括号本身）"
            ),
        )
        .with_label("双括号");
        found.push(loaded.places.inside(d, path, at, text));
    }
}

/// Numbers typed by hand in a review that the records count.
fn typed(loaded: &Loaded, piece: &Prose, names: &Names, found: &mut Diagnostics) {
    let unit_of = |name: &str| {
        names
            .counts
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, unit)| *unit)
    };
    let file = loaded.places.file();
    for (range, value, name) in typed_figures::typed(&piece.text, &unit_of) {
        let Some((_, count, unit)) = names.counts.iter().find(|(n, _, _)| n == name) else {
            continue;
        };
        let mut d = typed_figures::finding(value, *count, name, unit);
        // No mechanical fix: whether the text or the records are wrong is the clerk's call.
        if let Some((source, _)) = piece.source_range(file, range) {
            d = d.at(file.span(source));
        }
        if let Some(field) = &piece.field {
            d = d.in_field(field.clone());
        }
        found.push(d);
    }
}

/// Sentences repeated within the text one kind of document prints (the half-year report may
/// say again what the annual report says).
fn repeated_sentences(loaded: &Loaded, pieces: &BTreeMap<String, Prose>) -> Diagnostics {
    let file = loaded.places.file();
    let mut seen = BTreeSet::new();
    let mut found = Diagnostics::new();
    for kind in kinds::ALL {
        let printed: Vec<Prose> = kind
            .narrative(&loaded.facts)
            .into_iter()
            .filter_map(|(path, _)| pieces.get(&path).cloned())
            .collect();
        for d in prose::repeated_sentences(file, &printed) {
            if seen.insert(d.span.as_ref().map(|s| s.range.start)) {
                found.push(d);
            }
        }
    }
    found
}
