//! The written DOCX passes every rule of ../shared/tools/docx_layout_check.py (GB/T 9704 as
//! Word reads it). Skipped with a note when python3 or lxml is missing, unless CI is set.

mod docx_common;
mod support;

use docx_common::*;
use workreport::write::docx::render;

#[test]
fn the_layout_checker_passes_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("报告.docx");
    std::fs::write(&file, render(&sample_report()).unwrap()).unwrap();
    if let Some(report) = support::run_checker("docx_layout_check.py", "lxml, docx", &file) {
        eprintln!("{report}");
        support::assert_all_rules_pass(&report);
    }
}
