//! 年度工作报告: the presidium's report on the year, given by its chair to the annual session
//! (人代会) early the next year. The speech frame: session mark, title, ——在……会议上, speaker
//! and date, 各位代表：, opening, review of the year, thanks, shortcomings, next year's tasks,
//! closing call (report-anatomy.md; seed 004).

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

/// The annual report.
#[derive(Debug, Clone, Copy, Default)]
pub struct Annual;

/// What annual.md.tera sees.
#[derive(Serialize)]
struct AnnualView {
    #[serde(flatten)]
    common: Common,
    /// The day it is given, YYYY-MM-DD.
    report_date: String,
    review_opening: Option<String>,
    /// The year's headline figures as clauses: 召开人代会1次、主席团会议6次 …
    headline: Vec<String>,
    sections: Vec<SectionView>,
    thanks: String,
    shortcomings: Vec<String>,
    guiding_idea: String,
    tasks: Vec<TaskView>,
    closing: String,
    /// 一、 二、 三、 for the parts present: review, shortcomings, tasks.
    numbers: BTreeMap<&'static str, String>,
}

impl Kind for Annual {
    fn id(&self) -> &'static str {
        "annual"
    }

    fn name(&self) -> &'static str {
        "年度工作报告"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["年度", "年度报告", "工作报告"]
    }

    fn period(&self) -> Period {
        Period::Year
    }

    fn template(&self) -> (&'static str, &'static str) {
        (
            "annual.md.tera",
            include_str!("../../templates/annual.md.tera"),
        )
    }

    fn needs(&self, loaded: &Loaded) -> Diagnostics {
        let facts = &loaded.facts;
        let mut needs = Needs::new(self, loaded);
        if facts.unit.report_date.is_none() {
            needs.missing(
                "单位.报告日期",
                "在人代会上作报告的日期",
                "在“单位”下写 报告日期: 2025-01-08",
            );
        }
        needs.review("回顾", facts.review.as_ref());
        needs.text(
            "感谢",
            facts.thanks.as_deref(),
            "一年的成绩得益于什么，写成分句",
            "在顶层写 感谢: 离不开镇党委的坚强领导，……",
        );
        needs.next_year(facts.next_year.as_ref(), false);
        needs.text(
            "结束语",
            facts.closing.as_deref(),
            "结尾的号召",
            "在顶层写 结束语: 让我们……",
        );
        // A year's report made before the year is over is most likely a mistake.
        needs.warn_no_records_in(
            Period::SecondHalf,
            "年度工作报告总结全年，请记完全年的事再生成（7月写的是上半年工作报告：--kind half-year）",
        );
        needs.finish()
    }

    fn report_parts(&self) -> &'static [super::ReportPart] {
        &[super::SHORTCOMINGS, super::NEXT_YEAR_TASKS]
    }

    fn narrative<'f>(&self, facts: &'f Facts) -> Vec<(String, &'f str)> {
        let mut out = Vec::new();
        if let Some(review) = &facts.review {
            review_fields("回顾", review, &mut out);
        }
        if let Some(thanks) = &facts.thanks {
            out.push(("感谢".into(), thanks.as_str()));
        }
        list_fields("不足", &facts.shortcomings, &mut out);
        if let Some(next) = &facts.next_year {
            out.push(("下年工作.指导思想".into(), next.guiding_idea.as_str()));
            task_fields("下年工作.任务", &next.tasks, &mut out);
        }
        if let Some(closing) = &facts.closing {
            out.push(("结束语".into(), closing.as_str()));
        }
        out
    }

    fn view(&self, facts: &Facts, figures: &Figures) -> Result<Context, Diagnostics> {
        let unit = &facts.unit;
        let fill = Filler::new(figures);
        let presidium = view::presidium(facts);
        let (Some(day), Some(review), Some(thanks), Some(next), Some(closing)) = (
            unit.report_date,
            &facts.review,
            &facts.thanks,
            &facts.next_year,
            &facts.closing,
        ) else {
            return Err(super::unfed(self));
        };
        let day = day.0;
        let meta = Meta {
            session_mark: Some(view::session_mark(facts)),
            draft_mark: unit.draft_mark.clone().filter(|d| !d.trim().is_empty()),
            title: format!("{presidium}工作报告"),
            subtitle: Some(format!("——在{}上", view::congress(facts))),
            speaker: Some(format!("{}　{}", unit.post, unit.speaker)),
            date_line: Some(format!("（{}）", numerals::full_date(day))),
            salutation: Some("各位代表：".into()),
            author: presidium.clone(),
            subject: format!("{presidium}{}年工作报告", facts.year.0),
            date: Some(day.to_string()),
            year: self.document_year(facts.year.0),
            kind: self.id(),
        };
        let (review_opening, sections) = view::review(&fill, "回顾", review)?;
        let shortcomings = fill.list("不足", &facts.shortcomings)?;
        let tasks = view::tasks(&fill, "下年工作.任务", &next.tasks)?;
        let guiding_idea = fill.text("下年工作.指导思想", &next.guiding_idea)?;
        let numbers = view::numbers(&[
            ("review", true),
            ("shortcomings", !shortcomings.is_empty()),
            ("tasks", !tasks.is_empty() || !guiding_idea.is_empty()),
        ]);
        let view = AnnualView {
            common: Common::new(facts, meta),
            report_date: day.to_string(),
            review_opening,
            headline: view::headline(figures),
            sections,
            thanks: fill.clause("感谢", thanks)?,
            shortcomings,
            guiding_idea,
            tasks,
            closing: fill.text("结束语", closing)?,
            numbers,
        };
        super::context(&view)
    }
}
