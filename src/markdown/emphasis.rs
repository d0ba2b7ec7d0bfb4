//! Emphasis as a Chinese report means it: the `*` delimiter runs of a paragraph resolved with
//! CommonMark's algorithm under the CJK-friendly amendment, over pulldown-cmark's events.
//!
//! CommonMark does not close `**政治自觉不断强化。**坚决……` (the run follows a mark and precedes a
//! letter), so the bold lead-in, the commonest paragraph of a report, would print with its
//! asterisks. The CJK-friendly amendment
//! (<https://github.com/tats-u/markdown-cjk-friendly/blob/main/specification.md>) changes only
//! when a delimiter run is left- or right-flanking: a CJK character beside it counts as what
//! lets it open or close. pulldown-cmark 0.13 does not have it; rather than a patched copy of the
//! parser, this pass takes the inline events pulldown-cmark gives with their source offsets,
//! undoes its emphasis, and resolves every `*` delimiter run again with the amended flanking
//! (the spec's “process emphasis”, links and code spans left as pulldown-cmark found them). It
//! needs nothing from the parser but offsets, so it keeps working when the parser is upgraded,
//! and when a release has the amendment this pass can go.
//!
//! Two rules of the report dialect come with it, because a pasted report is full of text that
//! only looks like markup and must reach the page (a proofreader has to see it):
//!
//! - a run of three or more `*` is text: redactions such as `以******为核心`, `***五中***`;
//! - `_` is text: fill-in blanks such as `“__”时期`, `__年`, `___同志`.
//!
//! So emphasis is `*…*` and strong is `**…**`; where those cannot stand (bold beside 楷体, bold
//! 楷体), the writer uses the HTML tags `<strong>` and `<em>`, which this pass reads as well.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};
use unicode_general_category::{get_general_category, GeneralCategory};

use crate::text::is_cjk;

/// A piece of a paragraph's text, in reading order, with its style and source bytes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Piece {
    pub kind: PieceKind,
    pub source: Range<usize>,
    pub strong: bool,
    pub emphasis: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum PieceKind {
    Text(String),
    /// A line ended inside the paragraph.
    SoftBreak,
    /// A hard line break (a backslash or two spaces at the end of the line).
    HardBreak,
}

/// The HTML tags read as emphasis and strong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Emphasis,
    Strong,
}

fn html_tag(html: &str) -> Option<(TagKind, bool)> {
    match html.trim().to_ascii_lowercase().as_str() {
        "<em>" => Some((TagKind::Emphasis, true)),
        "</em>" => Some((TagKind::Emphasis, false)),
        "<strong>" => Some((TagKind::Strong, true)),
        "</strong>" => Some((TagKind::Strong, false)),
        _ => None,
    }
}

/// What a paragraph's inline events are made of, once pulldown-cmark's emphasis is undone.
#[derive(Debug, Clone)]
enum Atom {
    /// Text, never markup.
    Text(String, Range<usize>),
    /// One `*` that may be part of a delimiter run, at this byte.
    Star(usize),
    Tag(TagKind, bool, Range<usize>),
    SoftBreak(Range<usize>),
    HardBreak(Range<usize>),
}

/// Resolves the inline `events` of one paragraph (heading, list item, table cell) whose source
/// is `container` in `source`: the pieces of its text with their styles.
pub(super) fn resolve(
    events: &[(Event<'_>, Range<usize>)],
    source: &str,
    container: Range<usize>,
) -> Vec<Piece> {
    let (atoms, scopes) = atoms(events, source, container.start);
    let mut consumed = vec![false; atoms.len()];
    let mut intervals: Vec<(Range<usize>, TagKind)> = Vec::new();

    // Delimiter runs: `*` atoms on consecutive bytes of one scope.
    let mut runs: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        let Atom::Star(start) = atoms[i] else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < atoms.len()
            && matches!(atoms[j], Atom::Star(at) if at == start + (j - i))
            && scopes[j] == scopes[i]
        {
            j += 1;
        }
        let len = j - i;
        // Three or more are text (redactions), never a delimiter run.
        if len <= 2 {
            let before = if start <= container.start {
                ""
            } else {
                &source[..start]
            };
            let end = start + len;
            let after = if end >= container.end {
                ""
            } else {
                &source[end..]
            };
            runs.push(Run {
                atoms: i..j,
                scope: scopes[i],
                len,
                front: 0,
                back: 0,
                can_open: left_flanking(before, after),
                can_close: right_flanking(before, after),
                active: true,
            });
        }
        i = j;
    }
    for (closer, opener, k) in process_emphasis(&mut runs) {
        let (o, c) = (&runs[opener], &runs[closer]);
        // The opener gives up the stars nearest the text, the closer its first ones.
        let open_stars = o.atoms.end - o.back - k..o.atoms.end - o.back;
        let close_stars = c.atoms.start + c.front..c.atoms.start + c.front + k;
        let kind = if k == 2 {
            TagKind::Strong
        } else {
            TagKind::Emphasis
        };
        let from = star_at(&atoms, open_stars.end - 1) + 1;
        let to = star_at(&atoms, close_stars.start);
        intervals.push((from..to, kind));
        for a in open_stars.chain(close_stars) {
            consumed[a] = true;
        }
        runs[opener].back += k;
        runs[closer].front += k;
    }
    // `<em>` … `</em>`, `<strong>` … `</strong>`: each closing tag closes the last open one of
    // its kind in its scope; a tag without its partner is text.
    let mut open: Vec<(usize, TagKind)> = Vec::new();
    for (a, atom) in atoms.iter().enumerate() {
        let Atom::Tag(kind, opens, _) = atom else {
            continue;
        };
        if *opens {
            open.push((a, *kind));
        } else if let Some(k) = open
            .iter()
            .rposition(|&(o, kind_o)| kind_o == *kind && scopes[o] == scopes[a])
        {
            let (o, _) = open.remove(k);
            let Atom::Tag(_, _, opened) = &atoms[o] else {
                unreachable!()
            };
            let Atom::Tag(_, _, closed) = atom else {
                unreachable!()
            };
            intervals.push((opened.end..closed.start, *kind));
            consumed[o] = true;
            consumed[a] = true;
        }
    }

    let styled = |at: usize, kind: TagKind| {
        intervals
            .iter()
            .any(|(range, k)| *k == kind && range.contains(&at))
    };
    let mut pieces = Vec::new();
    for (atom, _) in atoms.iter().zip(&consumed).filter(|(_, &used)| !used) {
        let (kind, range) = match atom {
            Atom::Text(text, range) => (PieceKind::Text(text.clone()), range.clone()),
            Atom::Star(at) => (PieceKind::Text("*".into()), *at..at + 1),
            Atom::Tag(_, _, range) => (
                PieceKind::Text(source[range.clone()].to_string()),
                range.clone(),
            ),
            Atom::SoftBreak(range) => (PieceKind::SoftBreak, range.clone()),
            Atom::HardBreak(range) => (PieceKind::HardBreak, range.clone()),
        };
        pieces.push(Piece {
            strong: styled(range.start, TagKind::Strong),
            emphasis: styled(range.start, TagKind::Emphasis),
            kind,
            source: range,
        });
    }
    pieces
}

fn star_at(atoms: &[Atom], a: usize) -> usize {
    match atoms[a] {
        Atom::Star(at) => at,
        _ => unreachable!("a delimiter run holds only stars"),
    }
}

/// The atoms of the events, and the link scope of each (emphasis never crosses a link's
/// brackets; links and images keep only their text).
fn atoms(
    events: &[(Event<'_>, Range<usize>)],
    source: &str,
    start: usize,
) -> (Vec<Atom>, Vec<u32>) {
    let mut atoms = Vec::new();
    let mut scopes = Vec::new();
    let mut scope_stack = vec![0u32];
    let mut next_scope = 1u32;
    // Where the previous event's source ended: a backslash after it and just before a text event
    // is an escape, and the text's first character is text whatever it is.
    let mut last_end = start;
    let push = |atoms: &mut Vec<Atom>, scopes: &mut Vec<u32>, stack: &Vec<u32>, atom| {
        atoms.push(atom);
        scopes.push(*stack.last().expect("the paragraph's scope"));
    };
    for (event, range) in events {
        let range = range.clone();
        match event {
            Event::Text(text) => {
                let verbatim = source.get(range.clone()) == Some(text.as_ref());
                // The byte before is a backslash no event covered: an escape.
                let escaped = range.start > last_end && source.as_bytes()[range.start - 1] == b'\\';
                if !verbatim {
                    push(
                        &mut atoms,
                        &mut scopes,
                        &scope_stack,
                        Atom::Text(text.to_string(), range.clone()),
                    );
                } else {
                    let mut plain = String::new();
                    let mut plain_start = range.start;
                    for (k, c) in text.char_indices() {
                        let at = range.start + k;
                        if c == '*' && !(escaped && k == 0) {
                            if !plain.is_empty() {
                                let t = std::mem::take(&mut plain);
                                push(
                                    &mut atoms,
                                    &mut scopes,
                                    &scope_stack,
                                    Atom::Text(t, plain_start..at),
                                );
                            }
                            push(&mut atoms, &mut scopes, &scope_stack, Atom::Star(at));
                            plain_start = at + 1;
                        } else {
                            if plain.is_empty() {
                                plain_start = at;
                            }
                            plain.push(c);
                        }
                    }
                    if !plain.is_empty() {
                        push(
                            &mut atoms,
                            &mut scopes,
                            &scope_stack,
                            Atom::Text(plain, plain_start..range.end),
                        );
                    }
                }
                last_end = range.end;
            }
            Event::Code(text) => {
                push(
                    &mut atoms,
                    &mut scopes,
                    &scope_stack,
                    Atom::Text(text.to_string(), range.clone()),
                );
                last_end = range.end;
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                match html_tag(html) {
                    Some((kind, opens)) => push(
                        &mut atoms,
                        &mut scopes,
                        &scope_stack,
                        Atom::Tag(kind, opens, range.clone()),
                    ),
                    // A comment is for the writer of the source; any other HTML is text.
                    None if html.trim_start().starts_with("<!--") => {}
                    None => push(
                        &mut atoms,
                        &mut scopes,
                        &scope_stack,
                        Atom::Text(html.trim_end_matches('\n').to_string(), range.clone()),
                    ),
                }
                last_end = range.end;
            }
            Event::SoftBreak => {
                push(
                    &mut atoms,
                    &mut scopes,
                    &scope_stack,
                    Atom::SoftBreak(range.clone()),
                );
                last_end = range.end;
            }
            Event::HardBreak => {
                push(
                    &mut atoms,
                    &mut scopes,
                    &scope_stack,
                    Atom::HardBreak(range.clone()),
                );
                last_end = range.end;
            }
            // pulldown-cmark's own emphasis is undone: its delimiters become stars again (or
            // underscores, which are text), to be resolved with the rest.
            Event::Start(Tag::Emphasis | Tag::Strong)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                let n = if matches!(
                    event,
                    Event::Start(Tag::Strong) | Event::End(TagEnd::Strong)
                ) {
                    2
                } else {
                    1
                };
                let opening = matches!(event, Event::Start(_));
                let at = if opening { range.start } else { range.end - n };
                if source.as_bytes()[at] == b'*' {
                    for k in 0..n {
                        push(&mut atoms, &mut scopes, &scope_stack, Atom::Star(at + k));
                    }
                } else {
                    let text = source[at..at + n].to_string();
                    push(
                        &mut atoms,
                        &mut scopes,
                        &scope_stack,
                        Atom::Text(text, at..at + n),
                    );
                }
                last_end = at + n;
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                scope_stack.push(next_scope);
                next_scope += 1;
                // The text starts after `[` (or `![`).
                last_end = range.start
                    + if matches!(event, Event::Start(Tag::Image { .. })) {
                        2
                    } else {
                        1
                    };
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if scope_stack.len() > 1 {
                    scope_stack.pop();
                }
                last_end = range.end;
            }
            _ => last_end = range.end,
        }
    }
    (atoms, scopes)
}

/// A `*` delimiter run of one or two stars.
#[derive(Debug)]
struct Run {
    /// Its stars among the atoms.
    atoms: Range<usize>,
    scope: u32,
    len: usize,
    /// Stars used from the front (closing) and from the back (opening).
    front: usize,
    back: usize,
    can_open: bool,
    can_close: bool,
    /// Still on the delimiter stack.
    active: bool,
}

impl Run {
    fn left(&self) -> usize {
        self.len - self.front - self.back
    }
}

/// CommonMark's “process emphasis” over the runs of a paragraph, each scope apart: every match
/// as (closer, opener, stars used), innermost first.
fn process_emphasis(runs: &mut [Run]) -> Vec<(usize, usize, usize)> {
    let mut matches = Vec::new();
    let mut current = 0;
    while current < runs.len() {
        let closer = current;
        if !runs[closer].active || !runs[closer].can_close || runs[closer].left() == 0 {
            current += 1;
            continue;
        }
        let found = (0..closer).rev().find(|&o| {
            let (op, cl) = (&runs[o], &runs[closer]);
            op.active
                && op.scope == cl.scope
                && op.can_open
                && op.left() > 0
                // The rule of three: a run that can both open and close pairs only when the two
                // runs' lengths do not add up to a multiple of three.
                && !((op.can_close || cl.can_open)
                    && (op.len + cl.len) % 3 == 0
                    && !(op.len % 3 == 0 && cl.len % 3 == 0))
        });
        match found {
            Some(opener) => {
                let k = if runs[opener].left() >= 2 && runs[closer].left() >= 2 {
                    2
                } else {
                    1
                };
                matches.push((closer, opener, k));
                // Nothing between them can pair any more.
                let scope = runs[closer].scope;
                for run in &mut runs[opener + 1..closer] {
                    if run.scope == scope {
                        run.active = false;
                    }
                }
                // Book the stars as `resolve` will, so `left` sees them gone.
                runs[opener].back += k;
                runs[closer].front += k;
                if runs[opener].left() == 0 {
                    runs[opener].active = false;
                }
                if runs[closer].left() == 0 {
                    runs[closer].active = false;
                    current += 1;
                }
            }
            None => {
                if !runs[closer].can_open {
                    runs[closer].active = false;
                }
                current += 1;
            }
        }
    }
    // `resolve` books the stars itself, in the order of the matches.
    for run in runs.iter_mut() {
        run.front = 0;
        run.back = 0;
    }
    matches
}

/// What stands beside a delimiter run, as the flanking rules tell it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Unicode whitespace, or the start or end of the line.
    Space,
    /// A Unicode punctuation character (or sequence) that is not a CJK character.
    Punctuation,
    /// A CJK character (or sequence), punctuation included.
    Cjk,
    /// An ideographic variation selector.
    Ivs,
    Other,
}

/// CommonMark's Unicode whitespace: Zs, tab, line feed, form feed, carriage return.
fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0C}' | '\r')
        || get_general_category(c) == GeneralCategory::SpaceSeparator
}

/// CommonMark's Unicode punctuation: an ASCII punctuation character, or of the general
/// categories P (punctuation) or S (symbol).
fn is_punctuation(c: char) -> bool {
    use GeneralCategory::*;
    c.is_ascii_punctuation()
        || matches!(
            get_general_category(c),
            ConnectorPunctuation
                | DashPunctuation
                | OpenPunctuation
                | ClosePunctuation
                | InitialPunctuation
                | FinalPunctuation
                | OtherPunctuation
                | MathSymbol
                | CurrencySymbol
                | ModifierSymbol
                | OtherSymbol
        )
}

/// A variation selector of the Variation Selectors block other than the emoji one (U+FE0F).
fn is_text_variation_selector(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

fn side_of(c: char) -> Side {
    if is_whitespace(c) {
        Side::Space
    } else if is_cjk(c) {
        Side::Cjk
    } else if is_punctuation(c) {
        Side::Punctuation
    } else if ('\u{E0100}'..='\u{E01EF}').contains(&c) {
        Side::Ivs
    } else {
        Side::Other
    }
}

/// What precedes a run that follows `before`: its last character, or the character a text
/// variation selector follows.
fn side_before(before: &str) -> Side {
    let mut chars = before.chars().rev();
    match chars.next() {
        None => Side::Space,
        Some(c) if is_text_variation_selector(c) => chars.next().map_or(Side::Space, side_of),
        Some(c) => side_of(c),
    }
}

fn side_after(after: &str) -> Side {
    after.chars().next().map_or(Side::Space, side_of)
}

/// Whether a delimiter run between `before` and `after` is left-flanking (can open), under the
/// CJK-friendly amendment: not followed by whitespace, and either not followed by non-CJK
/// punctuation, or preceded by whitespace, non-CJK punctuation, a CJK character or an
/// ideographic variation selector.
pub(super) fn left_flanking(before: &str, after: &str) -> bool {
    match side_after(after) {
        Side::Space => false,
        Side::Punctuation => matches!(
            side_before(before),
            Side::Space | Side::Punctuation | Side::Cjk | Side::Ivs
        ),
        _ => true,
    }
}

/// Whether a delimiter run between `before` and `after` is right-flanking (can close): not
/// preceded by whitespace, and either not preceded by non-CJK punctuation, or followed by
/// whitespace, non-CJK punctuation or a CJK character.
pub(super) fn right_flanking(before: &str, after: &str) -> bool {
    match side_before(before) {
        Side::Space => false,
        Side::Punctuation => matches!(
            side_after(after),
            Side::Space | Side::Punctuation | Side::Cjk
        ),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    /// The paragraph `source` as (text, strong, emphasis) runs, breaks as '\n'.
    fn styled(source: &str) -> Vec<(String, bool, bool)> {
        let events: Vec<_> = Parser::new_ext(source, Options::ENABLE_TABLES)
            .into_offset_iter()
            .filter(|(e, _)| {
                !matches!(
                    e,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            })
            .collect();
        let mut out: Vec<(String, bool, bool)> = Vec::new();
        for p in resolve(&events, source, 0..source.len()) {
            let text = match p.kind {
                PieceKind::Text(t) => t,
                PieceKind::SoftBreak | PieceKind::HardBreak => "\n".into(),
            };
            match out.last_mut() {
                Some(last) if (last.1, last.2) == (p.strong, p.emphasis) => last.0.push_str(&text),
                _ => out.push((text, p.strong, p.emphasis)),
            }
        }
        out
    }

    fn strong(t: &str) -> (String, bool, bool) {
        (t.into(), true, false)
    }
    fn em(t: &str) -> (String, bool, bool) {
        (t.into(), false, true)
    }
    fn plain(t: &str) -> (String, bool, bool) {
        (t.into(), false, false)
    }

    #[test]
    fn a_bold_lead_in_closes_after_a_chinese_full_stop() {
        assert_eq!(
            styled("**政治自觉不断强化。**坚决把党的领导落实到位。"),
            [
                strong("政治自觉不断强化。"),
                plain("坚决把党的领导落实到位。")
            ]
        );
        // And opens after one, before a Chinese quotation mark.
        assert_eq!(
            styled("落实到位。**“第一议题”制度**全面执行。"),
            [
                plain("落实到位。"),
                strong("“第一议题”制度"),
                plain("全面执行。")
            ]
        );
        assert_eq!(
            styled("坚持*依法*履职，**（一）**开头"),
            [
                plain("坚持"),
                em("依法"),
                plain("履职，"),
                strong("（一）"),
                plain("开头")
            ]
        );
    }

    #[test]
    fn commonmark_still_holds_where_the_amendment_changes_nothing() {
        assert_eq!(styled("a **b** c"), [plain("a "), strong("b"), plain(" c")]);
        assert_eq!(styled("a ** b ** c"), [plain("a ** b ** c")]);
        // The rule of three: `*a**b*` pairs the single stars, the double is text.
        assert_eq!(styled("*a**b*"), [em("a**b")]);
        assert_eq!(
            styled("**a*b*c**"),
            [strong("a"), ("b".into(), true, true), strong("c")]
        );
        // Escaped stars and code are text.
        assert_eq!(styled(r"\*\*不是粗体\*\*"), [plain("**不是粗体**")]);
        assert_eq!(styled("`**码**`后"), [plain("**码**后")]);
        // Emphasis does not cross a link's brackets; the link keeps its text.
        assert_eq!(styled("**[链接**](x)"), [plain("**链接**")]);
    }

    #[test]
    fn redactions_and_blanks_stay_text() {
        for text in [
            "镇人大以******新时代思想为指导，同以******同志为核心的党***保持一致",
            "全面贯彻***五中***精神",
            "“__”时期和“__”规划",
            "__年，__镇的人大工作",
            "以___同志为___的___周围",
            "**",
        ] {
            assert_eq!(styled(text), [plain(text)], "{text}");
        }
        // Bold beside a redaction still works.
        assert_eq!(
            styled("**一是**贯彻******精神"),
            [strong("一是"), plain("贯彻******精神")]
        );
    }

    #[test]
    fn html_tags_give_emphasis_where_stars_cannot_stand() {
        assert_eq!(
            styled("这是<strong><em>重点</em></strong>内容"),
            [plain("这是"), ("重点".into(), true, true), plain("内容")]
        );
        assert_eq!(styled("单独的<em>标签"), [plain("单独的<em>标签")]);
    }

    #[test]
    fn flanking_follows_the_cjk_friendly_amendment() {
        // 。 is CJK punctuation: a run after it can close before a letter.
        assert!(right_flanking("强化。", "坚决"));
        assert!(right_flanking("强化.", "坚决")); // a CJK character after `.` lets it close
        assert!(!right_flanking("a.", "b")); // CommonMark's own rule where no CJK stands
        assert!(left_flanking("强化", "“引"));
        assert!(!left_flanking("", " 空格"));
        assert!(!right_flanking("空格 ", "后"));
        // A text variation selector after a CJK mark keeps it CJK.
        assert!(right_flanking("强化。\u{FE00}", "坚决"));
    }
}
