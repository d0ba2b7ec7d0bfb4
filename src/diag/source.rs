//! Source files in memory, read once, with a line index built once, and spans into them.
//!
//! A position is a byte offset; people are told the 1-based line and the column counted in
//! characters, and so is miette: [`SourceFile`] is its `SourceCode`, and finds a span's lines
//! through the index, so a snippet costs the lines it shows, never a scan from the start of the
//! file (7,623 findings on one facts file used to take 12 s of miette rescanning the file).

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::{code, Diagnostic, Diagnostics};
use crate::input::InputKind;

/// A file's text as the program read it, named as the user gave its path.
#[derive(Debug)]
pub struct SourceFile {
    name: String,
    text: Arc<str>,
    /// The byte offset where each line starts: 0, then one after each `\n`.
    line_starts: Vec<usize>,
}

/// Whether `text` has a `\r` not followed by `\n`.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr_all(bytes, b'\r').any(|i| bytes.get(i + 1) != Some(&b'\n'))
}

fn memchr_all(bytes: &[u8], byte: u8) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(move |(_, b)| **b == byte)
        .map(|(i, _)| i)
}

/// `text` with each lone `\r` replaced by `\n` (same length, so offsets hold).
fn lone_cr_as_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

impl SourceFile {
    /// A source named `name` (a path as given, or a description such as `<annual模板输出>`).
    /// Old-Mac line endings (a lone `\r`) are read as `\n`: byte for byte, so every offset holds,
    /// and every reader after this one sees lines (a facts file saved so was read as one line).
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Arc<SourceFile> {
        let mut text: Arc<str> = text.into();
        if has_lone_cr(&text) {
            text = lone_cr_as_lf(&text).into();
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Arc::new(SourceFile {
            name: name.into(),
            text,
            line_starts,
        })
    }

    /// Reads the input file at `path`, an input of `kind`, through [`crate::input::read`]
    /// (regular files only, within the kind's size cap), and decodes it
    /// ([`SourceFile::decode`]); named as `path` is written.
    pub fn read(path: &Path, kind: InputKind) -> Result<Arc<SourceFile>, Diagnostics> {
        let bytes = crate::input::read(path, kind)?;
        SourceFile::decode(path.display().to_string(), &bytes)
    }

    /// The text of `bytes`: UTF-8, a BOM dropped. Anything else is refused, naming GBK/GB18030
    /// when it is that (guessing could garble names silently), at the first byte that is not
    /// UTF-8; the snippet shows the file as far as it could be read.
    pub fn decode(name: impl Into<String>, bytes: &[u8]) -> Result<Arc<SourceFile>, Diagnostics> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(err) => {
                let gb = encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(bytes)
                    .is_some();
                let message = if gb {
                    "文件是 GBK/GB18030 编码，应为 UTF-8：请在记事本或 WPS 中“另存为”，编码选 UTF-8"
                } else {
                    "文件不是有效的 UTF-8 文本，应为 UTF-8 编码"
                };
                // The text before the bad byte is the same in the lossy decoding, so the offset
                // holds there; the bad byte shows as one replacement character.
                let shown = SourceFile::new(name, String::from_utf8_lossy(bytes));
                let at = err.valid_up_to();
                let len = shown.text[at..].chars().next().map_or(0, char::len_utf8);
                Err(Diagnostic::error(code::INPUT_NOT_UTF8, message)
                    .at(shown.span(at..at + len))
                    .with_label("此处起无法按 UTF-8 读取")
                    .into())
            }
        }
    }

    /// The name as the user gave it.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// A span of `range` (byte offsets) in this file.
    pub fn span(self: &Arc<Self>, range: Range<usize>) -> Span {
        Span {
            file: Arc::clone(self),
            range,
        }
    }

    /// How many lines the file has (a final line without `\n` counts; an empty file has one).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line holding byte `offset` (past the end: the last line).
    fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Where 0-based `line` ends: after its `\n`, or at the end of the text.
    fn line_end(&self, line: usize) -> usize {
        self.line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The 1-based line and column (in characters) of byte `offset`. An offset past the end
    /// is taken as the end; one inside a character as that character.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        (line + 1, self.chars_between(start, offset) + 1)
    }

    /// The byte offset of a 1-based line and column (in characters); past the end of a line or
    /// the file, the end of it.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let end = self.line_end(line.saturating_sub(1));
        self.text[start..end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(end, |(i, _)| start + i)
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Characters in `start..end`, both on one line.
    fn chars_between(&self, start: usize, end: usize) -> usize {
        #[cfg(test)]
        tests::SCANNED.with(|s| s.set(s.get() + (end - start)));
        self.text[start..end].chars().count()
    }
}

/// miette reads snippets through the line index: the lines of the span and of its context,
/// with the line and column (in characters) our messages print.
impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() || !self.text.is_char_boundary(start) {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_index(start);
        let last = self.line_index(end.saturating_sub(1).max(start));
        let from = first.saturating_sub(context_lines_before);
        let to = (last + context_lines_after).min(self.line_count() - 1);
        // As miette's own sources do: without context before, the contents start at the span
        // and say its column; with context, they start at a line.
        let (data_start, line, column) = if context_lines_before == 0 {
            let (line, column) = self.line_column(start);
            (start, line - 1, column - 1)
        } else {
            (self.line_starts[from], from, 0)
        };
        let data_end = self.line_end(to).max(end);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[data_start..data_end],
            (data_start, data_end - data_start).into(),
            line,
            column,
            to + 1 - line,
        )))
    }
}

/// Two sources are equal when they have the same name and text.
impl PartialEq for SourceFile {
    fn eq(&self, other: &SourceFile) -> bool {
        self.name == other.name && self.text == other.text
    }
}

/// A byte range of a source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub file: Arc<SourceFile>,
    pub range: Range<usize>,
}

impl Span {
    /// The 1-based line and column (in characters) where the span starts.
    pub fn line_column(&self) -> (usize, usize) {
        self.file.line_column(self.range.start)
    }

    /// The spanned text.
    pub fn text(&self) -> &str {
        self.file.text().get(self.range.clone()).unwrap_or("")
    }
}

/// An I/O error's reason in Chinese for the common cases, the system's words otherwise.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件不存在".into(),
        PermissionDenied => "没有读取权限".into(),
        IsADirectory => "这是一个文件夹，不是文件".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn old_mac_line_endings_are_lines_and_offsets_hold() {
        let file = SourceFile::new("mac.yaml", "a: 1\rb: 2\r\nc: 3\r");
        assert_eq!(file.text(), "a: 1\nb: 2\r\nc: 3\n");
        assert_eq!(file.line_count(), 4);
        assert_eq!(file.line_column(file.text().find('c').unwrap()), (3, 1));
        let windows = SourceFile::new("win.yaml", "a: 1\r\nb: 2\r\n");
        assert_eq!(windows.text(), "a: 1\r\nb: 2\r\n");
    }
    use std::cell::Cell;

    thread_local! {
        /// Bytes [`SourceFile::chars_between`] has counted characters over, on this thread.
        pub(crate) static SCANNED: Cell<usize> = const { Cell::new(0) };
    }

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("a.yaml", "年度: 2024\n镇名: 青石镇 # 注释\r\n\n末行");
        let at = |needle: &str| file.text().find(needle).unwrap();
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(at("2024")), (1, 5));
        // 青 is the 5th character of line 2 though its 9th byte.
        assert_eq!(file.line_column(at("青")), (2, 5));
        assert_eq!(file.line_column(at("#")), (2, 9));
        assert_eq!(file.line_column(at("末")), (4, 1));
        // Past the end: the end; inside a character: that character.
        assert_eq!(file.line_column(10_000), (4, 3));
        assert_eq!(file.line_column(at("青") + 1), (2, 5));
        assert_eq!(file.offset_of(2, 5), at("青"));
        assert_eq!(file.offset_of(9, 1), file.text().len());
        assert_eq!(file.line_count(), 4);
    }

    #[test]
    fn miette_reads_the_same_line_and_column() {
        let file = SourceFile::new("a.yaml", "年度: 2024\n镇名: 青石镇\n次会议: 5\n");
        let start = file.text().find("青石镇").unwrap();
        let span = SourceSpan::from((start, "青石镇".len()));
        let header = file.read_span(&span, 0, 0).unwrap();
        assert_eq!((header.line() + 1, header.column() + 1), (2, 5));
        assert_eq!(header.name(), Some("a.yaml"));
        let context = file.read_span(&span, 1, 1).unwrap();
        assert_eq!(context.line(), 0);
        assert_eq!(context.column(), 0);
        assert_eq!(
            std::str::from_utf8(context.data()).unwrap(),
            "年度: 2024\n镇名: 青石镇\n次会议: 5\n"
        );
        assert!(file
            .read_span(&SourceSpan::from((file.text().len(), 1)), 0, 0)
            .is_err());
    }

    /// A span near the end of a long file is found through the index: the characters counted
    /// are those of its own line, not of the lines before it.
    #[test]
    fn reading_a_span_does_not_scan_from_the_start() {
        let line = "  - 标题: 关于加强农村道路养护的建议\n";
        let text = line.repeat(50_000);
        let file = SourceFile::new("big.yaml", text);
        let start = file.text().len() - line.len() + "  - 标题: ".len();
        SCANNED.with(|s| s.set(0));
        let contents = file
            .read_span(&SourceSpan::from((start, "关于".len())), 0, 0)
            .unwrap();
        assert_eq!((contents.line() + 1, contents.column() + 1), (50_000, 9));
        let scanned = SCANNED.with(Cell::get);
        assert!(scanned <= line.len(), "counted {scanned} bytes");
    }

    #[test]
    fn gbk_is_refused_at_the_first_bad_byte() {
        let (gbk, _, _) = encoding_rs::GBK.encode("年度: 2024\n镇名: 青石镇\n");
        let mut bytes = b"year: 2024\n".to_vec();
        bytes.extend_from_slice(&gbk);
        let d = &SourceFile::decode("gbk.yaml", &bytes).unwrap_err()[0];
        assert!(d.message.contains("GBK/GB18030"), "{d}");
        assert_eq!(d.line_column(), Some((2, 1)));
        assert!(SourceFile::decode("bom.yaml", b"\xEF\xBB\xBFa: 1").is_ok());
    }
}
