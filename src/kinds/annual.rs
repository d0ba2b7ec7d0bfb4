//! 年度工作报告: the presidium's report on the year, given by its chair to the annual session
//! (人代会) early the next year. The speech frame: session mark, title, ——在……会议上, speaker
//! and date, 各位代表：, opening, review of the year, thanks, shortcomings, next year's tasks,
//! closing call (report-anatomy.md; seed 004).

use serde::Serialize;
use tera::Context;

use super::view::{self, Common, Filler, Meta, SectionView, TaskView};
use super::Kind;
use crate::compose::numerals;
use crate::diag::Diagnostics;
use crate::facts::{Facts, Loaded};
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
    sections: Vec<SectionView>,
    thanks: String,
    shortcomings: Vec<String>,
    guiding_idea: String,
    tasks: Vec<TaskView>,
    closing: String,
    /// 一、 二、 三、 for the parts present: review, shortcomings, tasks.
    numbers: std::collections::BTreeMap<&'static str, String>,
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

    fn needs(&self, _loaded: &Loaded) -> Diagnostics {
        Diagnostics::new()
    }

    fn narrative<'f>(&self, facts: &'f Facts) -> Vec<(String, &'f str)> {
        crate::facts::narrative_fields(facts)
    }

    fn view(&self, facts: &Facts, figures: &Figures) -> Result<Context, Diagnostics> {
        let unit = &facts.unit;
        let fill = Filler::new(figures);
        let presidium = view::presidium(facts);
        let day = unit.report_date.0;
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
        let (review_opening, sections) = view::review(&fill, "回顾", &facts.review)?;
        let shortcomings = fill.list("不足", &facts.shortcomings)?;
        let tasks = view::tasks(&fill, "下年工作.任务", &facts.next_year.tasks)?;
        let guiding_idea = fill.text("下年工作.指导思想", &facts.next_year.guiding_idea)?;
        let numbers = view::numbers(&[
            ("review", true),
            ("shortcomings", !shortcomings.is_empty()),
            ("tasks", !tasks.is_empty() || !guiding_idea.is_empty()),
        ]);
        let view = AnnualView {
            common: Common::new(facts, meta),
            report_date: day.to_string(),
            review_opening,
            sections,
            thanks: fill.clause("感谢", &facts.thanks)?,
            shortcomings,
            guiding_idea,
            tasks,
            closing: fill.text("结束语", &facts.closing)?,
            numbers,
        };
        super::context(&view)
    }
}
