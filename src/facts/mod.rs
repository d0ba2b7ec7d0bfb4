//! Reading and checking a year's facts file: one UTF-8 YAML file per township per year.
//!
//! The file holds who reports to which session, the itemised records of the year (meetings,
//! supervision, delegate suggestions, trainings, liaison-station activity, delegates reporting to
//! voters, publicity), and the narrative in the clerk's words. Keys are Chinese, each with an
//! English alias; docs/facts-format.md describes every key.
//!
//! Narrative text quotes computed figures by name in single braces, `共收到代表建议{建议.总数}件`
//! (see [`narrative`]), so every figure is typed once. Single braces cannot collide with tera
//! (`{{ }}`, `{% %}`, `{# #}`); a literal brace is written doubled, `{{` or `}}`.
//!
//! [`load`] and [`parse`] check the file's shape and return every finding as a
//! [`crate::diag::Diagnostic`], in Chinese, with its span in the file and the field path
//! (会议[3].日期 is the date of the third meeting). The YAML itself is read by [`yaml`], which
//! walks libyaml's events before serde does (syntax, tabs, control characters, aliases, nesting,
//! duplicate keys) and builds the [`source_map`]; [`yaml_messages`] says what libyaml and
//! serde find in Chinese. Then: encodings (a GBK/GB18030 file is refused with a request to save it as
//! UTF-8, since guessing could garble names silently; a UTF-8 BOM is accepted), unknown keys
//! (with a suggestion), missing or mistyped values, invalid dates or dates outside the report
//! year, negative counts, duplicate records, category names, font paths.
//!
//! What needs the figures (unknown `{figure}` names, 上年 names, figures that contradict each
//! other) and the proofreading of the narrative (placeholders, half-width punctuation) are
//! [`crate::check`]'s: facts knows nothing of figures. A [`Loaded`] file keeps its
//! [`Places`] so those later checks still point at file:line:column.

mod backslash;
mod model;
pub mod narrative;
pub mod source_map;
pub(crate) mod yaml;
mod yaml_messages;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Datelike;

pub use model::*;
use source_map::{Pos, SourceMap};

use crate::diag::{code, Code, Diagnostic, Diagnostics, Place, SourceFile, Span};
use crate::input::InputKind;
use crate::style::Face;

/// A facts file read and checked, with the remarks that did not stop it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub facts: Facts,
    /// Findings of severity warning, in file order.
    pub warnings: Diagnostics,
    /// The font files named under 字体, resolved against the facts file's folder; each exists.
    pub fonts: BTreeMap<Face, PathBuf>,
    /// Where each of them is named (字体.仿宋 and the span of its value), so that a font file
    /// found broken when it is loaded is said at that line.
    pub font_places: BTreeMap<Face, Place>,
    /// Where each field stands in the file, for the checks made after loading.
    pub places: Places,
}

/// Where the fields of a loaded facts file stand in its text: what turns a field path
/// (会议[3].日期) into a span, for every stage that finds something after loading.
#[derive(Debug, Clone)]
pub struct Places {
    file: Arc<SourceFile>,
    map: Arc<SourceMap>,
}

impl Places {
    fn new(file: &Arc<SourceFile>, map: SourceMap) -> Places {
        Places {
            file: Arc::clone(file),
            map: Arc::new(map),
        }
    }

    /// The facts file.
    pub fn file(&self) -> &Arc<SourceFile> {
        &self.file
    }

    fn span(&self, pos: Option<Pos>) -> Span {
        self.file
            .span(pos.map_or(0..0, |p| p.offset..p.offset + p.len))
    }

    /// `found`, about the field `path`, at its value (or its nearest ancestor found; the start
    /// of the file when none is).
    pub fn at(&self, found: Diagnostic, path: &str) -> Diagnostic {
        found.at(self.span(self.map.locate(path))).in_field(path)
    }

    /// `found`, about the field `path`, at its key.
    pub fn at_key(&self, found: Diagnostic, path: &str) -> Diagnostic {
        found
            .at(self.span(self.map.locate_key(path)))
            .in_field(path)
    }

    /// `found`, about the field `path`, at the character `chars` into its text `text` (the
    /// value's start when the value is not plain text on one line).
    pub fn inside(&self, found: Diagnostic, path: &str, chars: usize, text: &str) -> Diagnostic {
        found
            .at(self.span(self.map.locate_inside(path, chars, text)))
            .in_field(path)
    }

    /// The byte offset where the value of the field `path` starts (a quote or block indicator
    /// included), when the file has that field itself: where the text of a narrative field is
    /// read from, for [`crate::check`]'s rules.
    pub fn value_offset(&self, path: &str) -> Option<usize> {
        self.map.get(path).map(|node| node.value.offset)
    }

    /// Whether the file has the field `path` itself (not only an ancestor).
    pub fn has(&self, path: &str) -> bool {
        self.map.get(path).is_some()
    }

    /// The 1-based line of the field `path`, if found.
    pub fn line(&self, path: &str) -> Option<usize> {
        self.map.locate(path).map(|p| p.line)
    }
}

/// Reads and checks the facts file at `path`. On failure, every finding (errors and warnings)
/// in file order.
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    load_with(path, &no_more_checks)
}

/// Checks the bytes of a facts file; `file_name` is used in messages, and relative font paths
/// (字体) are resolved against its folder.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<Loaded, Diagnostics> {
    parse_with(bytes, file_name, &no_more_checks)
}

/// Checks a facts file already in memory, resolving relative font paths against `folder`.
pub fn parse_source(file: &Arc<SourceFile>, folder: &Path) -> Result<Loaded, Diagnostics> {
    parse_source_with(file, folder, &no_more_checks)
}

/// Checks run on a loaded file by a later stage ([`crate::check`]), given to the loader so
/// that every finding comes out of one run, like a compiler's: a file whose shape checks
/// found an error still gets them, as long as it could be read at all.
pub type MoreChecks<'a> = &'a dyn Fn(&Loaded) -> Diagnostics;

fn no_more_checks(_: &Loaded) -> Diagnostics {
    Diagnostics::new()
}

/// [`load`], with `more` checks run on the file as soon as it is read.
pub fn load_with(path: &Path, more: MoreChecks) -> Result<Loaded, Diagnostics> {
    let file = SourceFile::read(path, InputKind::Facts)?;
    parse_source_with(&file, path.parent().unwrap_or(Path::new("")), more)
}

/// [`parse`], with `more` checks run on the file as soon as it is read.
pub fn parse_with(bytes: &[u8], file_name: &str, more: MoreChecks) -> Result<Loaded, Diagnostics> {
    let folder = Path::new(file_name).parent().unwrap_or(Path::new(""));
    let file = SourceFile::decode(file_name, bytes)?;
    parse_source_with(&file, folder, more)
}

/// [`parse_source`], with `more` checks run on the file as soon as it is read.
pub fn parse_source_with(
    file: &Arc<SourceFile>,
    folder: &Path,
    more: MoreChecks,
) -> Result<Loaded, Diagnostics> {
    let text = file.text();
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Diagnostic::error(
            code::FACTS_EMPTY,
            "事实文件是空的，应包含 单位、年度、会议 等内容（`workreport init` 可生成一份样例）",
        )
        .at(file.span(0..0))
        .into());
    }
    let (facts, map): (Facts, SourceMap) = yaml::deserialize(file, 0, text, &canonical_key)?;

    let mut checker = Checker {
        file,
        map: &map,
        folder,
        found: Diagnostics::new(),
        fonts: BTreeMap::new(),
        font_places: BTreeMap::new(),
    };
    checker.check(&facts);
    let Checker {
        found,
        fonts,
        font_places,
        ..
    } = checker;
    let mut loaded = Loaded {
        facts,
        warnings: found,
        fonts,
        font_places,
        places: Places::new(file, map),
    };
    let later = more(&loaded);
    loaded.warnings.extend(later);
    loaded.warnings.sort_by_place();
    if loaded.warnings.has_errors() {
        return Err(loaded.warnings);
    }
    Ok(loaded)
}

pub(crate) fn line_of(text: &str, line: usize) -> &str {
    text.lines().nth(line.saturating_sub(1)).unwrap_or("")
}

/// The name in `names` closest to `word`, if one is close enough to suggest.
pub fn closest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .map(|n| (strsim::normalized_damerau_levenshtein(word, n), *n))
        .filter(|(score, _)| *score >= 0.4)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// The checks made on the deserialised facts.
struct Checker<'a> {
    file: &'a Arc<SourceFile>,
    map: &'a SourceMap,
    /// The facts file's folder, for relative font paths.
    folder: &'a Path,
    /// Errors and warnings.
    found: Diagnostics,
    fonts: BTreeMap<Face, PathBuf>,
    font_places: BTreeMap<Face, Place>,
}

impl Checker<'_> {
    /// The span of a position the source map found; the start of the file when it found none.
    fn span(&self, pos: Option<Pos>) -> Span {
        self.file
            .span(pos.map_or(0..0, |p| p.offset..p.offset + p.len))
    }

    /// A finding about the field `path`, at `pos`.
    fn finding(&self, found: Diagnostic, path: &str, pos: Option<Pos>) -> Diagnostic {
        found.at(self.span(pos)).in_field(path)
    }

    /// An error about the field `path`, at its value.
    fn error(&mut self, code: Code, path: &str, message: String) {
        let d = self.finding(
            Diagnostic::error(code, message),
            path,
            self.map.locate(path),
        );
        self.found.push(d);
    }

    fn check(&mut self, facts: &Facts) {
        self.check_dates(facts);
        self.check_suggestion_dates(facts);
        self.check_duplicates(facts);
        self.check_categories(facts);
        self.check_fonts(facts);
        self.check_people(facts);
    }

    fn check_dates(&mut self, facts: &Facts) {
        let year = facts.year.0;
        // Only a date outside the year gets its path written out: a file of 60,000 records
        // formats none in the usual case.
        let mut dated: Vec<(String, Date)> = Vec::new();
        let mut add = |section: &str, dates: Vec<Date>| {
            for (i, d) in dates.into_iter().enumerate() {
                if d.0.year() != year {
                    dated.push((format!("{section}[{}].日期", i + 1), d));
                }
            }
        };
        add("会议", facts.meetings.iter().map(|r| r.date).collect());
        add("监督", facts.supervision.iter().map(|r| r.date).collect());
        add("培训", facts.trainings.iter().map(|r| r.date).collect());
        add("联络站", facts.liaison.iter().map(|r| r.date).collect());
        add(
            "述职",
            facts.reports_to_voters.iter().map(|r| r.date).collect(),
        );
        add("宣传", facts.publicity.iter().map(|r| r.date).collect());
        for (i, s) in facts.suggestions.iter().enumerate() {
            for (key, date) in [("提出日期", s.raised), ("办结日期", s.finished)] {
                if let Some(date) = date {
                    dated.push((format!("代表建议[{}].{key}", i + 1), date));
                }
            }
        }
        for (path, date) in dated {
            if date.0.year() != year {
                self.error(
                    code::FACTS_DATE_OUTSIDE_YEAR,
                    &path,
                    format!(
                        "日期“{}”不在报告年度{year}年内，应为{year}-01-01至{year}-12-31之间",
                        date.0
                    ),
                );
            }
        }
        // The half-year report is given in the year; the annual report, the work plan and the
        // resolution in the year or early the next.
        if let Some(date) = facts.first_half.as_ref().and_then(|h| h.report_date) {
            if date.0.year() != year {
                self.error(
                    code::FACTS_REPORT_DATE_YEAR,
                    "上半年.报告日期",
                    format!(
                        "上半年工作报告的报告日期“{}”不在报告年度{year}年内，应为{year}年的日期，如{year}-07-16",
                        date.0
                    ),
                );
            }
        }
        let this_or_next = [
            ("单位.报告日期", facts.unit.report_date),
            (
                "下年工作.日期",
                facts.next_year.as_ref().and_then(|n| n.date),
            ),
            ("决议.日期", facts.resolution.as_ref().and_then(|r| r.date)),
        ];
        for (path, date) in this_or_next {
            let Some(date) = date else { continue };
            if date.0.year() != year && date.0.year() != year + 1 {
                self.error(
                    code::FACTS_REPORT_DATE_YEAR,
                    path,
                    format!(
                        "日期“{}”与报告年度{year}年不符，应在{year}年或{}年",
                        date.0,
                        year + 1
                    ),
                );
            }
        }
    }

    /// 办结日期 belongs to a finished suggestion, on or after the day it was raised.
    fn check_suggestion_dates(&mut self, facts: &Facts) {
        for (i, s) in facts.suggestions.iter().enumerate() {
            let Some(finished) = s.finished else { continue };
            let path = format!("代表建议[{}].办结日期", i + 1);
            if s.status != SuggestionStatus::Finished {
                self.error(
                    code::FACTS_FINISHED_DATE,
                    &path,
                    "写了办结日期，但状态不是“已办结”：已办结的建议才有办结日期，应把状态改为 已办结，或删去办结日期".into(),
                );
            } else if let Some(raised) = s.raised.filter(|r| r.0 > finished.0) {
                self.error(
                    code::FACTS_FINISHED_DATE,
                    &path,
                    format!(
                        "办结日期“{}”早于提出日期“{}”，应在提出日期当天或之后",
                        finished.0, raised.0
                    ),
                );
            }
        }
    }

    fn check_duplicates(&mut self, facts: &Facts) {
        // A record's key: its date, its text, and a level (述职); compared as they are, no
        // string formatted per record.
        type Key<'f> = (Option<chrono::NaiveDate>, &'f str, u8);
        fn keys<'f, T>(records: &'f [T], key: impl Fn(&'f T) -> Key<'f>) -> Vec<Key<'f>> {
            records.iter().map(key).collect()
        }
        let groups: [(&str, &str, Vec<Key>); 7] = [
            (
                "会议",
                "日期和名称",
                keys(&facts.meetings, |r| (Some(r.date.0), &r.title, 0)),
            ),
            (
                "监督",
                "日期和主题",
                keys(&facts.supervision, |r| (Some(r.date.0), &r.topic, 0)),
            ),
            (
                "代表建议",
                "标题",
                keys(&facts.suggestions, |r| (None, &r.title, 0)),
            ),
            (
                "培训",
                "日期和主题",
                keys(&facts.trainings, |r| (Some(r.date.0), &r.topic, 0)),
            ),
            (
                "联络站",
                "日期和站点",
                keys(&facts.liaison, |r| {
                    (Some(r.date.0), r.station.as_deref().unwrap_or(""), 0)
                }),
            ),
            (
                "述职",
                "代表和层级",
                keys(&facts.reports_to_voters, |r| {
                    (None, &r.delegate, r.level as u8)
                }),
            ),
            (
                "宣传",
                "标题",
                keys(&facts.publicity, |r| (None, &r.title, 0)),
            ),
        ];
        // Each record's key hashed once: the first record of each key by index, so a file
        // of 60,000 records is one pass, not a comparison of every pair.
        for (section, what, keys) in groups {
            let mut firsts: rustc_hash::FxHashMap<Key, usize> = rustc_hash::FxHashMap::default();
            firsts.reserve(keys.len());
            for (i, key) in keys.iter().enumerate() {
                let first = *firsts.entry(*key).or_insert(i);
                if first != i {
                    let first_path = format!("{section}[{}]", first + 1);
                    let first_line = self.map.locate(&first_path).map_or(0, |p| p.line);
                    self.error(
                        code::FACTS_DUPLICATE_RECORD,
                        &format!("{section}[{}]", i + 1),
                        format!(
                            "记录重复：与{first_path}（第{first_line}行）的{what}相同，同一件事应只记一次"
                        ),
                    );
                }
            }
        }
    }

    /// A category becomes part of a figure name (建议.类别.基础设施), quoted as {建议.类别.…}:
    /// a dot would nest it under another figure, a brace would end the reference.
    fn check_categories(&mut self, facts: &Facts) {
        for (i, s) in facts.suggestions.iter().enumerate() {
            let bad: String = s
                .category
                .chars()
                .filter(|c| matches!(c, '.' | '{' | '}'))
                .collect();
            if let Some(first) = bad.chars().next() {
                let path = format!("代表建议[{}].类别", i + 1);
                let at = s.category.chars().position(|c| c == first).unwrap_or(0);
                let pos = self.map.locate_inside(&path, at, &s.category);
                let message = format!(
                    "类别“{}”含有“{first}”；类别名称是数字名称的一部分（{{建议.类别.{}}}），不能含有 . {{ }}，请去掉或改用全角“．”",
                    s.category, s.category
                );
                let d = Diagnostic::error(code::FACTS_BAD_CATEGORY, message).with_label("类别");
                let d = self.finding(d, &path, pos);
                self.found.push(d);
            }
        }
    }

    /// Each font file named under 字体 must exist; a relative path is taken from the facts
    /// file's folder (not wherever the program was started).
    fn check_fonts(&mut self, facts: &Facts) {
        for (face, key, written) in facts.fonts.named() {
            let path = format!("字体.{key}");
            let given = Path::new(written.trim());
            let resolved = if given.is_absolute() {
                given.to_path_buf()
            } else {
                self.folder.join(given)
            };
            if written.trim().is_empty() {
                self.error(code::FACTS_FONT_FILE_MISSING, &path, format!("{key}的字体文件路径是空的，应写字体文件（.ttf/.otf/.ttc）的路径，或删去这一行"));
            } else if backslash::escapes_ate_backslashes(written) {
                let pos = self.map.locate(&path);
                let line = pos
                    .map(|p| line_of(self.file.text(), p.line))
                    .unwrap_or_default();
                let mut d = self.finding(
                    Diagnostic::error(
                        code::FACTS_FONT_PATH_ESCAPED,
                        format!("{key}的字体文件路径写在双引号里，其中的反斜杠被当成了转义符，路径已被改变"),
                    ),
                    &path,
                    pos,
                );
                if let Some(help) = backslash::help(line) {
                    d = d.with_help(help);
                }
                self.found.push(d);
            } else if !resolved.is_file() {
                let shown = if given.is_absolute() {
                    String::new()
                } else {
                    format!("（相对于事实文件所在文件夹，即 {}）", resolved.display())
                };
                self.error(
                    code::FACTS_FONT_FILE_MISSING,
                    &path,
                    format!("{key}的字体文件“{written}”不存在{shown}，应为字体文件（.ttf/.otf/.ttc）的路径"),
                );
            } else {
                let span = self.span(self.map.locate(&path));
                self.fonts.insert(face, resolved);
                self.font_places.insert(face, Place { field: path, span });
            }
        }
    }

    /// Everyone on 代表名单 and 列席人员 has a name: their copy is signed for in that name.
    fn check_people(&mut self, facts: &Facts) {
        for (list, people) in [
            ("代表名单", &facts.delegate_list),
            ("列席人员", &facts.attendee_list),
        ] {
            for (i, person) in people.iter().enumerate() {
                if person.name.trim().is_empty() {
                    self.error(
                        code::FACTS_EMPTY_NAME,
                        &format!("{list}[{}].姓名", i + 1),
                        format!(
                            "{list}第{}人的姓名是空的，应写此人的姓名，或删去这一项",
                            i + 1
                        ),
                    );
                }
            }
        }
    }
}

/// Every piece of narrative with its field path, in file order: all the clerk's prose, for
/// the proofreading rules (which document prints which piece is [`crate::kinds`]' business).
pub fn narrative_fields(facts: &Facts) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    if let Some(review) = &facts.review {
        review_fields("回顾", review, &mut out);
    }
    if let Some(thanks) = &facts.thanks {
        out.push(("感谢".into(), thanks));
    }
    list_fields("不足", &facts.shortcomings, &mut out);
    if let Some(next) = &facts.next_year {
        if let Some(opening) = &next.opening {
            out.push(("下年工作.开篇".into(), opening));
        }
        out.push(("下年工作.指导思想".into(), &next.guiding_idea));
        task_fields("下年工作.任务", &next.tasks, &mut out);
    }
    if let Some(closing) = &facts.closing {
        out.push(("结束语".into(), closing));
    }
    if let Some(half) = &facts.first_half {
        if let Some(review) = &half.review {
            review_fields("上半年.回顾", review, &mut out);
        }
        if let Some(thanks) = &half.thanks {
            out.push(("上半年.感谢".into(), thanks));
        }
        list_fields("上半年.不足", &half.shortcomings, &mut out);
        if let Some(second) = &half.second_half {
            out.push(("上半年.下半年安排.总体要求".into(), &second.aims));
            task_fields("上半年.下半年安排.任务", &second.tasks, &mut out);
        }
        if let Some(closing) = &half.closing {
            out.push(("上半年.结束语".into(), closing));
        }
    }
    if let Some(resolution) = &facts.resolution {
        for (key, text) in [
            ("会议认为", &resolution.judgement),
            ("会议要求", &resolution.demands),
            ("会议号召", &resolution.call),
        ] {
            if let Some(text) = text {
                out.push((format!("决议.{key}"), text));
            }
        }
    }
    out
}

/// The prose of a review at `base` (回顾, 上半年.回顾).
pub fn review_fields<'f>(base: &str, review: &'f Review, out: &mut Vec<(String, &'f str)>) {
    if let Some(opening) = &review.opening {
        out.push((format!("{base}.开篇"), opening));
    }
    for (i, s) in review.sections.iter().enumerate() {
        let path = format!("{base}.部分[{}]", i + 1);
        out.push((format!("{path}.标题"), &s.heading));
        out.push((format!("{path}.导语"), &s.lead));
        list_fields(&format!("{path}.要点"), &s.points, out);
    }
}

/// The prose of tasks at `base` (下年工作.任务), sub-points included.
pub fn task_fields<'f>(base: &str, tasks: &'f [Task], out: &mut Vec<(String, &'f str)>) {
    for (i, t) in tasks.iter().enumerate() {
        let path = format!("{base}[{}]", i + 1);
        out.push((format!("{path}.标题"), &t.heading));
        out.push((format!("{path}.内容"), &t.text));
        if let Some(lead) = &t.lead {
            out.push((format!("{path}.导语"), lead));
        }
        for (j, p) in t.sub_points.iter().enumerate() {
            out.push((format!("{path}.分项[{}].标题", j + 1), &p.heading));
            out.push((format!("{path}.分项[{}].内容", j + 1), &p.text));
        }
    }
}

/// A list of texts at `base`: `<base>[1]` …
pub fn list_fields<'f>(base: &str, texts: &'f [String], out: &mut Vec<(String, &'f str)>) {
    for (i, t) in texts.iter().enumerate() {
        out.push((format!("{base}[{}]", i + 1), t));
    }
}
