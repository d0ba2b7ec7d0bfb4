//! Diagnostics: the one type every stage returns for what is wrong (or worth a look) in its
//! input — a facts file, a report's Markdown, a template, a font, the layout.
//!
//! A [`Diagnostic`] has a severity, a stable rule [`Code`], a Chinese message, the field path
//! it is about (会议[3].日期), a [`Span`] into its [`SourceFile`] when it has a place, and
//! optionally a help text and a mechanical fix. Stages build them; only the edge (the CLI)
//! renders them, all of them, through [`Diagnostics`]: for people through miette (snippet,
//! label, severity), for tools as JSON.

pub mod code;
mod render;
mod source;

use std::fmt;
use std::ops::Range;

use serde::Serialize;

pub use code::Code;
pub use source::{SourceFile, Span};

pub(crate) use source::io_reason;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be used as it is: nothing is written, exit status 1.
    Error,
    /// Worth a look; the run goes on.
    Warning,
}

impl Severity {
    /// 错误 or 警告.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// A mechanical correction: replace `range` (bytes of the diagnostic's file) with
/// `replacement`. For a later `--fix`; never applied to the input itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub range: Range<usize>,
    pub replacement: String,
}

/// Where a value stands in its source: its field path and the span of the value. Kept by a
/// stage that hands the value on (a font file named under 字体), so that a finding made later
/// about what it names (the font is broken) is said at the line that names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// 字体.仿宋
    pub field: String,
    pub span: Span,
}

/// One finding, at a place.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// What is wrong and what to write instead, in Chinese.
    pub message: String,
    /// The field path, e.g. 会议[3].日期 (1-based item numbers), or a place in the document
    /// such as 正文第3段.
    pub field: Option<String>,
    /// Where in its source file, when it has a place there.
    pub span: Option<Span>,
    /// The file a diagnostic without a span is about (one that could not be read, a font).
    pub file: Option<String>,
    /// A short label printed under the spanned text (此处 when not given).
    pub label: Option<String>,
    /// A hint: the names available, a suggested key …
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    fn new(severity: Severity, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            field: None,
            span: None,
            file: None,
            label: None,
            help: None,
            fix: None,
        }
    }

    pub fn error(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, message)
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, message)
    }

    /// At `span`.
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    /// About the field (or document place) `path`; an empty path is none.
    pub fn in_field(mut self, path: impl Into<String>) -> Diagnostic {
        let path = path.into();
        self.field = (!path.is_empty()).then_some(path);
        self
    }

    /// At the value `place` stands for, about its field.
    pub fn at_place(self, place: &Place) -> Diagnostic {
        self.at(place.span.clone()).in_field(place.field.clone())
    }

    /// About the file `name` as a whole (for a diagnostic that has no span).
    pub fn in_file(mut self, name: impl Into<String>) -> Diagnostic {
        self.file = Some(name.into());
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// With the fix that replaces the spanned text by `replacement` (none without a span).
    pub fn with_fix(mut self, replacement: impl Into<String>) -> Diagnostic {
        if let Some(span) = &self.span {
            self.fix = Some(Fix {
                range: span.range.clone(),
                replacement: replacement.into(),
            });
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file it is in or about.
    pub fn file_name(&self) -> Option<&str> {
        match &self.span {
            Some(span) => Some(span.file.name()),
            None => self.file.as_deref(),
        }
    }

    /// The 1-based line and column (in characters) where it starts, when it has a span.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.span.as_ref().map(Span::line_column)
    }
}

/// `file:line:col: 路径：message（help）`, the parts that are known.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file_name(), self.line_column()) {
            (Some(file), Some((line, column))) => write!(f, "{file}:{line}:{column}: ")?,
            (Some(file), None) => write!(f, "{file}: ")?,
            (None, _) => {}
        }
        if let Some(field) = &self.field {
            write!(f, "{field}：")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "（{help}）")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// miette shows the message line (which carries the help, in Chinese), the severity and the
/// code, and the spanned line with its label. The help is not given to miette separately: it
/// would print it again after an English "help:".
impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}[{}]：{}",
            self.severity.name(),
            self.code.id,
            self.code.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.span
            .as_ref()
            .map(|s| &*s.file as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span.as_ref()?;
        let label = self.label.clone().unwrap_or_else(|| "此处".to_string());
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(
                Some(label),
                (span.range.start, span.range.len()),
            ),
        )))
    }
}

/// Every finding of a run, errors and warnings, in the order they were found (a stage that
/// knows its file sorts them by place).
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// In order of file and place; findings without a span first, as they were.
    pub fn sort_by_place(&mut self) {
        self.0.sort_by_key(|d| {
            d.span
                .as_ref()
                .map(|s| (s.file.name().to_string(), s.range.start))
        });
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.0
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

impl From<Box<Diagnostic>> for Diagnostics {
    fn from(d: Box<Diagnostic>) -> Diagnostics {
        Diagnostics(vec![*d])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Diagnostics {
        Diagnostics(v)
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Diagnostics {
        Diagnostics(iter.into_iter().collect())
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// One line per finding.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Diagnostic {
        let file = SourceFile::new("bad.yaml", "会议:\n  - 日期: 2024-13-01\n");
        let start = file.text().find("2024").unwrap();
        Diagnostic::error(
            code::FACTS_INVALID_DATE,
            "日期“2024-13-01”无效，应为 YYYY-MM-DD",
        )
        .at(file.span(start..start + 10))
        .in_field("会议[1].日期")
        .with_help("如 2024-07-03")
    }

    #[test]
    fn display_is_file_line_column_field_message_help() {
        assert_eq!(
            sample().to_string(),
            "bad.yaml:2:9: 会议[1].日期：日期“2024-13-01”无效，应为 YYYY-MM-DD（如 2024-07-03）"
        );
        let whole = Diagnostic::error(code::INPUT_UNREADABLE, "无法读取文件：文件不存在")
            .in_file("none.yaml");
        assert_eq!(whole.to_string(), "none.yaml: 无法读取文件：文件不存在");
        let place = Diagnostic::warning(code::LAYOUT_MISSING_GLYPH, "缺字").in_field("正文第3段");
        assert_eq!(place.to_string(), "正文第3段：缺字");
    }

    #[test]
    fn a_fix_replaces_the_span() {
        let file = SourceFile::new("w.yaml", "a: 学习,调研\n");
        let at = file.text().find(',').unwrap();
        let d = Diagnostic::warning(code::TEXT_HALFWIDTH_PUNCTUATION, "半角")
            .at(file.span(at..at + 1))
            .with_fix("，");
        assert_eq!(
            d.fix,
            Some(Fix {
                range: at..at + 1,
                replacement: "，".into()
            })
        );
        assert!(
            Diagnostic::warning(code::TEXT_HALFWIDTH_PUNCTUATION, "半角")
                .with_fix("，")
                .fix
                .is_none()
        );
    }

    #[test]
    fn counts_and_order() {
        let file = SourceFile::new("f.yaml", "a\nb\nc\n");
        let at = |i: usize| Diagnostic::error(code::YAML_SYNTAX, "x").at(file.span(i..i + 1));
        let mut all: Diagnostics = vec![
            at(4),
            Diagnostic::warning(code::TEXT_PLACEHOLDER, "w").at(file.span(2..3)),
            at(0),
        ]
        .into();
        all.sort_by_place();
        let starts: Vec<usize> = all
            .iter()
            .map(|d| d.span.as_ref().unwrap().range.start)
            .collect();
        assert_eq!(starts, [0, 2, 4]);
        assert_eq!((all.error_count(), all.warning_count()), (2, 1));
        assert!(all.has_errors());
    }
}
