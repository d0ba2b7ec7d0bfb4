//! The clerk's narrative text: its figure references. (Proofreading it is
//! [`crate::check`]'s.)
//!
//! A narrative may quote a computed figure by its name in single braces:
//! `共收到代表建议{建议.总数}件，办结率{建议.办结率}`. The name is one of
//! [`crate::figures::Figures::names`]; the text is filled in when the report is composed, so every
//! figure is typed once, in the itemised records. Single braces never collide with tera, whose
//! tags are `{{`, `{%` and `{#`, and the narrative is data to the templates, never template
//! source. To write a brace itself, double it: `{{` gives `{`, `}}` gives `}`.

use std::collections::BTreeMap;

use crate::diag::{code, Diagnostic, Diagnostics};

/// A piece of narrative: literal text or a figure reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(String),
    /// A reference `{name}`, with the character index of its `{` in the text.
    Figure {
        name: &'a str,
        at: usize,
    },
}

/// A fault in the reference syntax: an unclosed `{` or a stray `}` at a character index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxFault {
    pub at: usize,
    pub message: String,
}

/// Splits a narrative into literal text and figure references.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, SyntaxFault> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let mut chars = text.char_indices().enumerate().peekable();
    while let Some((ci, (bi, c))) = chars.next() {
        match c {
            '{' if matches!(chars.peek(), Some((_, (_, '{')))) => {
                chars.next();
                literal.push('{');
            }
            '}' if matches!(chars.peek(), Some((_, (_, '}')))) => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let rest = &text[bi + 1..];
                let Some(end) = rest.find('}') else {
                    return Err(SyntaxFault {
                        at: ci,
                        message: "“{”没有配对的“}”：引用数字写作 {名称}，写括号本身请用 {{".into(),
                    });
                };
                let name = &rest[..end];
                if !literal.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut literal)));
                }
                out.push(Piece::Figure {
                    name: name.trim(),
                    at: ci,
                });
                let skip = name.chars().count() + 1;
                for _ in 0..skip {
                    chars.next();
                }
            }
            '}' => {
                return Err(SyntaxFault {
                    at: ci,
                    message: "多余的“}”：写括号本身请用 }}".into(),
                })
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        out.push(Piece::Text(literal));
    }
    Ok(out)
}

/// The names referenced in a narrative that are not in `figures`, with their character index.
pub fn unknown_references<'a>(
    text: &'a str,
    figures: &BTreeMap<String, String>,
) -> Result<Vec<(usize, &'a str)>, SyntaxFault> {
    Ok(pieces(text)?
        .into_iter()
        .filter_map(|p| match p {
            Piece::Figure { name, at } if !figures.contains_key(name) => Some((at, name)),
            _ => None,
        })
        .collect())
}

/// The narrative with every reference replaced by its figure. A name not in `figures` is an
/// error naming it (the loader has reported it already with its place in the file); the caller
/// says which field.
pub fn fill(text: &str, figures: &BTreeMap<String, String>) -> Result<String, Diagnostics> {
    let mut out = String::with_capacity(text.len());
    let pieces =
        pieces(text).map_err(|f| Diagnostic::error(code::FACTS_FIGURE_SYNTAX, f.message))?;
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Figure { name, .. } => match figures.get(name) {
                Some(value) => out.push_str(value),
                None => {
                    return Err(Diagnostic::error(
                        code::FACTS_UNKNOWN_FIGURE,
                        format!("引用的数字“{{{name}}}”不存在"),
                    )
                    .into())
                }
            },
        }
    }
    Ok(out)
}

/// Figure names written in doubled braces, `{{建议.总数}}`, as (character index of the first
/// `{`, the name). Doubled braces print a brace, so such text comes out as `{建议.总数}` rather
/// than the figure: almost always a reference written the tera way by mistake.
pub fn escaped_references(text: &str, figures: &BTreeMap<String, String>) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    // The last `{{` and the literal text since, while no reference intervened.
    let mut open: Option<(usize, String)> = None;
    let mut i = 0;
    while i < chars.len() {
        match (chars[i], chars.get(i + 1)) {
            ('{', Some('{')) => {
                open = Some((i, String::new()));
                i += 2;
            }
            ('}', Some('}')) => {
                if let Some((at, inside)) = open.take() {
                    let name = inside.trim();
                    if figures.contains_key(name) {
                        found.push((at, name.to_string()));
                    }
                }
                i += 2;
            }
            ('{', _) => {
                // A reference {name}: read as [`pieces`] reads it.
                open = None;
                match chars[i + 1..].iter().position(|&c| c == '}') {
                    Some(len) => i += len + 2,
                    None => break,
                }
            }
            (c, _) => {
                if c == '}' {
                    open = None;
                } else if let Some((_, inside)) = open.as_mut() {
                    inside.push(c);
                }
                i += 1;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures() -> BTreeMap<String, String> {
        [("建议.总数", "17"), ("建议.满意率", "100%")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fills_references_and_keeps_doubled_braces() {
        let text = "共收到建议{建议.总数}件，满意率{建议.满意率}，括号{{原样}}。";
        assert_eq!(
            fill(text, &figures()).unwrap(),
            "共收到建议17件，满意率100%，括号{原样}。"
        );
        assert_eq!(
            unknown_references("共{建议.总量}件{建议.总数}", &figures()).unwrap(),
            vec![(1, "建议.总量")]
        );
        assert_eq!(pieces("未闭合{建议").unwrap_err().at, 3);
        assert!(fill("{没有}", &figures()).unwrap_err()[0]
            .message
            .contains("“{没有}”"));
    }

    #[test]
    fn doubled_braces_around_a_figure_name_are_found() {
        let text = "共{{建议.总数}}件，{{ 建议.满意率 }}，{{原样}}，{{{建议.总数}}}，{建议.总数}";
        assert_eq!(
            escaped_references(text, &figures()),
            vec![
                (1, "建议.总数".to_string()),
                (12, "建议.满意率".to_string())
            ]
        );
        assert_eq!(fill("{{建议.总数}}", &figures()).unwrap(), "{建议.总数}");
    }
}
