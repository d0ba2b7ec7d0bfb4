//! Which characters the layout printed from a font other than their face's own — the face's
//! supplement of the same design class, or another face — and the one warning that tells the
//! clerk so (issue #8: a report in traditional characters must not change faces without a word).
//!
//! The layout notes each such glyph as it sets it ([`Substitutions::note`]); at the end, one
//! [`Diagnostic`] lists the characters per face and the font they came from, and names the first
//! one by its code point and the place it first stands, so the build can point at it in a
//! Markdown source as it does for a missing character.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diag::{code, Diagnostic};
use crate::fonts::{FontId, FontSet};
use crate::style::Face;

/// Characters set from a substitute font, in the order they first appear.
#[derive(Debug, Default)]
pub struct Substitutions {
    /// Per face and substitute font, the distinct characters in order of first appearance.
    by_font: BTreeMap<(Face, FontId), String>,
    /// The first character substituted and where it stands (正文第3段).
    first: Option<(char, String)>,
}

impl Substitutions {
    /// Notes that `ch`, asked for in `face` at `location`, was printed from `font`.
    pub fn note(&mut self, face: Face, font: FontId, ch: char, location: &str) {
        let chars = self.by_font.entry((face, font)).or_default();
        if !chars.contains(ch) {
            chars.push(ch);
        }
        self.first.get_or_insert_with(|| (ch, location.to_string()));
    }

    /// The warning naming every substituted character, or `None` when there were none.
    pub fn warning(&self, fonts: &FontSet) -> Option<Diagnostic> {
        let (first, location) = self.first.as_ref()?;
        let mut message =
            String::from("以下字符在所用字体中没有，已逐字改用其他字体印出，请核对字形：");
        let groups: Vec<String> = self
            .by_font
            .iter()
            .map(|((face, font), chars)| {
                let kind = if fonts.is_supplement_of(*face, *font) {
                    "同类补字字体"
                } else {
                    "其他字体"
                };
                format!(
                    "{}缺“{chars}”，改用{kind} {}",
                    face.role_name(),
                    fonts.file(*font).family
                )
            })
            .collect();
        message += &groups.join("；");
        let _ = write!(message, "。首个是“{first}”（U+{:04X}）", *first as u32);
        Some(
            Diagnostic::warning(code::LAYOUT_FONT_FALLBACK, message)
                .in_field(location.clone())
                .with_help(
                    "补字字体与原字体同类（仿宋、宋、黑、楷），字形略有不同；\
                     要完全一致，请用 --font-dir 提供含这些字的字体（如 Windows 自带的 仿宋、黑体、楷体）",
                ),
        )
    }
}
