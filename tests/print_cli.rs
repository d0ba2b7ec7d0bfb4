//! `workreport print` as a clerk meets it: one PDF of numbered copies and its register (CSV and
//! PDF) and nothing else, one copy for each person the facts file lists, booklets, sending to
//! the printer (or being told how), bad input refused with exit status 1 and nothing written,
//! a run of no copies or too many a usage error; `--draft-mark` and `--watermark` for `build`.

mod support;
use support::files_in;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workreport(args: &[&str]) -> Output {
    workreport_with_path(args, None)
}

/// Runs workreport with `PATH` set to `path` when given (to find, or not find, `lp`).
fn workreport_with_path(args: &[&str], path: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_workreport"));
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(path) = path {
        command.env("PATH", path);
    }
    command.output().expect("workreport runs")
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/qingshi-2024.yaml")
}

#[test]
fn print_writes_exactly_the_run_and_its_register() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("output");
    let out = workreport(&[
        "print",
        sample().to_str().unwrap(),
        "--copies",
        "4",
        "--first",
        "117",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let name = "2024-annual-印制-000117-000120.pdf";
    assert_eq!(
        files_in(&out_dir),
        vec![
            "2024-annual-印制-000117-000120-登记表.csv".to_string(),
            "2024-annual-印制-000117-000120-登记表.pdf".to_string(),
            name.to_string(),
        ]
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(name));
    // The register lists every copy of the run, with no names (the sample lists nobody).
    let csv =
        std::fs::read_to_string(out_dir.join("2024-annual-印制-000117-000120-登记表.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(
        rows[0],
        "\u{FEFF}\"份号\",\"姓名\",\"单位\",\"身份\",\"签收\""
    );
    assert_eq!(
        rows[1..],
        [
            "\"000117\",\"\",\"\",\"\",\"\"",
            "\"000118\",\"\",\"\",\"\",\"\"",
            "\"000119\",\"\",\"\",\"\",\"\"",
            "\"000120\",\"\",\"\",\"\",\"\""
        ]
    );
    let pdf = std::fs::read(out_dir.join(name)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&pdf).expect("the print run parses");
    assert_eq!(doc.get_pages().len() % 4, 0);
}

#[test]
fn bad_input_writes_nothing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("bad.yaml");
    std::fs::write(&facts, "单位: [未闭合\n").unwrap();
    let out_dir = dir.path().join("output");
    let out = workreport(&[
        "print",
        facts.to_str().unwrap(),
        "--copies",
        "3",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(files_in(&out_dir).is_empty(), "{:?}", files_in(&out_dir));
}

#[test]
fn no_copies_or_numbers_past_six_digits_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("output");
    let o = out_dir.to_str().unwrap();
    let s = sample();
    let s = s.to_str().unwrap();
    for args in [
        vec!["print", s, "--copies", "0", "-o", o],
        vec!["print", s, "--copies", "两", "-o", o],
        vec!["print", s, "--copies", "2", "--first", "999999", "-o", o],
        vec!["print", s, "--copies", "999999", "-o", o],
        vec!["print", s, "--copies", "10001", "-o", o],
        vec![
            "print",
            s,
            "--copies",
            "2",
            "--draft-mark",
            "审议稿",
            "--watermark",
            "草稿",
            "-o",
            o,
        ],
    ] {
        let out = workreport(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("错误"), "{stderr}");
        assert!(files_in(&out_dir).is_empty());
    }
    let help = workreport(&["print", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("份数") && text.contains("份号"), "{text}");
}

/// The sample with a list of delegates and invited attendees added.
fn sample_with_lists(dir: &Path) -> PathBuf {
    let mut facts = std::fs::read_to_string(sample()).unwrap();
    facts.push_str(
        "\n代表名单:\n  - 姓名: 王堃\n    单位: 青石村\n  - 姓名: 李喆\n    单位: \"镇中心校,\\\"教师\\\"\"\n\
         列席人员:\n  - 姓名: 陈珺\n",
    );
    let path = dir.join("lists.yaml");
    std::fs::write(&path, facts).unwrap();
    // Fonts named in the sample are relative to its folder.
    path
}

#[test]
fn with_a_list_each_person_gets_a_numbered_booklet_and_a_line_of_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let facts = sample_with_lists(dir.path());
    let out_dir = dir.path().join("output");
    let out = workreport(&[
        "print",
        facts.to_str().unwrap(),
        "--booklet",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stem = "2024-annual-印制-000001-000003";
    assert_eq!(
        files_in(&out_dir),
        vec![
            format!("{stem}-登记表.csv"),
            format!("{stem}-登记表.pdf"),
            format!("{stem}-骑马订.pdf"),
        ]
    );
    let csv = std::fs::read(out_dir.join(format!("{stem}-登记表.csv"))).unwrap();
    assert!(csv.starts_with("\u{FEFF}".as_bytes()), "a byte order mark");
    let csv = String::from_utf8(csv).unwrap();
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(
        rows[1..],
        [
            "\"000001\",\"王堃\",\"青石村\",\"代表\",\"\"",
            "\"000002\",\"李喆\",\"镇中心校,\"\"教师\"\"\",\"代表\",\"\"",
            "\"000003\",\"陈珺\",\"\",\"列席\",\"\"",
        ]
    );
    // The register's PDF lists the same copies and names.
    let register = support::pdf_pages_text(
        &std::fs::read(out_dir.join(format!("{stem}-登记表.pdf"))).unwrap(),
    );
    let text = support::squeeze(&register.concat());
    for word in [
        "份号登记表",
        "000001",
        "王堃",
        "青石村",
        "000003",
        "陈珺",
        "列席",
        "签收",
    ] {
        assert!(text.contains(word), "{word} in {text}");
    }
    // Three booklets of A3 sheets (the sample's 11 pages on 3 sheets, 6 sides each).
    let booklet = lopdf::Document::load_mem(
        &std::fs::read(out_dir.join(format!("{stem}-骑马订.pdf"))).unwrap(),
    )
    .unwrap();
    assert_eq!(booklet.get_pages().len(), 3 * 6);
}

#[test]
fn a_name_left_empty_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut facts = std::fs::read_to_string(sample()).unwrap();
    let line = facts.lines().count() + 4;
    facts.push_str("\n代表名单:\n  - 姓名: 王堃\n  - 姓名: \"\"\n");
    let path = dir.path().join("empty-name.yaml");
    std::fs::write(&path, facts).unwrap();
    let out_dir = dir.path().join("output");
    let out = workreport(&[
        "print",
        path.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("代表名单第2人的姓名是空的"), "{stderr}");
    assert!(
        stderr.contains(&format!("empty-name.yaml:{line}:")),
        "{stderr}"
    );
    assert!(files_in(&out_dir).is_empty());
}

#[test]
fn without_copies_or_a_list_the_clerk_is_told_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("output");
    let s = sample();
    let out = workreport(&[
        "print",
        s.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("--copies") && stderr.contains("代表名单"),
        "{stderr}"
    );
    assert!(files_in(&out_dir).is_empty());
}

#[test]
fn send_hands_the_booklet_to_lp_on_the_short_edge() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let log = dir.path().join("lp.log");
    let lp = bin.join("lp");
    std::fs::write(
        &lp,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\necho 'request id is office-7 (1 file(s))'\n",
            log.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out_dir = dir.path().join("output");
    let s = sample();
    let out = workreport_with_path(
        &[
            "print",
            s.to_str().unwrap(),
            "--copies",
            "2",
            "--booklet",
            "--send",
            "office",
            "-o",
            out_dir.to_str().unwrap(),
        ],
        Some(&bin),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("已交给打印机 office：request id is office-7"),
        "{stdout}"
    );
    let args = std::fs::read_to_string(&log).unwrap();
    let args: Vec<&str> = args.lines().collect();
    let booklet = out_dir.join("2024-annual-印制-000001-000002-骑马订.pdf");
    assert_eq!(
        args,
        [
            "-d",
            "office",
            "-o",
            "sides=two-sided-short-edge",
            "-o",
            "media=A3",
            "-o",
            "fit-to-page=false",
            "--",
            booklet.to_str().unwrap()
        ]
    );
}

#[test]
fn without_lp_the_run_is_written_and_the_clerk_told_how_to_print_it() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-programs");
    std::fs::create_dir(&empty).unwrap();
    let out_dir = dir.path().join("output");
    let s = sample();
    let out = workreport_with_path(
        &[
            "print",
            s.to_str().unwrap(),
            "--copies",
            "1",
            "--send",
            "-o",
            out_dir.to_str().unwrap(),
        ],
        Some(&empty),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("没有打印命令 lp"), "{stderr}");
    assert!(stderr.contains("双面打印、沿长边翻转"), "{stderr}");
    assert!(files_in(&out_dir).contains(&"2024-annual-印制-000001-000001.pdf".to_string()));
}

#[test]
fn build_takes_a_draft_mark_or_a_watermark_for_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("output");
    let (s, o) = (sample(), out_dir.to_str().unwrap().to_string());
    let first_page = |args: &[&str]| {
        let out = workreport(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pages =
            support::pdf_pages_text(&std::fs::read(out_dir.join("2024-annual.pdf")).unwrap());
        (support::squeeze(&pages[0]), pages.len())
    };
    let (plain, n) = first_page(&["build", s.to_str().unwrap(), "--to", "pdf", "-o", &o]);
    assert!(plain.contains("审议稿"), "{plain:.80}");
    let (draft, _) = first_page(&[
        "build",
        s.to_str().unwrap(),
        "--to",
        "pdf,md",
        "--draft-mark",
        "征求意见稿",
        "-o",
        &o,
    ]);
    assert!(
        draft.contains("征求意见稿") && !draft.contains("审议稿"),
        "{draft:.80}"
    );
    let md = std::fs::read_to_string(out_dir.join("2024-annual.md")).unwrap();
    assert!(
        md.contains("征求意见稿"),
        "the Markdown carries the run's mark"
    );
    let out = workreport(&[
        "build",
        s.to_str().unwrap(),
        "--to",
        "pdf",
        "--watermark",
        "内部资料",
        "-o",
        &o,
    ]);
    assert!(out.status.success());
    let pdf = std::fs::read(out_dir.join("2024-annual.pdf")).unwrap();
    let pages = support::pdf_pages_text(&pdf);
    assert_eq!(pages.len(), n, "a watermark adds no page");
    for page in &pages {
        assert!(support::squeeze(page).starts_with("内部资料"), "{page:.40}");
    }
    // The watermark takes the draft mark's place.
    assert!(!support::squeeze(&pages[0]).contains("审议稿"));
}
