//! The facts of one township's year, as the facts file holds them: who reports, the records of
//! the year, and the narrative of each document in the clerk's words.
//!
//! Keys are Chinese; each has an English alias (`township`, `meetings` …) for people who
//! prefer them. The table [`KEY_ALIASES`] lists the aliases so paths in messages are always
//! given with the Chinese names.
//!
//! One file serves every document of the year, so the narrative is optional here: the annual
//! report's keys (回顾, 感谢, 不足, 下年工作, 结束语) as they always were, the half-year report's
//! in the 上半年 block, the resolution's in 决议. Each kind of document ([`crate::kinds`]) says
//! what it needs and where to write it.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::diag::{code, Code};
use crate::style::Face;

/// A marker at the start of a message made by our own deserialisers, so the loader can tell it
/// from serde's English ones: `OWN rule-id OWN message`.
pub(crate) const OWN: &str = "\u{1}";

/// A message of our own deserialisers, carrying its rule through serde's error.
fn own(code: Code, message: impl fmt::Display) -> String {
    format!("{OWN}{}{OWN}{message}", code.id)
}

/// The rule and the Chinese text of a message made by [`own`]; `None` for serde's own.
pub(crate) fn own_message(message: &str) -> Option<(Code, &str)> {
    let (id, text) = message.strip_prefix(OWN)?.split_once(OWN)?;
    Some((Code::by_id(id)?, text))
}

/// A whole facts file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(rename = "单位", alias = "unit")]
    pub unit: Unit,
    /// The year the report is about.
    #[serde(rename = "年度", alias = "year")]
    pub year: Year,
    #[serde(rename = "会议", alias = "meetings", default)]
    pub meetings: Vec<Meeting>,
    #[serde(rename = "监督", alias = "supervision", default)]
    pub supervision: Vec<Supervision>,
    #[serde(rename = "代表建议", alias = "suggestions", default)]
    pub suggestions: Vec<Suggestion>,
    #[serde(rename = "培训", alias = "trainings", default)]
    pub trainings: Vec<Training>,
    #[serde(rename = "联络站", alias = "liaison", default)]
    pub liaison: Vec<LiaisonActivity>,
    #[serde(rename = "述职", alias = "reports_to_voters", default)]
    pub reports_to_voters: Vec<ReportToVoters>,
    #[serde(rename = "宣传", alias = "publicity", default)]
    pub publicity: Vec<PublicityItem>,
    /// The review of the year (the annual report, the summary, the resolution's judgement).
    #[serde(rename = "回顾", alias = "review", default)]
    pub review: Option<Review>,
    /// The substance of the thanks: who is thanked for what.
    #[serde(rename = "感谢", alias = "thanks", default)]
    pub thanks: Option<String>,
    /// What fell short, one point each.
    #[serde(rename = "不足", alias = "shortcomings", default)]
    pub shortcomings: Vec<String>,
    /// Next year's guiding idea and tasks (the annual report, the summary, the work plan).
    #[serde(rename = "下年工作", alias = "next_year", default)]
    pub next_year: Option<NextYear>,
    /// The closing call to the delegates.
    #[serde(rename = "结束语", alias = "closing", default)]
    pub closing: Option<String>,
    /// The half-year report's own narrative, written in July.
    #[serde(rename = "上半年", alias = "first_half", default)]
    pub first_half: Option<FirstHalf>,
    /// The resolution draft's own words, each optional.
    #[serde(rename = "决议", alias = "resolution", default)]
    pub resolution: Option<Resolution>,
    /// Last year's totals by figure name (建议.总数: 14), for 比上年 phrases.
    #[serde(rename = "上年", alias = "last_year", default)]
    pub last_year: BTreeMap<String, Count>,
    /// Last year's first-half totals by figure name, for 比上年同期 in the half-year report.
    #[serde(rename = "上年上半年", alias = "last_year_first_half", default)]
    pub last_year_first_half: BTreeMap<String, Count>,
    /// Font files for the PDF, by face (optional); they win over installed and shipped fonts.
    #[serde(rename = "字体", alias = "fonts", default)]
    pub fonts: FontChoice,
    /// Who receives a numbered copy of the printed report (`workreport print`): the delegates,
    /// then the invited attendees, copy 000001 to the first delegate (optional).
    #[serde(rename = "代表名单", alias = "delegate_list", default)]
    pub delegate_list: Vec<Person>,
    #[serde(rename = "列席人员", alias = "attendee_list", default)]
    pub attendee_list: Vec<Person>,
}

/// A delegate or an invited attendee, as the copy register (份号登记表) names them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// 姓名, e.g. 王堃.
    #[serde(rename = "姓名", alias = "full_name")]
    pub name: String,
    /// 单位: where they work or which village elected them, e.g. 青石村 (optional).
    #[serde(rename = "单位", alias = "affiliation", default)]
    pub unit: Option<String>,
}

/// The font files a facts file names (字体), as written: a path relative to the facts file's
/// folder, or absolute. The loader checks that each exists and resolves it
/// ([`crate::facts::Loaded::fonts`]).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FontChoice {
    /// 小标宋: the title.
    #[serde(rename = "小标宋", alias = "xiaobiaosong", default)]
    pub xiao_biao_song: Option<String>,
    /// 仿宋: the body text.
    #[serde(rename = "仿宋", alias = "fangsong", default)]
    pub fang_song: Option<String>,
    /// 黑体: level-1 headings.
    #[serde(rename = "黑体", alias = "heiti", default)]
    pub hei_ti: Option<String>,
    /// 楷体: level-2 headings, subtitle, speaker and date lines.
    #[serde(rename = "楷体", alias = "kaiti", default)]
    pub kai_ti: Option<String>,
    /// 宋体: page numbers.
    #[serde(rename = "宋体", alias = "songti", default)]
    pub song_ti: Option<String>,
}

impl FontChoice {
    /// The faces named, with their key (for paths in messages) and the path as written.
    pub fn named(&self) -> Vec<(Face, &'static str, &str)> {
        [
            (Face::XiaoBiaoSong, "小标宋", &self.xiao_biao_song),
            (Face::FangSong, "仿宋", &self.fang_song),
            (Face::HeiTi, "黑体", &self.hei_ti),
            (Face::KaiTi, "楷体", &self.kai_ti),
            (Face::SongTi, "宋体", &self.song_ti),
        ]
        .into_iter()
        .filter_map(|(face, key, path)| path.as_deref().map(|p| (face, key, p)))
        .collect()
    }
}

/// Who reports, to which session, when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// 镇名, e.g. 青石镇.
    #[serde(rename = "镇名", alias = "township")]
    pub township: String,
    /// The county or district the township belongs to, e.g. 云岭县.
    #[serde(rename = "县区", alias = "county")]
    pub county: String,
    /// The congress term: 5 → 第五届.
    #[serde(rename = "届次", alias = "term")]
    pub term: Ordinal,
    /// The session of the term: 5 → 第五次会议.
    #[serde(rename = "次会议", alias = "session")]
    pub session: Ordinal,
    /// The speaker, e.g. 李明.
    #[serde(rename = "报告人", alias = "speaker")]
    pub speaker: String,
    /// The speaker's post, e.g. 镇人大主席.
    #[serde(rename = "职务", alias = "post")]
    pub post: String,
    /// The day the annual report is given (the annual session); needed by the annual report
    /// and the resolution, not by the documents written during the year.
    #[serde(rename = "报告日期", alias = "report_date", default)]
    pub report_date: Option<Date>,
    /// 会议文件标识; when left out it is made from the township, term and session.
    #[serde(rename = "会议文件标识", alias = "session_mark", default)]
    pub session_mark: Option<String>,
    /// 稿别: 征求意见稿 / 审议稿 / 草稿.
    #[serde(rename = "稿别", alias = "draft_mark", default)]
    pub draft_mark: Option<String>,
    /// How many township delegates there are, for checking counts of delegates.
    #[serde(rename = "代表人数", alias = "delegate_count", default)]
    pub delegates: Option<Count>,
}

/// A meeting held by the congress or its presidium.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(rename = "类别", alias = "kind")]
    pub kind: MeetingKind,
    #[serde(rename = "日期", alias = "date")]
    pub date: Date,
    #[serde(rename = "名称", alias = "name")]
    pub title: String,
    /// What was heard, reviewed or adopted.
    #[serde(rename = "议题", alias = "agenda", default)]
    pub agenda: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum MeetingKind {
    #[serde(rename = "人代会")]
    Session,
    #[serde(rename = "主席团会议")]
    Presidium,
    #[serde(rename = "代表小组活动")]
    DelegateGroup,
    #[serde(rename = "其他会议")]
    Other,
}

/// An inspection, survey, law-enforcement check or topical review.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Supervision {
    #[serde(rename = "类别", alias = "kind")]
    pub kind: SupervisionKind,
    #[serde(rename = "日期", alias = "date")]
    pub date: Date,
    #[serde(rename = "主题", alias = "topic")]
    pub topic: String,
    #[serde(rename = "地点", alias = "places", default)]
    pub places: Vec<String>,
    /// How many delegates took part.
    #[serde(rename = "参加代表", alias = "delegates")]
    pub delegates: Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum SupervisionKind {
    #[serde(rename = "视察")]
    Inspection,
    #[serde(rename = "调研")]
    Survey,
    #[serde(rename = "执法检查")]
    LawEnforcementCheck,
    #[serde(rename = "专题评议")]
    TopicalReview,
}

/// A delegate suggestion and how it was handled.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    #[serde(rename = "标题", alias = "title")]
    pub title: String,
    /// 类别, e.g. 基础设施, 农业农村.
    #[serde(rename = "类别", alias = "category")]
    pub category: String,
    /// 承办单位.
    #[serde(rename = "承办单位", alias = "department")]
    pub department: String,
    #[serde(rename = "状态", alias = "status")]
    pub status: SuggestionStatus,
    /// Whether the delegates said they were satisfied with the answer.
    #[serde(rename = "满意", alias = "satisfied")]
    pub satisfied: YesNo,
    /// 提出代表 (optional).
    #[serde(rename = "提出代表", alias = "proposer", default)]
    pub delegate: Option<String>,
    /// 提出日期 (optional): when it was raised. Without it the suggestion was raised at the
    /// year's session (人代会) and counts in the first half.
    #[serde(rename = "提出日期", alias = "raised", default)]
    pub raised: Option<Date>,
    /// 办结日期 (optional, only for 已办结): when it was finished. A report on a period that
    /// ends before it counts the suggestion as 正在办理; without it the status is as recorded.
    #[serde(rename = "办结日期", alias = "finished", default)]
    pub finished: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum SuggestionStatus {
    #[serde(rename = "已办结")]
    Finished,
    #[serde(rename = "正在办理")]
    InProgress,
    #[serde(rename = "留作参考")]
    ForReference,
}

/// A training or study session for delegates.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    #[serde(rename = "日期", alias = "date")]
    pub date: Date,
    #[serde(rename = "主题", alias = "topic")]
    pub topic: String,
    /// 参加人数 (人次).
    #[serde(rename = "参加人数", alias = "attendees")]
    pub attendees: Count,
}

/// One period's activity at a delegate liaison station.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LiaisonActivity {
    #[serde(rename = "日期", alias = "date")]
    pub date: Date,
    /// 站点 (optional), e.g. 青石镇人大代表联络站.
    #[serde(rename = "站点", alias = "station", default)]
    pub station: Option<String>,
    /// 代表进站 (人次).
    #[serde(rename = "代表进站", alias = "delegate_visits")]
    pub delegate_visits: Count,
    /// 接待选民 (人次).
    #[serde(rename = "接待选民", alias = "voters_received")]
    pub voters_received: Count,
    /// 收集意见 (条).
    #[serde(rename = "收集意见", alias = "opinions")]
    pub opinions: Count,
    /// 解决问题 (件).
    #[serde(rename = "解决问题", alias = "solved")]
    pub solved: Count,
}

/// A delegate reporting on their work to the voters (述职).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportToVoters {
    #[serde(rename = "日期", alias = "date")]
    pub date: Date,
    #[serde(rename = "代表", alias = "delegate")]
    pub delegate: String,
    #[serde(rename = "层级", alias = "level")]
    pub level: DelegateLevel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum DelegateLevel {
    #[serde(rename = "县")]
    County,
    #[serde(rename = "镇")]
    Township,
}

/// A piece of news sent to the county congress or the media.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublicityItem {
    #[serde(rename = "日期", alias = "date")]
    pub date: Date,
    #[serde(rename = "标题", alias = "title")]
    pub title: String,
    /// Whether it was published (录用).
    #[serde(rename = "录用", alias = "published")]
    pub published: YesNo,
    /// Where it was published (optional).
    #[serde(rename = "媒体", alias = "outlet", default)]
    pub outlet: Option<String>,
}

/// The review of the year in the clerk's words.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// What kind of year it was; comes before the year's headline figures.
    #[serde(rename = "开篇", alias = "opening", default)]
    pub opening: Option<String>,
    /// The sections of the review, in order.
    #[serde(rename = "部分", alias = "sections")]
    pub sections: Vec<ReviewSection>,
}

/// One section of the review: heading, lead paragraph and points (一是……二是……).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSection {
    #[serde(rename = "标题", alias = "heading")]
    pub heading: String,
    #[serde(rename = "导语", alias = "lead")]
    pub lead: String,
    #[serde(rename = "要点", alias = "points", default)]
    pub points: Vec<String>,
}

/// Next year's guiding idea and tasks: the last part of the annual report and the summary,
/// and the whole of the work plan (工作要点).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NextYear {
    /// What kind of year next year is (optional; the work plan opens with it).
    #[serde(rename = "开篇", alias = "opening", default)]
    pub opening: Option<String>,
    #[serde(rename = "指导思想", alias = "guiding_idea")]
    pub guiding_idea: String,
    #[serde(rename = "任务", alias = "tasks")]
    pub tasks: Vec<Task>,
    /// The work plan's date line (optional), e.g. the day the presidium adopted it.
    #[serde(rename = "日期", alias = "date", default)]
    pub date: Option<Date>,
}

/// A task: a heading, its text, and for the work plan sub-points printed （一）（二） under it.
/// The work plan prints an area with sub-points as its 导语 (if any) and the sub-points, in
/// place of 内容; the reports print 内容.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    #[serde(rename = "标题", alias = "heading")]
    pub heading: String,
    /// The task's text (may be left out when the task has sub-points and only the work plan
    /// is made).
    #[serde(rename = "内容", alias = "text", default)]
    pub text: String,
    /// The work plan's lead for an area with sub-points (optional).
    #[serde(rename = "导语", alias = "lead", default)]
    pub lead: Option<String>,
    #[serde(rename = "分项", alias = "sub_points", default)]
    pub sub_points: Vec<SubPoint>,
}

/// A sub-point of a work-plan area: （一）heading, then its text.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubPoint {
    #[serde(rename = "标题", alias = "heading")]
    pub heading: String,
    #[serde(rename = "内容", alias = "text", default)]
    pub text: String,
}

/// The half-year report's own part of the facts file (上半年), written in July: when and where
/// it is given, the review of the half, thanks, shortcomings, the second half's arrangements
/// and the closing call. Its figures are the first half's.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FirstHalf {
    /// The day it is given.
    #[serde(rename = "报告日期", alias = "report_date", default)]
    pub report_date: Option<Date>,
    /// The meeting it is given at (optional), printed ——在……上.
    #[serde(rename = "报告会议", alias = "occasion", default)]
    pub occasion: Option<String>,
    #[serde(rename = "会议文件标识", alias = "session_mark", default)]
    pub session_mark: Option<String>,
    #[serde(rename = "稿别", alias = "draft_mark", default)]
    pub draft_mark: Option<String>,
    #[serde(rename = "回顾", alias = "review", default)]
    pub review: Option<Review>,
    #[serde(rename = "感谢", alias = "thanks", default)]
    pub thanks: Option<String>,
    #[serde(rename = "不足", alias = "shortcomings", default)]
    pub shortcomings: Vec<String>,
    #[serde(rename = "下半年安排", alias = "second_half", default)]
    pub second_half: Option<SecondHalf>,
    #[serde(rename = "结束语", alias = "closing", default)]
    pub closing: Option<String>,
}

/// The arrangements for the second half (下半年工作安排): the overall requirement and the
/// numbered tasks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SecondHalf {
    #[serde(rename = "总体要求", alias = "aims")]
    pub aims: String,
    #[serde(rename = "任务", alias = "tasks")]
    pub tasks: Vec<Task>,
}

/// The resolution draft's own words (决议), each optional: without them the resolution is
/// drawn from the review's headings, the key figures and next year's tasks.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// The day of the session that adopts it; 单位.报告日期 when left out.
    #[serde(rename = "日期", alias = "date", default)]
    pub date: Option<Date>,
    #[serde(rename = "会议文件标识", alias = "session_mark", default)]
    pub session_mark: Option<String>,
    /// 会议认为……: the judgement of the year.
    #[serde(rename = "会议认为", alias = "judgement", default)]
    pub judgement: Option<String>,
    /// 会议要求……: next year's tasks in brief.
    #[serde(rename = "会议要求", alias = "demands", default)]
    pub demands: Option<String>,
    /// 会议号召……: the call.
    #[serde(rename = "会议号召", alias = "call", default)]
    pub call: Option<String>,
}

/// Every English alias and its Chinese key, for naming paths in messages.
pub const KEY_ALIASES: &[(&str, &str)] = &[
    ("unit", "单位"),
    ("year", "年度"),
    ("meetings", "会议"),
    ("supervision", "监督"),
    ("suggestions", "代表建议"),
    ("trainings", "培训"),
    ("liaison", "联络站"),
    ("reports_to_voters", "述职"),
    ("publicity", "宣传"),
    ("review", "回顾"),
    ("thanks", "感谢"),
    ("shortcomings", "不足"),
    ("next_year", "下年工作"),
    ("closing", "结束语"),
    ("last_year", "上年"),
    ("last_year_first_half", "上年上半年"),
    ("raised", "提出日期"),
    ("finished", "办结日期"),
    ("township", "镇名"),
    ("county", "县区"),
    ("term", "届次"),
    ("session", "次会议"),
    ("speaker", "报告人"),
    ("post", "职务"),
    ("report_date", "报告日期"),
    ("session_mark", "会议文件标识"),
    ("draft_mark", "稿别"),
    ("delegates", "参加代表"),
    ("kind", "类别"),
    ("date", "日期"),
    ("name", "名称"),
    ("title", "标题"),
    ("delegate_count", "代表人数"),
    ("proposer", "提出代表"),
    ("agenda", "议题"),
    ("topic", "主题"),
    ("places", "地点"),
    ("category", "类别"),
    ("department", "承办单位"),
    ("status", "状态"),
    ("satisfied", "满意"),
    ("delegate", "代表"),
    ("attendees", "参加人数"),
    ("station", "站点"),
    ("delegate_visits", "代表进站"),
    ("voters_received", "接待选民"),
    ("opinions", "收集意见"),
    ("solved", "解决问题"),
    ("level", "层级"),
    ("published", "录用"),
    ("outlet", "媒体"),
    ("opening", "开篇"),
    ("sections", "部分"),
    ("heading", "标题"),
    ("lead", "导语"),
    ("points", "要点"),
    ("guiding_idea", "指导思想"),
    ("tasks", "任务"),
    ("text", "内容"),
    ("fonts", "字体"),
    ("first_half", "上半年"),
    ("occasion", "报告会议"),
    ("second_half", "下半年安排"),
    ("aims", "总体要求"),
    ("sub_points", "分项"),
    ("resolution", "决议"),
    ("judgement", "会议认为"),
    ("demands", "会议要求"),
    ("call", "会议号召"),
    ("xiaobiaosong", "小标宋"),
    ("fangsong", "仿宋"),
    ("heiti", "黑体"),
    ("kaiti", "楷体"),
    ("songti", "宋体"),
    ("delegate_list", "代表名单"),
    ("attendee_list", "列席人员"),
    ("full_name", "姓名"),
    ("affiliation", "单位"),
];

/// The Chinese name of a key typed in a facts file (an English alias is mapped).
pub fn canonical_key(key: &str) -> String {
    KEY_ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map_or(key, |(_, name)| name)
        .to_string()
}

/// A date, written YYYY-MM-DD (2024-07-03; 2024-7-3 and 2024年7月3日 are accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        ["%Y-%m-%d", "%Y年%m月%d日", "%Y/%m/%d", "%Y.%m.%d"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
            .filter(|d| (1949..=2200).contains(&d.year()))
            .map(Date)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("日期 YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).ok_or_else(|| {
                    E::custom(own(
                        code::FACTS_INVALID_DATE,
                        format!("日期“{v}”无效，应为 YYYY-MM-DD，如 2024-07-03"),
                    ))
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Date, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Date, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// A count of things: a whole number, 0 or more, at most [`Count::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
pub struct Count(pub u32);

impl Count {
    /// The largest count a township's year can plausibly have (people reached, opinions …).
    /// A larger one is a typing error, and the bound keeps every sum of counts far from
    /// overflowing.
    pub const MAX: u32 = 1_000_000;
}

/// Reads a whole number 0 or more, refusing one above `bound` in place (an error made inside
/// the visitor carries the value's line and column; one made after it only the record's).
struct WholeNumber {
    bound: Option<u32>,
}

impl WholeNumber {
    fn read<'de, D: Deserializer<'de>>(d: D, bound: Option<u32>) -> Result<u64, D::Error> {
        d.deserialize_any(WholeNumber { bound })
    }
}

impl Visitor<'_> for WholeNumber {
    type Value = u64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("0 或正整数")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        if v < 0 {
            return Err(E::custom(own(
                code::FACTS_INVALID_COUNT,
                format!("数量“{v}”是负数，应为 0 或正整数"),
            )));
        }
        self.visit_u64(v as u64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        match self.bound {
            Some(max) if v > u64::from(max) => Err(E::custom(own(
                code::FACTS_INVALID_COUNT,
                format!("数量“{v}”太大，应不超过{max}（是否多打了几位？）"),
            ))),
            _ => Ok(v),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        Err(E::custom(own(
            code::FACTS_INVALID_COUNT,
            format!("数量“{v}”不是整数，应为 0 或正整数"),
        )))
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Within the bound, so within u32.
        WholeNumber::read(d, Some(Count::MAX)).map(|n| Count(n as u32))
    }
}

/// An ordinal of a term or session (1 or more): 5 → 第五届.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ordinal(pub u32);

impl<'de> Deserialize<'de> for Ordinal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = WholeNumber::read(d, None)?;
        if n == 0 || n > 99 {
            return Err(de::Error::custom(own(
                code::FACTS_INVALID_ORDINAL,
                format!("序数“{n}”无效，应为 1 到 99 的整数（5 表示第五届或第五次会议）"),
            )));
        }
        Ok(Ordinal(n as u32))
    }
}

/// The report year (e.g. 2024).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Year(pub i32);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = WholeNumber::read(d, None)?;
        if !(1949..=2200).contains(&n) {
            return Err(de::Error::custom(own(
                code::FACTS_INVALID_YEAR,
                format!("年度“{n}”无效，应为四位年份，如 2024"),
            )));
        }
        Ok(Year(n as i32))
    }
}

/// Yes or no: 是/否 (true/false, 满意/不满意 are accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YesNo(pub bool);

impl<'de> Deserialize<'de> for YesNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = YesNo;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("是 或 否")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<YesNo, E> {
                Ok(YesNo(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<YesNo, E> {
                match v.trim() {
                    "是" | "满意" | "已录用" | "yes" => Ok(YesNo(true)),
                    "否" | "不满意" | "未录用" | "no" => Ok(YesNo(false)),
                    _ => Err(E::custom(own(
                        code::FACTS_INVALID_YES_NO,
                        format!("“{v}”无效，应为 是 或 否"),
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}
