//! 上半年工作报告: the presidium's report on January–June, drafted in July for a mid-year
//! meeting of the delegates or the county congress (seed 003). The speech frame of the annual
//! report over the first half: review of the half with the half's figures, thanks,
//! shortcomings, arrangements for the second half (下半年工作安排) with numbered tasks, closing
//! call. Its narrative lives in the facts file's 上半年 block, so it builds in July from a file
//! with no second-half records and no annual narrative yet.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::needs::Needs;
use super::view::{self, Common, Filler, Meta, SectionView, TaskView};
use super::Kind;
use crate::compose::numerals;
use crate::diag::Diagnostics;
use crate::facts::{list_fields, review_fields, task_fields, Facts, Loaded};
use crate::figures::{Figures, Period};

/// The half-year report.
#[derive(Debug, Clone, Copy, Default)]
pub struct HalfYear;

/// What half-year.md.tera sees.
#[derive(Serialize)]
struct HalfYearView {
    #[serde(flatten)]
    common: Common,
    /// The day it is given, YYYY-MM-DD.
    report_date: String,
    review_opening: Option<String>,
    /// The half's headline figures as clauses: 召开主席团会议3次 …
    headline: Vec<String>,
    sections: Vec<SectionView>,
    thanks: String,
    shortcomings: Vec<String>,
    /// 下半年工作的总体要求.
    aims: String,
    tasks: Vec<TaskView>,
    closing: String,
    /// 一、 二、 三、 for the parts present: review, shortcomings, tasks.
    numbers: BTreeMap<&'static str, String>,
}

impl Kind for HalfYear {
    fn id(&self) -> &'static str {
        "half-year"
    }

    fn name(&self) -> &'static str {
        "上半年工作报告"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["上半年", "半年", "半年报告", "half", "halfyear"]
    }

    fn period(&self) -> Period {
        Period::FirstHalf
    }

    fn template(&self) -> (&'static str, &'static str) {
        (
            "half-year.md.tera",
            include_str!("../../templates/half-year.md.tera"),
        )
    }

    fn needs(&self, loaded: &Loaded) -> Diagnostics {
        let mut needs = Needs::new(self, loaded);
        match &loaded.facts.first_half {
            None => needs.missing(
                "上半年",
                "上半年工作的回顾、感谢、不足、下半年安排和结束语",
                "在顶层写 上半年:，其下写 报告日期:、回顾:、感谢:、不足:、下半年安排: 和 结束语:",
            ),
            Some(half) => {
                if half.report_date.is_none() {
                    needs.missing(
                        "上半年.报告日期",
                        "作上半年工作报告的日期",
                        "在“上半年”下写 报告日期: 2024-07-16",
                    );
                }
                needs.review("上半年.回顾", half.review.as_ref());
                needs.text(
                    "上半年.感谢",
                    half.thanks.as_deref(),
                    "上半年的成绩得益于什么，写成分句",
                    "在“上半年”下写 感谢: 离不开镇党委的坚强领导，……",
                );
                match &half.second_half {
                    None => needs.missing(
                        "上半年.下半年安排",
                        "下半年工作的总体要求和任务",
                        "在“上半年”下写 下半年安排:，其下写 总体要求: 和 任务:（每项有 标题: 和 内容:）",
                    ),
                    Some(second) => {
                        needs.text(
                            "上半年.下半年安排.总体要求",
                            Some(&second.aims),
                            "下半年工作的总体要求",
                            "在“下半年安排”下写 总体要求: ……",
                        );
                        needs.tasks("上半年.下半年安排.任务", Some(&second.tasks), false);
                    }
                }
                needs.text(
                    "上半年.结束语",
                    half.closing.as_deref(),
                    "结尾的号召",
                    "在“上半年”下写 结束语: 让我们……",
                );
            }
        }
        needs.records_in(Period::FirstHalf);
        needs.finish()
    }

    fn report_parts(&self) -> &'static [super::ReportPart] {
        &[super::SHORTCOMINGS, super::SECOND_HALF_TASKS]
    }

    fn narrative<'f>(&self, facts: &'f Facts) -> Vec<(String, &'f str)> {
        let mut out = Vec::new();
        let Some(half) = &facts.first_half else {
            return out;
        };
        if let Some(review) = &half.review {
            review_fields("上半年.回顾", review, &mut out);
        }
        if let Some(thanks) = &half.thanks {
            out.push(("上半年.感谢".into(), thanks.as_str()));
        }
        list_fields("上半年.不足", &half.shortcomings, &mut out);
        if let Some(second) = &half.second_half {
            out.push(("上半年.下半年安排.总体要求".into(), second.aims.as_str()));
            task_fields("上半年.下半年安排.任务", &second.tasks, &mut out);
        }
        if let Some(closing) = &half.closing {
            out.push(("上半年.结束语".into(), closing.as_str()));
        }
        out
    }

    fn view(&self, facts: &Facts, figures: &Figures) -> Result<Context, Diagnostics> {
        let unit = &facts.unit;
        let Some(half) = &facts.first_half else {
            return Err(super::unfed(self));
        };
        let (Some(day), Some(review), Some(thanks), Some(second), Some(closing)) = (
            half.report_date,
            &half.review,
            &half.thanks,
            &half.second_half,
            &half.closing,
        ) else {
            return Err(super::unfed(self));
        };
        let day = day.0;
        let fill = Filler::new(figures);
        let presidium = view::presidium(facts);
        let title = format!("{presidium}{}年上半年工作报告", facts.year.0);
        let nonblank = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        let meta = Meta {
            session_mark: nonblank(&half.session_mark),
            draft_mark: nonblank(&half.draft_mark),
            title: title.clone(),
            subtitle: nonblank(&half.occasion).map(|o| format!("——在{o}上")),
            speaker: Some(format!("{}　{}", unit.post, unit.speaker)),
            date_line: Some(format!("（{}）", numerals::full_date(day))),
            salutation: Some("各位代表：".into()),
            author: presidium,
            subject: title,
            date: Some(day.to_string()),
            year: self.document_year(facts.year.0),
            kind: self.id(),
        };
        let (review_opening, sections) = view::review(&fill, "上半年.回顾", review)?;
        let shortcomings = fill.list("上半年.不足", &half.shortcomings)?;
        let tasks = view::tasks(&fill, "上半年.下半年安排.任务", &second.tasks)?;
        let aims = fill.text("上半年.下半年安排.总体要求", &second.aims)?;
        let numbers = view::numbers(&[
            ("review", true),
            ("shortcomings", !shortcomings.is_empty()),
            ("tasks", true),
        ]);
        let view = HalfYearView {
            common: Common::new(facts, meta),
            report_date: day.to_string(),
            review_opening,
            headline: view::headline(figures),
            sections,
            thanks: fill.clause("上半年.感谢", thanks)?,
            shortcomings,
            aims,
            tasks,
            closing: fill.text("上半年.结束语", closing)?,
            numbers,
        };
        super::context(&view)
    }
}
