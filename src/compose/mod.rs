//! The tera engine that fills a document's template into its Markdown. It knows no document
//! kind by name: [`crate::kinds`] gives it the templates, the view of the facts each template
//! sees and the figures of the period, and asks for a template by file name.
//!
//! The templates in `templates/` are built into the binary; a directory given to
//! [`Composer::new`] may override any of them by file name. `base.md.tera` is the frame every
//! document extends: the front matter for the title block, then the body in blocks (opening,
//! review, thanks, shortcomings, tasks, closing) that each kind's template fills.
//!
//! What a template sees besides its kind's view:
//! - functions `figure(name="建议.总数")` (the figure of the kind's period as text) and
//!   `count(name=…)` (as a number), and a bounded `range`;
//! - filters `cn` (5 → 五), `full_date` ("2025-01-08" → 2025年1月8日), `heading_number(level=2)`
//!   (3 → （三）), `points` (a list → 一是……；二是……。), `md` (escape), `yaml` (quote).

pub mod limits;
pub mod numerals;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use chrono::NaiveDate;
use tera::{Context, Tera};

use crate::diag::{code, io_reason, Diagnostic, Diagnostics, SourceFile};
use crate::figures::Figures;
use crate::input::InputKind;
use crate::markdown::escape;

/// The frame every document extends, built in.
const BASE: (&str, &str) = ("base.md.tera", include_str!("../../templates/base.md.tera"));

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
    /// The base frame and the built-in `templates` (file name, text), each replaced by a file
    /// of the same name in `overrides` if one is there.
    pub fn new(
        templates: &[(&'static str, &'static str)],
        overrides: Option<&Path>,
    ) -> Result<Self, Diagnostics> {
        let mut sources = BTreeMap::new();
        for &(name, text) in std::iter::once(&BASE).chain(templates) {
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
        if let Some(breach) = limits::recursion(&tera) {
            return Err(breach_error(breach, &sources).into());
        }
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

    /// The Markdown (front matter and body) of the template `template` filled with `context`,
    /// in the format of [`crate::markdown`]; `figure()` and `count()` give `figures`.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        figures: &Figures,
    ) -> Result<String, Diagnostics> {
        let mut tera = self.tera.clone();
        let text_values = figures.values();
        tera.register_function("figure", move |args: &HashMap<String, tera::Value>| {
            let name = figure_arg(args)?;
            text_values
                .get(&name)
                .map(|v| tera::Value::String(v.clone()))
                .ok_or_else(|| unknown_figure(&name))
        });
        let counts: BTreeMap<String, u64> = figures
            .counts()
            .into_iter()
            .map(|(name, n, _)| (name, n))
            .collect();
        tera.register_function("count", move |args: &HashMap<String, tera::Value>| {
            let name = figure_arg(args)?;
            counts
                .get(&name)
                .map(|&n| tera::Value::from(n))
                .ok_or_else(|| unknown_figure(&name))
        });
        tera.register_function("range", limits::bounded_range(Arc::new(AtomicU64::new(0))));
        let text = limits::render(
            tera,
            template.to_string(),
            context.clone(),
            limits::MAX_TIME,
        )
        .map_err(|stopped| match stopped {
            limits::Stopped::Tera(e) => template_error(&e, &self.sources),
            limits::Stopped::TooLong => breach_error(
                limits::Breach {
                    template: template.to_string(),
                    culprit: None,
                    message: format!(
                        "模板写出的内容超过了{} MB，一份报告用不了这么多：请检查循环",
                        limits::MAX_OUTPUT / (1024 * 1024)
                    ),
                },
                &self.sources,
            ),
            limits::Stopped::TooSlow => breach_error(
                limits::Breach {
                    template: template.to_string(),
                    culprit: None,
                    message: format!(
                        "模板填写超过了{}秒仍未完成，已停止：请检查循环是否过多或嵌套过深",
                        limits::MAX_TIME.as_secs()
                    ),
                },
                &self.sources,
            ),
        })?;
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

/// A limit met by a template, at the template file (and the line of its culprit).
fn breach_error(breach: limits::Breach, sources: &BTreeMap<String, Arc<SourceFile>>) -> Diagnostic {
    let d = Diagnostic::error(
        code::TEMPLATE_LIMIT,
        format!("模板有误：{}", breach.message),
    );
    let Some(file) = sources.get(&breach.template) else {
        return d.in_file(breach.template);
    };
    let span = breach.culprit.as_deref().and_then(|culprit| {
        let start = file.text().find(culprit)?;
        Some(file.span(start..start + culprit.len()))
    });
    match span {
        Some(span) => d.at(span),
        None => d.in_file(file.name()),
    }
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
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| tera::Error::msg("cn 过滤器需要 0 至 4294967295 之间的整数"))?;
        Ok(numerals::chinese(n).into())
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
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| tera::Error::msg("heading_number 过滤器需要正整数"))?;
        let level = args.get("level").and_then(|l| l.as_u64()).unwrap_or(1);
        let level = u8::try_from(level)
            .ok()
            .filter(|l| (1..=4).contains(l))
            .ok_or_else(|| tera::Error::msg("heading_number 的 level 应为 1 至 4"))?;
        Ok(numerals::heading_number(level, n).into())
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
/// numbering stays continuous (一是……；二是……, never 一是……；三是……); a single point is not
/// numbered at all (一是 promises a 二是).
pub fn join_points(points: &[&str]) -> String {
    let mut out = String::new();
    let kept: Vec<&str> = points
        .iter()
        .map(|p| p.trim().trim_end_matches(POINT_END).trim_end())
        .filter(|p| !p.is_empty())
        .collect();
    if let [only] = kept.as_slice() {
        return format!("{only}。");
    }
    for (i, p) in kept.into_iter().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_enumerated() {
        assert_eq!(
            join_points(&["学习到位。", "调研深入；", "督办有力"]),
            "一是学习到位；二是调研深入；三是督办有力。"
        );
        assert_eq!(join_points(&[]), "");
    }

    #[test]
    fn a_single_point_is_not_numbered() {
        assert_eq!(
            join_points(&["建议办理进度不够快；"]),
            "建议办理进度不够快。"
        );
        assert_eq!(join_points(&["", "督办有力", " "]), "督办有力。");
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
