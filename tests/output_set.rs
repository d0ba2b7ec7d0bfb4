//! A build's outputs are one set, whatever happens to the process writing them: a build killed
//! at any moment, twenty builds into one folder at once, a file in the way that the program did
//! not write, an output path that is one of the build's inputs. The clerk sees one run's set or
//! the other's, never a mix, never a leftover temporary file, never a file of theirs replaced.

mod support;
use support::{all_files_in, files_in};

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;
use workreport::output::{LOCK_FILE, MANIFEST_FILE};

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

const SET: [&str; 3] = ["2024-annual.docx", "2024-annual.md", "2024-annual.pdf"];

/// Two facts files that build into the same names with different content (小河镇, 大河镇),
/// and the set each one builds, built once.
struct TwoRuns {
    dir: tempfile::TempDir,
    inputs: [PathBuf; 2],
    sets: [Vec<Vec<u8>>; 2],
}

impl TwoRuns {
    fn new() -> TwoRuns {
        let dir = tempfile::tempdir().unwrap();
        let small = std::fs::read_to_string(root().join("tests/fixtures/small-2024.yaml")).unwrap();
        let a = dir.path().join("a.yaml");
        let b = dir.path().join("b.yaml");
        std::fs::write(&a, &small).unwrap();
        std::fs::write(&b, small.replace("小河镇", "大河镇")).unwrap();
        let set_of = |input: &Path, name: &str| {
            let out = dir.path().join(name);
            let run = workreport(
                &[
                    "build",
                    input.to_str().unwrap(),
                    "-o",
                    out.to_str().unwrap(),
                ],
                dir.path(),
            );
            assert!(run.status.success(), "{}", stderr(&run));
            SET.iter()
                .map(|n| std::fs::read(out.join(n)).unwrap())
                .collect()
        };
        let sets = [set_of(&a, "ref-a"), set_of(&b, "ref-b")];
        assert_ne!(sets[0], sets[1]);
        TwoRuns {
            dir,
            inputs: [a, b],
            sets,
        }
    }

    /// Which run's set the folder holds: 0 or 1; panics on a mixed or partial set.
    fn which(&self, out: &Path, when: &str) -> usize {
        let found: Vec<Vec<u8>> = SET
            .iter()
            .map(|n| std::fs::read(out.join(n)).unwrap_or_default())
            .collect();
        let whose: Vec<Option<usize>> = found
            .iter()
            .enumerate()
            .map(|(i, bytes)| (0..2).find(|&r| self.sets[r][i] == *bytes))
            .collect();
        match whose.as_slice() {
            [Some(a), Some(b), Some(c)] if a == b && b == c => *a,
            _ => panic!(
                "{when}: a mixed or partial set: {whose:?} in {:?}",
                all_files_in(out)
            ),
        }
    }
}

/// Only the set, the manifest and the lock: no journal, no temporary file.
fn assert_clean(out: &Path, when: &str) {
    let mut expected = vec![MANIFEST_FILE.to_string(), LOCK_FILE.to_string()];
    expected.extend(SET.iter().map(|s| s.to_string()));
    expected.sort();
    assert_eq!(all_files_in(out), expected, "{when}");
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_one_whole_set_and_no_temporary_file() {
    let runs = TwoRuns::new();
    let out = runs.dir.path().join("out");
    let started = std::time::Instant::now();
    let first = workreport(
        &[
            "build",
            runs.inputs[0].to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        runs.dir.path(),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    // Kill builds at 32 points along the time one takes here (reading the facts, rendering,
    // staging, committing), and a little past it.
    let whole = started.elapsed().as_millis() as u64;
    let step = (whole / 28).max(1);
    let mut leftovers = 0;
    let mut completed = 0;
    for (i, delay) in (0..32).map(|k| k * step).enumerate() {
        let input = &runs.inputs[i % 2];
        let mut child = Command::new(env!("CARGO_BIN_EXE_workreport"))
            .args([
                "build",
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL
        if child.wait().unwrap().success() {
            completed += 1;
        }
        if all_files_in(&out)
            .iter()
            .any(|n| n.starts_with(".workreport-"))
        {
            leftovers += 1;
        }
        // What the next build does first: finish or undo the killed one, remove stale files.
        workreport::output::recover(&out).unwrap();
        let when = format!("killed after {delay} ms");
        runs.which(&out, &when);
        assert_clean(&out, &when);
    }
    // The kills did land mid-build, and some left temporary files for the next run to clear.
    assert!(completed < 32, "every build finished before it was killed");
    eprintln!("{completed} builds finished before the kill; {leftovers} kills left files to clear");
    // The next real build ends with its own whole set and nothing else.
    let next = workreport(
        &[
            "build",
            runs.inputs[1].to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        runs.dir.path(),
    );
    assert!(next.status.success(), "{}", stderr(&next));
    assert_eq!(runs.which(&out, "after the next build"), 1);
    assert_clean(&out, "after the next build");
}

#[test]
fn twenty_builds_into_one_folder_at_once_end_with_one_whole_set() {
    let runs = TwoRuns::new();
    for round in 0..2 {
        let out = runs.dir.path().join(format!("out{round}"));
        let children: Vec<_> = (0..20)
            .map(|i| {
                Command::new(env!("CARGO_BIN_EXE_workreport"))
                    .args([
                        "build",
                        runs.inputs[i % 2].to_str().unwrap(),
                        "-o",
                        out.to_str().unwrap(),
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let done = child.wait_with_output().unwrap();
            assert!(done.status.success(), "{}", stderr(&done));
        }
        runs.which(&out, &format!("round {round}"));
        assert_clean(&out, &format!("round {round}"));
    }
}

#[test]
fn a_busy_folder_is_waited_for_naming_the_holder_then_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // Another build holds the folder (this test process, as pid 4242 says).
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(out.join(LOCK_FILE))
        .unwrap();
    lock.lock().unwrap();
    std::fs::write(out.join(LOCK_FILE), "4242").unwrap();
    let facts = root().join("tests/fixtures/small-2024.yaml");
    let started = std::time::Instant::now();
    let run = workreport(
        &["build", facts.to_str().unwrap(), "-o", "out", "--wait", "1"],
        dir.path(),
    );
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(run.status.code(), Some(3), "{}", stderr(&run));
    let msg = stderr(&run);
    assert!(
        says(&run, "正由另一个 workreport（进程 4242）写入，等它写完"),
        "{msg}"
    );
    assert!(says(&run, "等待 1 秒后仍未结束，已放弃"), "{msg}");
    assert!(files_in(&out).is_empty(), "{:?}", files_in(&out));
    // Once it is released, the build goes through.
    lock.unlock().unwrap();
    let run = workreport(&["build", facts.to_str().unwrap(), "-o", "out"], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn a_file_the_program_did_not_write_stops_the_build_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("2024-annual.docx"), "the clerk's own file").unwrap();
    let facts = root().join("tests/fixtures/small-2024.yaml");
    let facts = facts.to_str().unwrap();
    let run = workreport(&["build", facts, "-o", "out"], dir.path());
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let msg = stderr(&run);
    assert!(
        says(&run, "2024-annual.docx") && says(&run, "--force"),
        "{msg}"
    );
    assert_eq!(
        all_files_in(&out),
        ["2024-annual.docx"],
        "something written"
    );
    let run = workreport(&["build", facts, "-o", "out", "--force"], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    // Built by the program, it is replaced by the next build without --force ...
    let run = workreport(&["build", facts, "-o", "out"], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    // ... but not once the clerk has edited it.
    let md = out.join("2024-annual.md");
    let edited = std::fs::read_to_string(&md).unwrap() + "\n<!-- 文书的批注 -->\n";
    std::fs::write(&md, &edited).unwrap();
    let run = workreport(&["build", facts, "-o", "out"], dir.path());
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&md).unwrap(), edited);
}

#[test]
fn rebuilding_the_generated_markdown_leaves_it_byte_for_byte_and_writes_docx_and_pdf_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let facts = root().join("tests/fixtures/small-2024.yaml");
    let run = workreport(
        &["build", facts.to_str().unwrap(), "--to", "md"],
        dir.path(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    // The clerk edits the Markdown (a comment of theirs, CRLF as Notepad saves) and rebuilds
    // it with the default output folder: the folder the Markdown is in.
    let md = dir.path().join("output/2024-annual.md");
    let edited = std::fs::read_to_string(&md).unwrap().replace('\n', "\r\n")
        + "\r\n<!-- 文书的批注：第二段再核对一遍数字 -->\r\n";
    std::fs::write(&md, &edited).unwrap();
    let run = workreport(&["build", "output/2024-annual.md"], dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        edited,
        "the input was rewritten"
    );
    assert_eq!(files_in(&dir.path().join("output")), SET);
    // Asked for the Markdown too, into the same folder, it refuses: that file is the input.
    let run = workreport(
        &[
            "build",
            "output/2024-annual.md",
            "--to",
            "md,docx",
            "--force",
        ],
        dir.path(),
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(says(&run, "输入文件从不改写"), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&md).unwrap(), edited);
}

#[cfg(unix)]
#[test]
fn no_build_writes_over_an_input_through_a_link_a_template_or_a_font() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let report = d.join("report.md");
    std::fs::write(&report, "---\n标题: 报告\n年度: 2024\n---\n\n正文。\n").unwrap();
    let before = std::fs::read(&report).unwrap();
    // The report's own outputs would be out/report.*: a link there to the report itself.
    let refused = |args: &[&str], what: &str| {
        let run = workreport(args, d);
        assert_eq!(run.status.code(), Some(1), "{what}: {}", stderr(&run));
        assert!(says(&run, "输入文件从不改写"), "{what}: {}", stderr(&run));
    };
    for (link, kind) in [("sym", "symbolic link"), ("hard", "hard link")] {
        let out = d.join(link);
        std::fs::create_dir(&out).unwrap();
        if kind == "symbolic link" {
            std::os::unix::fs::symlink(&report, out.join("report.md")).unwrap();
        } else {
            std::fs::hard_link(&report, out.join("report.md")).unwrap();
        }
        refused(
            &["build", "report.md", "--to", "md", "-o", link, "--force"],
            kind,
        );
        assert_eq!(std::fs::read(&report).unwrap(), before, "{kind}");
    }
    // A template the build read, linked where an output goes.
    let tpl = d.join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::copy(
        root().join("templates/annual.md.tera"),
        tpl.join("annual.md.tera"),
    )
    .unwrap();
    let out = d.join("t");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(tpl.join("annual.md.tera"), out.join("2024-annual.md")).unwrap();
    let facts = root().join("tests/fixtures/small-2024.yaml");
    let facts = facts.to_str().unwrap();
    refused(
        &["build", facts, "--templates", "tpl", "-o", "t", "--force"],
        "a template",
    );
    // A font file named under 字体, hard-linked where the PDF goes.
    let font = d.join("fang.otf");
    std::fs::copy(root().join("fonts/FandolFang-Regular.otf"), &font).unwrap();
    let small = std::fs::read_to_string(facts).unwrap();
    std::fs::write(
        d.join("f.yaml"),
        small.replacen("年度: 2024\n", "年度: 2024\n字体:\n  仿宋: fang.otf\n", 1),
    )
    .unwrap();
    let out = d.join("f");
    std::fs::create_dir(&out).unwrap();
    std::fs::hard_link(&font, out.join("2024-annual.pdf")).unwrap();
    refused(
        &["build", "f.yaml", "--to", "pdf", "-o", "f", "--force"],
        "a font",
    );
    assert_eq!(
        std::fs::read(&font).unwrap(),
        std::fs::read(root().join("fonts/FandolFang-Regular.otf")).unwrap()
    );
}

#[test]
fn two_hand_made_reports_of_one_year_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["上半年.md", "全年.md"] {
        std::fs::write(
            dir.path().join(name),
            format!("---\n标题: {name}\n年度: 2024\n文种: annual\n---\n\n正文。\n"),
        )
        .unwrap();
        let run = workreport(&["build", name, "-o", "out"], dir.path());
        assert!(run.status.success(), "{}", stderr(&run));
    }
    assert_eq!(
        files_in(&dir.path().join("out")),
        ["上半年.docx", "上半年.pdf", "全年.docx", "全年.pdf"]
    );
}

/// `--kind all` writes every kind's files as one set: one file of the clerk's where one kind's
/// output goes stops the whole build before anything is written, and `--force` writes them all.
#[test]
fn kind_all_is_one_set_stopped_whole_by_one_clerks_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("2024-resolution.md"), "the clerk's draft").unwrap();
    let sample = root().join("sample-data/qingshi-2024.yaml");
    let args = [
        "build",
        sample.to_str().unwrap(),
        "--kind",
        "all",
        "--to",
        "md",
        "-o",
        "out",
    ];
    let run = workreport(&args, dir.path());
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(says(&run, "2024-resolution.md"), "{}", stderr(&run));
    assert!(says(&run, "--force"), "{}", stderr(&run));
    assert_eq!(files_in(&out), ["2024-resolution.md"]);
    assert_eq!(
        std::fs::read_to_string(out.join("2024-resolution.md")).unwrap(),
        "the clerk's draft"
    );

    let run = workreport(&[&args[..], &["--force"]].concat(), dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let written = files_in(&out);
    for stem in [
        "2024-annual",
        "2024-resolution",
        "2024-summary",
        "2025-plan",
    ] {
        assert!(written.contains(&format!("{stem}.md")), "{written:?}");
    }
    assert_ne!(
        std::fs::read_to_string(out.join("2024-resolution.md")).unwrap(),
        "the clerk's draft"
    );
    // The whole set is now the program's own: the same build replaces it without --force.
    let run = workreport(&args, dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
}

/// A print run (its PDF streamed into the staged file copy by copy, and the register as CSV
/// and PDF) is written as one set like a build: recorded in the folder's manifest with the
/// size and checksum of what was streamed, replaced by the next run without `--force`, and
/// left whole when the clerk has changed one of its files.
#[test]
fn a_print_run_and_its_register_are_one_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let sample = root().join("sample-data/qingshi-2024.yaml");
    let args = [
        "print",
        sample.to_str().unwrap(),
        "--copies",
        "3",
        "--booklet",
        "-o",
        "out",
    ];
    let run = workreport(&args, dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let stem = "2024-annual-印制-000001-000003";
    let names = [
        format!("{stem}-登记表.csv"),
        format!("{stem}-登记表.pdf"),
        format!("{stem}-骑马订.pdf"),
    ];
    assert_eq!(files_in(&out), names);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(MANIFEST_FILE)).unwrap()).unwrap();
    for name in &names {
        let len = std::fs::metadata(out.join(name)).unwrap().len();
        assert_eq!(manifest["files"][name]["len"], len, "{name}: {manifest}");
    }

    // Known as the program's own, the run is replaced without --force.
    let run = workreport(&args, dir.path());
    assert!(run.status.success(), "{}", stderr(&run));

    // The clerk corrects the register by hand: the next run keeps it, and the whole set.
    let csv = out.join(&names[0]);
    let booklet = std::fs::read(out.join(&names[2])).unwrap();
    std::fs::write(&csv, "份号,姓名\n000001,张三\n").unwrap();
    let run = workreport(&args, dir.path());
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(says(&run, &names[0]), "{}", stderr(&run));
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "份号,姓名\n000001,张三\n"
    );
    assert_eq!(std::fs::read(out.join(&names[2])).unwrap(), booklet);
    assert_eq!(files_in(&out), names);
}
