//! Every kind of document from one facts file (issue #7), read back from the finished files:
//! the names they are written under, each kind's title block, the structure each kind must
//! have, the half-year's figures against hand counts (the sample's and the July fixture's),
//! every quoted figure against its kind's period, what `--kind all` builds and skips, 文种 in
//! the front matter, `--templates` per kind, and the GB/T 9704 checkers on every PDF and DOCX.

mod docx_common;
mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use docx_common::{read_body, Package, ReadParagraph};
use support::{files_in, squeeze, SAMPLE};
use workreport::facts::narrative::{pieces, Piece};
use workreport::figures::{self, Figures, Period};
use workreport::kinds;

/// A facts file as it stands in July: records to 30 June, no annual narrative yet.
const JULY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/july-2024.yaml");

/// Each kind's output stem from the sample (facts of 2024), in `kinds::ALL`'s order.
const STEMS: [&str; 5] = [
    "2024-annual",
    "2024-half-year",
    "2025-plan",
    "2024-summary",
    "2024-resolution",
];

fn workreport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workreport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("workreport runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// `workreport build` of `input` into `out` with `extra` arguments.
fn build(input: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", input, "-o", path_str(out)];
    args.extend_from_slice(extra);
    workreport(&args)
}

/// The sample built once with `--kind all` in every format, shared by the tests that read it.
struct Built {
    dir: PathBuf,
    stderr: String,
}

fn sample_all() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kinds-sample-all");
        let _ = std::fs::remove_dir_all(&dir);
        let out = build(SAMPLE, &dir, &["--kind", "all"]);
        assert!(out.status.success(), "{}", stderr(&out));
        Built {
            dir,
            stderr: stderr(&out),
        }
    })
}

impl Built {
    fn md(&self, stem: &str) -> String {
        std::fs::read_to_string(self.dir.join(format!("{stem}.md"))).unwrap()
    }

    /// Each page's text, as a reader copying it gets it, without white space and the no-break
    /// joiners between a number and its unit.
    fn pdf_pages(&self, stem: &str) -> Vec<String> {
        let bytes = std::fs::read(self.dir.join(format!("{stem}.pdf"))).unwrap();
        support::pdf_pages_text(&bytes)
            .iter()
            .map(|page| plain(page))
            .collect()
    }

    fn pdf_text(&self, stem: &str) -> String {
        self.pdf_pages(stem).concat()
    }

    fn docx(&self, stem: &str) -> Vec<ReadParagraph> {
        let bytes = std::fs::read(self.dir.join(format!("{stem}.docx"))).unwrap();
        read_body(Package::open(&bytes).part("word/document.xml"))
    }
}

/// Text without white space and no-break joiners, for comparing what was printed.
fn plain(s: &str) -> String {
    squeeze(s)
        .chars()
        .filter(|&c| c != workreport::text::NO_BREAK_JOINER)
        .collect()
}

/// A Markdown report's front matter as key → value.
fn front_matter(md: &str) -> BTreeMap<String, String> {
    let yaml = md
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .expect("front matter")
        .0;
    let map: BTreeMap<String, serde_yaml::Value> = serde_yaml::from_str(yaml).unwrap();
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                serde_yaml::Value::String(s) => s,
                other => serde_yaml::to_string(&other).unwrap().trim().to_string(),
            };
            (k, v)
        })
        .collect()
}

/// A Markdown report's body: what follows the front matter.
fn body(md: &str) -> &str {
    md.strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .expect("front matter")
        .1
}

/// The headings of a Markdown body, with their marks: `# 一、……`, `## （一）……`.
fn headings(md: &str) -> Vec<&str> {
    body(md).lines().filter(|l| l.starts_with('#')).collect()
}

/// Where each of `parts` stands in `text`, asserting that they come in this order.
fn assert_in_order(text: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        let at = text[from..]
            .find(part)
            .unwrap_or_else(|| panic!("“{part}” missing or out of order in:\n{text}"));
        from += at + part.len();
    }
}

fn loaded(path: &str) -> workreport::facts::Loaded {
    workreport::check::load(Path::new(path)).unwrap_or_else(|e| panic!("{e}"))
}

// ---------------------------------------------------------------------------------------------
// Golden Markdown

/// Each kind's composed Markdown for the sample against tests/golden/qingshi-<stem>.md, read
/// through by hand against its counterpart in ../shared/seeds (UPDATE_GOLDEN=1 rewrites them;
/// the annual report's is tests/compose_golden.rs's).
#[test]
fn every_kind_of_the_sample_matches_its_golden_markdown() {
    let loaded = loaded(SAMPLE);
    let composer = kinds::composer(None).unwrap();
    for (kind, stem) in kinds::ALL.iter().zip(STEMS).skip(1) {
        let md = kinds::compose(*kind, &composer, &loaded).unwrap_or_else(|e| panic!("{e}"));
        let golden =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/qingshi-{stem}.md"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &md).unwrap();
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("{}: run with UPDATE_GOLDEN=1", golden.display()));
        assert!(
            md == expected,
            "{stem}: composed Markdown differs from {}; UPDATE_GOLDEN=1 to accept",
            golden.display()
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Names and title blocks

#[test]
fn kind_all_writes_every_kind_of_the_sample_under_its_own_name() {
    let built = sample_all();
    let mut expected: Vec<String> = STEMS
        .iter()
        .flat_map(|stem| ["docx", "md", "pdf"].map(|ext| format!("{stem}.{ext}")))
        .collect();
    expected.sort();
    assert_eq!(files_in(&built.dir), expected);
    assert!(!built.stderr.contains("未生成"), "{}", built.stderr);
    // The stems are the kinds' own: <year>-<id>, the plan being next year's.
    let facts = loaded(SAMPLE).facts;
    let stems: Vec<String> = kinds::ALL
        .iter()
        .map(|k| kinds::stem(*k, facts.year.0))
        .collect();
    assert_eq!(stems, STEMS);
}

/// The title block each kind prints, as its front matter says it and as the PDF and the DOCX
/// print it: the speech kinds have a subtitle (occasion), speaker, date line and salutation;
/// the plan a date line only; the summary nothing but its title; the resolution its
/// (date + session 通过) under the title.
#[test]
fn each_kind_has_its_own_title_subtitle_and_date_conventions() {
    let built = sample_all();
    type Block = &'static [(&'static str, &'static str)];
    let expected: [(&str, Block); 5] = [
        (
            "2024-annual",
            &[
                (
                    "会议文件标识",
                    "青石镇第五届人民代表大会第五次会议文件（二）",
                ),
                ("稿别", "审议稿"),
                ("标题", "青石镇人民代表大会主席团工作报告"),
                ("副标题", "——在青石镇第五届人民代表大会第五次会议上"),
                ("报告人", "镇人大主席　李明"),
                ("日期行", "（2025年1月8日）"),
                ("称谓", "各位代表："),
                ("年度", "2024"),
                ("文种", "annual"),
            ],
        ),
        (
            "2024-half-year",
            &[
                ("稿别", "征求意见稿"),
                ("标题", "青石镇人民代表大会主席团2024年上半年工作报告"),
                ("副标题", "——在青石镇人大代表年中工作会议上"),
                ("报告人", "镇人大主席　李明"),
                ("日期行", "（2024年7月12日）"),
                ("称谓", "各位代表："),
                ("日期", "2024-07-12"),
                ("年度", "2024"),
                ("文种", "half-year"),
            ],
        ),
        (
            "2025-plan",
            &[
                ("标题", "青石镇人民代表大会主席团2025年工作要点"),
                ("日期行", "（2024年12月19日）"),
                ("日期", "2024-12-19"),
                ("年度", "2025"),
                ("文种", "plan"),
            ],
        ),
        (
            "2024-summary",
            &[
                (
                    "标题",
                    "青石镇人民代表大会主席团2024年工作总结和2025年工作计划",
                ),
                ("年度", "2024"),
                ("文种", "summary"),
            ],
        ),
        (
            "2024-resolution",
            &[
                (
                    "会议文件标识",
                    "青石镇第五届人民代表大会第五次会议文件（五）",
                ),
                ("标题", "关于青石镇人民代表大会主席团工作报告的决议（草案）"),
                (
                    "副标题",
                    "（2025年1月8日\n青石镇第五届人民代表大会第五次会议通过）",
                ),
                ("日期", "2025-01-08"),
                ("年度", "2024"),
                ("文种", "resolution"),
            ],
        ),
    ];
    const TITLE_BLOCK: [&str; 7] = [
        "会议文件标识",
        "稿别",
        "标题",
        "副标题",
        "报告人",
        "日期行",
        "称谓",
    ];
    for (stem, lines) in expected {
        let fm = front_matter(&built.md(stem));
        for (key, value) in lines {
            assert_eq!(
                fm.get(*key).map(String::as_str),
                Some(*value),
                "{stem} {key}"
            );
        }
        // A line of the title block a kind does not have is not there at all.
        for key in TITLE_BLOCK {
            if !lines.iter().any(|(k, _)| *k == key) {
                assert!(!fm.contains_key(key), "{stem} has {key}: {fm:?}");
            }
        }
        // The PDF prints the title block in this order at the top of page 1.
        let page_one = &built.pdf_pages(stem)[0];
        let printed: Vec<String> = TITLE_BLOCK
            .iter()
            .filter_map(|key| lines.iter().find(|(k, _)| k == key))
            .map(|(_, v)| plain(v))
            .collect();
        assert!(
            page_one.starts_with(&printed[0]),
            "{stem}: page 1 starts {page_one}"
        );
        assert_in_order(
            page_one,
            &printed.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        // The DOCX has the title (its balanced lines) and the subtitle in their styles.
        let docx = built.docx(stem);
        let styled = |style: &str| {
            docx.iter()
                .find(|p| p.style.as_deref() == Some(style))
                .map(|p| plain(&p.text))
        };
        let value = |key: &str| lines.iter().find(|(k, _)| *k == key).map(|(_, v)| plain(v));
        assert_eq!(styled("Title"), value("标题"), "{stem}");
        assert_eq!(styled("Subtitle"), value("副标题"), "{stem}");
        assert_eq!(styled("Salutation"), value("称谓"), "{stem}");
    }
}

// ---------------------------------------------------------------------------------------------
// The half-year report

/// The sample's first-half figures, counted by hand from its records dated 1 January – 30 June
/// (the records of July to December must not count).
const SAMPLE_FIRST_HALF: &[(&str, u64)] = &[
    // 人代会 01-10; 主席团会议 01-09, 03-14, 05-22 (07-30, 10-17, 12-19 are later);
    // 代表小组活动 04-18.
    ("会议.人代会", 1),
    ("会议.主席团会议", 3),
    ("会议.代表小组活动", 1),
    ("会议.其他会议", 0),
    // 视察 04-09, 06-06; 调研 03-27, 06-20; 执法检查 05-15; 14+12+9+8+10 delegates.
    ("监督.总数", 5),
    ("监督.视察", 2),
    ("监督.调研", 2),
    ("监督.视察调研", 4),
    ("监督.执法检查", 1),
    ("监督.专题评议", 0),
    ("监督.参加代表", 53),
    // All 20 raised at the session in January; finished by 30 June: 03-08, 03-15, 03-29,
    // 04-15, 04-22, 04-30, 05-10, 05-28, 06-18, 06-25. The 6 finished later were still
    // being handled then, with the 3 still open: 9. One kept for reference.
    ("建议.总数", 20),
    ("建议.已办结", 10),
    ("建议.正在办理", 9),
    ("建议.留作参考", 1),
    ("建议.承办单位", 8),
    // 02-27 (42), 04-24 (38), 06-26 (45).
    ("培训.次数", 3),
    ("培训.人次", 125),
    // 03-31 and 06-30: 21+24, 48+52, 19+22, 16+20.
    ("联络站.活动次数", 2),
    ("联络站.代表进站", 45),
    ("联络站.接待选民", 100),
    ("联络站.收集意见", 41),
    ("联络站.解决问题", 36),
    // Reports to voters are all in November.
    ("述职.总数", 0),
    // 01-12 yes, 03-29 yes, 04-12 no, 05-17 yes, 06-08 no, 06-28 yes.
    ("宣传.报送", 6),
    ("宣传.录用", 4),
];

fn assert_counts(figures: &Figures, hand: &[(&str, u64)], what: &str) {
    for (name, n) in hand {
        assert_eq!(figures.count(name), Some(*n), "{what}: {name}");
    }
}

#[test]
fn the_half_year_report_counts_january_to_june_only() {
    let facts = loaded(SAMPLE).facts;
    let half = figures::compute(&facts, Period::FirstHalf);
    let year = figures::compute(&facts, Period::Year);
    assert_counts(&half, SAMPLE_FIRST_HALF, "sample, first half");
    // Against last year's first half (上年上半年), not last year's whole.
    assert_eq!(
        half.get("比上年.监督.总数").as_deref(),
        Some("比上年同期增加2次")
    );
    assert_eq!(
        half.get("比上年.联络站.接待选民").as_deref(),
        Some("比上年同期增加14人次")
    );
    // A half never counts more than its year, except what is still open at its end.
    for name in year.countable_names() {
        if name == "建议.正在办理" {
            continue;
        }
        assert!(
            half.count(&name) <= year.count(&name),
            "{name}: half {:?} > year {:?}",
            half.count(&name),
            year.count(&name)
        );
    }

    // The printed report quotes the half's figures, in the Markdown and in the PDF.
    let built = sample_all();
    let md = built.md("2024-half-year");
    let pdf = built.pdf_text("2024-half-year");
    for sentence in [
        "上半年，镇人大主席团共召开人代会1次、主席团会议3次，组织代表小组活动1次、视察调研4次、执法检查1次，督办代表建议20件、办结10件，举办代表学习培训3次",
        "上半年共召开主席团会议3次",
        "上半年共组织监督活动5次，比上年同期增加2次，其中视察2次、调研2次、执法检查1次，累计53人次代表参加",
        "代表共提出建议20件，比上年同期增加3件，会后全部交由8个承办单位办理。截至6月底，已办结10件，正在办理9件，留作参考1件",
        "上半年代表进站45人次，接待选民100人次，比上年同期增加14人次，收集意见建议41条，帮助解决实际问题36件。举办代表学习培训3次，比上年同期增加1次，参训125人次",
    ] {
        assert!(md.contains(sentence), "not in the Markdown: {sentence}");
        assert!(pdf.contains(&plain(sentence)), "not in the PDF: {sentence}");
    }
    // None of the year's own figures leak into it.
    for year_figure in [
        "主席团会议6次",
        "监督活动10次",
        "办结16件",
        "培训5次",
        "专题评议1次",
    ] {
        assert!(!md.contains(year_figure), "{year_figure} in the half-year");
    }
}

#[test]
fn the_half_year_report_has_the_speech_frame_and_numbered_tasks_for_the_second_half() {
    let built = sample_all();
    let md = built.md("2024-half-year");
    assert_eq!(
        headings(&md),
        [
            "# 一、2024年上半年工作回顾",
            "## （一）突出政治引领，确保人大工作正确方向",
            "## （二）依法开好会议，保障代表行使职权",
            "## （三）围绕民生关切，扎实开展监督",
            "## （四）抓好建议办理，推动实事落地",
            "## （五）服务代表履职，密切联系群众",
            "# 二、存在的不足",
            "# 三、下半年工作安排",
            "## （一）加强跟踪监督，推动年度目标落实",
            "## （二）加快建议办理，提高代表满意度",
            "## （三）丰富代表活动，发挥代表作用",
            "## （四）筹备年度会议，加强自身建设",
        ]
    );
    let pdf = built.pdf_text("2024-half-year");
    assert_in_order(
        &pdf,
        &[
            "各位代表：",
            "受青石镇人民代表大会主席团委托，现在我向会议报告主席团2024年上半年的工作，请予审议",
            "一、2024年上半年工作回顾",
            "表示衷心的感谢！",
            "二、存在的不足",
            "主要表现在：一是",
            "三、下半年工作安排",
            "2024年下半年，镇人大主席团工作的总体要求是：",
            "（一）加强跟踪监督",
            "（四）筹备年度会议",
            "各位代表，下半年任务繁重、责任重大。让我们",
        ],
    );
    // The DOCX has the same parts as headings Word lists in its navigation.
    let docx = built.docx("2024-half-year");
    let level = |style: &str| -> Vec<String> {
        docx.iter()
            .filter(|p| p.style.as_deref() == Some(style))
            .map(|p| p.text.clone())
            .collect()
    };
    assert_eq!(
        level("Heading1"),
        [
            "一、2024年上半年工作回顾",
            "二、存在的不足",
            "三、下半年工作安排"
        ]
    );
    assert_eq!(level("Heading2").len(), 9);
}

// ---------------------------------------------------------------------------------------------
// The work plan

#[test]
fn the_plan_sets_the_guiding_idea_then_areas_with_sub_points() {
    let built = sample_all();
    let md = built.md("2025-plan");
    let facts = loaded(SAMPLE).facts;
    let next = facts.next_year.as_ref().unwrap();
    let text = body(&md);
    // No speech frame.
    for phrase in ["各位代表", "请予审议", "让我们"] {
        assert!(!text.contains(phrase), "{phrase} in the plan");
    }
    // The guiding idea comes first, in one paragraph, before the first area; the year is not
    // said twice in a row after the opening that names it.
    let first_heading = text.find("\n# ").unwrap();
    let lead = &text[..first_heading];
    assert!(lead.contains("2025年是“十四五”规划的收官之年"), "{lead}");
    assert!(
        lead.contains(
            "之年。镇人大主席团全年工作的指导思想是：坚持以习近平新时代中国特色社会主义思想为指导"
        ),
        "{lead}"
    );
    // Then each area 一、 with its lead and its sub-points （一）, as the facts give them; an
    // area's long text (for the annual report) is not printed where it has sub-points.
    let mut expected = Vec::new();
    for (i, task) in next.tasks.iter().enumerate() {
        assert!(
            !task.sub_points.is_empty(),
            "the sample's areas have sub-points"
        );
        expected.push(format!(
            "# {}、{}",
            workreport::compose::numerals::chinese(i as u32 + 1),
            task.heading
        ));
        for (j, point) in task.sub_points.iter().enumerate() {
            expected.push(format!(
                "## （{}）{}",
                workreport::compose::numerals::chinese(j as u32 + 1),
                point.heading
            ));
        }
        assert!(
            text.contains(task.lead.as_deref().unwrap()),
            "{}",
            task.heading
        );
        assert!(!text.contains(&task.text), "{}", task.heading);
    }
    assert_eq!(headings(&md), expected);
    // The PDF in the same order.
    let pdf = built.pdf_text("2025-plan");
    assert_in_order(
        &pdf,
        &[
            "青石镇人民代表大会主席团2025年工作要点",
            "指导思想是：",
            "一、坚持正确方向",
            "（一）坚持党对人大工作的全面领导",
            "（二）抓好政治理论学习",
            "二、依法开好会议",
            "（一）开好镇人代会",
            "五、加强自身建设",
            "（二）加强人大宣传工作",
        ],
    );
}

/// The sample with its tasks' sub-points and leads taken out, as a clerk's file with areas only.
fn sample_without_sub_points(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let mut yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let tasks = yaml["下年工作"]["任务"].as_sequence_mut().unwrap();
    for task in tasks {
        let task = task.as_mapping_mut().unwrap();
        assert!(task.remove("分项").is_some());
        task.remove("导语");
    }
    let path = dir.join("无分项-2024.yaml");
    std::fs::write(&path, serde_yaml::to_string(&yaml).unwrap()).unwrap();
    path
}

#[test]
fn a_plan_whose_areas_have_no_sub_points_still_reads_right() {
    let dir = tempfile::tempdir().unwrap();
    let facts_path = sample_without_sub_points(dir.path());
    let out = build(path_str(&facts_path), dir.path(), &["--kind", "plan"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(dir.path().join("2025-plan.md")).unwrap();
    let facts = loaded(path_str(&facts_path)).facts;
    let tasks = &facts.next_year.as_ref().unwrap().tasks;
    // Each area is a heading followed by its own text, one paragraph; no sub-headings, no
    // empty paragraph where the lead would be.
    let text = body(&md);
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    assert!(paragraphs.iter().all(|p| !p.is_empty()), "{md}");
    assert!(!text.contains("\n## "), "{md}");
    for (i, task) in tasks.iter().enumerate() {
        let heading = format!(
            "# {}、{}",
            workreport::compose::numerals::chinese(i as u32 + 1),
            task.heading
        );
        let at = paragraphs.iter().position(|p| *p == heading).unwrap();
        assert_eq!(paragraphs[at + 1], task.text, "{heading}");
    }
    assert_eq!(
        paragraphs.iter().filter(|p| p.starts_with("# ")).count(),
        tasks.len()
    );
    let pdf = plain(
        &support::pdf_pages_text(&std::fs::read(dir.path().join("2025-plan.pdf")).unwrap())
            .concat(),
    );
    assert_in_order(
        &pdf,
        &[
            "指导思想是：",
            "一、坚持正确方向",
            &plain(&tasks[0].text),
            "二、依法开好会议",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// The summary

#[test]
fn the_summary_is_a_desk_document_without_the_speech_frame() {
    let built = sample_all();
    let md = built.md("2024-summary");
    let text = body(&md);
    for phrase in [
        "各位代表",
        "请予审议",
        "让我们",
        "号召",
        "表示衷心的感谢",
        "受青石镇",
    ] {
        assert!(!text.contains(phrase), "{phrase} in the summary");
    }
    assert_eq!(
        headings(&md)
            .into_iter()
            .filter(|h| h.starts_with("# "))
            .collect::<Vec<_>>(),
        [
            "# 一、2024年工作回顾",
            "# 二、存在的不足",
            "# 三、2025年工作计划"
        ]
    );
    // The year's review with the year's figures, the shortcomings, the plan; the document ends
    // with the last task, not a call.
    let facts = loaded(SAMPLE).facts;
    let last_task = facts.next_year.as_ref().unwrap().tasks.last().unwrap();
    assert!(text.trim_end().ends_with(&last_task.text), "{text}");
    let pdf = built.pdf_text("2024-summary");
    assert_in_order(
        &pdf,
        &[
            "一、2024年工作回顾",
            "全年共召开人代会1次、主席团会议6次，组织代表小组活动3次、视察调研7次、执法检查2次、专题评议1次，督办代表建议20件、办结16件，举办代表学习培训5次。",
            "二、存在的不足",
            "一是监督工作的刚性还不够强",
            "三、2025年工作计划",
            "2025年，镇人大主席团工作的指导思想是：",
            "（五）加强自身建设",
        ],
    );
    assert!(!pdf.contains("各位代表"));
}

// ---------------------------------------------------------------------------------------------
// The resolution draft

#[test]
fn the_resolution_draft_reads_as_the_session_adopts_it_and_fits_one_page() {
    let built = sample_all();
    let pages = built.pdf_pages("2024-resolution");
    assert_eq!(
        pages.len(),
        1,
        "the resolution runs over one page: {pages:?}"
    );
    // The year's key figures, counted by hand from the sample: 主席团会议 01-09, 03-14, 05-22,
    // 07-30, 10-17, 12-19; 4 视察 + 3 调研 + 2 执法检查 + 1 专题评议; 20 suggestions, 3 still
    // being handled and 1 kept for reference, so 16 finished; 19 of 20 satisfied.
    let year = figures::compute(&loaded(SAMPLE).facts, Period::Year);
    assert_counts(
        &year,
        &[
            ("会议.主席团会议", 6),
            ("监督.总数", 10),
            ("建议.总数", 20),
            ("建议.已办结", 16),
        ],
        "sample, year",
    );
    assert_eq!(year.get("建议.满意率").as_deref(), Some("95%"));
    assert_in_order(
        &pages[0],
        &[
            "青石镇第五届人民代表大会第五次会议文件（五）",
            "关于青石镇人民代表大会主席团工作报告的决议（草案）",
            "（2025年1月8日青石镇第五届人民代表大会第五次会议通过）",
            "青石镇第五届人民代表大会第五次会议听取和审议了李明同志代表青石镇人民代表大会主席团所作的工作报告。",
            "会议认为，过去一年，镇人大主席团在镇党委的坚强领导下，坚持党的领导、依法召开会议、聚焦中心工作、做实建议办理、密切代表联系、抓实学习培训、加强自身建设，",
            "全年召开主席团会议6次，开展视察、调研、执法检查和专题评议10次，督办代表建议20件、办结16件，代表满意率95%，",
            "会议同意报告提出的2025年工作安排。",
            "会议决定批准这个报告。",
            "会议要求，2025年，镇人大主席团要坚持正确方向、依法开好会议、突出监督重点、深化代表工作、加强自身建设，",
            "会议号召，",
            "—1—",
        ],
    );
    let md = built.md("2024-resolution");
    // No headings, no salutation, no speaker: the session speaks.
    assert!(headings(&md).is_empty(), "{md}");
    assert!(!md.contains("各位代表"));
    // A judgement drawn from the review, not its sentences copied.
    let facts = loaded(SAMPLE).facts;
    for section in &facts.review.as_ref().unwrap().sections {
        let lead: String = section.lead.chars().take(16).collect();
        assert!(!md.contains(&lead), "copied from the review: {lead}");
    }
    // The DOCX: no numbered heading either, every paragraph in the body style.
    let docx = built.docx("2024-resolution");
    assert!(docx
        .iter()
        .all(|p| !p.style.as_deref().unwrap_or("").starts_with("Heading")));
    assert!(docx.iter().any(|p| p.text.starts_with("会议号召，")));
}

// ---------------------------------------------------------------------------------------------
// Every quoted figure, for every kind

/// Every `{figure}` a kind's narrative quotes is printed, in its context, with the value of the
/// kind's own period: the half-year's with the first half's, the others with the year's.
#[test]
fn every_figure_quoted_is_the_one_of_its_kinds_period() {
    let built = sample_all();
    let facts = loaded(SAMPLE).facts;
    let year = figures::compute(&facts, Period::Year);
    for (kind, stem) in kinds::ALL.iter().zip(STEMS) {
        let figures = figures::compute(&facts, kind.period());
        let md = built.md(stem);
        let mut quoted = 0;
        let mut differs_from_year = 0;
        for (field, raw) in kind.narrative(&facts) {
            let pieces = pieces(raw).unwrap();
            for (i, piece) in pieces.iter().enumerate() {
                let Piece::Figure { name, .. } = piece else {
                    continue;
                };
                let value = figures
                    .get(name)
                    .unwrap_or_else(|| panic!("{field}: no figure {name}"));
                // The literal text either side, as far as the next reference or mark.
                let before = match i.checked_sub(1).map(|j| &pieces[j]) {
                    Some(Piece::Text(t)) => tail_chars(t, 4),
                    _ => String::new(),
                };
                let after = match pieces.get(i + 1) {
                    Some(Piece::Text(t)) => t.chars().take(1).collect(),
                    _ => String::new(),
                };
                let printed = format!("{before}{value}{after}");
                assert!(
                    md.contains(&printed),
                    "{stem}: {field} quotes {{{name}}} as “{printed}”, not found"
                );
                quoted += 1;
                if year.get(name).as_deref() != Some(value.as_str()) {
                    differs_from_year += 1;
                }
            }
        }
        match kind.id() {
            "annual" | "summary" => assert!(quoted >= 30, "{stem}: {quoted}"),
            "half-year" => {
                assert!(quoted >= 20, "{stem}: {quoted}");
                // The half's figures are not the year's: the check above tells them apart.
                assert!(differs_from_year >= 15, "{stem}: {differs_from_year}");
            }
            _ => {}
        }
    }
}

/// The last `n` characters of `s`, or fewer up to a mark that ends a clause (the points are
/// joined with their own marks).
fn tail_chars(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let tail = &chars[chars.len().saturating_sub(n)..];
    let from = tail
        .iter()
        .rposition(|c| "。；，、：".contains(*c))
        .map_or(0, |i| i + 1);
    tail[from..].iter().collect()
}

// ---------------------------------------------------------------------------------------------
// The July facts file

/// The July fixture's first half, counted by hand (it has no later records).
const JULY_FIRST_HALF: &[(&str, u64)] = &[
    // 主席团会议 01-19, 04-11; 人代会 01-20; 代表小组活动 05-16.
    ("会议.人代会", 1),
    ("会议.主席团会议", 2),
    ("会议.代表小组活动", 1),
    // 视察 03-21 (8), 调研 06-12 (6).
    ("监督.视察调研", 2),
    ("监督.参加代表", 14),
    // Four suggestions, one raised on 05-08; finished: 04-30, and one marked finished with no
    // date; satisfied 3 of 4.
    ("建议.总数", 4),
    ("建议.已办结", 2),
    ("建议.正在办理", 2),
    ("建议.满意", 3),
    ("培训.次数", 1),
    // 03-31 and 06-28: 22 + 25 voters.
    ("联络站.接待选民", 47),
];

#[test]
fn the_july_facts_build_the_half_year_report_with_hand_counted_figures() {
    let half = figures::compute(&loaded(JULY).facts, Period::FirstHalf);
    assert_counts(&half, JULY_FIRST_HALF, "July, first half");
    let dir = tempfile::tempdir().unwrap();
    let out = build(JULY, dir.path(), &["--kind", "half-year"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        files_in(dir.path()),
        [
            "2024-half-year.docx",
            "2024-half-year.md",
            "2024-half-year.pdf"
        ]
    );
    let md = std::fs::read_to_string(dir.path().join("2024-half-year.md")).unwrap();
    let pdf = plain(
        &support::pdf_pages_text(&std::fs::read(dir.path().join("2024-half-year.pdf")).unwrap())
            .concat(),
    );
    for sentence in [
        "上半年，镇人大主席团共召开人代会1次、主席团会议2次，组织代表小组活动1次、视察调研2次，督办代表建议4件、办结2件，举办代表学习培训1次",
        "上半年组织视察调研2次，比上年同期增加1次，累计14人次代表参加。",
        "一是召开主席团会议2次；二是接待选民47人次。",
        "代表提出建议4件，比上年同期增加1件，已办结2件，正在办理2件，满意率75%。",
        // One shortcoming is not numbered: 一是 would promise a 二是.
        "主要表现在：建议办理进度不够快。对这些不足",
        "# 三、下半年工作安排",
        "## （一）抓好建议办理",
    ] {
        assert!(md.contains(sentence), "{sentence}\n{md}");
        assert!(pdf.contains(&plain(sentence.trim_start_matches('#'))), "{sentence}");
    }
}

#[test]
fn the_july_facts_refuse_the_annual_report_naming_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out = build(JULY, &out_dir, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    // The first missing piece at its place, each in Chinese with what to write instead.
    assert!(
        err.contains("july-2024.yaml:3:1: 单位.报告日期：年度工作报告需要“单位.报告日期”"),
        "{err}"
    );
    assert!(err.contains("写法：在“单位”下写 报告日期: "), "{err}");
    for field in ["回顾.部分", "感谢", "下年工作", "结束语"] {
        assert!(
            err.contains(&format!("年度工作报告需要“{field}”")),
            "{field}: {err}"
        );
    }
    // The file has no second half yet: said, with the kind to make in July.
    assert!(err.contains("--kind half-year"), "{err}");
    assert!(
        files_in(&out_dir).is_empty(),
        "written: {:?}",
        files_in(&out_dir)
    );
    // `check --kind` says the same without building; the half-year passes.
    let check = workreport(&["check", JULY, "--kind", "annual"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains("年度工作报告需要“单位.报告日期”"));
    let check = workreport(&["check", JULY, "--kind", "half-year"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn kind_all_builds_what_the_facts_feed_and_says_what_it_skipped_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = build(JULY, dir.path(), &["--kind", "all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        files_in(dir.path()),
        [
            "2024-half-year.docx",
            "2024-half-year.md",
            "2024-half-year.pdf"
        ]
    );
    let err = stderr(&out);
    for (skipped, why) in [
        ("年度工作报告（annual）", "需要“单位.报告日期”"),
        ("工作要点（plan）", "需要“下年工作”"),
        ("工作总结和工作计划（summary）", "需要“回顾.部分”"),
        ("决议（草案）（resolution）", "需要“下年工作.任务”"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("未生成{skipped}")))
            .unwrap_or_else(|| panic!("{skipped} not said: {err}"));
        assert!(line.contains(why), "{line}");
        assert!(line.contains("july-2024.yaml:"), "{line}");
    }
    assert!(!err.contains("未生成上半年工作报告"), "{err}");

    // And the other way round: a file with no 上半年 block builds the rest and says why not
    // the half-year.
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let mut yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    yaml.as_mapping_mut().unwrap().remove("上半年").unwrap();
    let facts_path = dir.path().join("无上半年-2024.yaml");
    std::fs::write(&facts_path, serde_yaml::to_string(&yaml).unwrap()).unwrap();
    let out_dir = dir.path().join("out");
    let out = build(
        path_str(&facts_path),
        &out_dir,
        &["--kind", "all", "--to", "md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        files_in(&out_dir),
        [
            "2024-annual.md",
            "2024-resolution.md",
            "2024-summary.md",
            "2025-plan.md"
        ]
    );
    let err = stderr(&out);
    assert!(
        err.contains("未生成上半年工作报告（half-year）：需要“上半年”"),
        "{err}"
    );
}

/// A facts file's records moved to the second half (dates of January–June six months on, every
/// suggestion raised in July): a file with nothing yet to report on the first half.
fn moved_to_the_second_half(yaml: &mut serde_yaml::Value) {
    for list in ["会议", "监督", "代表建议", "培训", "联络站", "述职", "宣传"] {
        let Some(records) = yaml.get_mut(list).and_then(|l| l.as_sequence_mut()) else {
            continue;
        };
        for record in records {
            let record = record.as_mapping_mut().unwrap();
            for key in ["日期", "办结日期", "提出日期"] {
                if let Some(serde_yaml::Value::String(date)) = record.get_mut(key) {
                    let (month, day) = (&date[5..7], &date[8..10]);
                    let month: u32 = month.parse().unwrap();
                    if month <= 6 {
                        let day = day.parse::<u32>().unwrap().min(30);
                        *date = format!("2024-{:02}-{day:02}", month + 6);
                    }
                }
            }
            if list == "代表建议" && !record.contains_key("提出日期") {
                record.insert("提出日期".into(), "2024-07-25".into());
            }
        }
    }
}

/// `check --kind` says what a kind needs and does not find, at the place to write it: a plan
/// with no tasks, a half-year report with no record of the first half.
#[test]
fn check_says_what_each_kind_misses_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut sample: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    sample["下年工作"]["任务"] = serde_yaml::Value::Sequence(Vec::new());
    let no_tasks = dir.path().join("无任务-2024.yaml");
    let text = serde_yaml::to_string(&sample).unwrap();
    std::fs::write(&no_tasks, &text).unwrap();
    let line = 1 + text.lines().position(|l| l.trim() == "任务: []").unwrap();
    let out = workreport(&["check", path_str(&no_tasks), "--kind", "plan"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("无任务-2024.yaml:{line}:"))
            && err.contains("工作要点需要“下年工作.任务”"),
        "{err}"
    );

    let mut july: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(JULY).unwrap()).unwrap();
    moved_to_the_second_half(&mut july);
    let late = dir.path().join("下半年才有记录-2024.yaml");
    let text = serde_yaml::to_string(&july).unwrap();
    std::fs::write(&late, &text).unwrap();
    let line = 1 + text.lines().position(|l| l.starts_with("年度:")).unwrap();
    let out = workreport(&["check", path_str(&late), "--kind", "half-year"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("下半年才有记录-2024.yaml:{line}:"))
            && err.contains("上半年工作报告需要上半年（2024-01-01至2024-06-30）的记录"),
        "{err}"
    );
}

/// The starter from `workreport init` feeds every kind once its commented 上半年 block is
/// written in (the clerk takes out the `# `), as its comments say.
#[test]
fn the_starter_with_its_half_year_block_feeds_every_kind() {
    let mut on = false;
    let uncommented: Vec<&str> = workreport::compose::starter_facts()
        .lines()
        .map(|line| {
            if line.starts_with("# 上年上半年:") {
                on = true;
            } else if line.starts_with("# 决议") {
                on = false;
            }
            match line.strip_prefix("# ") {
                Some(rest) if on => rest,
                _ => line,
            }
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let facts_path = dir.path().join("facts.yaml");
    std::fs::write(&facts_path, uncommented.join("\n")).unwrap();
    let out_dir = dir.path().join("out");
    let out = build(
        path_str(&facts_path),
        &out_dir,
        &["--kind", "all", "--to", "md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("未生成"), "{}", stderr(&out));
    assert_eq!(files_in(&out_dir).len(), 5, "{:?}", files_in(&out_dir));
    let plan = std::fs::read_to_string(out_dir.join("2025-plan.md")).unwrap();
    assert!(plan.contains("## （一）开展专题视察"), "{plan}");
}

// ---------------------------------------------------------------------------------------------
// Markdown reports and the clerk's templates

/// A report's 文种 may be any of a kind's names, in English or Chinese: the report builds
/// (its outputs named after its own file, as every hand-made report's are) and comes out as
/// it went in.
#[test]
fn front_matter_names_every_kind_in_english_and_chinese() {
    let built = sample_all();
    let dir = tempfile::tempdir().unwrap();
    let names: [(&str, &[&str]); 5] = [
        ("2024-annual", &["annual", "年度工作报告"]),
        ("2024-half-year", &["half-year", "上半年"]),
        ("2025-plan", &["plan", "工作要点"]),
        ("2024-summary", &["summary", "总结"]),
        ("2024-resolution", &["resolution", "决议"]),
    ];
    for (stem, names) in names {
        let md = built.md(stem);
        let id = front_matter(&md)["文种"].clone();
        for name in names.iter() {
            let edited = md.replacen(&format!("文种: {id}\n"), &format!("文种: {name}\n"), 1);
            assert!(edited != md || *name == id, "{stem}: no 文种 line");
            let input = dir.path().join(format!("{name}.md"));
            std::fs::write(&input, &edited).unwrap();
            let out_dir = dir.path().join(name);
            let out = build(path_str(&input), &out_dir, &["--to", "md"]);
            assert!(out.status.success(), "{name}: {}", stderr(&out));
            assert_eq!(files_in(&out_dir), [format!("{name}.md")], "{name}");
            let again = std::fs::read_to_string(out_dir.join(format!("{name}.md"))).unwrap();
            assert!(
                again == edited,
                "{name}: the report changed on the way through"
            );
        }
    }
}

/// A clerk's template of the same name replaces a kind's own, each kind separately; a kind
/// left alone keeps the built-in one.
#[test]
fn templates_override_each_kind_by_its_file_name() {
    let built = sample_all();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("模板");
    std::fs::create_dir(&tpl).unwrap();
    let changes = [
        (
            "half-year",
            "为完成全年目标任务打下了良好基础",
            "为全年工作开了好头",
        ),
        ("plan", "全年工作的指导思想是", "全年工作的总体思路是"),
        ("summary", "还存在一些不足", "还存在以下几个方面的不足"),
        (
            "resolution",
            "会议号召，全镇人大代表",
            "会议号召，全镇各级人大代表",
        ),
    ];
    for (id, from, to) in changes {
        let name = kinds::by_name(id).unwrap().template().0;
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        assert!(text.contains(from), "{name}");
        std::fs::write(tpl.join(name), text.replace(from, to)).unwrap();
    }
    let out_dir = dir.path().join("out");
    let out = build(
        SAMPLE,
        &out_dir,
        &["--kind", "all", "--to", "md", "--templates", path_str(&tpl)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let read = |stem: &str| std::fs::read_to_string(out_dir.join(format!("{stem}.md"))).unwrap();
    for ((_, from, to), stem) in changes.iter().zip([
        "2024-half-year",
        "2025-plan",
        "2024-summary",
        "2024-resolution",
    ]) {
        let md = read(stem);
        assert!(md.contains(to) && !md.contains(from), "{stem}:\n{md}");
        assert_eq!(
            md.replace(to, from),
            built.md(stem),
            "{stem}: more than the override changed"
        );
    }
    assert_eq!(read("2024-annual"), built.md("2024-annual"));
}

// ---------------------------------------------------------------------------------------------
// The GB/T 9704 checkers

/// Every kind's PDF passes ../shared/tools/pdf_layout_check.py, its DOCX docx_layout_check.py
/// and the OOXML schema validator docx_validate.sh (the resolution has no numbered headings).
#[test]
fn every_kinds_pdf_and_docx_pass_the_checkers() {
    let built = sample_all();
    for stem in STEMS {
        let pdf = built.dir.join(format!("{stem}.pdf"));
        if let Some(report) =
            support::run_checker("pdf_layout_check.py", "pdfplumber, pikepdf", &pdf)
        {
            eprintln!("{stem}.pdf: {}", report.lines().last().unwrap_or(""));
            support::assert_all_rules_pass(&report);
        }
        let docx = built.dir.join(format!("{stem}.docx"));
        if let Some(report) = support::run_checker("docx_layout_check.py", "lxml, docx", &docx) {
            eprintln!("{stem}.docx: {}", report.lines().last().unwrap_or(""));
            support::assert_all_rules_pass(&report);
        }
    }
    let validator = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/docx_validate.sh"),
        PathBuf::from("/work/shared/tools/docx_validate.sh"),
    ]
    .into_iter()
    .find(|p| p.exists());
    let Some(validator) = validator else {
        support::tool_missing("../shared/tools/docx_validate.sh");
        return;
    };
    let files: Vec<PathBuf> = STEMS
        .iter()
        .map(|stem| built.dir.join(format!("{stem}.docx")))
        .collect();
    let out = Command::new("bash")
        .arg(validator)
        .args(&files)
        .output()
        .expect("bash runs");
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    match out.status.code() {
        Some(0) => assert_eq!(
            report.matches(": 0 errors").count(),
            STEMS.len(),
            "{report}"
        ),
        // The validator could not be installed or run (no npm, no network).
        Some(2) => {
            support::tool_missing("the OOXML validator of docx_validate.sh");
        }
        _ => panic!("{report}{}", stderr(&out)),
    }
}
