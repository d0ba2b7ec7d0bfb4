//! Text with origins: one piece of a report's prose (a facts file's narrative field, a
//! Markdown paragraph, heading, list item or table cell) with where each byte came from, so
//! the rules ([`super::rules`]) read plain text and every finding lands at file:line:column of
//! the source, with a fix only where the source holds the very text found.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::diag::{code, Diagnostic, Diagnostics, Severity, SourceFile, Span};
use crate::document::TextOrigin;

use super::rules::{self, Finding};

/// A piece of prose and where it came from.
#[derive(Debug, Clone)]
pub struct Prose {
    pub text: String,
    pub origin: TextOrigin,
    /// The field of a facts file (回顾.开篇), none for a Markdown report's body.
    pub field: Option<String>,
}

impl Prose {
    /// The source bytes of `range` of the text, and whether they hold exactly that text (no
    /// escape, entity or fold between), so a fix may replace them.
    pub fn source_range(
        &self,
        file: &SourceFile,
        range: Range<usize>,
    ) -> Option<(Range<usize>, bool)> {
        let start = self.origin.source_offset(range.start)?;
        let exact_end = range.end.checked_sub(1).and_then(|last| {
            let last = (0..=last).rev().find(|&i| self.text.is_char_boundary(i))?;
            let len = self.text[last..].chars().next()?.len_utf8();
            Some(self.origin.source_offset(last)? + len)
        });
        let wanted = &self.text[range.clone()];
        if let Some(end) = exact_end.filter(|&e| e >= start) {
            if file.text().get(start..end) == Some(wanted) {
                // A mark right after a backslash is an escape's (\" in a quoted YAML value).
                let escaped = file.text()[..start].ends_with('\\');
                return Some((start..end, !escaped));
            }
        }
        let len = file.text()[start..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        Some((start..start + len, false))
    }

    /// The diagnostic of a rule's finding in this piece of `file`.
    pub fn diagnostic(&self, file: &Arc<SourceFile>, finding: &Finding) -> Diagnostic {
        let d = match finding.severity {
            Severity::Error => Diagnostic::error(finding.code, finding.message.clone()),
            Severity::Warning => Diagnostic::warning(finding.code, finding.message.clone()),
        }
        .with_label(finding.label);
        let d = match &self.field {
            Some(field) => d.in_field(field.clone()),
            None => d,
        };
        match self.source_range(file, finding.range.clone()) {
            Some((range, exact)) => {
                let d = d.at(file.span(range));
                match (&finding.fix, exact) {
                    (Some(fix), true) => d.with_fix(fix.clone()),
                    _ => d,
                }
            }
            None => d.in_file(file.name()),
        }
    }
}

/// Every finding of the prose rules in `pieces` of `file`, then the sentences repeated across
/// them.
pub fn proofread(file: &Arc<SourceFile>, pieces: &[Prose]) -> Diagnostics {
    let mut found = Diagnostics::new();
    for piece in pieces {
        for finding in rules::run(&piece.text) {
            found.push(piece.diagnostic(file, &finding));
        }
    }
    found.extend(repeated_sentences(file, pieces));
    found
}

/// Sentences shorter than this (in characters) are formulae any report repeats.
const SHORTEST_REPEAT: usize = 12;

/// A sentence said twice in one document, at its second place, naming the first: hashed once
/// each, so a long report costs a pass.
pub fn repeated_sentences(file: &Arc<SourceFile>, pieces: &[Prose]) -> Diagnostics {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut found = Diagnostics::new();
    for piece in pieces {
        let mut at = 0;
        for sentence in piece.text.split_inclusive(['。', '！', '？', '；', '\n']) {
            let start = at + (sentence.len() - sentence.trim_start().len());
            at += sentence.len();
            let body = sentence.trim().trim_end_matches(['。', '！', '？', '；']);
            if body.chars().count() < SHORTEST_REPEAT {
                continue;
            }
            let range = start..start + body.len();
            let Some((source, _)) = piece.source_range(file, range) else {
                continue;
            };
            let span = file.span(source);
            match seen.get(body) {
                None => {
                    seen.insert(body, span);
                }
                Some(first) => {
                    let (line, column) = first.line_column();
                    let mut d = Diagnostic::warning(
                        code::TEXT_REPEATED_SENTENCE,
                        format!("这句话与第{line}行第{column}列的一句完全相同，同一份报告中应避免重复，请删去或改写一处"),
                    )
                    .with_label("重复的句子")
                    .at(span);
                    if let Some(field) = &piece.field {
                        d = d.in_field(field.clone());
                    }
                    found.push(d);
                }
            }
        }
    }
    found
}
