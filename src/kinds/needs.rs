//! What a kind of document needs from the facts file, said where the clerk would write it: each
//! missing piece is an error naming the field (上半年.感谢), what goes there, and an example.

use crate::diag::{code, Diagnostic, Diagnostics};
use crate::facts::{Facts, Loaded, NextYear, Review, Task};
use crate::figures::Period;

use super::Kind;

/// The findings of one kind's needs.
pub struct Needs<'a> {
    kind: &'a dyn Kind,
    loaded: &'a Loaded,
    found: Diagnostics,
}

impl<'a> Needs<'a> {
    pub fn new(kind: &'a dyn Kind, loaded: &'a Loaded) -> Needs<'a> {
        Needs {
            kind,
            loaded,
            found: Diagnostics::new(),
        }
    }

    pub fn facts(&self) -> &'a Facts {
        &self.loaded.facts
    }

    /// `path` is missing or empty: it should hold `what`; `how` says how to write it.
    pub fn missing(&mut self, path: &str, what: &str, how: &str) {
        let d = Diagnostic::error(
            code::KIND_NEEDS,
            format!(
                "{}需要“{path}”（{what}），事实文件中没有或是空的",
                self.kind.name()
            ),
        )
        .with_help(format!("写法：{how}"));
        self.found.push(self.loaded.places.at(d, path));
    }

    /// Text at `path`, which must be there and not blank.
    pub fn text(&mut self, path: &str, text: Option<&str>, what: &str, how: &str) {
        if text.is_none_or(|t| t.trim().is_empty()) {
            self.missing(path, what, how);
        }
    }

    /// A review at `base` with at least one section.
    pub fn review(&mut self, base: &str, review: Option<&Review>) {
        if review.is_none_or(|r| r.sections.is_empty()) {
            self.missing(
                &format!("{base}.部分"),
                "回顾的各部分，每部分有标题、导语和要点",
                &format!("在“{base}”下写 部分:，每部分一项，有 标题:、导语: 和 要点:（列表）"),
            );
        }
    }

    /// Tasks at `base` (at least one), each with text unless `sub_points_will_do` and it has
    /// sub-points.
    pub fn tasks(&mut self, base: &str, tasks: Option<&[Task]>, sub_points_will_do: bool) {
        let Some(tasks) = tasks.filter(|t| !t.is_empty()) else {
            self.missing(
                base,
                "至少一项任务，每项有标题和内容",
                &format!("在“{base}”下每项任务写一项，有 标题: 和 内容:"),
            );
            return;
        };
        for (i, t) in tasks.iter().enumerate() {
            let has_sub_points = sub_points_will_do && !t.sub_points.is_empty();
            if t.text.trim().is_empty() && !has_sub_points {
                let what = if sub_points_will_do {
                    "这项任务的内容，或它的分项"
                } else {
                    "这项任务的内容"
                };
                self.missing(
                    &format!("{base}[{}].内容", i + 1),
                    what,
                    "在这项任务的 标题: 下一行写 内容: ……",
                );
            }
        }
    }

    /// Next year's guiding idea and tasks (下年工作).
    pub fn next_year(&mut self, next: Option<&NextYear>, sub_points_will_do: bool) {
        match next {
            None => self.missing(
                "下年工作",
                "下一年的指导思想和任务",
                "在顶层写 下年工作:，其下写 指导思想: 和 任务:（每项有 标题: 和 内容:）",
            ),
            Some(next) => {
                self.text(
                    "下年工作.指导思想",
                    Some(&next.guiding_idea),
                    "下一年工作的指导思想",
                    "在“下年工作”下写 指导思想: 坚持以……为指导，……",
                );
                self.tasks("下年工作.任务", Some(&next.tasks), sub_points_will_do);
            }
        }
    }

    /// At least one record dated in `period` (the period a report is about).
    pub fn records_in(&mut self, period: Period) {
        let facts = self.facts();
        if records_in(facts, period) > 0 {
            return;
        }
        let year = facts.year.0;
        let d = Diagnostic::error(
            code::KIND_NEEDS,
            format!(
                "{}需要{}（{}至{}）的记录，事实文件中一条也没有",
                self.kind.name(),
                period.name(),
                period.first_day(year),
                period.last_day(year)
            ),
        )
        .with_help(format!(
            "在 会议、监督、培训、联络站、述职、宣传 等列表中记下这段时间的事，日期写作 {}",
            period.first_day(year)
        ));
        self.found.push(self.loaded.places.at(d, "年度"));
    }

    /// A warning: no record dated in `period`, though the document covers it.
    pub fn warn_no_records_in(&mut self, period: Period, why: &str) {
        if records_in(self.facts(), period) > 0 {
            return;
        }
        let d = Diagnostic::warning(
            code::KIND_NO_RECORDS,
            format!("事实文件中没有{}的记录：{}", period.name(), why),
        );
        self.found.push(self.loaded.places.at(d, "年度"));
    }

    pub fn finish(self) -> Diagnostics {
        self.found
    }
}

/// How many dated records (and suggestions raised) fall in `period`.
pub fn records_in(facts: &Facts, period: Period) -> usize {
    let year = facts.year.0;
    let dated = |d: &crate::facts::Date| period.contains(year, d.0);
    facts.meetings.iter().filter(|r| dated(&r.date)).count()
        + facts.supervision.iter().filter(|r| dated(&r.date)).count()
        + facts.trainings.iter().filter(|r| dated(&r.date)).count()
        + facts.liaison.iter().filter(|r| dated(&r.date)).count()
        + facts
            .reports_to_voters
            .iter()
            .filter(|r| dated(&r.date))
            .count()
        + facts.publicity.iter().filter(|r| dated(&r.date)).count()
        + facts
            .suggestions
            .iter()
            .filter(|s| crate::figures::raised_in(s, year, period))
            .count()
}
