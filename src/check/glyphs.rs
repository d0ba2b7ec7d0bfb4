//! Characters the pages cannot print, or print in another face: the layout's own glyph check
//! ([`crate::layout::glyph_check`]) run on the document before any page is set, so `check`
//! reports first what `build` would stop or warn on, at each place the character is typed in
//! the source (the facts file or the report's Markdown) rather than at 正文第N段.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};
use crate::document::Document;
use crate::fonts::{Coverage, FontSet};
use crate::layout::{glyph_check, GlyphIssue};
use crate::realize::realize;

/// Every place in `file` of a character of `doc` that `fonts` cannot print in its face.
pub fn check(file: &Arc<SourceFile>, doc: &Document, fonts: &FontSet) -> Diagnostics {
    // One verdict a character, the worst of the faces it is asked in.
    let mut worst: BTreeMap<char, GlyphIssue> = BTreeMap::new();
    for issue in glyph_check(&realize(doc), fonts) {
        let entry = worst.entry(issue.ch).or_insert(issue);
        if issue.coverage == Coverage::Missing {
            *entry = issue;
        }
    }
    // One finding a character, at its first place, naming the lines of the others: a rare
    // character of a name is typed wherever the name is.
    let mut found = Diagnostics::new();
    for issue in worst.values() {
        let mut d = finding(issue, fonts);
        let places: Vec<usize> = file
            .text()
            .match_indices(issue.ch)
            .map(|(at, _)| at)
            .collect();
        let Some(&first) = places.first() else {
            found.push(d.in_file(file.name()));
            continue;
        };
        if places.len() > 1 {
            let lines: Vec<String> = places[1..]
                .iter()
                .map(|&at| file.line_column(at).0.to_string())
                .collect();
            d.message
                .push_str(&format!("；此字另见第{}行", lines.join("、")));
        }
        found.push(d.at(file.span(first..first + issue.ch.len_utf8())));
    }
    found
}

fn finding(issue: &GlyphIssue, fonts: &FontSet) -> Diagnostic {
    let (ch, code_point) = (issue.ch, issue.ch as u32);
    match issue.coverage {
        Coverage::Missing => {
            let message = format!("字符“{ch}”（U+{code_point:04X}）在所有可用字体中都没有，无法印出");
            let d = if fonts.allow_missing_glyphs {
                Diagnostic::warning(code::LAYOUT_MISSING_GLYPH, format!("{message}，将留空"))
            } else {
                Diagnostic::error(code::LAYOUT_MISSING_GLYPH, message)
            };
            d.with_label("缺字")
                .with_help("请改用常用字，或用 --font-dir 提供含此字的字体；加 --allow-missing-glyphs 则以空白代替")
        }
        Coverage::Fallback(font) => Diagnostic::warning(
            code::LAYOUT_FONT_FALLBACK,
            format!(
                "字符“{ch}”（U+{code_point:04X}）在{}的字体中没有，将借用“{}”印出，字形与前后文字不同",
                issue.face.role_name(),
                fonts.file(font).family
            ),
        )
        .with_label("借用其他字体")
        .with_help(format!(
            "人名等用字可保留；要字形一致，请用 --font-dir 提供含此字的{}",
            issue.face.office_name()
        )),
        Coverage::Own => Diagnostic::warning(code::LAYOUT_FONT_FALLBACK, String::new()),
    }
}
