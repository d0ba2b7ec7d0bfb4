//! What every kind's view shares: the title block's plain values for the front matter
//! ([`Meta`]), the body values every document quotes ([`Common`]), and the narrative filled
//! with figures and escaped into Markdown ([`Filler`]), with the review and task lists built
//! from it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compose::numerals;
use crate::diag::Diagnostics;
use crate::facts::{narrative, Facts, Review, Task};
use crate::figures::Figures;
use crate::markdown::escape;

/// Trailing marks a clause may end with; the template puts its own.
const CLAUSE_END: &[char] = &['。', '；', ';', '，', ',', '、'];

/// The title block as plain text, for the YAML front matter only (the template quotes each
/// value with `| yaml`); a line left `None` is not printed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    pub session_mark: Option<String>,
    pub draft_mark: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub speaker: Option<String>,
    pub date_line: Option<String>,
    pub salutation: Option<String>,
    /// The document properties: author, subject, date (YYYY-MM-DD).
    pub author: String,
    pub subject: String,
    pub date: Option<String>,
    /// The year the document is about, and the kind's id: they name the output files.
    pub year: i32,
    pub kind: &'static str,
}

/// The values every document quotes in its body, as Markdown.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    pub meta: Meta,
    pub township: String,
    pub county: String,
    pub speaker: String,
    pub post: String,
    /// The congress term and session, as numbers (`term | cn` gives 五).
    pub term: u32,
    pub session: u32,
    /// The facts file's year and the next.
    pub year: i32,
    pub next_year: i32,
    /// 青石镇人民代表大会主席团.
    pub presidium: String,
    /// 青石镇第五届人民代表大会第五次会议: the session of the facts file's 单位.
    pub congress: String,
}

impl Common {
    /// The body values of `facts`, with the title block `meta`.
    pub fn new(facts: &Facts, meta: Meta) -> Common {
        let unit = &facts.unit;
        Common {
            meta,
            township: escape(&unit.township),
            county: escape(&unit.county),
            speaker: escape(&unit.speaker),
            post: escape(&unit.post),
            term: unit.term.0,
            session: unit.session.0,
            year: facts.year.0,
            next_year: facts.year.0 + 1,
            presidium: escape(&presidium(facts)),
            congress: escape(&congress(facts)),
        }
    }
}

/// 青石镇人民代表大会主席团, as plain text.
pub fn presidium(facts: &Facts) -> String {
    format!("{}人民代表大会主席团", facts.unit.township)
}

/// 青石镇第五届人民代表大会第五次会议, as plain text.
pub fn congress(facts: &Facts) -> String {
    let unit = &facts.unit;
    format!(
        "{}{}人民代表大会{}会议",
        unit.township,
        numerals::term(unit.term.0),
        numerals::session(unit.session.0)
    )
}

/// The session mark of the 单位: as given, or made from the township, term and session
/// (青石镇第五届人民代表大会第五次会议文件).
pub fn session_mark(facts: &Facts) -> String {
    facts
        .unit
        .session_mark
        .clone()
        .unwrap_or_else(|| format!("{}文件", congress(facts)))
}

/// The narrative of a facts file made Markdown: `{figure}` references filled with the figures
/// of the kind's period, then escaped.
pub struct Filler {
    values: BTreeMap<String, String>,
}

impl Filler {
    pub fn new(figures: &Figures) -> Filler {
        Filler {
            values: figures.values(),
        }
    }

    /// The text of the field `path`, filled and escaped.
    pub fn text(&self, path: &str, raw: &str) -> Result<String, Diagnostics> {
        let filled = narrative::fill(raw, &self.values).map_err(|found| {
            found
                .into_iter()
                .map(|d| d.in_field(path))
                .collect::<Diagnostics>()
        })?;
        Ok(escape(filled.trim()))
    }

    /// The text as a clause: without the closing mark the template adds itself.
    pub fn clause(&self, path: &str, raw: &str) -> Result<String, Diagnostics> {
        Ok(self
            .text(path, raw)?
            .trim_end_matches(CLAUSE_END)
            .to_string())
    }

    /// Texts as a list: `<base>[1]`, `<base>[2]` …
    pub fn list(&self, base: &str, raw: &[String]) -> Result<Vec<String>, Diagnostics> {
        raw.iter()
            .enumerate()
            .map(|(i, t)| self.text(&format!("{base}[{}]", i + 1), t))
            .collect()
    }
}

/// One section of a review: heading, lead paragraph, points (一是……).
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub heading: String,
    pub lead: String,
    pub points: Vec<String>,
}

/// A review: its opening (if any) and its sections.
pub fn review(
    filler: &Filler,
    base: &str,
    review: &Review,
) -> Result<(Option<String>, Vec<SectionView>), Diagnostics> {
    let opening = review
        .opening
        .as_deref()
        .filter(|o| !o.trim().is_empty())
        .map(|o| filler.text(&format!("{base}.开篇"), o))
        .transpose()?;
    let mut sections = Vec::new();
    for (i, s) in review.sections.iter().enumerate() {
        let path = format!("{base}.部分[{}]", i + 1);
        sections.push(SectionView {
            heading: filler.clause(&format!("{path}.标题"), &s.heading)?,
            lead: filler.text(&format!("{path}.导语"), &s.lead)?,
            points: filler.list(&format!("{path}.要点"), &s.points)?,
        });
    }
    Ok((opening, sections))
}

/// A task: heading, text, and its sub-points with their lead (the work plan prints them
/// （一）（二）).
#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    pub heading: String,
    pub text: String,
    pub lead: Option<String>,
    pub sub_points: Vec<SubPointView>,
}

/// A sub-point of a task: heading and text.
#[derive(Debug, Clone, Serialize)]
pub struct SubPointView {
    pub heading: String,
    pub text: String,
}

/// Tasks at `<base>[i]`.
pub fn tasks(filler: &Filler, base: &str, tasks: &[Task]) -> Result<Vec<TaskView>, Diagnostics> {
    tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let path = format!("{base}[{}]", i + 1);
            let sub_points = t
                .sub_points
                .iter()
                .enumerate()
                .map(|(j, p)| {
                    let path = format!("{path}.分项[{}]", j + 1);
                    Ok(SubPointView {
                        heading: filler.clause(&format!("{path}.标题"), &p.heading)?,
                        text: filler.text(&format!("{path}.内容"), &p.text)?,
                    })
                })
                .collect::<Result<_, Diagnostics>>()?;
            let lead = t
                .lead
                .as_deref()
                .filter(|l| !l.trim().is_empty())
                .map(|l| filler.text(&format!("{path}.导语"), l))
                .transpose()?;
            Ok(TaskView {
                heading: filler.clause(&format!("{path}.标题"), &t.heading)?,
                text: filler.text(&format!("{path}.内容"), &t.text)?,
                lead,
                sub_points,
            })
        })
        .collect()
}

/// The headline figures of a period as clauses, those that are not nil: 召开人代会1次、主席团会议6次
/// / 组织代表小组活动3次、视察调研7次、执法检查2次、专题评议1次 / 督办代表建议20件、办结16件 /
/// 举办代表学习培训5次. Templates join them: 全年，镇人大主席团共……。
pub fn headline(figures: &Figures) -> Vec<String> {
    let n = |name: &str| figures.count(name).unwrap_or(0);
    let listed = |items: &[(&str, &str, &str)]| -> Vec<String> {
        items
            .iter()
            .filter(|(_, name, _)| n(name) > 0)
            .map(|(what, name, unit)| format!("{what}{}{unit}", n(name)))
            .collect()
    };
    let mut clauses = Vec::new();
    let held = listed(&[
        ("人代会", "会议.人代会", "次"),
        ("主席团会议", "会议.主席团会议", "次"),
    ]);
    if !held.is_empty() {
        clauses.push(format!("召开{}", held.join("、")));
    }
    let organised = listed(&[
        ("代表小组活动", "会议.代表小组活动", "次"),
        ("视察调研", "监督.视察调研", "次"),
        ("执法检查", "监督.执法检查", "次"),
        ("专题评议", "监督.专题评议", "次"),
    ]);
    if !organised.is_empty() {
        clauses.push(format!("组织{}", organised.join("、")));
    }
    if n("建议.总数") > 0 {
        clauses.push(format!(
            "督办代表建议{}件、办结{}件",
            n("建议.总数"),
            n("建议.已办结")
        ));
    }
    if n("培训.次数") > 0 {
        clauses.push(format!("举办代表学习培训{}次", n("培训.次数")));
    }
    clauses
}

/// The first clause of a heading (坚持党的领导，把稳人大工作政治方向 → 坚持党的领导): what a
/// resolution says was done, drawn from the review's headings.
pub fn first_clause(heading: &str) -> &str {
    heading
        .split(['，', '、', '；', ',', ';', '：'])
        .next()
        .unwrap_or(heading)
        .trim()
}

/// 一、 二、 … for the parts present, by name (a part left empty gets none and the numbering of
/// the others stays continuous).
pub fn numbers(parts: &[(&'static str, bool)]) -> BTreeMap<&'static str, String> {
    let present: Vec<bool> = parts.iter().map(|(_, p)| *p).collect();
    parts
        .iter()
        .zip(numerals::number_present(1, &present))
        .filter_map(|((name, _), number)| number.map(|n| (*name, n)))
        .collect()
}
