//! Every DOCX the program writes passes Microsoft's Open XML SDK validator
//! (../shared/tools/docx_validate.sh): what Word checks before it offers to repair a document.
//! Every kind from the sample, the hand-made Markdown fixtures (bold lead-ins, parts, nested
//! lists, tables, redactions), and the real-shaped report of docx_common. Skipped with a note
//! when the validator cannot be installed (no npm), unless CI is set.

mod docx_common;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> Option<PathBuf> {
    [
        root().join("../shared/tools/docx_validate.sh"),
        PathBuf::from("/work/shared/tools/docx_validate.sh"),
    ]
    .into_iter()
    .find(|p| p.exists())
}

/// Builds `input` with the program into `out`, DOCX only.
fn build(input: &Path, out: &Path, extra: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_workreport"))
        .arg("build")
        .arg(input)
        .args(["--to", "docx", "-o"])
        .arg(out)
        .args(extra)
        .output()
        .expect("workreport runs");
    assert!(
        status.status.success(),
        "build {}: {}",
        input.display(),
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn the_validator_finds_no_error_in_any_docx_the_program_writes() {
    let Some(script) = validator() else {
        support::tool_missing("../shared/tools/docx_validate.sh");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    build(
        &root().join("sample-data/qingshi-2024.yaml"),
        dir.path(),
        &["--kind", "all"],
    );
    // Each in its own folder: a hand-made report's outputs are named after its file.
    // The redactions fixture keeps a clerk's placeholders, which only a draft prints.
    for (fixture, extra) in [("shapes", &[][..]), ("redactions", &["--draft"][..])] {
        let out = dir.path().join(fixture);
        build(
            &root().join(format!("tests/fixtures/reports/{fixture}.md")),
            &out,
            extra,
        );
        std::fs::rename(
            out.join(format!("{fixture}.docx")),
            dir.path().join(format!("{fixture}.docx")),
        )
        .unwrap();
    }
    let real = dir.path().join("real-shaped.docx");
    std::fs::write(
        &real,
        workreport::write::docx::render(&docx_common::real_shaped_report()).unwrap(),
    )
    .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    files.sort();
    // Five kinds, two fixtures, the real-shaped report.
    assert!(files.len() >= 8, "{files:?}");

    let out = Command::new("bash")
        .arg(&script)
        .args(&files)
        .output()
        .expect("bash runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{said}");
    match out.status.code() {
        Some(2) => {
            support::tool_missing(&format!("the Open XML SDK validator ({said})"));
        }
        _ => {
            for file in &files {
                let line = format!("{}: 0 errors", file.display());
                assert!(
                    said.contains(&line),
                    "not clean: {}\n{said}",
                    file.display()
                );
            }
            assert!(out.status.success(), "{said}");
        }
    }
}
