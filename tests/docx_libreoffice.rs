//! LibreOffice opens the written DOCX and prints the report's text: every paragraph of the
//! model is found in the PDF it makes. Skipped with a note when soffice or pdftotext is
//! missing, unless CI is set.

mod docx_common;
mod support;

use std::path::Path;
use std::process::Command;

use docx_common::*;
use support::{squeeze, tool_missing};
use workreport::write::docx::render;

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn convert(docx: &Path, out_dir: &Path, profile: &Path) -> std::path::PathBuf {
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir)
        .arg(docx)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.exists(), "no PDF from soffice");
    pdf
}

fn libreoffice_ready() -> bool {
    (runs("soffice", "--version") && runs("pdftotext", "-v"))
        || !tool_missing("LibreOffice (soffice) and pdftotext")
}

#[test]
fn libreoffice_prints_every_paragraph() {
    if libreoffice_ready() {
        prints_every_paragraph(&sample_report());
    }
}

/// The real sample, composed from its facts file, as a clerk would open it.
#[test]
fn libreoffice_prints_every_paragraph_of_the_real_sample() {
    if !libreoffice_ready() {
        return;
    }
    let pages = prints_every_paragraph(&support::sample_document());
    // Our own PDF sets the sample on 11 pages; LibreOffice, on the same grid, should too.
    assert!((10..=12).contains(&pages), "{pages} pages in LibreOffice");
}

/// Converts `doc`'s DOCX with LibreOffice, asserts that every paragraph is printed and every
/// page numbered, and gives the page count.
fn prints_every_paragraph(doc: &workreport::document::Document) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    std::fs::write(&docx, render(doc).unwrap()).unwrap();
    let pdf = convert(&docx, dir.path(), &dir.path().join("lo-profile"));

    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let pages = text.matches('\u{c}').count();
    // Page numbers are footers: drop their lines so paragraphs that cross a page join up.
    let body: String = text
        .lines()
        .filter(|l| {
            let t = squeeze(l);
            !(t.starts_with('—')
                && t.ends_with('—')
                && t.trim_matches('—').chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    let body = squeeze(&body);
    assert!(body.contains(&squeeze(&doc.meta.title)), "title missing");
    for paragraph in doc.paragraphs() {
        let want = squeeze(&paragraph);
        assert!(
            body.contains(&want),
            "not in LibreOffice's PDF: {paragraph:?}"
        );
    }
    let numbers: Vec<String> = text
        .lines()
        .map(squeeze)
        .filter(|t| t.starts_with('—') && t.ends_with('—') && t.len() > 6)
        .collect();
    assert_eq!(
        numbers.first().map(String::as_str),
        Some("—1—"),
        "page numbers from the PAGE field"
    );
    assert_eq!(
        numbers.len(),
        pages.max(1),
        "every page numbered: {numbers:?}"
    );
    pages.max(1)
}
