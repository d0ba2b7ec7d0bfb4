//! Figures that cannot be right: names of last year's figures that do not exist, records whose
//! own figures contradict each other or the township, and a half counted above its year.

use crate::diag::{code, Diagnostic, Diagnostics};
use crate::facts::{closest, DelegateLevel, Loaded};
use crate::figures::{compute, Period, STATES_AT_END};

/// Every figure finding on `loaded`.
pub fn check(loaded: &Loaded) -> Diagnostics {
    let mut found = Diagnostics::new();
    last_year_names(loaded, &mut found);
    records(loaded, &mut found);
    halves(loaded, &mut found);
    found
}

/// 上年 and 上年上半年 give last year's figures by name: each must be a countable figure.
fn last_year_names(loaded: &Loaded, found: &mut Diagnostics) {
    let facts = &loaded.facts;
    let countable = compute(facts, Period::Year).countable_names();
    let names: Vec<&str> = countable.iter().map(String::as_str).collect();
    for (key, given) in [
        ("上年", &facts.last_year),
        ("上年上半年", &facts.last_year_first_half),
    ] {
        for name in given.keys() {
            if names.contains(&name.as_str()) {
                continue;
            }
            let mut message = format!("{key}数字“{name}”不是可比较的数字名称");
            if let Some(s) = closest(name, &names) {
                message.push_str(&format!("，是否为“{s}”？"));
            }
            let d = Diagnostic::error(code::FACTS_UNKNOWN_LAST_YEAR_FIGURE, message)
                .with_help(format!("可用的名称：{}", names.join("、")));
            found.push(loaded.places.at_key(d, &format!("{key}.{name}")));
        }
    }
    // Last year's first half is part of last year.
    for (name, half) in &facts.last_year_first_half {
        if let Some(year) = facts.last_year.get(name).filter(|year| half.0 > year.0) {
            let d = Diagnostic::error(
                code::FACTS_INCONSISTENT_FIGURES,
                format!(
                    "上年上半年的“{name}”为{}，多于上年全年的{}；上半年是全年的一部分，应不多于全年",
                    half.0, year.0
                ),
            );
            found.push(loaded.places.at(d, &format!("上年上半年.{name}")));
        }
    }
}

/// A figure typed per record against another, or against the township's 代表人数. Finished
/// suggestions can never exceed those received: both are counted from the same records.
fn records(loaded: &Loaded, found: &mut Diagnostics) {
    let facts = &loaded.facts;
    let mut error = |path: String, message: String| {
        let d = Diagnostic::error(code::FACTS_INCONSISTENT_FIGURES, message);
        found.push(loaded.places.at(d, &path));
    };
    for (i, l) in facts.liaison.iter().enumerate() {
        if l.solved.0 > l.opinions.0 {
            error(
                format!("联络站[{}].解决问题", i + 1),
                format!(
                    "解决问题{}件多于收集意见{}条，应不多于收集意见",
                    l.solved.0, l.opinions.0
                ),
            );
        }
    }
    let Some(total) = facts.unit.delegates else {
        return;
    };
    for (i, s) in facts.supervision.iter().enumerate() {
        if s.delegates.0 > total.0 {
            error(
                format!("监督[{}].参加代表", i + 1),
                format!(
                    "参加代表{}人多于全镇代表人数{}人（单位.代表人数）",
                    s.delegates.0, total.0
                ),
            );
        }
    }
    let township = facts
        .reports_to_voters
        .iter()
        .filter(|r| r.level == DelegateLevel::Township)
        .count() as u64;
    if township > u64::from(total.0) {
        error(
            "述职".into(),
            format!(
                "镇人大代表述职{township}人次多于全镇代表人数{}人（单位.代表人数）",
                total.0
            ),
        );
    }
}

/// A half's count is never above its year's. Figures count records by date, so this holds by
/// construction; checked all the same, since a report that says otherwise must never print.
/// A state at the period's end (建议.正在办理) is no count and may be.
fn halves(loaded: &Loaded, found: &mut Diagnostics) {
    let year = compute(&loaded.facts, Period::Year);
    for half in [Period::FirstHalf, Period::SecondHalf] {
        let part = compute(&loaded.facts, half);
        for (name, n, unit) in part.counts() {
            if STATES_AT_END.contains(&name.as_str()) {
                continue;
            }
            let whole = year.count(&name).unwrap_or(0);
            if n > whole {
                let group = records_key(&name);
                let d = Diagnostic::error(
                    code::FACTS_INCONSISTENT_FIGURES,
                    format!(
                        "{}的“{name}”为{n}{unit}，多于全年的{whole}{unit}；请检查这些记录的日期",
                        half.name()
                    ),
                );
                found.push(loaded.places.at(d, group));
            }
        }
    }
}

/// The facts file's list a figure counts: 建议.总数 → 代表建议.
fn records_key(figure: &str) -> &'static str {
    match figure.split('.').next().unwrap_or("") {
        "会议" => "会议",
        "监督" => "监督",
        "建议" => "代表建议",
        "培训" => "培训",
        "联络站" => "联络站",
        "述职" => "述职",
        _ => "宣传",
    }
}
