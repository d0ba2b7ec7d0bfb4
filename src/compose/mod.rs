//! Composing a report's Markdown from facts and figures with tera templates.
//!
//! The templates in `templates/` are built into the binary; a directory given to
//! [`Composer::new`] may override any of them by file name (`base.md.tera`, `annual.md.tera`).
//! `base.md.tera` is the frame of a report (front matter for the title block, then the body in
//! blocks: opening, review, thanks, shortcomings, tasks, closing); each report kind extends it.
//!
//! What the templates see:
//! - `meta`: the title block as plain text, for the YAML front matter only (`| yaml` quotes it);
//! - everything else is Markdown already: every piece of facts text has gone through
//!   [`crate::markdown::escape`] and had its `{figure}` references filled in, so a template
//!   cannot forget to escape;
//! - `numbers`: the 一、 of each part present (a part left empty gets none and the others stay
//!   continuous);
//! - functions `figure(name="建议.总数")` (the figure as text) and `count(name=…)` (as a number);
//! - filters `cn` (5 → 五), `full_date` ("2025-01-08" → 2025年1月8日), `heading_number(level=2)`
//!   (3 → （三）), `points` (a list → 一是……；二是……。), `md` (escape), `yaml` (quote).

pub mod numerals;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::{code, io_reason, Diagnostic, Diagnostics, SourceFile};
use crate::facts::{narrative, Facts};
use crate::figures::Figures;
use crate::input::InputKind;
use crate::markdown::escape;

/// The kinds of report the composer writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    /// 年度工作报告: the presidium's report on the year to the annual session.
    Annual,
}

impl ReportKind {
    /// The English name used in file names and the front matter (文种).
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Annual => "annual",
        }
    }

    fn template(self) -> &'static str {
        match self {
            ReportKind::Annual => "annual.md.tera",
        }
    }
}

impl fmt::Display for ReportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown kind is said in Chinese (the command line shows it as the value's fault).
impl FromStr for ReportKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "annual" | "年度" | "年度报告" => Ok(ReportKind::Annual),
            other => Err(format!("未知的报告类型“{other}”，应为 annual（年度）")),
        }
    }
}

/// The built-in templates: (name, text).
const BUILT_IN: [(&str, &str); 2] = [
    ("base.md.tera", include_str!("../../templates/base.md.tera")),
    (
        "annual.md.tera",
        include_str!("../../templates/annual.md.tera"),
    ),
];

/// A commented facts file that builds as it is, for `workreport init`.
pub fn starter_facts() -> &'static str {
    include_str!("../../templates/starter-facts.yaml")
}

/// Fills the templates.
#[derive(Debug, Clone)]
pub struct Composer {
    tera: Tera,
    /// Template name → its source (named where it came from), for placing errors.
    sources: BTreeMap<String, Arc<SourceFile>>,
    /// The clerk's template files read (inputs a build must not write over).
    files: Vec<PathBuf>,
}

impl Composer {
    /// The built-in templates, each replaced by a file of the same name in `overrides` if one
    /// is there.
    pub fn new(overrides: Option<&Path>) -> Result<Self, Diagnostics> {
        let mut sources = BTreeMap::new();
        for (name, text) in BUILT_IN {
            sources.insert(
                name.to_string(),
                SourceFile::new(format!("templates/{name}（内置）"), text),
            );
        }
        let mut files = Vec::new();
        if let Some(dir) = overrides {
            let unreadable = |e: std::io::Error| {
                Diagnostic::error(
                    code::TEMPLATE_DIR_UNREADABLE,
                    format!("无法读取模板目录：{}", io_reason(&e)),
                )
                .in_file(dir.display().to_string())
            };
            let entries = std::fs::read_dir(dir).map_err(unreadable)?;
            for entry in entries.flatten() {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                if !name.ends_with(".tera") {
                    continue;
                }
                sources.insert(
                    name.to_string(),
                    SourceFile::read(&path, InputKind::Template)?,
                );
                files.push(path);
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![]);
        register_filters(&mut tera);
        tera.add_raw_templates(sources.iter().map(|(n, f)| (n.as_str(), f.text())))
            .map_err(|e| template_error(&e, &sources))?;
        Ok(Composer {
            tera,
            sources,
            files,
        })
    }

    /// The template files read from the overrides folder (inputs a build must not write over).
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The report's Markdown (front matter and body) in the format of [`crate::markdown`].
    pub fn markdown(
        &self,
        facts: &Facts,
        figures: &Figures,
        kind: ReportKind,
    ) -> Result<String, Diagnostics> {
        let values = figures.values();
        let view = View::new(facts, &values, kind)?;
        let context =
            Context::from_serialize(&view).map_err(|e| template_error(&e, &self.sources))?;
        let mut tera = self.tera.clone();
        let text_values = values.clone();
        tera.register_function("figure", move |args: &HashMap<String, tera::Value>| {
            let name = figure_arg(args)?;
            text_values
                .get(&name)
                .map(|v| tera::Value::String(v.clone()))
                .ok_or_else(|| unknown_figure(&name))
        });
        let counts: BTreeMap<String, u64> = figures
            .entries()
            .into_iter()
            .filter_map(|f| match f.value {
                crate::figures::Value::Count(n) => Some((f.name, u64::from(n))),
                crate::figures::Value::Text(_) => None,
            })
            .collect();
        tera.register_function("count", move |args: &HashMap<String, tera::Value>| {
            let name = figure_arg(args)?;
            counts
                .get(&name)
                .map(|&n| tera::Value::from(n))
                .ok_or_else(|| unknown_figure(&name))
        });
        let text = tera
            .render(kind.template(), &context)
            .map_err(|e| template_error(&e, &self.sources))?;
        Ok(tidy(&text))
    }
}

fn figure_arg(args: &HashMap<String, tera::Value>) -> tera::Result<String> {
    args.get("name")
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .ok_or_else(|| tera::Error::msg("figure/count 需要参数 name=\"建议.总数\""))
}

fn unknown_figure(name: &str) -> tera::Error {
    tera::Error::msg(format!("数字名称“{name}”不存在"))
}

/// Blank lines made by template tags collapse to one; the text ends with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A tera error at the template file and line it comes from.
fn template_error(err: &tera::Error, sources: &BTreeMap<String, Arc<SourceFile>>) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let message = chain.join("：");
    // Tera names the template in quotes ('annual.md.tera' or "annual.md.tera").
    let name = sources
        .keys()
        .find(|n| message.contains(&format!("'{n}'")) || message.contains(&format!("\"{n}\"")))
        .cloned();
    let file = name.as_ref().and_then(|n| sources.get(n));
    // Parse errors carry " --> line:col"; render errors name a variable, filter or function,
    // and the place is where it is first mentioned.
    let parse_place = message.split_once("--> ").and_then(|(_, rest)| {
        let (line, rest) = rest.split_once(':')?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((
            line.trim().parse::<usize>().ok()?,
            column.parse::<usize>().ok()?,
        ))
    });
    let code = if parse_place.is_some() {
        code::TEMPLATE_SYNTAX
    } else {
        code::TEMPLATE_RENDER
    };
    // pest draws its own snippet of a parse error; miette draws one from the span, so only
    // pest's "= expected …" lines are kept.
    let said = match parse_place {
        Some(_) => {
            let expected: Vec<&str> = message
                .lines()
                .filter_map(|l| l.trim_start().strip_prefix("= "))
                .collect();
            match (chain.first(), expected.is_empty()) {
                (Some(first), false) => format!("{first}：{}", expected.join("；")),
                _ => message.clone(),
            }
        }
        None => message.clone(),
    };
    let diagnostic = Diagnostic::error(code, format!("模板有误：{said}"));
    let Some(file) = file else {
        return diagnostic;
    };
    let span = match parse_place {
        Some((line, column)) => {
            let start = file.offset_of(line, column);
            let len = file.text()[start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            Some(file.span(start..start + len))
        }
        None => message
            .split('`')
            .nth(1)
            .map(|c| c.trim_start_matches("__tera_one_off"))
            .filter(|c| !c.is_empty())
            .and_then(|culprit| {
                let start = file.text().find(culprit)?;
                Some(file.span(start..start + culprit.len()))
            }),
    };
    match span {
        Some(span) => diagnostic.at(span),
        None => diagnostic.in_file(file.name()),
    }
}

fn register_filters(tera: &mut Tera) {
    type Args = HashMap<String, tera::Value>;
    tera.register_filter("cn", |v: &tera::Value, _: &Args| {
        let n = v
            .as_u64()
            .ok_or_else(|| tera::Error::msg("cn 过滤器需要整数"))?;
        Ok(numerals::chinese(n as u32).into())
    });
    tera.register_filter("full_date", |v: &tera::Value, _: &Args| {
        let date = v
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .ok_or_else(|| tera::Error::msg("full_date 过滤器需要 YYYY-MM-DD 日期"))?;
        Ok(numerals::full_date(date).into())
    });
    tera.register_filter("heading_number", |v: &tera::Value, args: &Args| {
        let n = v
            .as_u64()
            .ok_or_else(|| tera::Error::msg("heading_number 过滤器需要整数"))?;
        let level = args.get("level").and_then(|l| l.as_u64()).unwrap_or(1);
        Ok(numerals::heading_number(level as u8, n as u32).into())
    });
    tera.register_filter("points", |v: &tera::Value, _: &Args| {
        let items: Vec<&str> = v
            .as_array()
            .ok_or_else(|| tera::Error::msg("points 过滤器需要列表"))?
            .iter()
            .filter_map(|i| i.as_str())
            .collect();
        Ok(join_points(&items).into())
    });
    tera.register_filter("md", |v: &tera::Value, _: &Args| {
        let text = v
            .as_str()
            .ok_or_else(|| tera::Error::msg("md 过滤器需要文字"))?;
        Ok(escape(text).into())
    });
    tera.register_filter("yaml", |v: &tera::Value, _: &Args| {
        let text = match v {
            tera::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        // A JSON string is a YAML double-quoted scalar: safe whatever the text holds.
        Ok(serde_json::to_string(&text)
            .map_err(|e| tera::Error::msg(e.to_string()))?
            .into())
    });
}

/// Trailing marks a point may end with; the enumeration puts its own.
const POINT_END: &[char] = &['。', '；', ';', '，', ',', '、'];

/// 一是……；二是……。 from points (already Markdown). A point left empty is dropped and the
/// numbering stays continuous (一是……；二是……, never 一是……；三是……).
pub fn join_points(points: &[&str]) -> String {
    let mut out = String::new();
    let kept = points
        .iter()
        .map(|p| p.trim().trim_end_matches(POINT_END).trim_end())
        .filter(|p| !p.is_empty());
    for (i, p) in kept.enumerate() {
        if !out.is_empty() {
            out.push('；');
        }
        out.push_str(&numerals::enumeration(
            u32::try_from(i + 1).unwrap_or(u32::MAX),
        ));
        out.push_str(p);
    }
    if !out.is_empty() {
        out.push('。');
    }
    out
}

/// The plain title block, for the front matter.
#[derive(Serialize)]
struct Meta {
    session_mark: String,
    draft_mark: Option<String>,
    township: String,
    county: String,
    speaker: String,
    post: String,
    report_date: String,
    year: i32,
    kind: &'static str,
}

#[derive(Serialize)]
struct Section {
    heading: String,
    lead: String,
    points: Vec<String>,
}

#[derive(Serialize)]
struct Task {
    heading: String,
    text: String,
}

/// What the templates see.
#[derive(Serialize)]
struct View {
    meta: Meta,
    /// Body text, escaped: township, county, speaker, post.
    township: String,
    county: String,
    speaker: String,
    post: String,
    term: u32,
    session: u32,
    year: i32,
    next_year: i32,
    report_date: String,
    review_opening: Option<String>,
    sections: Vec<Section>,
    thanks: String,
    shortcomings: Vec<String>,
    guiding_idea: String,
    tasks: Vec<Task>,
    closing: String,
    /// 一、 二、 三、 for the parts present: review, shortcomings, tasks.
    numbers: BTreeMap<&'static str, String>,
}

impl View {
    fn new(
        facts: &Facts,
        figures: &BTreeMap<String, String>,
        kind: ReportKind,
    ) -> Result<View, Diagnostics> {
        // Fills references, escapes, and drops the closing mark the template adds itself.
        let text = |path: &str, raw: &str| -> Result<String, Diagnostics> {
            let filled = narrative::fill(raw, figures).map_err(|found| {
                found
                    .into_iter()
                    .map(|d| d.in_field(path))
                    .collect::<Diagnostics>()
            })?;
            Ok(escape(filled.trim()))
        };
        let clause = |path: &str, raw: &str| -> Result<String, Diagnostics> {
            Ok(text(path, raw)?.trim_end_matches(POINT_END).to_string())
        };
        let unit = &facts.unit;
        let year = facts.year.0;
        let session_mark = unit.session_mark.clone().unwrap_or_else(|| {
            format!(
                "{}{}人民代表大会{}会议文件",
                unit.township,
                numerals::term(unit.term.0),
                numerals::session(unit.session.0)
            )
        });
        let mut sections = Vec::new();
        for (i, s) in facts.review.sections.iter().enumerate() {
            let base = format!("回顾.部分[{}]", i + 1);
            sections.push(Section {
                heading: clause(&format!("{base}.标题"), &s.heading)?,
                lead: text(&format!("{base}.导语"), &s.lead)?,
                points: s
                    .points
                    .iter()
                    .enumerate()
                    .map(|(j, p)| text(&format!("{base}.要点[{}]", j + 1), p))
                    .collect::<Result<_, _>>()?,
            });
        }
        let shortcomings: Vec<String> = facts
            .shortcomings
            .iter()
            .enumerate()
            .map(|(i, s)| text(&format!("不足[{}]", i + 1), s))
            .collect::<Result<_, _>>()?;
        let tasks: Vec<Task> = facts
            .next_year
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Ok(Task {
                    heading: clause(&format!("下年工作.任务[{}].标题", i + 1), &t.heading)?,
                    text: text(&format!("下年工作.任务[{}].内容", i + 1), &t.text)?,
                })
            })
            .collect::<Result<_, Diagnostics>>()?;
        let parts = [
            ("review", true),
            ("shortcomings", !shortcomings.is_empty()),
            (
                "tasks",
                !tasks.is_empty() || !facts.next_year.guiding_idea.trim().is_empty(),
            ),
        ];
        let present: Vec<bool> = parts.iter().map(|(_, p)| *p).collect();
        let numbers = parts
            .iter()
            .zip(numerals::number_present(1, &present))
            .filter_map(|((name, _), number)| number.map(|n| (*name, n)))
            .collect();
        let opening = facts
            .review
            .opening
            .as_deref()
            .filter(|o| !o.trim().is_empty())
            .map(|o| text("回顾.开篇", o))
            .transpose()?;
        Ok(View {
            meta: Meta {
                session_mark,
                draft_mark: unit.draft_mark.clone().filter(|d| !d.trim().is_empty()),
                township: unit.township.clone(),
                county: unit.county.clone(),
                speaker: unit.speaker.clone(),
                post: unit.post.clone(),
                report_date: unit.report_date.0.to_string(),
                year,
                kind: kind.as_str(),
            },
            township: escape(&unit.township),
            county: escape(&unit.county),
            speaker: escape(&unit.speaker),
            post: escape(&unit.post),
            term: unit.term.0,
            session: unit.session.0,
            year,
            next_year: year + 1,
            report_date: unit.report_date.0.to_string(),
            review_opening: opening,
            sections,
            thanks: clause("感谢", &facts.thanks)?,
            shortcomings,
            guiding_idea: text("下年工作.指导思想", &facts.next_year.guiding_idea)?,
            tasks,
            closing: text("结束语", &facts.closing)?,
            numbers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_both_ways() {
        assert_eq!("annual".parse::<ReportKind>().unwrap(), ReportKind::Annual);
        assert_eq!("年度".parse::<ReportKind>().unwrap(), ReportKind::Annual);
        assert_eq!(ReportKind::Annual.as_str(), "annual");
        assert!("monthly".parse::<ReportKind>().is_err());
    }

    #[test]
    fn points_are_enumerated() {
        assert_eq!(
            join_points(&["学习到位。", "调研深入；", "督办有力"]),
            "一是学习到位；二是调研深入；三是督办有力。"
        );
        assert_eq!(join_points(&[]), "");
    }

    #[test]
    fn empty_points_do_not_break_the_numbering() {
        assert_eq!(
            join_points(&["学习到位", "  ", "。", "督办有力；"]),
            "一是学习到位；二是督办有力。"
        );
        assert_eq!(join_points(&["", " "]), "");
    }

    #[test]
    fn tidy_collapses_blank_lines() {
        assert_eq!(tidy("a\n\n\n\nb  \n\n"), "a\n\nb\n");
    }
}
