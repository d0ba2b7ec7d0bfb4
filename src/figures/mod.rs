//! Figures: counts and sums of the facts records over a [`Period`] of the report year (the
//! year, its first half, its second half), so that every figure a report quotes is typed once,
//! as records, and counted for the period the report is about.
//!
//! Every figure has a dotted Chinese name (建议.总数, 联络站.接待选民, 比上年.建议.总数). The
//! same names are the keys of the JSON (`workreport stats --json`), what narrative text quotes
//! as `{建议.总数}`, and what templates ask for with `figure(name="建议.总数")`; the names are the
//! same in every period, the values are the period's: in a half-year report `{建议.总数}` is the
//! half's count.
//!
//! A record dated outside the period never counts, so a figure of a half is never above the
//! year's. Sums are exact: counts are u64, and a count read from a facts file is at most
//! [`crate::facts::Count::MAX`], so no sum of records held in memory can overflow.
//! Percentages follow GB/T 15835: one decimal at most, no trailing .0 (98.5%, 100%).

mod period;

pub use period::Period;

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use serde::{Serialize, Serializer};

use crate::facts::{
    DelegateLevel, Facts, MeetingKind, Suggestion, SuggestionStatus, SupervisionKind,
};
use crate::text::display_width;

/// One figure's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A count or a sum.
    Count(u64),
    /// A rate or a phrase, already formatted (98.5%, 比上年增加3件).
    Text(String),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// A figure: its name, value and unit (件, 次, 人次 …; empty for rates and phrases).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub name: String,
    pub value: Value,
    pub unit: &'static str,
}

/// Twelve monthly counts (months outside the period are 0).
pub type Monthly = [u64; 12];

/// All the figures of one period of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub year: i32,
    pub period: Period,
    pub meetings_by_kind: BTreeMap<MeetingKind, u64>,
    pub meetings_by_month: Monthly,
    pub supervision_by_kind: BTreeMap<SupervisionKind, u64>,
    pub supervision_by_month: Monthly,
    pub supervision_delegates: u64,
    /// The suggestions raised in the period, by their status at the period's end.
    pub suggestions_by_status: BTreeMap<SuggestionStatus, u64>,
    pub suggestions_satisfied: u64,
    /// Every category of the year, with the period's count (0 when none fell in the period), so
    /// the names are the same in every period.
    pub suggestions_by_category: BTreeMap<String, u64>,
    pub departments: u64,
    pub trainings: u64,
    pub training_attendees: u64,
    pub liaison_activities: u64,
    pub delegate_visits: u64,
    pub voters_received: u64,
    pub opinions: u64,
    pub solved: u64,
    pub reports_by_level: BTreeMap<DelegateLevel, u64>,
    pub publicity_submitted: u64,
    pub publicity_published: u64,
    /// What the period is compared with (比上年), by figure name: last year's totals for the
    /// year, last year's first-half totals for the first half, as the facts give them.
    pub last_year: BTreeMap<String, u64>,
}

/// Figures that are a state at the end of the period rather than a count of what happened in
/// it: suggestions still being handled on June 30 can be more than on December 31.
pub const STATES_AT_END: &[&str] = &["建议.正在办理"];

/// The exact sum of counts.
fn total(counts: impl IntoIterator<Item = u64>) -> u64 {
    counts.into_iter().sum()
}

/// How many items, as a figure.
fn how_many(n: usize) -> u64 {
    n as u64
}

fn monthly(dates: impl Iterator<Item = chrono::NaiveDate>) -> Monthly {
    let mut months = [0u64; 12];
    for d in dates {
        months[d.month0() as usize] += 1;
    }
    months
}

fn count_by<K: Ord>(keys: impl Iterator<Item = K>) -> BTreeMap<K, u64> {
    let mut map = BTreeMap::new();
    for k in keys {
        *map.entry(k).or_insert(0) += 1;
    }
    map
}

/// Whether a suggestion was raised in `period`. A suggestion with no 提出日期 was raised at the
/// year's session (人代会, in January), so it belongs to the first half and the year.
pub fn raised_in(s: &Suggestion, year: i32, period: Period) -> bool {
    match s.raised {
        Some(date) => period.contains(year, date.0),
        None => Period::FirstHalf.within(period),
    }
}

/// A suggestion's status at the end of `period`: a suggestion finished (办结日期) after the
/// period was still being handled then. Without 办结日期 the status is taken as recorded.
pub fn status_at_end(s: &Suggestion, year: i32, period: Period) -> SuggestionStatus {
    match (s.status, s.finished) {
        (SuggestionStatus::Finished, Some(date)) if date.0 > period.last_day(year) => {
            SuggestionStatus::InProgress
        }
        (status, _) => status,
    }
}

/// Counts and sums the records of `facts` dated in `period` of the report year.
pub fn compute(facts: &Facts, period: Period) -> Figures {
    let year = facts.year.0;
    let dated = |date: &crate::facts::Date| period.contains(year, date.0);
    let meetings: Vec<_> = facts.meetings.iter().filter(|r| dated(&r.date)).collect();
    let supervision: Vec<_> = facts
        .supervision
        .iter()
        .filter(|r| dated(&r.date))
        .collect();
    let suggestions: Vec<_> = facts
        .suggestions
        .iter()
        .filter(|s| raised_in(s, year, period))
        .collect();
    let trainings: Vec<_> = facts.trainings.iter().filter(|r| dated(&r.date)).collect();
    let liaison: Vec<_> = facts.liaison.iter().filter(|r| dated(&r.date)).collect();
    let reports: Vec<_> = facts
        .reports_to_voters
        .iter()
        .filter(|r| dated(&r.date))
        .collect();
    let publicity: Vec<_> = facts.publicity.iter().filter(|r| dated(&r.date)).collect();
    let sum = |f: &dyn Fn(&crate::facts::LiaisonActivity) -> u32| {
        total(liaison.iter().map(|l| u64::from(f(l))))
    };
    let mut suggestions_by_category: BTreeMap<String, u64> = facts
        .suggestions
        .iter()
        .map(|s| (s.category.clone(), 0))
        .collect();
    for s in &suggestions {
        *suggestions_by_category
            .entry(s.category.clone())
            .or_insert(0) += 1;
    }
    let last_year = match period {
        Period::Year => &facts.last_year,
        Period::FirstHalf => &facts.last_year_first_half,
        Period::SecondHalf => &BTreeMap::new(),
    };
    Figures {
        year,
        period,
        meetings_by_kind: count_by(meetings.iter().map(|m| m.kind)),
        meetings_by_month: monthly(meetings.iter().map(|m| m.date.0)),
        supervision_by_kind: count_by(supervision.iter().map(|s| s.kind)),
        supervision_by_month: monthly(supervision.iter().map(|s| s.date.0)),
        supervision_delegates: total(supervision.iter().map(|s| u64::from(s.delegates.0))),
        suggestions_by_status: count_by(suggestions.iter().map(|s| status_at_end(s, year, period))),
        suggestions_satisfied: how_many(suggestions.iter().filter(|s| s.satisfied.0).count()),
        suggestions_by_category,
        departments: how_many(
            suggestions
                .iter()
                .map(|s| s.department.as_str())
                .collect::<BTreeSet<_>>()
                .len(),
        ),
        trainings: how_many(trainings.len()),
        training_attendees: total(trainings.iter().map(|t| u64::from(t.attendees.0))),
        liaison_activities: how_many(liaison.len()),
        delegate_visits: sum(&|l| l.delegate_visits.0),
        voters_received: sum(&|l| l.voters_received.0),
        opinions: sum(&|l| l.opinions.0),
        solved: sum(&|l| l.solved.0),
        reports_by_level: count_by(reports.iter().map(|r| r.level)),
        publicity_submitted: how_many(publicity.len()),
        publicity_published: how_many(publicity.iter().filter(|p| p.published.0).count()),
        last_year: last_year
            .iter()
            .map(|(k, v)| (k.clone(), u64::from(v.0)))
            .collect(),
    }
}

/// `part` of `whole` as a percentage per GB/T 15835: 98.5%, 100%, 0% (no trailing .0).
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    // Tenths of a percent, rounded half up, in exact integer arithmetic.
    let (part, whole) = (u128::from(part), u128::from(whole));
    let tenths = (part * 2000 + whole) / (2 * whole);
    // Rounding must not claim that all, or none, were done when that is not so.
    let tenths = match tenths {
        1000.. if part < whole => 999,
        0 if part > 0 => 1,
        t => t,
    };
    if tenths % 10 == 0 {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// The change against the same period of last year: 比上年增加3件 / 比上年减少2件 / 与上年持平
/// for the year, 比上年同期增加3件 / 与上年同期持平 for a half.
pub fn year_on_year(now: u64, last: u64, unit: &str, period: Period) -> String {
    let base = match period {
        Period::Year => "上年",
        Period::FirstHalf | Period::SecondHalf => "上年同期",
    };
    match now.cmp(&last) {
        std::cmp::Ordering::Greater => format!("比{base}增加{}{unit}", now - last),
        std::cmp::Ordering::Less => format!("比{base}减少{}{unit}", last - now),
        std::cmp::Ordering::Equal => format!("与{base}持平"),
    }
}

fn half(months: &Monthly, second: bool) -> u64 {
    let range = if second { 6..12 } else { 0..6 };
    total(months[range].iter().copied())
}

impl Figures {
    fn meetings(&self, kind: MeetingKind) -> u64 {
        self.meetings_by_kind.get(&kind).copied().unwrap_or(0)
    }

    fn supervision(&self, kind: SupervisionKind) -> u64 {
        self.supervision_by_kind.get(&kind).copied().unwrap_or(0)
    }

    fn suggestions(&self, status: SuggestionStatus) -> u64 {
        self.suggestions_by_status
            .get(&status)
            .copied()
            .unwrap_or(0)
    }

    /// The counts and sums, by name, in report order (no rates, no phrases).
    pub fn counts(&self) -> Vec<(String, u64, &'static str)> {
        use MeetingKind as M;
        use SuggestionStatus as Q;
        use SupervisionKind as S;
        let mut out: Vec<(String, u64, &'static str)> = Vec::new();
        let mut add =
            |name: &str, n: u64, unit: &'static str| out.push((name.to_string(), n, unit));
        add("会议.总数", total(self.meetings_by_month), "次");
        add("会议.人代会", self.meetings(M::Session), "次");
        add("会议.主席团会议", self.meetings(M::Presidium), "次");
        add("会议.代表小组活动", self.meetings(M::DelegateGroup), "次");
        add("会议.其他会议", self.meetings(M::Other), "次");
        add("会议.上半年", half(&self.meetings_by_month, false), "次");
        add("会议.下半年", half(&self.meetings_by_month, true), "次");
        for (i, n) in self.meetings_by_month.iter().enumerate() {
            add(&format!("会议.按月.{}月", i + 1), *n, "次");
        }
        add("监督.总数", total(self.supervision_by_month), "次");
        add("监督.视察", self.supervision(S::Inspection), "次");
        add("监督.调研", self.supervision(S::Survey), "次");
        add(
            "监督.视察调研",
            total([self.supervision(S::Inspection), self.supervision(S::Survey)]),
            "次",
        );
        add(
            "监督.执法检查",
            self.supervision(S::LawEnforcementCheck),
            "次",
        );
        add("监督.专题评议", self.supervision(S::TopicalReview), "次");
        add("监督.参加代表", self.supervision_delegates, "人次");
        add("监督.上半年", half(&self.supervision_by_month, false), "次");
        add("监督.下半年", half(&self.supervision_by_month, true), "次");
        for (i, n) in self.supervision_by_month.iter().enumerate() {
            add(&format!("监督.按月.{}月", i + 1), *n, "次");
        }
        add(
            "建议.总数",
            total(self.suggestions_by_status.values().copied()),
            "件",
        );
        add("建议.已办结", self.suggestions(Q::Finished), "件");
        add("建议.正在办理", self.suggestions(Q::InProgress), "件");
        add("建议.留作参考", self.suggestions(Q::ForReference), "件");
        add("建议.满意", self.suggestions_satisfied, "件");
        add("建议.承办单位", self.departments, "个");
        add(
            "建议.类别数",
            how_many(self.suggestions_by_category.len()),
            "类",
        );
        for (category, n) in &self.suggestions_by_category {
            add(&format!("建议.类别.{category}"), *n, "件");
        }
        add("培训.次数", self.trainings, "次");
        add("培训.人次", self.training_attendees, "人次");
        add("联络站.活动次数", self.liaison_activities, "次");
        add("联络站.代表进站", self.delegate_visits, "人次");
        add("联络站.接待选民", self.voters_received, "人次");
        add("联络站.收集意见", self.opinions, "条");
        add("联络站.解决问题", self.solved, "件");
        let county = self.reports_by_level.get(&DelegateLevel::County).copied();
        let township = self.reports_by_level.get(&DelegateLevel::Township).copied();
        add(
            "述职.总数",
            total([county.unwrap_or(0), township.unwrap_or(0)]),
            "名",
        );
        add("述职.县级", county.unwrap_or(0), "名");
        add("述职.镇级", township.unwrap_or(0), "名");
        add("宣传.报送", self.publicity_submitted, "篇");
        add("宣传.录用", self.publicity_published, "篇");
        out
    }

    /// The names of the figures that can be compared with last year (the counts and sums).
    pub fn countable_names(&self) -> Vec<String> {
        self.counts()
            .into_iter()
            .filter(|(name, _, _)| !name.contains(".按月.") && !name.starts_with("建议.类别."))
            .map(|(name, _, _)| name)
            .collect()
    }

    /// Every figure, in report order.
    pub fn entries(&self) -> Vec<Figure> {
        let counts = self.counts();
        let count = |name: &str| {
            counts
                .iter()
                .find(|(n, _, _)| n == name)
                .map_or(0, |(_, v, _)| *v)
        };
        let mut out = Vec::new();
        for (name, n, unit) in &counts {
            out.push(Figure {
                name: name.clone(),
                value: Value::Count(*n),
                unit,
            });
            let rate = match name.as_str() {
                "建议.已办结" => Some(("建议.办结率", count("建议.总数"))),
                "建议.满意" => Some(("建议.满意率", count("建议.总数"))),
                "宣传.录用" => Some(("宣传.录用率", count("宣传.报送"))),
                _ => None,
            };
            if let Some((rate_name, whole)) = rate {
                out.push(Figure {
                    name: rate_name.to_string(),
                    value: Value::Text(percent(*n, whole)),
                    unit: "",
                });
            }
        }
        for (name, last) in &self.last_year {
            if let Some((_, now, unit)) = counts.iter().find(|(n, _, _)| n == name) {
                out.push(Figure {
                    name: format!("比上年.{name}"),
                    value: Value::Text(year_on_year(*now, *last, unit, self.period)),
                    unit: "",
                });
            }
        }
        out
    }

    /// Every figure name, in report order (for messages and `stats`).
    pub fn names(&self) -> Vec<String> {
        self.entries().into_iter().map(|f| f.name).collect()
    }

    /// Every figure as the text a narrative gets for `{name}`.
    pub fn values(&self) -> BTreeMap<String, String> {
        self.entries()
            .into_iter()
            .map(|f| (f.name, f.value.to_string()))
            .collect()
    }

    /// The count or sum called `name` (none for a rate or a phrase).
    pub fn count(&self, name: &str) -> Option<u64> {
        self.counts()
            .into_iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, _)| v)
    }

    /// The figure called `name`, as text.
    pub fn get(&self, name: &str) -> Option<String> {
        self.entries()
            .into_iter()
            .find(|f| f.name == name)
            .map(|f| f.value.to_string())
    }

    /// The figures as nested JSON: {"建议": {"总数": 17, …}, …}.
    pub fn to_json(&self) -> serde_json::Value {
        let mut root = serde_json::Map::new();
        root.insert("年度".into(), self.year.into());
        root.insert("期间".into(), self.period.name().into());
        for figure in self.entries() {
            let (parents, leaf) = split_name(&figure.name);
            let value = match figure.value {
                Value::Count(n) => n.into(),
                Value::Text(t) => t.into(),
            };
            insert_nested(&mut root, &parents, leaf, value);
        }
        serde_json::Value::Object(root)
    }

    /// A plain-text table of the figures for `workreport stats`, aligned for CJK widths.
    /// Monthly counts are shown on one line per kind, months with nothing left out.
    pub fn table(&self) -> String {
        let mut rows: Vec<(String, String)> = Vec::new();
        let mut months: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for f in self.entries() {
            if let Some((kind, month)) = f.name.split_once(".按月.") {
                if f.value != Value::Count(0) {
                    months
                        .entry(kind.to_string())
                        .or_default()
                        .push(format!("{month}{}", f.value));
                }
                continue;
            }
            rows.push((f.name, format!("{}{}", f.value, f.unit)));
        }
        for (kind, list) in months {
            let at = rows
                .iter()
                .rposition(|(n, _)| n.starts_with(&format!("{kind}.")))
                .map_or(rows.len(), |i| i + 1);
            rows.insert(at, (format!("{kind}.按月"), list.join(" ")));
        }
        let name_width = rows
            .iter()
            .map(|(n, _)| display_width(n))
            .max()
            .unwrap_or(0);
        let mut out = match self.period {
            Period::Year => format!("{}年度数字\n", self.year),
            half => format!("{}年{}数字\n", self.year, half.name()),
        };
        let mut group = "";
        for (name, value) in &rows {
            let this_group = name.split('.').next().unwrap_or("");
            if this_group != group && !group.is_empty() {
                out.push('\n');
            }
            group = this_group;
            out.push_str(name);
            out.push_str(&" ".repeat(name_width - display_width(name) + 2));
            out.push_str(value);
            out.push('\n');
        }
        out
    }
}

/// Puts `value` at `parents.leaf` in `root`. The loader refuses category names with a dot, so
/// no name is both a figure and a parent; should one be (facts built by other code), the rest
/// of the name is kept whole as one key rather than panic.
fn insert_nested(
    root: &mut serde_json::Map<String, serde_json::Value>,
    parents: &[&str],
    leaf: &str,
    value: serde_json::Value,
) {
    let Some((first, rest)) = parents.split_first() else {
        root.insert(leaf.to_string(), value);
        return;
    };
    let child = root
        .entry(first.to_string())
        .or_insert_with(|| serde_json::Value::Object(Default::default()));
    match child.as_object_mut() {
        Some(node) => insert_nested(node, rest, leaf, value),
        None => {
            let whole = parents[1..]
                .iter()
                .chain(std::iter::once(&leaf))
                .fold(first.to_string(), |name, part| format!("{name}.{part}"));
            root.insert(whole, value);
        }
    }
}

fn split_name(name: &str) -> (Vec<&str>, &str) {
    // 比上年.建议.总数 nests under 比上年 then 建议; category names may hold no dots.
    let mut parts: Vec<&str> = name.split('.').collect();
    let leaf = parts.pop().unwrap_or(name);
    (parts, leaf)
}

impl Serialize for Figures {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_per_gb_t_15835() {
        assert_eq!(percent(17, 17), "100%");
        assert_eq!(percent(14, 15), "93.3%");
        assert_eq!(percent(197, 200), "98.5%");
        assert_eq!(percent(1, 2), "50%");
        assert_eq!(percent(0, 0), "0%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(1, 2000), "0.1%");
        assert_eq!(percent(1999, 2000), "99.9%");
        assert_eq!(percent(u64::MAX - 1, u64::MAX), "99.9%");
    }

    #[test]
    fn year_on_year_phrases() {
        assert_eq!(year_on_year(17, 14, "件", Period::Year), "比上年增加3件");
        assert_eq!(year_on_year(5, 7, "次", Period::Year), "比上年减少2次");
        assert_eq!(year_on_year(5, 5, "次", Period::Year), "与上年持平");
        assert_eq!(
            year_on_year(9, 6, "次", Period::FirstHalf),
            "比上年同期增加3次"
        );
        assert_eq!(
            year_on_year(6, 6, "次", Period::FirstHalf),
            "与上年同期持平"
        );
    }
}
