//! The clerk's prose in a facts file: `{figure}` references that do not parse or name no
//! figure of the period the text is read in, leftover placeholders of a hand-made draft,
//! figure names in doubled braces, and half-width punctuation between Chinese characters.

use std::collections::BTreeMap;

use crate::diag::{code, Diagnostic, Diagnostics};
use crate::facts::{closest, narrative, narrative_fields, Loaded};
use crate::figures::{compute, Period};
use crate::kinds;

/// Every narrative finding on `loaded`.
pub fn check(loaded: &Loaded) -> Diagnostics {
    let mut found = Diagnostics::new();
    let mut figures: BTreeMap<Period, Names> = BTreeMap::new();
    for (path, text, period) in fields(loaded) {
        let names = figures.entry(period).or_insert_with(|| {
            let f = compute(&loaded.facts, period);
            Names {
                values: f.values(),
                ordered: f.names(),
            }
        });
        references(loaded, &path, text, period, names, &mut found);
        proofread(loaded, &path, text, &names.values, &mut found);
    }
    found
}

/// The figures of a period: by name, and their names in report order (for help texts).
struct Names {
    values: BTreeMap<String, String>,
    ordered: Vec<String>,
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

/// Placeholders, doubled braces and half-width punctuation in one field.
fn proofread(
    loaded: &Loaded,
    path: &str,
    text: &str,
    values: &BTreeMap<String, String>,
    found: &mut Diagnostics,
) {
    for (at, placeholder) in narrative::placeholders(text) {
        let d = Diagnostic::error(
            code::TEXT_PLACEHOLDER,
            format!("文字中留有占位符“{placeholder}”，应填写实际内容（数字请用 {{名称}} 引用）"),
        )
        .with_label("占位符");
        found.push(loaded.places.inside(d, path, at, text));
    }
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
    for (at, mark) in narrative::halfwidth_punctuation(text) {
        let full = crate::text::chinese_mark_for(mark).unwrap_or(mark);
        let d = Diagnostic::warning(
            code::TEXT_HALFWIDTH_PUNCTUATION,
            format!("中文之间用了半角标点“{mark}”，应为全角“{full}”"),
        )
        .with_label("半角标点");
        let mut d = loaded.places.inside(d, path, at, text);
        // The fix is offered only where the span is the mark itself (a plain value; in a
        // quoted or block value the span is the value's start).
        if d.span.as_ref().is_some_and(|s| s.text().starts_with(mark)) {
            d = d.with_fix(full.to_string());
        }
        found.push(d);
    }
}
