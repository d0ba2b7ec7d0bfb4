//! 工作要点: next year's work plan, drafted in December (seed 001): title, the guiding idea
//! (指导思想), then numbered areas 一、 each with its lead and sub-points （一）. Drawn from the
//! facts file's 下年工作, whose tasks may carry 分项 (and a 导语 to introduce them); an area
//! with no sub-points prints its 内容 and still reads right. It quotes no figures of a year not yet begun, so records may stop in November.

use serde::Serialize;
use tera::Context;

use super::needs::Needs;
use super::view::{self, Common, Filler, Meta, TaskView};
use super::Kind;
use crate::compose::numerals;
use crate::diag::Diagnostics;
use crate::facts::{task_fields, Facts, Loaded};
use crate::figures::{Figures, Period};

/// Next year's work plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plan;

/// What plan.md.tera sees.
#[derive(Serialize)]
struct PlanView {
    #[serde(flatten)]
    common: Common,
    /// What kind of year next year is (下年工作.开篇), if written.
    opening: Option<String>,
    guiding_idea: String,
    /// The areas, each with its sub-points.
    tasks: Vec<TaskView>,
}

impl Kind for Plan {
    fn id(&self) -> &'static str {
        "plan"
    }

    fn name(&self) -> &'static str {
        "工作要点"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["工作计划", "要点", "work-plan"]
    }

    fn period(&self) -> Period {
        Period::Year
    }

    /// The plan is next year's: 2025-plan from the facts of 2024.
    fn document_year(&self, year: i32) -> i32 {
        year + 1
    }

    fn template(&self) -> (&'static str, &'static str) {
        ("plan.md.tera", include_str!("../../templates/plan.md.tera"))
    }

    fn needs(&self, loaded: &Loaded) -> Diagnostics {
        let mut needs = Needs::new(self, loaded);
        needs.next_year(loaded.facts.next_year.as_ref(), true);
        needs.finish()
    }

    fn report_parts(&self) -> &'static [super::ReportPart] {
        &[super::NEXT_YEAR_TASKS]
    }

    fn narrative<'f>(&self, facts: &'f Facts) -> Vec<(String, &'f str)> {
        let mut out = Vec::new();
        if let Some(next) = &facts.next_year {
            if let Some(opening) = &next.opening {
                out.push(("下年工作.开篇".into(), opening.as_str()));
            }
            out.push(("下年工作.指导思想".into(), next.guiding_idea.as_str()));
            task_fields("下年工作.任务", &next.tasks, &mut out);
        }
        out
    }

    fn view(&self, facts: &Facts, figures: &Figures) -> Result<Context, Diagnostics> {
        let Some(next) = &facts.next_year else {
            return Err(super::unfed(self));
        };
        let fill = Filler::new(figures);
        let presidium = view::presidium(facts);
        let year = self.document_year(facts.year.0);
        let title = format!("{presidium}{year}年工作要点");
        let meta = Meta {
            title: title.clone(),
            date_line: next
                .date
                .map(|d| format!("（{}）", numerals::full_date(d.0))),
            author: presidium,
            subject: title,
            date: next.date.map(|d| d.0.to_string()),
            year,
            kind: self.id(),
            ..Meta::default()
        };
        let opening = next
            .opening
            .as_deref()
            .filter(|o| !o.trim().is_empty())
            .map(|o| fill.text("下年工作.开篇", o))
            .transpose()?;
        let view = PlanView {
            common: Common::new(facts, meta),
            opening,
            guiding_idea: fill.text("下年工作.指导思想", &next.guiding_idea)?,
            tasks: view::tasks(&fill, "下年工作.任务", &next.tasks)?,
        };
        super::context(&view)
    }
}
