//! 决议（草案）: the draft of the session's resolution on the presidium's report (seed 002 篇一),
//! one page: (……会议通过) under the title; 会议听取和审议了……所作的工作报告; 会议认为……, a
//! judgement of the year drawn from the review's headings and the key figures (not its
//! sentences); 会议决定批准这个报告; 会议要求……, next year's tasks in brief; 会议号召…….
//! The clerk may write any of the three in the facts file's 决议 block instead.

use serde::Serialize;
use tera::Context;

use super::needs::Needs;
use super::view::{self, first_clause, Common, Filler, Meta};
use super::Kind;
use crate::compose::numerals;
use crate::diag::Diagnostics;
use crate::facts::{Facts, Loaded};
use crate::figures::{Figures, Period};

/// The resolution draft on the annual report.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResolutionDraft;

/// What resolution.md.tera sees.
#[derive(Serialize)]
struct ResolutionView {
    #[serde(flatten)]
    common: Common,
    /// 会议认为 as the clerk wrote it (决议.会议认为), if written.
    judgement: Option<String>,
    /// What the year's review says was done: the first clause of each heading.
    done: Vec<String>,
    /// The key figures of the year as clauses: 召开主席团会议6次 …
    key_figures: Vec<String>,
    /// 会议要求 as the clerk wrote it, if written.
    demands: Option<String>,
    /// Next year's tasks in brief: the first clause of each task heading.
    plans: Vec<String>,
    /// 会议号召 as the clerk wrote it, if written.
    call: Option<String>,
}

impl Kind for ResolutionDraft {
    fn id(&self) -> &'static str {
        "resolution"
    }

    fn name(&self) -> &'static str {
        "决议（草案）"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["决议", "决议草案"]
    }

    fn period(&self) -> Period {
        Period::Year
    }

    fn template(&self) -> (&'static str, &'static str) {
        (
            "resolution.md.tera",
            include_str!("../../templates/resolution.md.tera"),
        )
    }

    fn needs(&self, loaded: &Loaded) -> Diagnostics {
        let facts = &loaded.facts;
        let own = facts.resolution.clone().unwrap_or_default();
        let mut needs = Needs::new(self, loaded);
        if own.date.is_none() && facts.unit.report_date.is_none() {
            needs.missing(
                "单位.报告日期",
                "通过决议的人代会日期",
                "在“单位”下写 报告日期: 2025-01-08（或在“决议”下写 日期:）",
            );
        }
        if own.judgement.is_none() {
            needs.review("回顾", facts.review.as_ref());
        }
        if own.demands.is_none() {
            let tasks = facts.next_year.as_ref().map(|n| n.tasks.as_slice());
            if tasks.is_none_or(|t| t.is_empty()) {
                needs.missing(
                    "下年工作.任务",
                    "下一年的任务，决议据此写“会议要求”",
                    "在“下年工作”下写 任务:（每项有 标题: 和 内容:），或在“决议”下写 会议要求: ……",
                );
            }
        }
        needs.finish()
    }

    fn narrative<'f>(&self, facts: &'f Facts) -> Vec<(String, &'f str)> {
        let mut out = Vec::new();
        if let Some(own) = &facts.resolution {
            for (key, text) in [
                ("会议认为", &own.judgement),
                ("会议要求", &own.demands),
                ("会议号召", &own.call),
            ] {
                if let Some(text) = text {
                    out.push((format!("决议.{key}"), text.as_str()));
                }
            }
        }
        if let Some(review) = &facts.review {
            for (i, s) in review.sections.iter().enumerate() {
                out.push((format!("回顾.部分[{}].标题", i + 1), s.heading.as_str()));
            }
        }
        if let Some(next) = &facts.next_year {
            for (i, t) in next.tasks.iter().enumerate() {
                out.push((format!("下年工作.任务[{}].标题", i + 1), t.heading.as_str()));
            }
        }
        out
    }

    fn view(&self, facts: &Facts, figures: &Figures) -> Result<Context, Diagnostics> {
        let own = facts.resolution.clone().unwrap_or_default();
        let Some(day) = own.date.or(facts.unit.report_date) else {
            return Err(super::unfed(self));
        };
        let fill = Filler::new(figures);
        let presidium = view::presidium(facts);
        let congress = view::congress(facts);
        let title = format!("关于{presidium}工作报告的决议（草案）");
        let meta = Meta {
            session_mark: own.session_mark.clone().filter(|m| !m.trim().is_empty()),
            title: title.clone(),
            // Broken after the date: the balanced cut would split 第五届 over two lines.
            subtitle: Some(format!(
                "（{}\n{congress}通过）",
                numerals::full_date(day.0)
            )),
            author: congress,
            subject: title,
            date: Some(day.0.to_string()),
            year: self.document_year(facts.year.0),
            kind: self.id(),
            ..Meta::default()
        };
        let own_text = |key: &str, text: &Option<String>| {
            text.as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| fill.text(&format!("决议.{key}"), t))
                .transpose()
        };
        let mut done = Vec::new();
        for (i, s) in facts.review.iter().flat_map(|r| &r.sections).enumerate() {
            let heading = fill.clause(&format!("回顾.部分[{}].标题", i + 1), &s.heading)?;
            done.push(first_clause(&heading).to_string());
        }
        let mut plans = Vec::new();
        for (i, t) in facts.next_year.iter().flat_map(|n| &n.tasks).enumerate() {
            let heading = fill.clause(&format!("下年工作.任务[{}].标题", i + 1), &t.heading)?;
            plans.push(first_clause(&heading).to_string());
        }
        let view = ResolutionView {
            common: Common::new(facts, meta),
            judgement: own_text("会议认为", &own.judgement)?,
            done,
            key_figures: key_figures(figures),
            demands: own_text("会议要求", &own.demands)?,
            plans,
            call: own_text("会议号召", &own.call)?,
        };
        super::context(&view)
    }
}

/// The year's key figures as clauses, those that are not nil: 召开主席团会议6次 /
/// 开展视察、调研、执法检查和专题评议10次 / 督办代表建议20件、办结16件，代表满意率95%.
fn key_figures(figures: &Figures) -> Vec<String> {
    let n = |name: &str| figures.count(name).unwrap_or(0);
    let mut clauses = Vec::new();
    if n("会议.主席团会议") > 0 {
        clauses.push(format!("召开主席团会议{}次", n("会议.主席团会议")));
    }
    let kinds: Vec<&str> = [
        ("视察", "监督.视察"),
        ("调研", "监督.调研"),
        ("执法检查", "监督.执法检查"),
        ("专题评议", "监督.专题评议"),
    ]
    .into_iter()
    .filter(|(_, name)| n(name) > 0)
    .map(|(what, _)| what)
    .collect();
    if let Some((last, rest)) = kinds.split_last() {
        let what = if rest.is_empty() {
            last.to_string()
        } else {
            format!("{}和{last}", rest.join("、"))
        };
        clauses.push(format!("开展{what}{}次", n("监督.总数")));
    }
    if n("建议.总数") > 0 {
        let mut clause = format!(
            "督办代表建议{}件、办结{}件",
            n("建议.总数"),
            n("建议.已办结")
        );
        if let Some(rate) = figures.get("建议.满意率") {
            clause.push_str(&format!("，代表满意率{rate}"));
        }
        clauses.push(clause);
    }
    clauses
}
