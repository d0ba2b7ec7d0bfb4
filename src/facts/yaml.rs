//! The YAML layer under a facts file and a report's front matter: libyaml's events, with their
//! marks, read before serde sees the text.
//!
//! serde_yaml knows where things are only when it fails, says it in English, expands every alias
//! it meets and recurses into any nesting. This layer walks the same events (libyaml's grammar,
//! from `libyaml-safer`) once, in time linear in the text, and on the way
//!
//! - refuses, each at its place and in Chinese, what serde would take badly or not at all:
//!   control characters (typed, or made by a `"\0"` escape), syntax errors (an unclosed quote at
//!   its opening quote), nesting deeper than a facts file needs, aliases to no anchor or that
//!   expand beyond a budget, a second document, a key written twice in one mapping;
//! - builds the [`SourceMap`] from the very events serde reads, so a field path found later
//!   (会议[3].日期) names the place serde's own positions point at.
//!
//! Only text that passed is handed to serde ([`deserialize`]); what serde still finds (a
//! missing key, a wrong type) is said in Chinese by [`super::yaml_messages`].

use std::collections::HashMap;
use std::sync::Arc;

use libyaml_safer::{EventData, Mark, Parser, ScalarStyle};
use serde::de::DeserializeOwned;

use super::backslash;
use super::source_map::{Name, Node, Pos, SourceMap};
use super::yaml_messages;
use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};

/// How deep collections may nest. A facts file needs about seven levels
/// (上半年 › 下半年安排 › 任务 › [n] › 分项 › [m] › 内容); the bound stops a runaway `[[[[…` or
/// `{a: {a: …` early, before serde's recursion or libyaml's bookkeeping grows with it.
pub(crate) const MAX_DEPTH: usize = 24;

/// How many bytes of text aliases may repeat in all, beyond the file's own length: enough for
/// any honest use of `&`/`*`, far too little for an alias bomb (1,000 aliases of a 1 MB string
/// made serde build 1 GB of text).
const ALIAS_BUDGET_SLACK: u64 = 64 * 1024;

/// At most this many control characters are reported one by one.
const MAX_CONTROL_FINDINGS: usize = 10;

/// Reads the YAML `yaml`, which stands at byte `base` of `file`, into `T`: this layer's checks
/// first, then serde's; every finding in Chinese at its place. `canonical` maps a key as typed
/// (maybe an English alias) to its Chinese name, for field paths.
pub(crate) fn deserialize<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    base: usize,
    yaml: &str,
    canonical: &dyn Fn(&str) -> String,
) -> Result<(T, SourceMap), Diagnostics> {
    let map = read(file, base, yaml, canonical)?;
    match serde_yaml::from_str(yaml) {
        Ok(value) => Ok((value, map)),
        Err(err) => Err(yaml_messages::serde_error(&err, file, base, yaml, &map).into()),
    }
}

/// Walks the events of `yaml` (at byte `base` of `file`): its [`SourceMap`], or every finding
/// that keeps it from being handed to serde.
pub(crate) fn read(
    file: &Arc<SourceFile>,
    base: usize,
    yaml: &str,
    canonical: &dyn Fn(&str) -> String,
) -> Result<SourceMap, Diagnostics> {
    let mut found = raw_text_findings(file, base, yaml);
    if found.has_errors() {
        return Err(found);
    }
    let mut walk = Walk::new(file, base, yaml, canonical);
    let outcome = walk.run();
    found.extend(walk.found);
    match outcome {
        Ok(()) if !found.has_errors() => Ok(walk.map),
        _ => Err(found),
    }
}

/// The source map of `yaml` as far as it reads, findings aside: for places asked after the
/// text was read once already (a report's front matter).
pub(crate) fn map_of(yaml: &str, canonical: &dyn Fn(&str) -> String) -> SourceMap {
    let file = SourceFile::new("", yaml);
    let mut walk = Walk::new(&file, 0, yaml, canonical);
    let _ = walk.run();
    walk.map
}

/// What is wrong in the raw text before any parsing: tabs in indentation (YAML forbids them,
/// and libyaml's words for it are poor) and control characters (libyaml refuses them without a
/// line, and a NUL or BEL must never reach the report).
fn raw_text_findings(file: &Arc<SourceFile>, base: usize, yaml: &str) -> Diagnostics {
    let mut found = Diagnostics::new();
    let mut offset = 0;
    for (i, line) in yaml.split('\n').enumerate() {
        let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(col) = line[..lead].find('\t') {
            let at = base + offset + col;
            found.push(
                Diagnostic::error(
                    code::YAML_TAB_INDENT,
                    format!("第{}行用 Tab 缩进，YAML 不允许 Tab，应改用空格缩进", i + 1),
                )
                .at(file.span(at..at + 1))
                .with_label("Tab"),
            );
        }
        offset += line.len() + 1;
    }
    let controls: Vec<(usize, char)> = yaml
        .char_indices()
        .filter(|&(_, c)| is_forbidden_in_source(c))
        .collect();
    for (n, &(at, c)) in controls.iter().take(MAX_CONTROL_FINDINGS).enumerate() {
        let at = base + at;
        let mut d = Diagnostic::error(
            code::YAML_CONTROL_CHARACTER,
            format!(
                "此处有一个看不见的控制字符（{}），文件里不能有控制字符，应删去它（多半是从别处复制文字时带来的）",
                char_name(c)
            ),
        )
        .at(file.span(at..at + c.len_utf8()))
        .with_label("控制字符");
        if n + 1 == MAX_CONTROL_FINDINGS && controls.len() > MAX_CONTROL_FINDINGS {
            d = d.with_help(format!(
                "文件中共有{}个控制字符，这里只列出前{MAX_CONTROL_FINDINGS}个",
                controls.len()
            ));
        }
        found.push(d);
    }
    found
}

/// A character libyaml refuses in a file, and one no report should carry: the control
/// characters other than tab and the line breaks, and the two non-characters U+FFFE, U+FFFF.
fn is_forbidden_in_source(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// A character a text value must not hold: a control character other than tab and line feed
/// (which a double-quoted `\t`, `\n` may mean on purpose).
fn is_forbidden_in_value(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n')
}

/// A control character by its code point and, for the common ones, its name.
fn char_name(c: char) -> String {
    let name = match c {
        '\0' => "空字符 NUL",
        '\u{7}' => "响铃符 BEL",
        '\u{8}' => "退格符 BS",
        '\u{B}' => "垂直制表符 VT",
        '\u{C}' => "换页符 FF",
        '\r' => "回车符 CR",
        '\u{1B}' => "转义符 ESC",
        '\u{7F}' => "删除符 DEL",
        '\u{85}' => "下一行符 NEL",
        _ => "",
    };
    let code = format!("U+{:04X}", u32::from(c));
    if name.is_empty() {
        code
    } else {
        format!("{name}，{code}")
    }
}

/// A collection open while walking: its node in the map.
enum Frame {
    Mapping {
        id: u32,
        /// The key whose value comes next: its interned name and where it stands.
        key: Option<(u32, Pos)>,
    },
    Sequence {
        id: u32,
        items: u32,
    },
}

/// An anchored collection still open: its name, where it starts, and the alias bytes spent
/// before it began (what is spent inside it is part of its weight).
struct OpenAnchor {
    name: String,
    start: u64,
    spent_before: u64,
    depth: usize,
}

/// One walk over the events of a YAML text.
struct Walk<'a> {
    /// Bytes of a BOM at the start of the text (0 or 3), which libyaml's marks leave out.
    bom: usize,
    file: &'a Arc<SourceFile>,
    base: usize,
    yaml: &'a str,
    canonical: &'a dyn Fn(&str) -> String,
    map: SourceMap,
    found: Diagnostics,
    stack: Vec<Frame>,
    /// The bytes an alias of each anchor repeats.
    anchors: HashMap<String, u64>,
    open_anchors: Vec<OpenAnchor>,
    /// Bytes repeated by aliases so far, and the most allowed.
    spent: u64,
    budget: u64,
    documents: usize,
}

/// Why a walk stopped early: a finding was pushed that leaves nothing sensible to read after it.
struct Stop;

impl<'a> Walk<'a> {
    fn new(
        file: &'a Arc<SourceFile>,
        base: usize,
        yaml: &'a str,
        canonical: &'a dyn Fn(&str) -> String,
    ) -> Walk<'a> {
        Walk {
            bom: if yaml.starts_with('\u{feff}') { 3 } else { 0 },
            file,
            base,
            yaml,
            canonical,
            map: SourceMap::new(yaml),
            found: Diagnostics::new(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            open_anchors: Vec::new(),
            spent: 0,
            budget: yaml.len() as u64 + ALIAS_BUDGET_SLACK,
            documents: 0,
        }
    }

    fn run(&mut self) -> Result<(), Stop> {
        let mut input = self.yaml.as_bytes();
        let mut parser = Parser::new();
        parser.set_input_string(&mut input);
        // Where the last event ended: a parser that panics has no mark of its own to give.
        let mut last_end: Option<Mark> = None;
        loop {
            // libyaml-safer panics on a few inputs it has no error for (a tag followed by `,` in
            // a flow collection: `[!,]`); the parser is dropped with the panic.
            let event = match crate::guard::catch(|| parser.parse()) {
                Ok(Ok(mut event)) => {
                    // libyaml's reader drops a leading BOM without counting it in its marks;
                    // the marks are made byte offsets into this text again.
                    event.start_mark.index += self.bom as u64;
                    event.end_mark.index += self.bom as u64;
                    event
                }
                Ok(Err(err)) => {
                    let (base, yaml) = (self.base + self.bom, &self.yaml[self.bom..]);
                    let d = yaml_messages::libyaml_error(&err, self.file, base, yaml);
                    self.found.push(d);
                    return Err(Stop);
                }
                Err(_) => return self.stop(self.unreadable_after(last_end)),
            };
            last_end = Some(event.end_mark);
            let (start, end) = (event.start_mark, event.end_mark);
            match event.data {
                EventData::StreamStart { .. } | EventData::DocumentEnd { .. } => {}
                EventData::StreamEnd => return Ok(()),
                EventData::DocumentStart { .. } => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return self.stop(self.second_document(start));
                    }
                }
                EventData::Alias { anchor } => {
                    self.node(start, end, false, Some(&format!("*{anchor}")))?;
                    self.alias(&anchor, start, end)?;
                }
                EventData::Scalar {
                    anchor,
                    value,
                    style,
                    ..
                } => {
                    let plain = style == ScalarStyle::Plain;
                    self.node(start, end, plain, Some(&value))?;
                    if let Some(name) = anchor {
                        let weight = (end.index - start.index).max(value.len() as u64);
                        self.anchors.insert(name, weight);
                    }
                    if style == ScalarStyle::DoubleQuoted {
                        self.check_escapes(&value, start, end);
                    }
                }
                EventData::SequenceStart { anchor, .. } => self.open(start, end, false, anchor)?,
                EventData::MappingStart { anchor, .. } => self.open(start, end, true, anchor)?,
                EventData::SequenceEnd | EventData::MappingEnd => self.close(end),
            }
        }
    }

    /// What is said when the parser gives up without an error of its own: a syntax error at the
    /// first `!` (a YAML tag, which a facts file never needs) or `"` (a quoted value the parser
    /// could not finish, e.g. one ending in a backslash) after the last event read, else where
    /// that event ended.
    fn unreadable_after(&self, last_end: Option<Mark>) -> Diagnostic {
        let from = last_end.map_or(0, |m| (m.index as usize).min(self.yaml.len()));
        let from = (from..=self.yaml.len())
            .find(|&i| self.yaml.is_char_boundary(i))
            .unwrap_or(self.yaml.len());
        let mark = self.yaml[from..]
            .char_indices()
            .find(|&(_, c)| c == '!' || c == '"')
            .map(|(i, c)| (from + i, c));
        let message = match mark {
            Some((_, '!')) => {
                "YAML 语法错误：这里的“!”是 YAML 的标签写法，事实文件用不到；如果它是文字的一部分，请把整个值写在引号里，如 '!重要'"
            }
            Some(_) => {
                "YAML 语法错误：从这个引号起的文字没有写完（引号没有闭合，或以反斜杠 \\ 结尾）：请在值的末尾补上同样的引号；路径中的 \\ 请写成 /，或把值写在单引号里"
            }
            None => {
                "YAML 语法错误：从这里起的写法读不懂；请检查括号、引号和冒号是否写全，或把这个值写在引号里"
            }
        };
        let (at, len) = mark.map_or((from, 0), |(at, _)| (at, 1));
        Diagnostic::error(code::YAML_SYNTAX, message)
            .at(self.file.span(self.base + at..self.base + at + len))
    }

    fn stop(&mut self, d: Diagnostic) -> Result<(), Stop> {
        self.found.push(d);
        Err(Stop)
    }

    /// A span of `len` bytes at the mark.
    fn span_at(&self, mark: Mark, len: usize) -> crate::diag::Span {
        let at = self.base + mark.index as usize;
        self.file.span(at..at + len)
    }

    fn pos(&self, start: Mark, end: Mark) -> Pos {
        let from = start.index as usize;
        let to = (end.index as usize).clamp(from, self.yaml.len());
        // The first line of the node: a span across lines helps nobody.
        let len = self.yaml[from..to].find('\n').unwrap_or(to - from);
        let len = self.yaml[from..from + len].trim_end().len();
        Pos {
            line: start.line as usize + 1,
            column: start.column as usize + 1,
            offset: from,
            len,
        }
    }

    /// Where a collection starts: its first character.
    fn collection_pos(&self, start: Mark) -> Pos {
        let from = start.index as usize;
        let len = self.yaml[from..].chars().next().map_or(0, char::len_utf8);
        Pos {
            line: start.line as usize + 1,
            column: start.column as usize + 1,
            offset: from,
            len,
        }
    }

    /// A node starts at `start` (a scalar's text is `scalar`, `None` for a collection): a key
    /// of the mapping on top, or a value (of a key, an item of a sequence, the document's
    /// root). Returns the value's node; `None` for a key.
    fn node(
        &mut self,
        start: Mark,
        end: Mark,
        plain: bool,
        scalar: Option<&str>,
    ) -> Result<Option<u32>, Stop> {
        let pos = match scalar {
            Some(_) => self.pos(start, end),
            None => self.collection_pos(start),
        };
        // A plain scalar on one line: a column inside it is the column in the file.
        let plain_inline =
            plain && scalar.is_some() && !self.yaml[pos.offset..end.index as usize].contains('\n');
        let (parent, name, key_pos) = match self.stack.last_mut() {
            None => (None, Name::Root, None),
            Some(Frame::Sequence { id, items }) => {
                *items += 1;
                (Some(*id), Name::Item(*items), None)
            }
            Some(Frame::Mapping { id, key }) => match key.take() {
                Some((name, key_pos)) => (Some(*id), Name::Key(name), Some(key_pos)),
                None => {
                    let mapping = *id;
                    self.key(mapping, start, pos, scalar)?;
                    return Ok(None);
                }
            },
        };
        // A block collection under its key starts on the next line, at its first entry; the
        // key is the place to name it by.
        let value = match key_pos {
            Some(key_pos) if scalar.is_none() && pos.line != key_pos.line => key_pos,
            _ => pos,
        };
        let node = Node {
            key: key_pos,
            value,
            plain_inline,
        };
        Ok(Some(self.map.push(parent, name, node)))
    }

    /// A key of `mapping`, typed as `scalar` at `pos`: remembered for its value, refused when
    /// the mapping has it already (an English alias and its Chinese key are the same key).
    fn key(
        &mut self,
        mapping: u32,
        start: Mark,
        pos: Pos,
        scalar: Option<&str>,
    ) -> Result<(), Stop> {
        let here = self.span_at(start, pos.len.max(1));
        let Some(text) = scalar else {
            let d = Diagnostic::error(
                code::YAML_SYNTAX,
                "YAML 语法错误：此处的键是列表或键值表，键应为文字，如“镇名: 青石镇”",
            )
            .at(here)
            .in_field(self.map.path_of(mapping));
            return self.stop(d);
        };
        let name = self.map.intern(text, self.canonical);
        if let Some(first) = self.map.child(mapping, name) {
            let first_line = self.map.node(first).key.map_or(0, |k| k.line);
            let field = self.map.path_of(mapping);
            let key = self.map.name(name);
            let field = if field.is_empty() {
                key.to_string()
            } else {
                format!("{field}.{key}")
            };
            let d = Diagnostic::error(
                code::YAML_DUPLICATE_KEY,
                format!(
                    "键“{key}”写了两次（第{first_line}行已有），同一层的键只能写一次：请删去一处，或把两处的内容合并"
                ),
            )
            .at(here)
            .in_field(field)
            .with_label("重复的键");
            self.found.push(d);
        }
        if let Some(Frame::Mapping { key, .. }) = self.stack.last_mut() {
            *key = Some((name, pos));
        }
        Ok(())
    }

    fn open(
        &mut self,
        start: Mark,
        end: Mark,
        mapping: bool,
        anchor: Option<String>,
    ) -> Result<(), Stop> {
        // A collection as a key has stopped the walk already.
        let Some(id) = self.node(start, end, false, None)? else {
            return Err(Stop);
        };
        if self.stack.len() >= MAX_DEPTH {
            let d = Diagnostic::error(
                code::YAML_TOO_DEEP,
                format!(
                    "此处嵌套超过{MAX_DEPTH}层：事实文件的内容最多嵌套七八层，多半是多写了“[”或“{{”，或缩进有误"
                ),
            )
            .at(self.span_at(start, self.collection_pos(start).len))
            .in_field(self.map.path_of(id))
            .with_label("嵌套过深");
            return self.stop(d);
        }
        self.map.starts_at(id, start.index as usize);
        if let Some(name) = anchor {
            self.open_anchors.push(OpenAnchor {
                name,
                start: start.index,
                spent_before: self.spent,
                depth: self.stack.len(),
            });
        }
        self.stack.push(if mapping {
            Frame::Mapping { id, key: None }
        } else {
            Frame::Sequence { id, items: 0 }
        });
        Ok(())
    }

    fn close(&mut self, end: Mark) {
        self.stack.pop();
        if let Some(open) = self.open_anchors.last() {
            if open.depth == self.stack.len() {
                let weight = (end.index - open.start) + (self.spent - open.spent_before);
                let name = open.name.clone();
                self.open_anchors.pop();
                self.anchors.insert(name, weight);
            }
        }
    }

    /// An alias: to an anchor defined before, and within the budget.
    fn alias(&mut self, name: &str, start: Mark, end: Mark) -> Result<(), Stop> {
        let len = (end.index - start.index) as usize;
        let Some(&weight) = self.anchors.get(name) else {
            let d = Diagnostic::error(
                code::YAML_ALIAS,
                format!(
                    "别名“*{name}”找不到对应的锚点“&{name}”：锚点要写在别名之前；事实文件不必用 & 和 *，请把内容直接写出"
                ),
            )
            .at(self.span_at(start, len))
            .with_label("别名");
            return self.stop(d);
        };
        self.spent = self.spent.saturating_add(weight);
        if self.spent > self.budget {
            let d = Diagnostic::error(
                code::YAML_ALIAS,
                format!(
                    "别名“*{name}”等重复引用的内容累计超过{}字节，比文件本身还大得多，不予展开：事实文件不必用 & 和 *，请把内容直接写出",
                    self.budget
                ),
            )
            .at(self.span_at(start, len))
            .with_label("别名");
            return self.stop(d);
        }
        Ok(())
    }

    /// A double-quoted value whose escapes made a control character (`"\0"`, `"\x07"`, or a
    /// Windows path's `\a`): refused at the escape.
    fn check_escapes(&mut self, value: &str, start: Mark, end: Mark) {
        let Some(bad) = value.chars().find(|&c| is_forbidden_in_value(c)) else {
            return;
        };
        let raw = &self.yaml[start.index as usize..end.index as usize];
        let (at, len, written) = escapes(raw)
            .find(|(_, _, c)| is_forbidden_in_value(*c))
            .map_or((0, raw.len().min(1), String::new()), |(at, len, _)| {
                (at, len, raw[at..at + len].to_string())
            });
        let what = if written.is_empty() {
            "双引号里的转义".to_string()
        } else {
            format!("双引号里的“{written}”")
        };
        let mut d = Diagnostic::error(
            code::YAML_CONTROL_CHARACTER,
            format!(
                "{what}读出来是控制字符（{}），报告里不能有控制字符：请删去这个转义，或把整个值改写在单引号里",
                char_name(bad)
            ),
        )
        .at({
            let from = self.base + start.index as usize + at;
            self.file.span(from..from + len)
        })
        .with_label("转义");
        let line_start = self.yaml[..start.index as usize]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line_end = self.yaml[start.index as usize..]
            .find('\n')
            .map_or(self.yaml.len(), |i| start.index as usize + i);
        let line = &self.yaml[line_start..line_end];
        match backslash::help(line) {
            Some(help) if backslash::looks_like_path(line) => d = d.with_help(help),
            _ => {}
        }
        self.found.push(d);
    }

    fn second_document(&self, start: Mark) -> Diagnostic {
        Diagnostic::error(
            code::YAML_SECOND_DOCUMENT,
            format!(
                "第{}行的“---”（或上一行的“...”）开始了第二份内容，一个文件只能有一份：请删去这一行，或把两份内容合并",
                start.line + 1
            ),
        )
        .at(self.span_at(start, 3.min(self.yaml.len() - start.index as usize)))
        .with_label("第二份内容")
    }
}

/// The escapes of a double-quoted scalar's source `raw` (quotes included), with the character
/// each makes: (byte offset in `raw`, byte length, character).
fn escapes(raw: &str) -> impl Iterator<Item = (usize, usize, char)> + '_ {
    let mut chars = raw.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (at, c) = chars.next()?;
        if c != '\\' {
            continue;
        }
        let (_, e) = chars.next()?;
        let simple = match e {
            '0' => Some('\0'),
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            't' | '\t' => Some('\t'),
            'n' => Some('\n'),
            'v' => Some('\u{B}'),
            'f' => Some('\u{C}'),
            'r' => Some('\r'),
            'e' => Some('\u{1B}'),
            'N' => Some('\u{85}'),
            _ => None,
        };
        if let Some(made) = simple {
            return Some((at, 2, made));
        }
        let digits = match e {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => continue,
        };
        let hex: String = (0..digits)
            .map_while(|_| {
                chars
                    .next_if(|(_, h)| h.is_ascii_hexdigit())
                    .map(|(_, h)| h)
            })
            .collect();
        let made = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
        if let Some(made) = made {
            return Some((at, 2 + hex.len(), made));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(yaml: &str) -> Vec<Diagnostic> {
        let file = SourceFile::new("t.yaml", yaml);
        match read(&file, 0, yaml, &|k: &str| k.to_string()) {
            Ok(_) => Vec::new(),
            Err(found) => found.into_vec(),
        }
    }

    fn one(yaml: &str) -> Diagnostic {
        let mut all = findings(yaml);
        assert_eq!(all.len(), 1, "{all:#?}");
        all.remove(0)
    }

    /// libyaml's reader drops a leading BOM without counting it (a file saved with two BOMs
    /// keeps one after decoding): the marks stay byte offsets, and a parser panic (a tag before
    /// a comma, found by fuzzing) is a syntax error at the tag.
    #[test]
    fn a_leading_bom_and_a_parser_panic_keep_their_places() {
        let d = one("\u{feff}单位: [!,]\n");
        assert_eq!(d.code, code::YAML_SYNTAX);
        assert_eq!(d.span.as_ref().map(|s| s.text()), Some("!"));
        let d = one("单位: \"青石\\");
        assert_eq!(d.code, code::YAML_SYNTAX);
        assert_eq!(d.span.as_ref().map(|s| s.text()), Some("\""));
    }

    #[test]
    fn marks_are_bytes_lines_and_characters() {
        let yaml = "单位:\n  镇名: 青石镇\n年度: 2024\n";
        let file = SourceFile::new("t.yaml", yaml);
        let map = read(&file, 0, yaml, &|k: &str| k.to_string()).unwrap();
        let p = map.locate("单位.镇名").unwrap();
        assert_eq!((p.line, p.column), (2, 7));
        assert_eq!(&yaml[p.offset..p.offset + p.len], "青石镇");
        let k = map.locate_key("年度").unwrap();
        assert_eq!(&yaml[k.offset..k.offset + k.len], "年度");
    }

    #[test]
    fn a_duplicate_key_is_named_at_its_second_place_with_its_path() {
        let d = one("单位:\n  镇名: 甲\n  镇名: 乙\n年度: 2024\n");
        assert_eq!(d.code, code::YAML_DUPLICATE_KEY);
        assert_eq!(d.line_column(), Some((3, 3)));
        assert_eq!(d.field.as_deref(), Some("单位.镇名"));
        assert!(d.message.contains("第2行"), "{}", d.message);
    }

    #[test]
    fn an_alias_to_no_anchor_and_an_alias_bomb_are_refused_at_the_alias() {
        let d = one("a: 1\nb: *y\n");
        assert_eq!(d.code, code::YAML_ALIAS);
        assert_eq!(d.line_column(), Some((2, 4)));
        // Nine times nine times … a short string: a few hundred bytes that expand to gigabytes.
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        let mut bomb = String::from("a: &a [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]\n");
        for pair in names.windows(2) {
            let refs = vec![format!("*{}", pair[0]); 9].join(", ");
            bomb.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
        }
        let d = one(&bomb);
        assert_eq!(d.code, code::YAML_ALIAS);
        assert!(d.message.contains("累计超过"), "{}", d.message);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "[".repeat(100_000);
        let started = std::time::Instant::now();
        let d = one(&deep);
        assert_eq!(d.code, code::YAML_TOO_DEEP);
        assert_eq!(d.line_column(), Some((1, MAX_DEPTH + 1)));
        let deep = "{a: ".repeat(100_000);
        assert_eq!(one(&deep).code, code::YAML_TOO_DEEP);
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    }

    #[test]
    fn a_second_document_is_refused_at_its_marker() {
        let d = one("a: 1\n---\nb: 2\n");
        assert_eq!(d.code, code::YAML_SECOND_DOCUMENT);
        assert_eq!(d.line_column(), Some((2, 1)));
    }

    #[test]
    fn control_characters_typed_or_escaped_are_refused_in_place() {
        let d = one("a: 甲\0乙\n");
        assert_eq!(d.code, code::YAML_CONTROL_CHARACTER);
        assert_eq!(d.line_column(), Some((1, 5)));
        let d = one("a: 1\nb: \"响\\x07铃\"\n");
        assert_eq!(d.code, code::YAML_CONTROL_CHARACTER);
        assert_eq!(d.line_column(), Some((2, 6)));
        assert!(d.message.contains("“\\x07”"), "{}", d.message);
        let d = one("b: \"\\0\"\n");
        assert_eq!(d.line_column(), Some((1, 5)));
        // Line breaks and tabs written as escapes are text.
        assert!(findings("b: \"甲\\n乙\\t丙\"\n").is_empty());
    }

    #[test]
    fn an_unclosed_quote_is_named_at_the_opening_quote() {
        let d = one("a: 1\nb: \"未闭合\nc: 2\nd: 3\n");
        assert_eq!(d.code, code::YAML_SYNTAX);
        assert_eq!(d.line_column(), Some((2, 4)));
    }
}
