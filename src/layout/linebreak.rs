//! Chinese line breaking (避头尾) and justification of one paragraph.
//!
//! INTERFACE ONLY — a greedy placeholder that the line-breaking helper replaces with the real
//! breaker (unicode-linebreak opportunities, 避头尾, number+unit, ——/……, punctuation
//! compression, justification). The signature and the meaning of `Line` stay.

use std::ops::Range;

/// One set line of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters of the paragraph on this line (indices into the paragraph's chars).
    /// Spaces that fall at a break are not part of any line.
    pub range: Range<usize>,
    /// x offset of every character in `range`, in pt from the left edge of the type area
    /// (so the first line's offsets include its indent). Justified lines end flush right.
    pub x: Vec<f32>,
    /// The advance each character is set with after compression/spreading, in pt.
    pub advance: Vec<f32>,
}

/// Breaks a paragraph into lines.
///
/// - `chars`: the paragraph's text;
/// - `advances`: each character's natural advance in pt (the caller applies the grid's tracking);
/// - `first_indent`: indent of the first line in pt (two characters for body text);
/// - `width`: the line width in pt (the type area);
/// - `justify`: spread every line but the last so both edges are flush.
pub fn break_paragraph(
    chars: &[char],
    advances: &[f32],
    first_indent: f32,
    width: f32,
    justify: bool,
) -> Vec<Line> {
    let _ = justify;
    let mut lines = Vec::new();
    let mut start = 0;
    let mut x = first_indent;
    let mut xs = Vec::new();
    for i in 0..chars.len() {
        if x + advances[i] > width + 0.01 && i > start {
            lines.push(Line {
                range: start..i,
                x: std::mem::take(&mut xs),
                advance: advances[start..i].to_vec(),
            });
            start = i;
            x = 0.0;
        }
        xs.push(x);
        x += advances[i];
    }
    if start < chars.len() || lines.is_empty() {
        lines.push(Line {
            range: start..chars.len(),
            x: xs,
            advance: advances[start..].to_vec(),
        });
    }
    lines
}
