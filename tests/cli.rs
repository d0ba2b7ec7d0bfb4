//! The command line as a clerk meets it: the sample builds into every format, bad input is
//! refused with a located Chinese message and exit status 1, and a failed run writes nothing.

mod support;
use support::files_in;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = "sample-data/qingshi-2024.yaml";

fn workreport(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workreport"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("workreport runs")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn sample_builds_every_format_and_leaves_the_input_alone() {
    let out_dir = tempfile::tempdir().unwrap();
    let sample = root().join(SAMPLE);
    let before = std::fs::read(&sample).unwrap();
    let out = workreport(
        &[
            "build",
            sample.to_str().unwrap(),
            "-o",
            out_dir.path().to_str().unwrap(),
        ],
        &root(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        files_in(out_dir.path()),
        vec!["2024-annual.docx", "2024-annual.md", "2024-annual.pdf"]
    );
    assert_eq!(std::fs::read(&sample).unwrap(), before, "input modified");
    let md = std::fs::read_to_string(out_dir.path().join("2024-annual.md")).unwrap();
    assert!(md.contains("各位代表"), "{md}");
    for placeholder in ["xx", "XX", "x次", "__年", "{{", "{%"] {
        assert!(
            !md.contains(placeholder),
            "placeholder {placeholder} in output"
        );
    }
}

#[test]
fn edited_markdown_rebuilds_into_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    let first = workreport(
        &[
            "build",
            &root().join(SAMPLE).to_string_lossy(),
            "--to",
            "md",
            "-o",
            &dir.path().to_string_lossy(),
        ],
        &root(),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let md_path = dir.path().join("2024-annual.md");
    let original = std::fs::read_to_string(&md_path).unwrap();
    // A clerk changes one sentence by hand and rebuilds from the Markdown.
    let edited = original.replacen("各位代表：", "各位代表、同志们：", 1);
    let edited_path = dir.path().join("edited.md");
    std::fs::write(&edited_path, &edited).unwrap();
    let second_dir = dir.path().join("second");
    let out = workreport(
        &[
            "build",
            &edited_path.to_string_lossy(),
            "--to",
            "md,docx",
            "-o",
            &second_dir.to_string_lossy(),
        ],
        &root(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // A hand-made report names its outputs after itself.
    let rebuilt = std::fs::read_to_string(second_dir.join("edited.md")).unwrap();
    assert_eq!(rebuilt, edited.replace("\r\n", "\n"));
    assert!(second_dir.join("edited.docx").exists());
}

/// Writes `facts` to a file and builds it into a folder that already holds a good output.
fn build_bad(facts: &[u8]) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bad.yaml");
    std::fs::write(&input, facts).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(out_dir.join("2024-annual.md"), "good old output").unwrap();
    let out = workreport(
        &[
            "build",
            &input.to_string_lossy(),
            "-o",
            &out_dir.to_string_lossy(),
        ],
        dir.path(),
    );
    (out, dir)
}

fn assert_refused_untouched(out: &Output, dir: &Path, expect: &[&str]) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    let msg = stderr(out);
    for e in expect {
        assert!(msg.contains(e), "message lacks {e:?}:\n{msg}");
    }
    let out_dir = dir.join("out");
    assert_eq!(
        files_in(&out_dir),
        vec!["2024-annual.md"],
        "something written"
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("2024-annual.md")).unwrap(),
        "good old output"
    );
}

#[test]
fn an_invalid_date_is_refused_with_its_location_and_nothing_is_written() {
    let sample = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    // Break the first full date of the file.
    let at = sample.find("2024-").expect("sample has dates");
    let mut broken = sample.clone();
    broken.replace_range(at..at + 10, "2024-13-01");
    let line = sample[..at].matches('\n').count() + 1;
    let column = sample[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    let (out, dir) = build_bad(broken.as_bytes());
    assert_refused_untouched(
        &out,
        dir.path(),
        &[
            "2024-13-01",
            "YYYY-MM-DD",
            &format!("bad.yaml:{line}:{column}"),
        ],
    );
}

/// A report's Markdown, written next to a folder holding a good output, then built.
fn build_markdown(md: &[u8], extra: &[&str]) -> (Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("report.md");
    std::fs::write(&input, md).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(out_dir.join("2024-annual.md"), "good old output").unwrap();
    let mut args = vec!["build", "report.md", "-o", "out"];
    args.extend_from_slice(extra);
    (workreport(&args, dir.path()), dir)
}

#[test]
fn a_markdown_report_with_an_unknown_kind_or_in_gbk_is_refused() {
    let md = "---\n标题: 报告\n年度: 2024\n文种: ../../evil\n---\n\n正文。\n";
    let (out, dir) = build_markdown(md.as_bytes(), &[]);
    assert_refused_untouched(&out, dir.path(), &["文种", "../../evil", "annual"]);
    let (gbk, _, _) = encoding_rs::GB18030.encode("---\n标题: 报告\n年度: 2024\n---\n\n正文。\n");
    let (out, dir) = build_markdown(&gbk, &[]);
    assert_refused_untouched(&out, dir.path(), &["GBK", "UTF-8"]);
}

#[test]
fn a_character_no_font_has_stops_the_build_unless_allowed_and_then_is_reported() {
    let md = "---\n标题: 报告\n年度: 2024\n---\n\n私用区字符\u{E000}无字形。\n";
    let (out, dir) = build_markdown(md.as_bytes(), &["--to", "pdf"]);
    assert_refused_untouched(&out, dir.path(), &["U+E000"]);
    let (out, dir) = build_markdown(md.as_bytes(), &["--to", "pdf", "--allow-missing-glyphs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("U+E000"),
        "not reported: {}",
        stderr(&out)
    );
    assert!(dir.path().join("out/report.pdf").exists());
}

#[test]
fn yaml_syntax_errors_and_empty_files_are_refused() {
    let (out, dir) = build_bad("单位: [青石镇\n".as_bytes());
    assert_refused_untouched(&out, dir.path(), &["bad.yaml"]);
    let (out, dir) = build_bad(b"");
    assert_refused_untouched(&out, dir.path(), &["bad.yaml"]);
}

#[test]
fn a_gbk_file_is_recognised() {
    let sample = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&sample);
    let (out, dir) = build_bad(&gbk);
    // Either refused with a message naming the encoding, or decoded with a warning.
    if out.status.success() {
        assert!(stderr(&out).contains("GB"), "{}", stderr(&out));
    } else {
        assert_refused_untouched(&out, dir.path(), &["GB"]);
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = workreport(&["build"], &root());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("缺少必需的参数"), "{}", stderr(&out));
    let out = workreport(&["build", SAMPLE, "--to", "odt"], &root());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("不支持的输出格式“odt”"),
        "{}",
        stderr(&out)
    );
    let out = workreport(&["frobnicate"], &root());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("不认识的命令“frobnicate”"),
        "{}",
        stderr(&out)
    );
    let out = workreport(&["--help"], &root());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("用法"));
}

#[test]
fn check_passes_on_the_sample_and_stats_prints_figures() {
    let out = workreport(&["check", SAMPLE], &root());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = workreport(&["stats", SAMPLE, "--json"], &root());
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stats --json is JSON");
    assert!(json.is_object());
    let out = workreport(&["stats", SAMPLE], &root());
    assert!(out.status.success());
    assert!(!out.stdout.is_empty());
}

#[test]
fn init_writes_a_starter_that_builds_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = workreport(&["init", "facts.yaml"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = workreport(&["check", "facts.yaml"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = workreport(&["build", "facts.yaml", "--to", "md,docx"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let again = workreport(&["init", "facts.yaml"], dir.path());
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn a_template_override_replaces_the_builtin_by_name_and_its_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let templates = root().join("templates");
    let base = std::fs::read_dir(&templates)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("annual"))
        .expect("an annual template");
    let name = base.file_name().unwrap().to_string_lossy().into_owned();
    let over = dir.path().join("tpl");
    std::fs::create_dir(&over).unwrap();
    std::fs::write(over.join(&name), "{% if %}\n").unwrap();
    let out = workreport(
        &[
            "build",
            &root().join(SAMPLE).to_string_lossy(),
            "--templates",
            &over.to_string_lossy(),
            "-o",
            &dir.path().join("out").to_string_lossy(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&name), "{}", stderr(&out));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn check_takes_the_clerks_templates_and_kind() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    let annual = std::fs::read_to_string(root().join("templates/annual.md.tera")).unwrap();
    std::fs::write(tpl.join("annual.md.tera"), &annual).unwrap();
    let sample = root().join(SAMPLE);
    let check = |extra: &[&str]| {
        let mut args = vec!["check", sample.to_str().unwrap()];
        args.extend_from_slice(extra);
        workreport(&args, dir.path())
    };
    let tpl_arg = tpl.to_string_lossy().into_owned();
    let good = check(&["--templates", &tpl_arg, "--kind", "annual"]);
    assert!(good.status.success(), "{}", stderr(&good));

    // The clerk's template breaks on its last line: check names the file and the line.
    let mut lines: Vec<&str> = annual.lines().collect();
    lines.push("{% if %}");
    let broken_line = lines.len();
    let file = tpl.join("annual.md.tera");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let bad = check(&["--templates", &tpl_arg]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    let msg = stderr(&bad);
    assert!(
        msg.contains(&format!("{}:{broken_line}", file.display())),
        "no file:line in\n{msg}"
    );
    // Without --templates the built-in ones are checked and pass.
    assert!(check(&[]).status.success());
    let unknown = check(&["--kind", "monthly"]);
    assert_eq!(unknown.status.code(), Some(2), "{}", stderr(&unknown));
}

#[test]
fn a_font_file_named_in_the_facts_that_does_not_exist_is_refused_with_its_place() {
    let sample = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    let facts = sample.replacen("\n年度:", "\n字体:\n  仿宋: fonts/没有.otf\n年度:", 1);
    assert_ne!(facts, sample);
    let line = facts.lines().position(|l| l.contains("没有.otf")).unwrap() + 1;
    let (out, dir) = build_bad(facts.as_bytes());
    assert_refused_untouched(
        &out,
        dir.path(),
        &[
            &format!("bad.yaml:{line}:7"),
            "字体.仿宋",
            "“fonts/没有.otf”",
        ],
    );
    let check = workreport(&["check", "bad.yaml"], dir.path());
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains(&format!("bad.yaml:{line}:7")));
}

#[test]
fn a_font_file_named_in_the_facts_is_used_by_the_build() {
    use workreport::build::{self, BuildOptions, Format};
    use workreport::fonts::{FontOptions, FontSet};
    use workreport::kinds::Selection;
    let dir = tempfile::tempdir().unwrap();
    // An absolute path as this platform writes it (C:\… on Windows), in single quotes, where
    // YAML reads a backslash as itself.
    let kai = dir.path().join("楷体.otf");
    std::fs::copy(root().join("fonts").join("FandolKai-Regular.otf"), &kai).unwrap();
    let small = std::fs::read_to_string(root().join("tests/fixtures/small-2024.yaml")).unwrap();
    let input = dir.path().join("facts.yaml");
    let with_font = small.replacen(
        "年度: 2024\n",
        &format!("年度: 2024\n字体:\n  仿宋: '{}'\n", kai.display()),
        1,
    );
    std::fs::write(&input, with_font).unwrap();
    let opts = BuildOptions {
        kind: Selection::default(),
        formats: vec![Format::Pdf],
        out_dir: dir.path().join("out"),
        templates: None,
        fonts: FontOptions::default(),
        marks: Default::default(),
    };
    let fonts = build::font_options(&input, &opts).unwrap();
    let report = FontSet::shipped(&fonts).unwrap().report();
    let body = report.lines().find(|l| l.contains("仿宋")).unwrap();
    assert!(
        body.contains(&format!("事实文件指定（{}）", kai.display())),
        "{report}"
    );
    let pdf = |input: &Path| {
        let rendered = build::render(input, &opts).unwrap();
        String::from_utf8_lossy(&rendered.files[0].1).into_owned()
    };
    // The body is set in the file named for 仿宋 instead of the shipped FandolFang.
    assert!(pdf(&root().join("tests/fixtures/small-2024.yaml")).contains("FandolFang"));
    assert!(!pdf(&input).contains("FandolFang"));
}

#[test]
fn a_category_with_a_dot_is_refused_by_stats_rather_than_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(root().join("tests/fixtures/small-2024.yaml")).unwrap();
    let facts = small.replacen("    类别: 农业农村\n", "    类别: 基础设施.道路\n", 1);
    std::fs::write(dir.path().join("f.yaml"), &facts).unwrap();
    let out = workreport(&["stats", "--json", "f.yaml"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let line = facts
        .lines()
        .position(|l| l.contains("基础设施.道路"))
        .unwrap()
        + 1;
    assert!(
        stderr(&out).contains(&format!("f.yaml:{line}:13")),
        "{}",
        stderr(&out)
    );
}

/// A copy of the small fixture with `edits` made, written as `name` in `dir`; returns the text.
fn fixture_with(dir: &Path, name: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(root().join("tests/fixtures/small-2024.yaml")).unwrap();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(dir.join(name), &text).unwrap();
    text
}

/// The 1-based line and column (in characters) of `needle` in `text`.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect(needle);
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

#[test]
fn warnings_reach_the_cli_as_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let text = fixture_with(
        dir.path(),
        "w.yaml",
        &[("坚持依法履职。", "坚持依法履职,服务大局。")],
    );
    let (line, column) = place_of(&text, ",服务大局");
    let expect = [
        "警告[text/halfwidth-punctuation]".to_string(),
        format!("w.yaml:{line}:{column}: 下年工作.指导思想：中文之间用了半角标点“,”"),
        // miette's snippet header names the same place.
        format!("[w.yaml:{line}:{column}]"),
        "共 1 个警告".to_string(),
    ];
    let check = workreport(&["check", "w.yaml"], dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
    for e in &expect {
        assert!(
            stderr(&check).contains(e.as_str()),
            "{e}:\n{}",
            stderr(&check)
        );
    }
    assert!(String::from_utf8_lossy(&check.stdout).contains("未发现错误，有 1 个警告"));

    let build = workreport(&["build", "w.yaml", "--to", "md", "-o", "out"], dir.path());
    assert!(build.status.success(), "{}", stderr(&build));
    for e in &expect {
        assert!(
            stderr(&build).contains(e.as_str()),
            "{e}:\n{}",
            stderr(&build)
        );
    }
    assert_eq!(files_in(&dir.path().join("out")), vec!["2024-annual.md"]);

    let stats = workreport(&["stats", "w.yaml"], dir.path());
    assert!(stats.status.success(), "{}", stderr(&stats));
    assert!(
        stderr(&stats).contains(expect[1].as_str()),
        "{}",
        stderr(&stats)
    );
}

#[test]
fn check_reports_every_finding_and_speaks_json() {
    let dir = tempfile::tempdir().unwrap();
    let text = fixture_with(
        dir.path(),
        "bad.yaml",
        &[
            ("坚持依法履职。", "坚持依法履职,服务大局。"),
            ("开展视察调研。", "开展视察调研xx次。"),
            ("    日期: 2024-03-05\n", "    日期: 2023-12-28\n"),
        ],
    );
    let human = workreport(&["check", "bad.yaml"], dir.path());
    assert_eq!(human.status.code(), Some(1), "{}", stderr(&human));
    let msg = stderr(&human);
    for (rule, needle) in [
        ("facts/date-outside-year", "2023-12-28"),
        ("text/placeholder", "xx次"),
        ("text/halfwidth-punctuation", ",服务大局"),
    ] {
        let (line, column) = place_of(&text, needle);
        assert!(msg.contains(&format!("[{rule}]")), "{rule}:\n{msg}");
        assert!(
            msg.contains(&format!("bad.yaml:{line}:{column}: ")),
            "{rule} at {line}:{column}:\n{msg}"
        );
    }
    assert!(msg.contains("共 2 个错误、1 个警告"), "{msg}");

    let json = workreport(&["check", "bad.yaml", "--format", "json"], dir.path());
    assert_eq!(json.status.code(), Some(1), "{}", stderr(&json));
    let found: serde_json::Value =
        serde_json::from_slice(&json.stdout).expect("check --format json is JSON");
    let found = found.as_array().unwrap();
    let rules: Vec<&str> = found.iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert_eq!(
        rules,
        [
            "facts/date-outside-year",
            "text/halfwidth-punctuation",
            "text/placeholder"
        ]
    );
    let comma = &found[1];
    assert_eq!(comma["severity"], "warning");
    assert_eq!(comma["name"], "中文间用了半角标点");
    assert_eq!(comma["file"], "bad.yaml");
    assert_eq!(comma["field"], "下年工作.指导思想");
    let (line, column) = place_of(&text, ",服务大局");
    assert_eq!(comma["line"].as_u64(), Some(line as u64));
    assert_eq!(comma["column"].as_u64(), Some(column as u64));
    // The byte range is the comma, and the fix puts the full-width one in its place.
    let (start, end) = (
        comma["start"].as_u64().unwrap() as usize,
        comma["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], ",");
    assert_eq!(comma["fix"]["replacement"], "，");
    assert_eq!(comma["fix"]["start"].as_u64(), Some(start as u64));
    assert_eq!(found[0]["severity"], "error");
    assert!(found[0]["message"]
        .as_str()
        .unwrap()
        .contains("不在报告年度"));

    let bad_format = workreport(&["check", "bad.yaml", "--format", "xml"], dir.path());
    assert_eq!(bad_format.status.code(), Some(2));
    assert!(
        stderr(&bad_format).contains("可选：text、json"),
        "{}",
        stderr(&bad_format)
    );
}

/// A report's Markdown is the clerk's source: without -o its DOCX and PDF are written beside it
/// (not in an output folder under wherever the command was run), and the .md is left as it was.
#[test]
fn a_markdown_report_is_built_beside_itself() {
    let work = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let folder = work.path().join("报告");
    std::fs::create_dir(&folder).unwrap();
    let md = folder.join("我的报告.md");
    std::fs::copy(root().join("tests/fixtures/reports/shapes.md"), &md).unwrap();
    let before = std::fs::read(&md).unwrap();
    let out = workreport(&["build", md.to_str().unwrap()], elsewhere.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(folder.join("我的报告.docx").is_file());
    assert!(folder.join("我的报告.pdf").is_file());
    assert!(!elsewhere.path().join("output").exists());
    assert_eq!(std::fs::read(&md).unwrap(), before);
}
