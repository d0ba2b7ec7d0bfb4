//! The front matter: the title block and document properties as YAML between `---` lines at
//! the top of a report's Markdown, in the clerk's words (Chinese keys, English aliases).

use crate::diag::{Diagnostic, Diagnostics, SourceFile};
use crate::document::Meta;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The field path of the front matter in messages: 文首信息.年度 is its 年度.
const FRONT_MATTER_FIELD: &str = "文首信息";

/// The front matter: the document-level parts, in the clerk's words, with English aliases.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    #[serde(
        rename = "会议文件标识",
        alias = "session_mark",
        skip_serializing_if = "Option::is_none",
        default
    )]
    session_mark: Option<String>,
    #[serde(
        rename = "稿别",
        alias = "draft_mark",
        skip_serializing_if = "Option::is_none",
        default
    )]
    draft_mark: Option<String>,
    #[serde(rename = "标题", alias = "title", default)]
    title: Option<String>,
    #[serde(
        rename = "副标题",
        alias = "subtitle",
        skip_serializing_if = "Option::is_none",
        default
    )]
    subtitle: Option<String>,
    #[serde(
        rename = "报告人",
        alias = "speaker",
        skip_serializing_if = "Option::is_none",
        default
    )]
    speaker: Option<String>,
    #[serde(
        rename = "日期行",
        alias = "date_line",
        skip_serializing_if = "Option::is_none",
        default
    )]
    date_line: Option<String>,
    #[serde(
        rename = "称谓",
        alias = "salutation",
        skip_serializing_if = "Option::is_none",
        default
    )]
    salutation: Option<String>,
    #[serde(
        rename = "作者",
        alias = "author",
        skip_serializing_if = "Option::is_none",
        default
    )]
    author: Option<String>,
    #[serde(
        rename = "主题",
        alias = "subject",
        skip_serializing_if = "Option::is_none",
        default
    )]
    subject: Option<String>,
    #[serde(
        rename = "日期",
        alias = "date",
        skip_serializing_if = "Option::is_none",
        deserialize_with = "front_matter_date",
        default
    )]
    date: Option<NaiveDate>,
    #[serde(
        rename = "年度",
        alias = "year",
        skip_serializing_if = "Option::is_none",
        default
    )]
    year: Option<i32>,
    #[serde(
        rename = "文种",
        alias = "kind",
        skip_serializing_if = "Option::is_none",
        default
    )]
    kind: Option<String>,
}

impl From<FrontMatter> for Meta {
    fn from(f: FrontMatter) -> Meta {
        Meta {
            session_mark: f.session_mark,
            draft_mark: f.draft_mark,
            title: f.title.unwrap_or_default(),
            subtitle: f.subtitle,
            speaker: f.speaker,
            date_line: f.date_line,
            salutation: f.salutation,
            author: f.author,
            subject: f.subject,
            date: f.date,
            year: f.year,
            kind: f.kind,
        }
    }
}

impl From<&Meta> for FrontMatter {
    fn from(m: &Meta) -> FrontMatter {
        FrontMatter {
            session_mark: m.session_mark.clone(),
            draft_mark: m.draft_mark.clone(),
            title: Some(m.title.clone()),
            subtitle: m.subtitle.clone(),
            speaker: m.speaker.clone(),
            date_line: m.date_line.clone(),
            salutation: m.salutation.clone(),
            author: m.author.clone(),
            subject: m.subject.clone(),
            date: m.date,
            year: m.year,
            kind: m.kind.clone(),
        }
    }
}

/// Writes the front matter block, `---` lines included.
pub fn front_matter(meta: &Meta) -> String {
    let yaml = serde_yaml::to_string(&FrontMatter::from(meta)).expect("front matter serialises");
    format!("---\n{yaml}---\n")
}

/// Reads the front matter of `file`: the title block it gives (the default when there is none)
/// and the body after it.
pub(super) fn read(file: &Arc<SourceFile>) -> Result<(Meta, &str), Diagnostics> {
    let (front, body) = split_front_matter(file.text());
    let meta = match front {
        Some(yaml) => serde_yaml::from_str::<FrontMatter>(yaml)
            .map_err(|e| Diagnostics::from(front_matter_error(&e, file, yaml)))?
            .into(),
        None => Meta::default(),
    };
    Ok((meta, body))
}

/// Splits a Markdown source into its front matter (without the `---` lines) and its body.
fn split_front_matter(source: &str) -> (Option<&str>, &str) {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let Some(rest) = source
        .strip_prefix("---\n")
        .or_else(|| source.strip_prefix("---\r\n"))
    else {
        return (None, source);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (Some(&rest[..offset]), &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    (None, source)
}

/// The front matter's English aliases and their Chinese keys, for field paths in messages.
const FRONT_MATTER_ALIASES: [(&str, &str); 12] = [
    ("session_mark", "会议文件标识"),
    ("draft_mark", "稿别"),
    ("title", "标题"),
    ("subtitle", "副标题"),
    ("speaker", "报告人"),
    ("date_line", "日期行"),
    ("salutation", "称谓"),
    ("author", "作者"),
    ("subject", "主题"),
    ("date", "日期"),
    ("year", "年度"),
    ("kind", "文种"),
];

/// A front-matter key as typed (maybe an English alias) by its Chinese name.
fn canonical_front_matter_key(key: &str) -> String {
    FRONT_MATTER_ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map_or(key, |(_, name)| name)
        .to_string()
}

/// Where the front matter `yaml` starts in `file` (it is a slice of the file's text).
fn offset_in(file: &SourceFile, yaml: &str) -> usize {
    yaml.as_ptr() as usize - file.text().as_ptr() as usize
}

/// A front matter error in Chinese, as the facts loader says it (field, what is wrong, what is
/// expected), at its place in the Markdown file; the field path starts with 文首信息.
fn front_matter_error(err: &serde_yaml::Error, file: &Arc<SourceFile>, yaml: &str) -> Diagnostic {
    let mut d = crate::facts::translate_yaml_error(
        err,
        file,
        offset_in(file, yaml),
        yaml,
        &canonical_front_matter_key,
    );
    d.field = Some(match d.field.take() {
        Some(key) => format!("{FRONT_MATTER_FIELD}.{key}"),
        None => FRONT_MATTER_FIELD.to_string(),
    });
    d
}

/// Where the value of the front matter's `key` (its Chinese name; an alias typed in the file
/// is found too) stands in `file`, for a finding about it made after parsing.
pub fn front_matter_span(file: &Arc<SourceFile>, key: &str) -> Option<crate::diag::Span> {
    let (yaml, _) = split_front_matter(file.text());
    let yaml = yaml?;
    let map = crate::facts::source_map::SourceMap::build(yaml, &canonical_front_matter_key);
    let pos = map.get(key)?.value;
    let start = offset_in(file, yaml) + pos.offset;
    Some(file.span(start..start + pos.len))
}

/// A front-matter date, read as a facts file's dates are (2025-01-08, 2025年1月8日 …), so that
/// a bad one is said in Chinese.
fn front_matter_date<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Ok(Some(crate::facts::Date::deserialize(d)?.0))
}
