//! Where each field of a facts file stands in its text, so that checks made after
//! deserialisation can still say file:line:column.
//!
//! serde_yaml gives positions only with its own errors. The facts file is block-style YAML
//! written by hand (keys, `- ` items, plain or quoted scalars, the odd `[a, b]`), so a small
//! line scanner that follows the indentation finds every key and value. Paths use the canonical
//! Chinese key names (English aliases are mapped) and 1-based item numbers: 会议[3].日期 is the
//! date of the third meeting.

use rustc_hash::FxHashMap;

/// A position in the source: 1-based line and column (in characters), and the byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
    pub offset: usize,
    pub len: usize,
}

/// One node of the file: where its key (if any) and its value start.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub key: Option<Pos>,
    pub value: Pos,
    /// Whether the value is a plain scalar on one line, so a column inside it can be computed.
    pub plain_inline: bool,
}

/// Every node of a facts file by path.
#[derive(Debug, Default)]
pub struct SourceMap {
    nodes: FxHashMap<String, Node>,
    /// (value offset, path) in order of appearance, for finding the path at a position.
    order: Vec<(usize, String)>,
    line_starts: Vec<usize>,
}

#[derive(Debug)]
enum Kind {
    Map,
    Seq(usize),
}

#[derive(Debug)]
struct Frame {
    indent: usize,
    path: String,
    kind: Kind,
}

impl SourceMap {
    /// Scans `text`; `canonical` maps a key as typed (maybe an English alias) to its Chinese name.
    pub fn build(text: &str, canonical: &dyn Fn(&str) -> String) -> SourceMap {
        let mut map = SourceMap {
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            ..SourceMap::default()
        };
        // About one node a line: sized once, not grown (and rehashed) line by line.
        let lines = map.line_starts.len();
        map.nodes.reserve(lines);
        map.order.reserve(lines);
        let mut stack: Vec<Frame> = Vec::new();
        // A key or item whose value starts on a later line: (path, indent).
        let mut pending: Option<(String, usize)> = None;
        // Lines more indented than this belong to the scalar above (continuation or block scalar).
        let mut scalar_indent: Option<usize> = None;
        let mut offset = 0;
        for (line_index, raw_line) in text.split('\n').enumerate() {
            let line_offset = offset;
            offset += raw_line.len() + 1;
            let line = raw_line.trim_end_matches('\r');
            let indent = line.len() - line.trim_start_matches(' ').len();
            let body = &line[indent..];
            if body.is_empty() || body.starts_with('#') || body.starts_with("---") {
                continue;
            }
            if let Some(limit) = scalar_indent {
                if indent > limit {
                    continue;
                }
                scalar_indent = None;
            }
            let mut col = indent;
            let mut rest = body;
            let mut first = true;
            loop {
                let is_item = rest == "-" || rest.starts_with("- ");
                if first || is_item {
                    if let Some((path, pending_indent)) = pending.take() {
                        if col > pending_indent || (is_item && col == pending_indent) {
                            stack.push(Frame {
                                indent: col,
                                path,
                                kind: if is_item { Kind::Seq(0) } else { Kind::Map },
                            });
                        }
                    }
                    while let Some(top) = stack.last() {
                        let same_kind = matches!(top.kind, Kind::Seq(_)) == is_item;
                        if top.indent > col || (top.indent == col && !same_kind) {
                            stack.pop();
                        } else {
                            break;
                        }
                    }
                }
                first = false;
                let pos = |c: usize, len: usize| Pos {
                    line: line_index + 1,
                    column: line[..c].chars().count() + 1,
                    offset: line_offset + c,
                    len,
                };
                if is_item {
                    let parent = match stack.last_mut() {
                        Some(Frame {
                            kind: Kind::Seq(count),
                            path,
                            indent,
                        }) if *indent == col => {
                            *count += 1;
                            format!("{path}[{count}]")
                        }
                        _ => break, // not a shape we follow; leave the rest to serde_yaml
                    };
                    let after = rest[1..].trim_start_matches(' ');
                    let item_col = col + (rest.len() - after.len());
                    if after.is_empty() || after.starts_with('#') {
                        map.insert(parent.clone(), None, pos(col, 1), false);
                        pending = Some((parent, col));
                        break;
                    }
                    if split_key(after).is_some() {
                        map.insert(parent.clone(), None, pos(item_col, 1), false);
                        stack.push(Frame {
                            indent: item_col,
                            path: parent,
                            kind: Kind::Map,
                        });
                        col = item_col;
                        rest = after;
                        continue;
                    }
                    let value = strip_comment(after);
                    map.insert(
                        parent,
                        None,
                        pos(item_col, value.len()),
                        is_plain_inline(value),
                    );
                    scalar_indent = Some(col);
                    break;
                }
                let Some((key, value_part)) = split_key(rest) else {
                    break;
                };
                let parent = match stack.last() {
                    Some(Frame {
                        kind: Kind::Map,
                        path,
                        indent,
                    }) if *indent == col => path.clone(),
                    None if col == 0 => {
                        stack.push(Frame {
                            indent: 0,
                            path: String::new(),
                            kind: Kind::Map,
                        });
                        String::new()
                    }
                    _ => break,
                };
                let name = canonical(unquote(key));
                let path = if parent.is_empty() {
                    name
                } else {
                    format!("{parent}.{name}")
                };
                let key_pos = pos(col, key.len());
                let value = value_part.trim_start_matches(' ');
                let value_col = col + (rest.len() - value.len());
                let value = strip_comment(value);
                if value.is_empty() {
                    map.insert(path.clone(), Some(key_pos), key_pos, false);
                    pending = Some((path, col));
                } else if value.starts_with('[') {
                    map.insert(
                        path.clone(),
                        Some(key_pos),
                        pos(value_col, value.len()),
                        false,
                    );
                    for (i, (start, len)) in flow_items(value).into_iter().enumerate() {
                        map.insert(
                            format!("{path}[{}]", i + 1),
                            None,
                            pos(value_col + start, len),
                            true,
                        );
                    }
                    scalar_indent = Some(col);
                } else {
                    let plain = is_plain_inline(value);
                    map.insert(path, Some(key_pos), pos(value_col, value.len()), plain);
                    scalar_indent = Some(col);
                }
                break;
            }
        }
        map
    }

    fn insert(&mut self, path: String, key: Option<Pos>, value: Pos, plain_inline: bool) {
        self.order.push((key.unwrap_or(value).offset, path.clone()));
        self.nodes.entry(path).or_insert(Node {
            key,
            value,
            plain_inline,
        });
    }

    /// The node at `path` (e.g. 会议[3].日期), if the scanner found it.
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// Where to point for `path`: its value, or the nearest ancestor found.
    pub fn locate(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(node) = self.nodes.get(p) {
                return Some(node.value);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// Where to point for the key of `path` (falls back to [`SourceMap::locate`]).
    pub fn locate_key(&self, path: &str) -> Option<Pos> {
        self.nodes
            .get(path)
            .and_then(|n| n.key)
            .or_else(|| self.locate(path))
    }

    /// The column `chars` characters into the value of `path`, when the value is plain text
    /// on one line; the value's start otherwise.
    pub fn locate_inside(&self, path: &str, chars: usize, text: &str) -> Option<Pos> {
        let node = self.nodes.get(path)?;
        if !node.plain_inline {
            return Some(node.value);
        }
        let bytes: usize = text.chars().take(chars).map(char::len_utf8).sum();
        let len = text[bytes..].chars().next().map_or(1, char::len_utf8);
        Some(Pos {
            line: node.value.line,
            column: node.value.column + chars,
            offset: node.value.offset + bytes,
            len,
        })
    }

    /// The path of the last node starting at or before byte `offset` — the field a serde_yaml
    /// error points into. `outermost` picks the container (for a missing field) rather than
    /// its first key.
    pub fn path_at(&self, offset: usize, outermost: bool) -> Option<&str> {
        let idx = self.order.partition_point(|(o, _)| *o <= offset);
        let (found, path) = self.order.get(idx.checked_sub(1)?)?;
        if outermost {
            // Items and their first key share a position; the item came first.
            let same = self.order[..idx].iter().filter(|(o, _)| o == found);
            return same.map(|(_, p)| p.as_str()).min_by_key(|p| p.len());
        }
        Some(path)
    }

    /// The byte offset of a 1-based line and column (in characters).
    pub fn offset_of(&self, text: &str, line: usize, column: usize) -> usize {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len())
            .min(text.len());
        text[start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| start + i)
    }
}

/// Splits `key: value` (or `key:`) outside quotes; `None` when the line is no mapping entry.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let (key_end, after) = if let Some(q @ ('"' | '\'')) = text.chars().next() {
        let close = text[1..].find(q)? + 1;
        (close + 1, &text[close + 1..])
    } else {
        let i = text
            .find(": ")
            .or_else(|| text.strip_suffix(':').map(|s| s.len()))?;
        if text[..i].contains(" #") {
            return None;
        }
        (i, &text[i..])
    };
    let after = after.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((&text[..key_end], after))
}

fn unquote(key: &str) -> &str {
    key.trim_matches(|c| c == '"' || c == '\'')
}

fn strip_comment(value: &str) -> &str {
    if value.starts_with(['"', '\'']) {
        return value.trim_end();
    }
    value.find(" #").map_or(value, |i| &value[..i]).trim_end()
}

fn is_plain_inline(value: &str) -> bool {
    !value.starts_with(['"', '\'', '|', '>', '[', '{', '&', '*', '!'])
}

/// The (byte start, byte len) of each item of a flow sequence `[a, b, "c"]`.
fn flow_items(value: &str) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut start = None;
    let mut quote = None;
    for (i, c) in value.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => {
                quote = Some(c);
                start.get_or_insert(i);
            }
            (None, ',' | ']') => {
                if let Some(s) = start.take() {
                    items.push((s, value[s..i].trim_end().len()));
                }
                if c == ']' {
                    break;
                }
            }
            (None, ' ') => {}
            (None, _) => {
                start.get_or_insert(i);
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_items_and_flow_items() {
        let text = "年度: 2024\n会议:\n  - 类别: 人代会\n    日期: 2024-01-10\n  - kind: 主席团会议\n    日期: 2024-03-01\n    内容: [甲, \"乙\"]\nunit:\n  镇名: 青石镇 # 注释\n";
        let canon = |k: &str| match k {
            "kind" => "类别".to_string(),
            "unit" => "单位".to_string(),
            k => k.to_string(),
        };
        let map = SourceMap::build(text, &canon);
        let p = map.locate("会议[2].日期").unwrap();
        assert_eq!((p.line, p.column), (6, 9));
        let p = map.locate_key("会议[2].类别").unwrap();
        assert_eq!((p.line, p.column), (5, 5));
        let p = map.locate("会议[2].内容[2]").unwrap();
        assert_eq!((p.line, p.column), (7, 13));
        let p = map.locate("单位.镇名").unwrap();
        assert_eq!((p.line, p.column, p.len), (9, 7, "青石镇".len()));
        assert_eq!(map.path_at(p.offset, false), Some("单位.镇名"));
        let item = map.locate("会议[1]").unwrap();
        assert_eq!(map.path_at(item.offset, true), Some("会议[1]"));
        assert_eq!(map.path_at(item.offset, false), Some("会议[1].类别"));
    }

    #[test]
    fn sequence_at_the_same_indent_as_its_key() {
        let text = "不足:\n- 一条\n- 二条\n结束语: 好\n";
        let map = SourceMap::build(text, &|k: &str| k.to_string());
        assert_eq!(map.locate("不足[2]").unwrap().line, 3);
        assert_eq!(map.locate("结束语").unwrap().line, 4);
    }
}
