//! `check --fix OUT`: the mechanical fixes of a run (half-width marks, English quotes, date and
//! number style, a 《 closed by 〉) applied to a copy of the input, written to a new file the
//! clerk names, never over the input. What needs judgement (a placeholder, a figure) is left to
//! the clerk; the copy passes `check` for the rules fixed.

use std::path::Path;

use crate::diag::{code, Code, Diagnostics};
use crate::output::{write_atomically, OutputError};

/// The rules whose fixes are applied: a mark or a form, never a word or a figure.
pub const MECHANICAL: &[Code] = &[
    code::TEXT_HALFWIDTH_PUNCTUATION,
    code::TEXT_ENGLISH_QUOTES,
    code::TEXT_DATE_STYLE,
    code::TEXT_NUMBER_STYLE,
    code::TEXT_UNBALANCED_PAIR,
];

/// `text` with the mechanical fixes of `found` (those into the file named `file_name`)
/// applied, and how many were.
pub fn apply(text: &str, file_name: &str, found: &Diagnostics) -> (String, usize) {
    let mut fixes: Vec<_> = found
        .iter()
        .filter(|d| MECHANICAL.contains(&d.code) && d.file_name() == Some(file_name))
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| text.get(f.range.clone()).is_some())
        .collect();
    fixes.sort_by_key(|f| (f.range.start, f.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for fix in fixes {
        // Two fixes of one spot: the first wins.
        if fix.range.start < at {
            continue;
        }
        out.push_str(&text[at..fix.range.start]);
        out.push_str(&fix.replacement);
        at = fix.range.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Why a fixed copy was not written.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{path} 就是输入文件，--fix 不会覆盖输入；请指定另一个文件名")]
    SameAsInput { path: String },
    #[error("{path} 已存在，不会覆盖；如确要覆盖请加 --force，或指定另一个文件名")]
    Exists { path: String },
    #[error("无法读取 {path}：{reason}")]
    Unreadable { path: String, reason: String },
    #[error(transparent)]
    Write(#[from] OutputError),
}

/// Writes `input` with the mechanical fixes of `found` to `out`, never over the input and over
/// an existing file only with `force`; returns how many fixes it made.
pub fn write_fixed(
    input: &Path,
    out: &Path,
    force: bool,
    found: &Diagnostics,
) -> Result<usize, FixError> {
    let shown = |p: &Path| p.display().to_string();
    if out.exists() {
        let same = match (input.canonicalize(), out.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same || crate::import::same_file(input, out) {
            return Err(FixError::SameAsInput { path: shown(out) });
        }
        if !force {
            return Err(FixError::Exists { path: shown(out) });
        }
    }
    let bytes = std::fs::read(input).map_err(|e| FixError::Unreadable {
        path: shown(input),
        reason: crate::diag::io_reason(&e),
    })?;
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let text = String::from_utf8_lossy(if bom { &bytes[3..] } else { &bytes });
    let (fixed, applied) = apply(&text, &shown(input), found);
    let mut written = Vec::with_capacity(fixed.len() + 3);
    if bom {
        written.extend_from_slice(b"\xEF\xBB\xBF");
    }
    written.extend_from_slice(fixed.as_bytes());
    write_atomically(out, &written)?;
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, SourceFile};

    #[test]
    fn fixes_apply_once_each_from_the_end_of_the_file() {
        let file = SourceFile::new("a.md", "学习,调研: 于2024.7.3召开\n");
        let at = |s: &str| file.text().find(s).unwrap();
        let fix = |code, s: &str, r: &str| {
            Diagnostic::warning(code, "x")
                .at(file.span(at(s)..at(s) + s.len()))
                .with_fix(r)
        };
        let found: Diagnostics = vec![
            fix(code::TEXT_HALFWIDTH_PUNCTUATION, ",", "，"),
            fix(code::TEXT_HALFWIDTH_PUNCTUATION, ": ", "："),
            fix(code::TEXT_DATE_STYLE, "2024.7.3", "2024年7月3日"),
            // Not mechanical: left alone.
            fix(code::TEXT_PLACEHOLDER, "召开", "xx"),
        ]
        .into();
        let (fixed, n) = apply(file.text(), "a.md", &found);
        assert_eq!(fixed, "学习，调研：于2024年7月3日召开\n");
        assert_eq!(n, 3);
    }
}
