//! Where each field of a facts file stands in its text, so that checks made after
//! deserialisation can still say file:line:column.
//!
//! serde_yaml gives positions only with its own errors. The map is filled by the YAML layer
//! ([`super::yaml`]) from libyaml's events, the same events serde reads, so a field path and
//! serde's own positions agree. Paths use the canonical Chinese key names (English aliases are
//! mapped) and 1-based item numbers: 会议[3].日期 is the date of the third meeting.

use std::collections::HashMap;

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
    nodes: HashMap<String, Node>,
    /// (offset, path) in order of appearance, for finding the path at a position: each node at
    /// its key (or its value when it has none), and each collection also where it starts.
    order: Vec<(usize, String)>,
    line_starts: Vec<usize>,
}

impl SourceMap {
    /// The map of `text`; `canonical` maps a key as typed (maybe an English alias) to its
    /// Chinese name. As far as the text reads: a broken file gives the part before the break.
    pub fn build(text: &str, canonical: &dyn Fn(&str) -> String) -> SourceMap {
        super::yaml::map_of(text, canonical)
    }

    /// An empty map of `text`, for the YAML layer to fill.
    pub(super) fn new(text: &str) -> SourceMap {
        SourceMap {
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            ..SourceMap::default()
        }
    }

    /// A collection at `path` starts at byte `offset`: serde names a missing key there.
    pub(super) fn collection(&mut self, path: &str, offset: usize) {
        self.order.push((offset, path.to_string()));
    }

    pub(super) fn insert(
        &mut self,
        path: String,
        key: Option<Pos>,
        value: Pos,
        plain_inline: bool,
    ) {
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
