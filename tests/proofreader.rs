//! `workreport check`, the proofreader (issue #11): each rule on a facts file and on a
//! report's Markdown with the defect planted, found at its line and column (in characters);
//! the sample clean; `--fix` writing a new file that passes, the input untouched; JSON for
//! tools; `build` refusing what check calls an error, and `--draft` building it anyway.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use workreport::check::{self, CheckOptions};
use workreport::diag::Diagnostics;
use workreport::fonts::FontOptions;

const SAMPLE_TEXT: &str = include_str!("../sample-data/qingshi-2024.yaml");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
}

fn workreport(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workreport"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("workreport runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The sample with each `(from, to)` replaced once (each `from` must be there).
fn planted(edits: &[(&str, &str)]) -> String {
    let mut text = SAMPLE_TEXT.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the sample has {from}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].chars().count() + 1)
}

/// Where `mark` stands inside the only occurrence of `context` in `text`.
fn place(text: &str, context: &str, mark: &str) -> (usize, usize) {
    assert_eq!(text.matches(context).count(), 1, "{context} once");
    let at = text.find(context).unwrap() + context.find(mark).expect("mark in context");
    line_column(text, at)
}

/// The (rule, line, column) of every finding.
fn places(found: &Diagnostics) -> Vec<(&'static str, usize, usize)> {
    found
        .iter()
        .filter_map(|d| d.line_column().map(|(l, c)| (d.code.id, l, c)))
        .collect()
}

fn check_facts(text: &str) -> Diagnostics {
    match check::parse(text.as_bytes(), "planted.yaml") {
        Ok(loaded) => loaded.warnings,
        Err(found) => found,
    }
}

/// Each rule on a copy of the sample with its defect planted in the narrative: found at the
/// line and column of the planted text.
#[test]
fn every_rule_finds_its_defect_in_a_facts_file() {
    let cases: &[(&str, &str, &str, &str)] = &[
        // (rule, the sample's text, planted text, the spot in it)
        (
            "text/placeholder",
            "全年召开主席团会议{会议.主席团会议}次",
            "全年召开主席团会议xx次",
            "xx",
        ),
        (
            "text/halfwidth-punctuation",
            "紧扣全镇发展大局，守正创新",
            "紧扣全镇发展大局,守正创新",
            ",",
        ),
        (
            "text/english-quotes",
            "落实“第一议题”制度，全年",
            "落实\"第一议题\"制度，全年",
            "\"",
        ),
        (
            "text/unbalanced-pair",
            "深化“双联系”制度",
            "深化“双联系制度",
            "“",
        ),
        (
            "text/date-style",
            "召开全镇人大工作座谈会，邀请",
            "2024.9.12召开全镇人大工作座谈会，邀请",
            "2024.9.12",
        ),
        (
            "text/number-style",
            "满意率达{建议.满意率}",
            "满意率达百分之九十五",
            "百分之九十五",
        ),
        (
            "text/contradictory-figures",
            "录用率{宣传.录用率}",
            "录用率120%",
            "120",
        ),
        (
            "text/typed-figure-differs",
            "共收到代表建议{建议.总数}件",
            "共收到代表建议18件",
            "18",
        ),
        (
            "text/typed-figure",
            "全年组织监督活动{监督.总数}次",
            "全年组织监督活动10次",
            "10",
        ),
    ];
    for &(rule, from, to, spot) in cases {
        let text = planted(&[(from, to)]);
        let found = check_facts(&text);
        let want = place(&text, to, spot);
        assert!(
            places(&found).contains(&(rule, want.0, want.1)),
            "{rule} at {want:?}:\n{found}"
        );
        let d = found.iter().find(|d| d.code.id == rule).unwrap();
        assert!(d.field.as_deref().is_some_and(|f| !f.is_empty()), "{d}");
    }
}

#[test]
fn a_sentence_said_twice_and_a_record_typed_twice_in_a_facts_file() {
    let first = "监督工作的刚性还不够强，跟踪问效的措施不够有力，少数视察发现的问题整改进度偏慢";
    let second =
        "代表小组活动的质量参差不齐，部分代表闭会期间参与活动不够经常，主体作用发挥还不充分";
    let text = planted(&[(second, first)]);
    let found = check_facts(&text);
    let at = text.rfind(first).unwrap();
    assert!(
        places(&found).contains(&(
            "text/repeated-sentence",
            line_column(&text, at).0,
            line_column(&text, at).1
        )),
        "{found}"
    );
    let record =
        "  - 日期: 2024-02-27\n    主题: 学习贯彻全国人大成立70周年有关精神\n    参加人数: 42\n";
    let text = planted(&[(record, &format!("{record}{record}"))]);
    let found = check_facts(&text);
    let second = text.find(record).unwrap() + record.len() + "  - ".len();
    let (line, _) = line_column(&text, second);
    assert!(
        found
            .iter()
            .any(|d| d.code.id == "facts/duplicate-record" && d.line_column().unwrap().0 == line),
        "{found}"
    );
}

/// Each rule on a real-shaped report's Markdown, at its line and column in REPORT.md.
#[test]
fn every_rule_finds_its_defect_in_a_markdown_report() {
    let path = fixture("unproofed.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let found = check::run(&path, &CheckOptions::default());
    let got = places(&found);
    let cases: &[(&str, &str, &str)] = &[
        ("text/placeholder", "报告人: 镇人大主席　xx", "xx"),
        ("text/placeholder", "视察x次", "x"),
        ("text/placeholder", "调研XX次", "XX"),
        ("text/placeholder", "意见建议××条", "××"),
        ("text/placeholder", "问题__件", "__"),
        ("text/placeholder", "【待补充】", "【"),
        ("text/placeholder", "TODO 核对", "TODO"),
        ("text/halfwidth-punctuation", "抓监督,推动", ","),
        ("text/halfwidth-punctuation", "会议认为:监督", ":"),
        ("text/english-quotes", "作为\"民生工程\"来抓", "\""),
        ("text/date-style", "于2024.6.18召开", "2024.6.18"),
        ("text/number-style", "百分之九十八", "百"),
        ("text/number-style", "1,260人次", "1,260"),
        ("text/contradictory-figures", "已办结18件", "18"),
        ("text/contradictory-figures", "群众满意率105%", "105"),
        ("text/contradictory-figures", "| 交通道路 | 6 | 7 |", "7"),
        ("text/unbalanced-pair", "《代表法〉", "〉"),
        ("text/unbalanced-pair", "开展“履职", "“"),
        (
            "text/repeated-row",
            "| 农业农村 | 5 | 5 |\n| 农业农村",
            "农业农村 | 5 | 5 |\n| 农业",
        ),
        ("markdown/empty-section", "## （四）加强自身建设", "（四）"),
    ];
    for &(rule, context, spot) in cases {
        let (line, column) = if rule == "text/repeated-row" {
            let at = text.find(context).unwrap() + context.rfind("农业农村").unwrap();
            line_column(&text, at)
        } else {
            place(&text, context, spot)
        };
        assert!(
            got.contains(&(rule, line, column)),
            "{rule} at {line}:{column}:\n{found}"
        );
    }
    let repeated = "主席团将坚持问题导向，推动代表建议办理提质增效，让群众看到实实在在的变化";
    let second = text.rfind(repeated).unwrap();
    let (line, column) = line_column(&text, second);
    assert!(
        got.contains(&("text/repeated-sentence", line, column)),
        "{found}"
    );
    // The annual report's shortcomings are nowhere: a warning with how to write them.
    let missing = found
        .iter()
        .find(|d| d.code.id == "markdown/missing-part")
        .expect("missing part");
    assert!(missing.message.contains("存在的不足"), "{missing}");
    // A report without defects of these kinds gives none of them.
    let clean = check::run(&fixture("shapes.md"), &CheckOptions::default());
    assert!(!clean.has_errors(), "{clean}");
}

/// The layout's glyph check, before any page is set: a character no font has is an error at
/// its place in the facts file, a rare one printed from another face a warning.
#[test]
fn characters_no_font_prints_are_found_in_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let text = planted(&[("紧扣全镇发展大局", "紧扣全镇\u{E000}发展大局")]);
    let path = dir.path().join("glyph.yaml");
    std::fs::write(&path, &text).unwrap();
    let opts = CheckOptions {
        fonts: Some(FontOptions::default()),
        ..CheckOptions::default()
    };
    let found = check::run(&path, &opts);
    let at = place(&text, "全镇\u{E000}发展", "\u{E000}");
    assert!(
        places(&found).contains(&("layout/missing-glyph", at.0, at.1)),
        "{found}"
    );
    assert!(found.has_errors());
    let sample = check::run(Path::new(support::SAMPLE), &opts);
    let rare: Vec<&str> = sample
        .iter()
        .filter(|d| d.code.id == "layout/font-fallback")
        .map(|d| d.span.as_ref().unwrap().text())
        .collect();
    assert_eq!(rare, ["堃", "珺"], "{sample}");
}

/// The sample passes: no error, and no warning but the two rare characters of names.
#[test]
fn the_sample_is_clean() {
    let out = workreport(
        &["check", support::SAMPLE],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let found = check::run(
        Path::new(support::SAMPLE),
        &CheckOptions {
            kind: workreport::kinds::Selection::All,
            ..CheckOptions::default()
        },
    );
    assert!(found.is_empty(), "{found}");
}

/// The "done when": a copy of the sample with a planted xx次 and a half-width comma
/// fails check with both at their line and column; build refuses it and writes nothing;
/// --draft builds it and says what it skipped.
#[test]
fn a_planted_copy_fails_check_and_build_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = planted(&[
        (
            "全年召开主席团会议{会议.主席团会议}次",
            "全年召开主席团会议xx次",
        ),
        ("紧扣全镇发展大局，守正创新", "紧扣全镇发展大局,守正创新"),
    ]);
    std::fs::write(dir.path().join("planted.yaml"), &text).unwrap();
    let out = workreport(&["check", "planted.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let msg = stderr(&out);
    for (rule, context, spot) in [
        ("text/placeholder", "全年召开主席团会议xx次", "xx"),
        ("text/halfwidth-punctuation", "发展大局,守正", ","),
    ] {
        let (line, column) = place(&text, context, spot);
        assert!(msg.contains(&format!("[{rule}]")), "{msg}");
        // The message and miette's snippet header name the same place.
        assert!(
            msg.contains(&format!("planted.yaml:{line}:{column}: ")),
            "{line}:{column}\n{msg}"
        );
        assert!(
            msg.contains(&format!("[planted.yaml:{line}:{column}]")),
            "{msg}"
        );
    }
    let build = workreport(
        &["build", "planted.yaml", "-o", "out", "--to", "md"],
        dir.path(),
    );
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("[text/placeholder]"),
        "{}",
        stderr(&build)
    );
    assert!(!dir.path().join("out").exists());
    let draft = workreport(
        &[
            "build",
            "planted.yaml",
            "-o",
            "out",
            "--to",
            "md",
            "--draft",
        ],
        dir.path(),
    );
    assert!(draft.status.success(), "{}", stderr(&draft));
    assert!(
        stderr(&draft).contains("草稿：跳过了 1 个问题"),
        "{}",
        stderr(&draft)
    );
    assert_eq!(
        support::files_in(&dir.path().join("out")),
        ["2024-annual.md"]
    );
}

/// A real-shaped Markdown report with placeholders and half-width marks gets every one
/// listed, each once; its build is refused.
#[test]
fn every_placeholder_and_half_width_mark_of_a_markdown_report_is_listed() {
    let path = fixture("unproofed.md");
    let out = workreport(
        &["check", path.to_str().unwrap(), "--format", "json"],
        Path::new("."),
    );
    assert_eq!(out.status.code(), Some(1));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let count = |rule: &str| {
        found
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .count()
    };
    assert_eq!(count("text/placeholder"), 7);
    assert_eq!(count("text/halfwidth-punctuation"), 2);
    let dir = tempfile::tempdir().unwrap();
    let build = workreport(
        &[
            "build",
            path.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
            "--to",
            "md",
        ],
        Path::new("."),
    );
    assert_eq!(build.status.code(), Some(1), "{}", stderr(&build));
    assert!(support::files_in(dir.path()).is_empty());
}

/// One JSON object per finding, with rule, severity, file, line, column, byte range, message
/// and fix; the byte range is the spot.
#[test]
fn json_is_one_object_per_finding() {
    let path = fixture("unproofed.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = workreport(
        &["check", path.to_str().unwrap(), "--format", "json"],
        Path::new("."),
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let all = found.as_array().unwrap();
    assert!(all.len() > 20);
    for f in all {
        for key in [
            "rule", "severity", "file", "line", "column", "start", "end", "message", "fix",
        ] {
            assert!(f.get(key).is_some(), "{key} in {f}");
        }
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        let (line, column) = line_column(&text, start);
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(line as u64), Some(column as u64)),
            "{f}"
        );
        if let Some(fix) = f["fix"].as_object() {
            assert_eq!(fix["start"].as_u64(), Some(start as u64));
            assert!(end <= text.len());
        }
    }
}

/// --fix writes the mechanical fixes to a new file, which passes check for those rules; the
/// input is untouched; the input itself or an existing file is refused (the latter unless
/// --force).
#[test]
fn fix_writes_a_new_file_that_passes_and_leaves_the_input_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("report.md");
    std::fs::copy(fixture("unproofed.md"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = workreport(&["check", "report.md", "--fix", "fixed.md"], dir.path());
    assert_eq!(out.status.code(), Some(1), "the placeholders remain errors");
    assert!(stderr(&out).contains("写出 fixed.md"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&input).unwrap(), before, "input untouched");
    let fixed = std::fs::read_to_string(dir.path().join("fixed.md")).unwrap();
    assert!(
        fixed.contains("抓监督，推动") && fixed.contains("作为“民生工程”来抓"),
        "{fixed}"
    );
    assert!(
        fixed.contains("于2024年6月18日召开")
            && fixed.contains("达98%")
            && fixed.contains("1260人次")
    );
    assert!(fixed.contains("《代表法》"), "{fixed}");
    let again = check::run(&dir.path().join("fixed.md"), &CheckOptions::default());
    for d in &again {
        assert!(
            !check::fix::MECHANICAL.contains(&d.code) || d.fix.is_none(),
            "left: {d}"
        );
    }
    // The placeholders are still there for the clerk.
    assert!(again.iter().any(|d| d.code.id == "text/placeholder"));

    let same = workreport(&["check", "report.md", "--fix", "report.md"], dir.path());
    assert_eq!(same.status.code(), Some(1));
    assert!(stderr(&same).contains("就是输入文件"), "{}", stderr(&same));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let exists = workreport(&["check", "report.md", "--fix", "fixed.md"], dir.path());
    assert!(stderr(&exists).contains("已存在"), "{}", stderr(&exists));
    let forced = workreport(
        &["check", "report.md", "--fix", "fixed.md", "--force"],
        dir.path(),
    );
    assert!(
        stderr(&forced).contains("写出 fixed.md"),
        "{}",
        stderr(&forced)
    );
}

/// --fix on a facts file: the half-width comma fixed in place in the YAML, which still loads.
#[test]
fn fix_on_a_facts_file_keeps_it_valid() {
    let dir = tempfile::tempdir().unwrap();
    let text = planted(&[
        ("紧扣全镇发展大局，守正创新", "紧扣全镇发展大局,守正创新"),
        ("落实“第一议题”制度，全年", "落实\"第一议题\"制度，全年"),
    ]);
    std::fs::write(dir.path().join("w.yaml"), &text).unwrap();
    let out = workreport(&["check", "w.yaml", "--fix", "fixed.yaml"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(dir.path().join("fixed.yaml")).unwrap();
    assert_eq!(fixed, SAMPLE_TEXT);
    let warn = workreport(&["check", "w.yaml", "--deny-warnings"], dir.path());
    assert_eq!(
        warn.status.code(),
        Some(1),
        "warnings fail with --deny-warnings"
    );
}
