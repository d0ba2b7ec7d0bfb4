//! `workreport print` as a clerk meets it: one PDF of numbered copies and nothing else, bad
//! input refused with exit status 1 and nothing written, a run of no copies a usage error.

mod support;
use support::files_in;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workreport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workreport"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("workreport runs")
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/qingshi-2024.yaml")
}

#[test]
fn print_writes_exactly_the_one_pdf_of_the_run() {
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
    assert_eq!(files_in(&out_dir), vec![name.to_string()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(name));
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
        vec!["print", s, "-o", o],
        vec!["print", s, "--copies", "2", "--first", "999999", "-o", o],
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
