//! The front matter: the title block and document properties as YAML between `---` lines at
//! the top of a report's Markdown, in the clerk's words (Chinese keys, English aliases).

use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};
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
/// and the body after it. The YAML is read by the facts file's YAML layer: the same checks, the
/// same Chinese messages, at their place in the Markdown file.
pub(super) fn read(file: &Arc<SourceFile>) -> Result<(Meta, &str), Diagnostics> {
    let (front, body) = split_front_matter(file.text()).map_err(|d| d.at_opening(file))?;
    let meta = match front {
        Some(yaml) => {
            let base = offset_in(file, yaml);
            crate::facts::yaml::deserialize::<FrontMatter>(
                file,
                base,
                yaml,
                &canonical_front_matter_key,
            )
            .map_err(|found| {
                found
                    .into_iter()
                    .map(in_front_matter)
                    .collect::<Diagnostics>()
            })?
            .0
            .into()
        }
        None => Meta::default(),
    };
    Ok((meta, body))
}

/// A front matter opened by `---` that is not closed: where it opened.
struct Unclosed {
    opening: usize,
}

impl Unclosed {
    fn at_opening(self, file: &Arc<SourceFile>) -> Diagnostics {
        Diagnostic::error(
            code::MARKDOWN_FRONT_MATTER_UNCLOSED,
            "文首信息以“---”行开始，却没有结束的“---”行：请在文首信息（标题、日期等）之后加一行“---”，再写正文",
        )
        .at(file.span(self.opening..self.opening + 3))
        .in_field(FRONT_MATTER_FIELD)
        .with_label("文首信息从这里开始")
        .into()
    }
}

/// Splits a Markdown source into its front matter (without the `---` lines) and its body.
/// The front matter opens with a `---` line at the top (blank lines before it are allowed) and
/// closes with a `---` or YAML's `...` line; one that opens and never closes is an error, since
/// its title would otherwise be read as body text.
fn split_front_matter(source: &str) -> Result<(Option<&str>, &str), Unclosed> {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let blank = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    // Back to the start of the line the first non-blank character is on.
    let opening = text[..blank].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[opening..];
    let Some(rest) = rest
        .strip_prefix("---\n")
        .or_else(|| rest.strip_prefix("---\r\n"))
    else {
        return Ok((None, text));
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Ok((Some(&rest[..offset]), &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(Unclosed {
        opening: source.len() - text.len() + opening,
    })
}

/// A finding of the front matter's YAML, with the field path under 文首信息.
fn in_front_matter(mut d: Diagnostic) -> Diagnostic {
    d.field = Some(match d.field.take() {
        Some(key) => format!("{FRONT_MATTER_FIELD}.{key}"),
        None => FRONT_MATTER_FIELD.to_string(),
    });
    d
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

/// Where the value of the front matter's `key` (its Chinese name; an alias typed in the file
/// is found too) stands in `file`, for a finding about it made after parsing.
pub fn front_matter_span(file: &Arc<SourceFile>, key: &str) -> Option<crate::diag::Span> {
    let (yaml, _) = split_front_matter(file.text()).ok()?;
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
