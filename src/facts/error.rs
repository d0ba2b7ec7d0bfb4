//! What can be wrong with a facts file, said in Chinese with file:line:column and the field path.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

use super::source_map::Pos;

/// One thing wrong (or worth a look) in a facts file, at a place.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The file name as given.
    pub file: String,
    /// 1-based line and column (in characters) of the offending text.
    pub line: usize,
    pub column: usize,
    /// The field path, e.g. 会议[3].日期 (1-based item numbers); `None` for the whole file.
    pub path: Option<String>,
    /// What is wrong and what is expected.
    pub message: String,
    /// A hint: a suggested key, the names available …
    pub help: Option<String>,
    /// A short label printed under the offending text.
    pub label: String,
    source: Option<NamedSource<Arc<String>>>,
    offset: usize,
    len: usize,
}

impl Problem {
    pub(crate) fn new(
        file: &str,
        source: Option<&Arc<String>>,
        pos: Option<Pos>,
        path: Option<&str>,
        message: impl Into<String>,
    ) -> Problem {
        let pos = pos.unwrap_or(Pos {
            line: 1,
            column: 1,
            offset: 0,
            len: 0,
        });
        let message = message.into();
        Problem {
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            path: path.filter(|p| !p.is_empty()).map(str::to_string),
            label: "此处".to_string(),
            help: None,
            source: source.map(|s| NamedSource::new(file, Arc::clone(s)).with_language("YAML")),
            offset: pos.offset,
            len: pos.len,
            message,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn with_label(mut self, label: impl Into<String>) -> Problem {
        self.label = label.into();
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(path) = &self.path {
            write!(f, "{path}：")?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "（{help}）")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

impl Diagnostic for Problem {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), (self.offset, self.len)),
        )))
    }
}

/// A non-fatal remark on a facts file (half-width punctuation, GB18030 decoded …).
pub type Warning = Problem;

/// Why a facts file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FactsError {
    /// The file could not be read at all, or is not a file to read (a device, a FIFO, too
    /// large).
    #[error(transparent)]
    Read(#[from] crate::input::InputError),
    /// The file was read but is wrong; every problem found, in file order.
    #[error("{}", display_problems(.0))]
    Invalid(Vec<Problem>),
}

fn display_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl FactsError {
    /// The problems found (empty for a read error).
    pub fn problems(&self) -> &[Problem] {
        match self {
            FactsError::Read(_) => &[],
            FactsError::Invalid(p) => p,
        }
    }

    fn first(&self) -> Option<&Problem> {
        self.problems().first()
    }
}

impl Diagnostic for FactsError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.first()?.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.first()?.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.first()?.labels()
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        let rest = self.problems().get(1..)?;
        if rest.is_empty() {
            return None;
        }
        Some(Box::new(rest.iter().map(|p| p as &dyn Diagnostic)))
    }
}
