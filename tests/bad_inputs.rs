//! Hostile and broken inputs as a clerk's machine may hand them over: a device or a FIFO named
//! as the facts file, a corrupted font named under 字体, a title too long to set, an input named
//! as an output. Each is refused (or warned about) in Chinese, in bounded time, without a panic
//! and without writing anything.

mod support;
use support::files_in;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

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

/// What the program said on stderr, as it printed it.
fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Whether the program said `needle`, wherever its error display wrapped or framed the line.
fn says(out: &Output, needle: &str) -> bool {
    let flat = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '│' | '×'))
            .collect()
    };
    flat(&stderr(out)).contains(&flat(needle))
}

/// The sample's small facts file with a font file named for 仿宋, written into `dir`; returns
/// its path and the line of the 仿宋 entry.
fn facts_naming_font(dir: &Path, font: &str) -> (PathBuf, usize) {
    let small = std::fs::read_to_string(root().join("tests/fixtures/small-2024.yaml")).unwrap();
    let facts = small.replacen(
        "年度: 2024\n",
        &format!("年度: 2024\n字体:\n  仿宋: \"{font}\"\n"),
        1,
    );
    let line = facts.lines().position(|l| l.contains("仿宋:")).unwrap() + 1;
    let path = dir.join("facts.yaml");
    std::fs::write(&path, facts).unwrap();
    (path, line)
}

/// The shipped FandolFang with its CFF table's Top DICT INDEX broken: the first offset past
/// the last, as a disk error or a bad download leaves it. ttf-parser still reads the font's
/// tables (so the font loads as a face), but allsorts' CFF reader slices with the offsets.
fn corrupted_font() -> Vec<u8> {
    let mut font = std::fs::read(root().join("fonts/FandolFang-Regular.otf")).unwrap();
    let be16 = |b: &[u8], at: usize| u16::from_be_bytes([b[at], b[at + 1]]) as usize;
    let be32 =
        |b: &[u8], at: usize| u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize;
    let tables = be16(&font, 4);
    let cff = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&rec| &font[rec..rec + 4] == b"CFF ")
        .map(|rec| be32(&font, rec + 8))
        .expect("the font has a CFF table");
    // Header, then the Name INDEX (count, offSize, offsets, data), then the Top DICT INDEX.
    let name = cff + font[cff + 2] as usize;
    let (count, size) = (be16(&font, name), font[name + 2] as usize);
    let offset = |b: &[u8], at: usize| (0..size).fold(0, |v, i| v << 8 | b[at + i] as usize);
    let name_end = offset(&font, name + 3 + count * size);
    let top = name + 3 + (count + 1) * size + name_end - 1;
    let top_size = font[top + 2] as usize;
    assert_eq!(be16(&font, top), 1, "one font in the CFF table");
    let last = (0..top_size).fold(0, |v, i| v << 8 | font[top + 3 + top_size + i] as usize);
    let first = last + 1;
    for i in 0..top_size {
        font[top + 3 + i] = (first >> (8 * (top_size - 1 - i))) as u8;
    }
    font
}

#[test]
fn the_corrupted_font_fixture_does_break_the_subsetter() {
    // The fixture is worth its test only if the third-party subsetter really panics on it.
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    let font = corrupted_font();
    let quiet = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| {
        let data = ReadScope::new(&font).read::<FontData<'_>>().unwrap();
        let provider = data.table_provider(0).unwrap();
        subset(
            &provider,
            &[0, 1, 2],
            &SubsetProfile::Pdf,
            CmapTarget::Unicode,
        )
        .map(drop)
    });
    std::panic::set_hook(quiet);
    assert!(outcome.is_err(), "the subsetter did not panic: {outcome:?}");
    assert!(
        ttf_parser::Face::parse(&font, 0).is_ok(),
        "ttf-parser reads it"
    );
}

#[test]
fn a_corrupted_font_named_in_the_facts_is_refused_with_its_place_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.otf"), corrupted_font()).unwrap();
    let (_, line) = facts_naming_font(dir.path(), "broken.otf");
    for args in [
        vec!["build", "facts.yaml", "--to", "pdf", "-o", "out"],
        vec!["print", "facts.yaml", "--copies", "2", "-o", "out"],
    ] {
        let out = workreport(&args, dir.path());
        let msg = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {msg}");
        assert!(!msg.contains("panicked"), "{msg}");
        assert!(!msg.contains("程序内部错误"), "{msg}");
        for expected in [
            &format!("facts.yaml:{line}:7: 字体.仿宋") as &str,
            "broken.otf",
            "已损坏",
        ] {
            assert!(says(&out, expected), "{args:?}: no {expected:?} in\n{msg}");
        }
        assert!(files_in(&dir.path().join("out")).is_empty());
    }
}

#[test]
fn the_font_the_fuzzer_broke_is_refused_naming_it() {
    // Found by fuzz/fuzz_targets/font_load.rs: the subsetter panics on it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/broken-fonts/fuzz-cff-index-past-end.otf"),
        dir.path().join("fuzzed.otf"),
    )
    .unwrap();
    let (_, line) = facts_naming_font(dir.path(), "fuzzed.otf");
    let out = workreport(
        &["build", "facts.yaml", "--to", "pdf", "-o", "out"],
        dir.path(),
    );
    let msg = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{msg}");
    assert!(
        !msg.contains("panicked") && !msg.contains("程序内部错误"),
        "{msg}"
    );
    assert!(
        says(&out, &format!("facts.yaml:{line}:7: 字体.仿宋")),
        "{msg}"
    );
    assert!(says(&out, "fuzzed.otf") && says(&out, "已损坏"), "{msg}");
    assert!(files_in(&dir.path().join("out")).is_empty());
}

#[test]
fn a_truncated_font_or_one_that_is_no_font_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(root().join("fonts/FandolFang-Regular.otf")).unwrap();
    for (name, bytes) in [
        ("half.otf", whole[..whole.len() / 2].to_vec()),
        ("text.otf", b"not a font at all".to_vec()),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        facts_naming_font(dir.path(), name);
        let out = workreport(
            &["build", "facts.yaml", "--to", "pdf", "-o", "out"],
            dir.path(),
        );
        let msg = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {msg}");
        assert!(says(&out, name) && says(&out, "字体.仿宋"), "{msg}");
    }
}

#[cfg(unix)]
#[test]
fn a_device_or_a_fifo_as_input_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("facts.yaml");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let md_fifo = dir.path().join("report.md");
    assert!(Command::new("mkfifo")
        .arg(&md_fifo)
        .status()
        .unwrap()
        .success());
    for (args, expect) in [
        (vec!["check", "/dev/zero"], "是设备"),
        (vec!["build", "/dev/zero", "-o", "out"], "是设备"),
        (vec!["check", "facts.yaml"], "命名管道"),
        (vec!["build", "report.md", "-o", "out"], "命名管道"),
    ] {
        let started = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_workreport"))
            .args(&args)
            .current_dir(dir.path())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A FIFO used to hang for ever: kill it rather than hang the test.
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(10) {
                child.kill().unwrap();
                panic!("{args:?} still running after 10 s");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(says(&out, expect), "{args:?}: {}", stderr(&out));
        assert!(!dir.path().join("out").exists());
    }
}

#[test]
fn a_report_over_the_size_cap_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = std::fs::File::create(dir.path().join("big.md")).unwrap();
    // Sparse: the size without the disk space.
    big.set_len(64 * 1024 * 1024 + 1).unwrap();
    let out = workreport(&["build", "big.md", "-o", "out"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(says(&out, "64 MB"), "{}", stderr(&out));
}

#[test]
fn check_warns_about_a_title_too_long_to_set_and_build_sets_it_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(root().join("tests/fixtures/small-2024.yaml")).unwrap();
    // A 镇名 of 187 characters: the title is about 200.
    let town: String = "很长的镇名某某"
        .chars()
        .cycle()
        .take(186)
        .collect::<String>()
        + "镇";
    let facts = small.replacen("township: 小河镇", &format!("township: {town}"), 1);
    assert_ne!(facts, small);
    std::fs::write(dir.path().join("facts.yaml"), facts).unwrap();
    let out = workreport(&["check", "facts.yaml"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let msg = stderr(&out);
    assert!(says(&out, "警告") && says(&out, "标题"), "{msg}");
    assert!(says(&out, "超过 3 行"), "{msg}");
    // A diagnostic like any other: its rule code for tools, about the facts file.
    let json = workreport(&["check", "facts.yaml", "--format", "json"], dir.path());
    let json = String::from_utf8_lossy(&json.stdout);
    assert!(json.contains("\"layout/title-too-long\""), "{json}");
    assert!(json.contains("\"warning\""), "{json}");
    // The sample's title is fine: no such warning.
    let sample = workreport(&["check", "sample-data/qingshi-2024.yaml"], &root());
    assert!(!says(&sample, "超过 3 行"), "{}", stderr(&sample));

    // A 200-character 标题 in a report's Markdown builds (it took minutes before).
    let title: String = "青石镇人民代表大会主席团关于二〇二四年工作总结和二〇二五年工作计划的报告"
        .chars()
        .cycle()
        .take(200)
        .collect();
    std::fs::write(
        dir.path().join("long.md"),
        format!("---\n标题: {title}\n年度: 2024\n---\n\n正文。\n"),
    )
    .unwrap();
    let started = Instant::now();
    let out = workreport(&["build", "long.md", "-o", "out"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(says(&out, "超过 3 行"), "{}", stderr(&out));
    // Said at the 标题 of the front matter (line 2, after “标题: ”).
    assert!(
        says(&out, "long.md:2:5: 文首信息.标题："),
        "{}",
        stderr(&out)
    );
    // Generous for a debug build on a shared machine; the bench measures the real figure.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn an_internal_error_message_says_what_was_done_and_where_to_report() {
    let msg = workreport::guard::internal_error_message("生成 a.yaml 的报告", "boom", "src/x.rs:1");
    for expected in [
        "程序内部错误",
        "生成 a.yaml 的报告",
        "维护人员",
        "boom",
        "src/x.rs:1",
    ] {
        assert!(msg.contains(expected), "{msg}");
    }
    assert!(
        !msg.contains("panicked") && !msg.contains("backtrace"),
        "{msg}"
    );
}
