//! 工作总结和工作计划: the desk document that sums up the year and plans the next (seed 000):
//! no speech frame (no salutation, no 请予审议, no thanks, no closing call), only the year's
//! review with its figures, the shortcomings, then next year's plan. Drawn from the same
//! narrative as the annual report.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::needs::Needs;
use super::view::{self, Common, Filler, Meta, SectionView, TaskView};
use super::Kind;
use crate::diag::Diagnostics;
use crate::facts::{list_fields, review_fields, task_fields, Facts, Loaded};
use crate::figures::{Figures, Period};

/// The summary of the year and next year's plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary;

/// What summary.md.tera sees.
#[derive(Serialize)]
struct SummaryView {
    #[serde(flatten)]
    common: Common,
    review_opening: Option<String>,
    headline: Vec<String>,
    sections: Vec<SectionView>,
    shortcomings: Vec<String>,
    guiding_idea: String,
    tasks: Vec<TaskView>,
    /// 一、 二、 三、 for the parts present: review, shortcomings, tasks.
    numbers: BTreeMap<&'static str, String>,
}

impl Kind for Summary {
    fn id(&self) -> &'static str {
        "summary"
    }

    fn name(&self) -> &'static str {
        "工作总结和工作计划"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["总结", "工作总结", "总结和计划"]
    }

    fn period(&self) -> Period {
        Period::Year
    }

    fn template(&self) -> (&'static str, &'static str) {
        (
            "summary.md.tera",
            include_str!("../../templates/summary.md.tera"),
        )
    }

    fn needs(&self, loaded: &Loaded) -> Diagnostics {
        let mut needs = Needs::new(self, loaded);
        needs.review("回顾", loaded.facts.review.as_ref());
        needs.next_year(loaded.facts.next_year.as_ref(), false);
        needs.warn_no_records_in(Period::SecondHalf, "工作总结总结全年，请记完全年的事再生成");
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
        list_fields("不足", &facts.shortcomings, &mut out);
        if let Some(next) = &facts.next_year {
            out.push(("下年工作.指导思想".into(), next.guiding_idea.as_str()));
            task_fields("下年工作.任务", &next.tasks, &mut out);
        }
        out
    }

    fn view(&self, facts: &Facts, figures: &Figures) -> Result<Context, Diagnostics> {
        let (Some(review), Some(next)) = (&facts.review, &facts.next_year) else {
            return Err(super::unfed(self));
        };
        let fill = Filler::new(figures);
        let presidium = view::presidium(facts);
        let year = facts.year.0;
        let title = format!("{presidium}{year}年工作总结和{}年工作计划", year + 1);
        let meta = Meta {
            title: title.clone(),
            author: presidium,
            subject: title,
            date: facts.unit.report_date.map(|d| d.0.to_string()),
            year: self.document_year(year),
            kind: self.id(),
            ..Meta::default()
        };
        let (review_opening, sections) = view::review(&fill, "回顾", review)?;
        let shortcomings = fill.list("不足", &facts.shortcomings)?;
        let tasks = view::tasks(&fill, "下年工作.任务", &next.tasks)?;
        let numbers = view::numbers(&[
            ("review", true),
            ("shortcomings", !shortcomings.is_empty()),
            ("tasks", true),
        ]);
        let view = SummaryView {
            common: Common::new(facts, meta),
            review_opening,
            headline: view::headline(figures),
            sections,
            shortcomings,
            guiding_idea: fill.text("下年工作.指导思想", &next.guiding_idea)?,
            tasks,
            numbers,
        };
        super::context(&view)
    }
}
