//! A corpus of broken inputs (tests/fixtures/broken/, one file per case, listed with the place
//! and rule each must be refused with in expected.tsv) run through the command line, and
//! generated mutations of a good facts file: every refusal is in Chinese, at file:line:column,
//! with exit status 1 and nothing written; no other crate's English reaches the clerk; and the
//! hostile shapes (alias bombs, deep nesting) are refused at once.

mod support;
use support::english::english_sentence;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use workreport::diag::SourceFile;
use workreport::{check, markdown};

fn workreport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workreport"))
        .args(args)
        .output()
        .expect("workreport runs")
}

fn broken_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

/// One case of expected.tsv.
struct Case {
    file: String,
    line: u64,
    column: u64,
    rule: String,
}

fn cases() -> Vec<Case> {
    let manifest = std::fs::read_to_string(broken_dir().join("expected.tsv")).unwrap();
    manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let (line, column) = cols[1].split_once(':').unwrap();
            Case {
                file: cols[0].to_string(),
                line: line.parse().unwrap(),
                column: column.parse().unwrap(),
                rule: cols[2].to_string(),
            }
        })
        .collect()
}

/// Fails on an English sentence in `text`, naming where it came from.
fn assert_chinese(text: &str, whence: &str) {
    if let Some(sentence) = english_sentence(text) {
        panic!("{whence}: English in the output: {sentence}\n{text}");
    }
}

#[test]
fn the_english_detector_finds_other_crates_sentences_and_passes_ours() {
    assert!(english_sentence("YAML 语法错误：could not find expected ':'").is_some());
    assert!(english_sentence("unknown anchor at line 3 column 5").is_some());
    assert!(english_sentence("invalid type: integer `1` as u128").is_some());
    assert!(
        english_sentence("deserializing from YAML containing more than one document").is_some()
    );
    assert!(english_sentence("bad.yaml:3:5: 单位.镇名：键“镇名”写了两次").is_none());
    assert!(english_sentence("错误[yaml/syntax]：YAML 语法错误，应为 UTF-8 编码").is_none());
    assert!(english_sentence("  township: 小河镇").is_none());
}

#[test]
fn every_case_of_the_corpus_is_listed_and_every_listed_case_exists() {
    let listed: Vec<String> = cases().into_iter().map(|c| c.file).collect();
    let mut present: Vec<String> = std::fs::read_dir(broken_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.tsv")
        .collect();
    present.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, present);
}

#[test]
fn every_broken_facts_file_is_refused_in_chinese_at_its_place() {
    for case in cases().iter().filter(|c| c.file.ends_with(".yaml")) {
        let path = broken_dir().join(&case.file);
        let before = std::fs::read(&path).unwrap();
        let json = workreport(&["check", "--format", "json", path.to_str().unwrap()]);
        assert_eq!(json.status.code(), Some(1), "{}", case.file);
        let findings: serde_json::Value =
            serde_json::from_slice(&json.stdout).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}: {}",
                    case.file,
                    String::from_utf8_lossy(&json.stdout)
                )
            });
        let findings = findings.as_array().unwrap();
        for f in findings {
            assert!(
                f["line"].is_u64() && f["column"].is_u64() && f["file"].is_string(),
                "{}: a finding without file:line:column: {f}",
                case.file
            );
            for key in ["message", "help"] {
                if let Some(text) = f[key].as_str() {
                    assert_chinese(text, &case.file);
                }
            }
        }
        let named = findings.iter().any(|f| {
            f["rule"] == case.rule.as_str() && f["line"] == case.line && f["column"] == case.column
        });
        assert!(
            named,
            "{}: expected {} at {}:{}, got {findings:#?}",
            case.file, case.rule, case.line, case.column
        );
        // The text a clerk reads: the same, without a word of English.
        let text = workreport(&["check", path.to_str().unwrap()]);
        assert_eq!(text.status.code(), Some(1), "{}", case.file);
        let shown = format!(
            "{}{}",
            String::from_utf8_lossy(&text.stdout),
            String::from_utf8_lossy(&text.stderr)
        );
        assert!(
            shown.contains(&format!("{}:{}:{}", case.file, case.line, case.column)),
            "{}: {shown}",
            case.file
        );
        assert_chinese(&shown, &case.file);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{} was changed",
            case.file
        );
    }
}

#[test]
fn every_broken_front_matter_is_refused_in_chinese_at_its_place_and_nothing_is_written() {
    for case in cases().iter().filter(|c| c.file.ends_with(".md")) {
        let path = broken_dir().join(&case.file);
        let out_dir = tempfile::tempdir().unwrap();
        let out = workreport(&[
            "build",
            path.to_str().unwrap(),
            "--to",
            "md",
            "-o",
            out_dir.path().to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", case.file);
        let shown = String::from_utf8_lossy(&out.stderr).into_owned();
        let at = format!("{}:{}:{}", case.file, case.line, case.column);
        assert!(shown.contains(&at), "{}: expected {at}: {shown}", case.file);
        assert!(
            shown.contains(&case.rule),
            "{}: expected {}: {shown}",
            case.file,
            case.rule
        );
        assert!(!shown.contains("缺少“标题”"), "{}: {shown}", case.file);
        assert!(!shown.contains("半角冒号加空格"), "{}: {shown}", case.file);
        assert_chinese(&shown, &case.file);
        assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn a_front_matter_after_blank_lines_or_closed_by_dots_gives_its_title() {
    for source in [
        "\n---\n标题: 青石镇人大主席团工作报告\n---\n\n正文。\n",
        "---\n标题: 青石镇人大主席团工作报告\n...\n\n正文。\n",
        "---\r\n标题: 青石镇人大主席团工作报告\r\n---\r\n\r\n正文。\r\n",
    ] {
        let doc = markdown::parse(&SourceFile::new("r.md", source)).unwrap();
        assert_eq!(doc.meta.title, "青石镇人大主席团工作报告", "{source:?}");
    }
}

#[test]
fn a_facts_file_saved_with_old_mac_line_endings_loads_as_it_does_with_line_feeds() {
    let good = include_str!("fixtures/small-2024.yaml");
    let lf = check::parse(good.as_bytes(), "lf.yaml").unwrap();
    let cr = check::parse(good.replace('\n', "\r").as_bytes(), "cr.yaml").unwrap();
    assert_eq!(
        serde_json::to_value(&cr.facts).unwrap(),
        serde_json::to_value(&lf.facts).unwrap()
    );
    assert_eq!(cr.places.line("年度"), lf.places.line("年度"));
}

/// Runs `check` on `text` written to a file; the output, the time it took and the exit status.
fn check_text(text: &[u8]) -> (serde_json::Value, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.yaml");
    std::fs::write(&path, text).unwrap();
    let started = Instant::now();
    let out = workreport(&["check", "--format", "json", path.to_str().unwrap()]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1));
    (serde_json::from_slice(&out.stdout).unwrap(), took)
}

#[test]
fn an_alias_bomb_is_refused_at_the_alias_at_once() {
    // A 1 MB string aliased 1,000 times: serde alone took 17 s and 5.7 GiB to expand it.
    let mut text = format!(
        "单位:\n  镇名: &big \"{}\"\n年度: 2024\n不足:\n",
        "字".repeat(350_000)
    );
    for _ in 0..1000 {
        text.push_str("  - *big\n");
    }
    let (findings, took) = check_text(text.as_bytes());
    assert!(took < Duration::from_secs(5), "{took:?}");
    let f = &findings[0];
    assert_eq!(f["rule"], "yaml/alias");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(6), Some(5))
    );
    assert_chinese(f["message"].as_str().unwrap(), "alias bomb");
}

#[test]
fn deep_nesting_is_refused_at_once_where_it_gets_too_deep() {
    for opening in ["[", "{a: "] {
        let text = format!("年度: {}", opening.repeat(100_000));
        let (findings, took) = check_text(text.as_bytes());
        // Before: 18.6 s for `[`, 35.9 s for `{a:`.
        assert!(took < Duration::from_secs(5), "{opening}: {took:?}");
        let f = &findings[0];
        assert_eq!(f["rule"], "yaml/too-deep", "{opening}");
        assert_eq!(f["line"], 1);
        assert_chinese(f["message"].as_str().unwrap(), opening);
    }
}

/// A good facts file, mutated at one place by one of the edits a slip of the keyboard or a bad
/// copy makes: a character deleted, one of YAML's own characters inserted, a line doubled or
/// dropped.
fn mutated() -> impl Strategy<Value = String> {
    // The fixture, its English comment line said in Chinese: the snippets show source lines.
    let good = include_str!("fixtures/small-2024.yaml");
    let good = good.replacen(
        good.lines().next().unwrap(),
        "# 小河镇 2024 年的事实文件",
        1,
    );
    let good: &'static str = Box::leak(good.into_boxed_str());
    const INSERTS: &[&str] = &[
        ":", ": ", "\"", "'", "[", "]", "{", "}", "- ", "#", "&a ", "*a", "!", "|", ">", "\t",
        "\0", "\\", "\\x07", "\\u1", "\n", " ", "---\n", "...\n", "%", "@", "`", "?", ",", "\r",
    ];
    let chars = good.chars().count();
    let lines = good.lines().count();
    prop_oneof![
        (0..chars).prop_map(move |at| {
            let mut s: Vec<char> = good.chars().collect();
            s.remove(at);
            s.into_iter().collect()
        }),
        (0..=chars, prop::sample::select(INSERTS)).prop_map(move |(at, what)| {
            let byte = good.char_indices().nth(at).map_or(good.len(), |(i, _)| i);
            format!("{}{what}{}", &good[..byte], &good[byte..])
        }),
        (0..lines, any::<bool>()).prop_map(move |(at, double)| {
            let mut all: Vec<&str> = good.lines().collect();
            if double {
                all.insert(at, all[at]);
            } else {
                all.remove(at);
            }
            all.join("\n") + "\n"
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever a mutation breaks, each finding has a place and says it in Chinese.
    #[test]
    fn every_finding_on_a_mutated_file_is_located_and_chinese(text in mutated()) {
        if let Err(found) = check::parse(text.as_bytes(), "mutated.yaml") {
            for d in &found {
                prop_assert!(d.line_column().is_some(), "no place: {d}");
                let shown = d.to_string();
                prop_assert!(english_sentence(&shown).is_none(), "English: {shown}");
                if let Some(label) = &d.label {
                    prop_assert!(english_sentence(label).is_none(), "English: {label}");
                }
            }
            let human = found.to_human();
            prop_assert!(english_sentence(&human).is_none(), "English: {human}");
        }
    }
}
