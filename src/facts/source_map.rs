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

/// Every node of a facts file, in document order, as a tree: the YAML layer pushes each node as
/// its event comes, without building a path string for it; a path (会议[3].日期) is resolved
/// only when a finding asks for it, and built only for the one a serde error points at. So a
/// 60,000-record file costs no string or hash per node, and a path lookup costs its depth.
#[derive(Debug, Default)]
pub struct SourceMap {
    nodes: Vec<Entry>,
    /// Canonical key names, interned: [`Entry::name`] indexes it.
    names: Vec<Box<str>>,
    /// A canonical name's index in `names`.
    name_ids: HashMap<Box<str>, u32>,
    /// A key as typed (maybe an English alias) by its canonical name's index.
    typed: HashMap<Box<str>, u32>,
    /// (offset, node) of each collection's start, in order: serde names a missing key there.
    starts: Vec<(usize, u32)>,
    line_starts: Vec<usize>,
}

/// How a node hangs under its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Name {
    Root,
    /// The value of the key with this interned name.
    Key(u32),
    /// The n-th item (1-based) of a sequence.
    Item(u32),
}

#[derive(Debug)]
struct Entry {
    parent: u32,
    name: Name,
    node: Node,
    /// A collection's children in order (items of a sequence, values of a mapping).
    kids: Vec<u32>,
    /// A big mapping's children by name, so neither the duplicate check nor a lookup scans.
    by_name: Option<HashMap<u32, u32>>,
}

/// Past this many keys a mapping indexes its children by name.
const INDEX_FROM: usize = 16;

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

    /// The interned canonical name of a key typed as `typed`.
    pub(super) fn intern(&mut self, typed: &str, canonical: &dyn Fn(&str) -> String) -> u32 {
        if let Some(&id) = self.typed.get(typed) {
            return id;
        }
        let name = canonical(typed);
        let id = match self.name_ids.get(name.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.names.len() as u32;
                self.names.push(name.clone().into_boxed_str());
                self.name_ids.insert(name.into_boxed_str(), id);
                id
            }
        };
        self.typed.insert(typed.into(), id);
        id
    }

    /// An interned name.
    pub(super) fn name(&self, id: u32) -> &str {
        &self.names[id as usize]
    }

    /// Adds a node under `parent` (none for the root); its index.
    pub(super) fn push(&mut self, parent: Option<u32>, name: Name, node: Node) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(Entry {
            parent: parent.unwrap_or(u32::MAX),
            name,
            node,
            kids: Vec::new(),
            by_name: None,
        });
        if let Some(parent) = parent {
            let entry = &mut self.nodes[parent as usize];
            entry.kids.push(id);
            if let Name::Key(key) = name {
                if let Some(index) = &mut entry.by_name {
                    index.entry(key).or_insert(id);
                } else if entry.kids.len() > INDEX_FROM {
                    let mut index = HashMap::new();
                    for &kid in &self.nodes[parent as usize].kids {
                        if let Name::Key(k) = self.nodes[kid as usize].name {
                            index.entry(k).or_insert(kid);
                        }
                    }
                    self.nodes[parent as usize].by_name = Some(index);
                }
            }
        }
        id
    }

    /// The collection `id` starts at byte `offset`.
    pub(super) fn starts_at(&mut self, id: u32, offset: usize) {
        self.starts.push((offset, id));
    }

    /// The child of mapping `parent` under the key named `name`, if any.
    pub(super) fn child(&self, parent: u32, name: u32) -> Option<u32> {
        let entry = &self.nodes[parent as usize];
        match &entry.by_name {
            Some(index) => index.get(&name).copied(),
            None => entry
                .kids
                .iter()
                .copied()
                .find(|&k| self.nodes[k as usize].name == Name::Key(name)),
        }
    }

    /// A node's place.
    pub(super) fn node(&self, id: u32) -> &Node {
        &self.nodes[id as usize].node
    }

    /// The path of node `id`: 会议[3].日期.
    pub(super) fn path_of(&self, id: u32) -> String {
        let mut parts = Vec::new();
        let mut at = id;
        while let Some(entry) = self.nodes.get(at as usize) {
            parts.push(entry.name);
            at = entry.parent;
        }
        let mut path = String::new();
        for name in parts.into_iter().rev() {
            match name {
                Name::Root => {}
                Name::Key(k) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(self.name(k));
                }
                Name::Item(n) => path.push_str(&format!("[{n}]")),
            }
        }
        path
    }

    /// The deepest node along `path` and whether it is the whole path.
    fn resolve(&self, path: &str) -> Option<(u32, bool)> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut at = 0u32;
        let mut rest = path;
        let mut deepest = None;
        while !rest.is_empty() {
            let next = if let Some(inner) = rest.strip_prefix('[') {
                let close = inner.find(']')?;
                let n: usize = inner[..close].parse().ok()?;
                rest = &inner[close + 1..];
                let entry = &self.nodes[at as usize];
                entry
                    .kids
                    .get(n.checked_sub(1)?)
                    .copied()
                    .filter(|&k| self.nodes[k as usize].name == Name::Item(n as u32))
            } else {
                // A key name may hold dots itself (上年.建议.总数 is 建议.总数 under 上年): try
                // each cut, shortest first.
                let rest_now = rest.strip_prefix('.').unwrap_or(rest);
                let cuts = rest_now
                    .match_indices(['.', '['])
                    .map(|(i, _)| i)
                    .chain(std::iter::once(rest_now.len()));
                let mut found = None;
                for cut in cuts {
                    let name = &rest_now[..cut];
                    let kid = self.name_ids.get(name).and_then(|&id| self.child(at, id));
                    if let Some(kid) = kid {
                        found = Some((kid, &rest_now[cut..]));
                        break;
                    }
                }
                found.map(|(kid, after)| {
                    rest = after;
                    kid
                })
            };
            match next {
                Some(kid) => {
                    at = kid;
                    deepest = Some(kid);
                }
                None => return deepest.map(|d| (d, false)),
            }
        }
        Some((deepest.unwrap_or(at), true))
    }

    /// The node at `path` (e.g. 会议[3].日期), if the file has it.
    pub fn get(&self, path: &str) -> Option<&Node> {
        match self.resolve(path)? {
            (id, true) => Some(self.node(id)),
            _ => None,
        }
    }

    /// Where to point for `path`: its value, or the nearest ancestor found.
    pub fn locate(&self, path: &str) -> Option<Pos> {
        self.resolve(path).map(|(id, _)| self.node(id).value)
    }

    /// Where to point for the key of `path` (falls back to [`SourceMap::locate`]).
    pub fn locate_key(&self, path: &str) -> Option<Pos> {
        self.get(path)
            .and_then(|n| n.key)
            .or_else(|| self.locate(path))
    }

    /// The column `chars` characters into the value of `path`, when the value is plain text
    /// on one line; the value's start otherwise.
    pub fn locate_inside(&self, path: &str, chars: usize, text: &str) -> Option<Pos> {
        let node = self.get(path)?;
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

    /// The path of the last node starting (at its key, or its value when it has none) at or
    /// before byte `offset` — the field a serde_yaml error points into. `outermost` picks the
    /// collection starting there (serde names a missing key at its mapping's start) rather
    /// than its first key.
    pub fn path_at(&self, offset: usize, outermost: bool) -> Option<String> {
        if outermost {
            let i = self.starts.partition_point(|(o, _)| *o < offset);
            if let Some(&(o, id)) = self.starts.get(i) {
                if o == offset {
                    return Some(self.path_of(id));
                }
            }
        }
        let place = |e: &Entry| e.node.key.unwrap_or(e.node.value).offset;
        let i = self.nodes.partition_point(|e| place(e) <= offset);
        Some(self.path_of(i.checked_sub(1)? as u32))
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
        assert_eq!(map.path_at(p.offset, false).as_deref(), Some("单位.镇名"));
        let item = map.locate("会议[1]").unwrap();
        assert_eq!(map.path_at(item.offset, true).as_deref(), Some("会议[1]"));
        assert_eq!(
            map.path_at(item.offset, false).as_deref(),
            Some("会议[1].类别")
        );
    }

    #[test]
    fn sequence_at_the_same_indent_as_its_key() {
        let text = "不足:\n- 一条\n- 二条\n结束语: 好\n";
        let map = SourceMap::build(text, &|k: &str| k.to_string());
        assert_eq!(map.locate("不足[2]").unwrap().line, 3);
        assert_eq!(map.locate("结束语").unwrap().line, 4);
    }
}
