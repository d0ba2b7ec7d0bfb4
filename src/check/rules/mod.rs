//! The proofreading rules over a piece of prose: each a small unit with a rule code and a
//! Chinese name ([`crate::diag::code`]), reading plain text and reporting byte ranges of it.
//! They know nothing of files: [`super::prose`] runs them on text with origins (a facts
//! file's narrative fields, a Markdown report's paragraphs) and places each finding in its
//! source, so the same rule says the same thing about a YAML value and a Markdown paragraph.

pub mod dates;
pub mod figures;
pub mod numbers;
pub mod pairs;
pub mod placeholder;
pub mod punctuation;

use std::ops::Range;

use crate::diag::{Code, Severity};

/// One finding of a rule in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// Bytes of the text the finding is about.
    pub range: Range<usize>,
    /// What is wrong and what to write instead, in Chinese.
    pub message: String,
    /// A few words under the spot.
    pub label: &'static str,
    /// The text that mechanically replaces `range`, when there is one.
    pub fix: Option<String>,
}

impl Finding {
    pub fn new(
        code: Code,
        severity: Severity,
        range: Range<usize>,
        label: &'static str,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            severity,
            range,
            message: message.into(),
            label,
            fix: None,
        }
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Finding {
        self.fix = Some(fix.into());
        self
    }
}

/// A rule: what it finds in one piece of text.
pub type Rule = fn(&str, &mut Vec<Finding>);

/// Every rule that reads a piece of prose on its own, in the order they report.
pub const PROSE: &[Rule] = &[
    placeholder::find,
    punctuation::halfwidth,
    punctuation::english_quotes,
    pairs::find,
    dates::find,
    numbers::find,
    figures::contradictions,
];

/// Every finding of the [`PROSE`] rules in `text`, in text order.
pub fn run(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    for rule in PROSE {
        rule(text, &mut found);
    }
    found.sort_by_key(|f| (f.range.start, f.range.end));
    found
}

/// The characters of `text` with their byte offsets, for rules that look around a spot.
pub(crate) fn indexed(text: &str) -> Vec<(usize, char)> {
    text.char_indices().collect()
}

/// The byte range of characters `from..to` of `chars` (indices into it) in `text`.
pub(crate) fn byte_range(
    text: &str,
    chars: &[(usize, char)],
    from: usize,
    to: usize,
) -> Range<usize> {
    let start = chars.get(from).map_or(text.len(), |c| c.0);
    let end = chars.get(to).map_or(text.len(), |c| c.0);
    start..end
}

/// What `rule` finds in `text` with its fix: (the text found, the text to put there), for the
/// rules' tests; every finding must carry a fix.
#[cfg(test)]
pub(crate) fn fixes(rule: Rule, text: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    rule(text, &mut out);
    out.into_iter()
        .map(|f| (&text[f.range], f.fix.expect("a fix")))
        .collect()
}
