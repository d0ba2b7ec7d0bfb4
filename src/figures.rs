//! Figures computed from the facts: counts by kind, by month and half-year, sums, rates and
//! year-on-year changes, so that every figure a report quotes is typed once, as records.
//!
//! Every figure has a dotted Chinese name (建议.总数, 联络站.接待选民, 比上年.建议.总数). The
//! same names are the keys of the JSON (`workreport stats --json`), what narrative text quotes
//! as `{建议.总数}`, and what templates ask for with `figure(name="建议.总数")`.
//! Percentages follow GB/T 15835: one decimal at most, no trailing .0 (98.5%, 100%).

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use serde::{Serialize, Serializer};

use crate::facts::{DelegateLevel, Facts, MeetingKind, SuggestionStatus, SupervisionKind};
use crate::text::display_width;

/// One figure's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A count or a sum.
    Count(u32),
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

/// Twelve monthly counts.
pub type Monthly = [u32; 12];

/// All the figures of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub year: i32,
    pub meetings_by_kind: BTreeMap<MeetingKind, u32>,
    pub meetings_by_month: Monthly,
    pub supervision_by_kind: BTreeMap<SupervisionKind, u32>,
    pub supervision_by_month: Monthly,
    pub supervision_delegates: u32,
    pub suggestions_by_status: BTreeMap<SuggestionStatus, u32>,
    pub suggestions_satisfied: u32,
    pub suggestions_by_category: BTreeMap<String, u32>,
    pub departments: u32,
    pub trainings: u32,
    pub training_attendees: u32,
    pub liaison_activities: u32,
    pub delegate_visits: u32,
    pub voters_received: u32,
    pub opinions: u32,
    pub solved: u32,
    pub reports_by_level: BTreeMap<DelegateLevel, u32>,
    pub publicity_submitted: u32,
    pub publicity_published: u32,
    /// Last year's totals by figure name, as the facts give them.
    pub last_year: BTreeMap<String, u32>,
}

/// A figure that contradicts another, with the field of the facts file to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inconsistency {
    pub path: String,
    pub message: String,
}

/// The sum of counts. The loader bounds each count ([`crate::facts::Count::MAX`]), but facts
/// built by other code are not bounded: the sum stops at u32::MAX rather than panic.
fn total(counts: impl IntoIterator<Item = u32>) -> u32 {
    counts.into_iter().fold(0, u32::saturating_add)
}

/// How many items, as a figure (saturating, like [`total`]).
fn how_many(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn monthly(dates: impl Iterator<Item = chrono::NaiveDate>) -> Monthly {
    let mut months = [0u32; 12];
    for d in dates {
        let m = &mut months[d.month0() as usize];
        *m = m.saturating_add(1);
    }
    months
}

fn count_by<K: Ord>(keys: impl Iterator<Item = K>) -> BTreeMap<K, u32> {
    let mut map = BTreeMap::new();
    for k in keys {
        let n: &mut u32 = map.entry(k).or_insert(0);
        *n = n.saturating_add(1);
    }
    map
}

/// Counts and sums the records of `facts`.
pub fn compute(facts: &Facts) -> Figures {
    let sum =
        |f: &dyn Fn(&crate::facts::LiaisonActivity) -> u32| total(facts.liaison.iter().map(f));
    Figures {
        year: facts.year.0,
        meetings_by_kind: count_by(facts.meetings.iter().map(|m| m.kind)),
        meetings_by_month: monthly(facts.meetings.iter().map(|m| m.date.0)),
        supervision_by_kind: count_by(facts.supervision.iter().map(|s| s.kind)),
        supervision_by_month: monthly(facts.supervision.iter().map(|s| s.date.0)),
        supervision_delegates: total(facts.supervision.iter().map(|s| s.delegates.0)),
        suggestions_by_status: count_by(facts.suggestions.iter().map(|s| s.status)),
        suggestions_satisfied: how_many(facts.suggestions.iter().filter(|s| s.satisfied.0).count()),
        suggestions_by_category: count_by(facts.suggestions.iter().map(|s| s.category.clone())),
        departments: how_many(
            facts
                .suggestions
                .iter()
                .map(|s| s.department.as_str())
                .collect::<BTreeSet<_>>()
                .len(),
        ),
        trainings: how_many(facts.trainings.len()),
        training_attendees: total(facts.trainings.iter().map(|t| t.attendees.0)),
        liaison_activities: how_many(facts.liaison.len()),
        delegate_visits: sum(&|l| l.delegate_visits.0),
        voters_received: sum(&|l| l.voters_received.0),
        opinions: sum(&|l| l.opinions.0),
        solved: sum(&|l| l.solved.0),
        reports_by_level: count_by(facts.reports_to_voters.iter().map(|r| r.level)),
        publicity_submitted: how_many(facts.publicity.len()),
        publicity_published: how_many(facts.publicity.iter().filter(|p| p.published.0).count()),
        last_year: facts
            .last_year
            .iter()
            .map(|(k, v)| (k.clone(), v.0))
            .collect(),
    }
}

/// `part` of `whole` as a percentage per GB/T 15835: 98.5%, 100%, 0% (no trailing .0).
pub fn percent(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "0%".to_string();
    }
    let tenths = (f64::from(part) * 1000.0 / f64::from(whole)).round() as u64;
    // Rounding must not claim that all, or none, were done when that is not so.
    let tenths = match tenths {
        1000.. if part < whole => 999,
        0 if part > 0 => 1,
        t => t,
    };
    if tenths.is_multiple_of(10) {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// 比上年增加3件 / 比上年减少2件 / 与上年持平.
pub fn year_on_year(now: u32, last: u32, unit: &str) -> String {
    match now.cmp(&last) {
        std::cmp::Ordering::Greater => format!("比上年增加{}{unit}", now - last),
        std::cmp::Ordering::Less => format!("比上年减少{}{unit}", last - now),
        std::cmp::Ordering::Equal => "与上年持平".to_string(),
    }
}

fn half(months: &Monthly, second: bool) -> u32 {
    let range = if second { 6..12 } else { 0..6 };
    total(months[range].iter().copied())
}

impl Figures {
    fn meetings(&self, kind: MeetingKind) -> u32 {
        self.meetings_by_kind.get(&kind).copied().unwrap_or(0)
    }

    fn supervision(&self, kind: SupervisionKind) -> u32 {
        self.supervision_by_kind.get(&kind).copied().unwrap_or(0)
    }

    fn suggestions(&self, status: SuggestionStatus) -> u32 {
        self.suggestions_by_status
            .get(&status)
            .copied()
            .unwrap_or(0)
    }

    /// The counts and sums, by name, in report order (no rates, no phrases).
    fn counts(&self) -> Vec<(String, u32, &'static str)> {
        use MeetingKind as M;
        use SuggestionStatus as Q;
        use SupervisionKind as S;
        let mut out: Vec<(String, u32, &'static str)> = Vec::new();
        let mut add =
            |name: &str, n: u32, unit: &'static str| out.push((name.to_string(), n, unit));
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
                    value: Value::Text(year_on_year(*now, *last, unit)),
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
        let mut out = format!("{}年度数字\n", self.year);
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

/// Figures that contradict each other or the facts (the loader reports them as errors).
/// Finished suggestions can never exceed those received, since both are counted from the same
/// records; what can contradict is a sum typed per record against another.
pub fn check(facts: &Facts, _figures: &Figures) -> Vec<Inconsistency> {
    let mut out = Vec::new();
    for (i, l) in facts.liaison.iter().enumerate() {
        if l.solved.0 > l.opinions.0 {
            out.push(Inconsistency {
                path: format!("联络站[{}].解决问题", i + 1),
                message: format!(
                    "解决问题{}件多于收集意见{}条，应不多于收集意见",
                    l.solved.0, l.opinions.0
                ),
            });
        }
    }
    if let Some(total) = facts.unit.delegates {
        for (i, s) in facts.supervision.iter().enumerate() {
            if s.delegates.0 > total.0 {
                out.push(Inconsistency {
                    path: format!("监督[{}].参加代表", i + 1),
                    message: format!(
                        "参加代表{}人多于全镇代表人数{}人（单位.代表人数）",
                        s.delegates.0, total.0
                    ),
                });
            }
        }
        let township = facts
            .reports_to_voters
            .iter()
            .filter(|r| r.level == DelegateLevel::Township)
            .count();
        if township > total.0 as usize {
            out.push(Inconsistency {
                path: "述职".into(),
                message: format!(
                    "镇人大代表述职{township}人次多于全镇代表人数{}人（单位.代表人数）",
                    total.0
                ),
            });
        }
    }
    out
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
    }

    #[test]
    fn year_on_year_phrases() {
        assert_eq!(year_on_year(17, 14, "件"), "比上年增加3件");
        assert_eq!(year_on_year(5, 7, "次"), "比上年减少2次");
        assert_eq!(year_on_year(5, 5, "次"), "与上年持平");
    }
}
