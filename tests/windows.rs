//! What only Windows does to a clerk's run, run on Windows (or under Wine: scripts/wine_smoke.sh).
//! Elsewhere this file holds no test.
#![cfg(windows)]

mod support;
use support::files_in;

use std::os::windows::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workreport(args: &[&std::ffi::OsStr], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_workreport"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("workreport runs")
}

fn sample() -> PathBuf {
    // The platform's own absolute form (Z:\… under Wine), valid from any current folder.
    std::path::absolute(support::SAMPLE).unwrap()
}

#[test]
fn an_output_open_in_word_is_named_and_nothing_of_the_set_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("青石镇 报告");
    std::fs::create_dir(&folder).unwrap();
    let facts = folder.join("事实 2024.yaml");
    std::fs::copy(sample(), &facts).unwrap();
    let out = folder.join("输出");
    let build = |cwd: &Path| {
        workreport(
            &[
                "build".as_ref(),
                facts.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ],
            cwd,
        )
    };
    let first = build(&folder);
    assert!(first.status.success(), "{first:?}");
    assert_eq!(
        files_in(&out),
        ["2024-annual.docx", "2024-annual.md", "2024-annual.pdf"]
    );
    // Earlier outputs the run must leave alone: the Markdown and PDF beside the open DOCX.
    std::fs::write(out.join("2024-annual.md"), "旧的报告").unwrap();
    std::fs::write(out.join("2024-annual.pdf"), "旧的 PDF").unwrap();
    let docx = out.join("2024-annual.docx");
    let docx_before = std::fs::read(&docx).unwrap();
    // Word and WPS open a document for reading and writing and let others only read it.
    const FILE_SHARE_READ: u32 = 0x1;
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(FILE_SHARE_READ)
        .open(&docx)
        .unwrap();

    let second = build(&folder);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&docx.display().to_string()),
        "names the file: {stderr}"
    );
    assert!(
        stderr.contains("请先在 Word/WPS 或 PDF 阅读器中关闭"),
        "{stderr}"
    );
    drop(held);
    assert_eq!(
        std::fs::read_to_string(out.join("2024-annual.md")).unwrap(),
        "旧的报告"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("2024-annual.pdf")).unwrap(),
        "旧的 PDF"
    );
    assert_eq!(std::fs::read(&docx).unwrap(), docx_before);
    assert_eq!(
        files_in(&out),
        ["2024-annual.docx", "2024-annual.md", "2024-annual.pdf"],
        "no temporary file left behind"
    );

    // Closed, the same run goes through.
    let third = build(&folder);
    assert!(third.status.success(), "{third:?}");
    assert_ne!(
        std::fs::read_to_string(out.join("2024-annual.md")).unwrap(),
        "旧的报告"
    );
}
