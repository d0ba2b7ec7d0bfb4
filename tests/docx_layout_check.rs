//! The written DOCX passes every rule of /work/shared/tools/docx_layout_check.py (GB/T 9704 as
//! Word reads it). Skipped with a note when python3 or lxml is missing, unless CI is set.

mod docx_common;

use std::path::Path;
use std::process::Command;

use docx_common::*;
use workreport::write::docx::render;

const CHECKER: &str = "/work/shared/tools/docx_layout_check.py";

fn python_ready() -> bool {
    Path::new(CHECKER).exists()
        && Command::new("python3")
            .args(["-c", "import lxml"])
            .output()
            .is_ok_and(|o| o.status.success())
}

#[test]
fn the_layout_checker_passes_every_rule() {
    if !python_ready() && tool_missing("python3 with lxml and docx_layout_check.py") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("报告.docx");
    std::fs::write(&file, render(&sample_report()).unwrap()).unwrap();
    let out = Command::new("python3")
        .arg(CHECKER)
        .arg(&file)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    eprintln!("{report}");
    assert!(!report.contains("FAIL"), "{report}");
    assert!(report.contains("rules pass"), "{report}");
    assert!(
        out.status.success(),
        "checker exit {:?}: {report}",
        out.status
    );
}
