//! Print runs of the real sample (青石镇, 2024): numbered copies in one PDF, each copy's first
//! page opening with its six-digit copy number, every copy otherwise the same pages, a blank
//! page after a copy of an odd number of pages, and a file that grows by little per copy.

mod support;
use support::SAMPLE;

use std::path::Path;
use std::sync::OnceLock;
use workreport::build::{self, Format};
use workreport::document::Document;
use workreport::fonts::FontSet;
use workreport::write::print::PrintRun;
use workreport::write::{pdf, print};

struct Sample {
    doc: Document,
    fonts: FontSet,
}

fn sample() -> &'static Sample {
    static SAMPLE_DOC: OnceLock<Sample> = OnceLock::new();
    SAMPLE_DOC.get_or_init(|| {
        let opts = support::sample_options(&[Format::Pdf]);
        let doc = support::sample_document();
        let fonts = FontSet::discover(&build::font_options(Path::new(SAMPLE), &opts).unwrap())
            .expect("fonts");
        Sample { doc, fonts }
    })
}

fn run(first: u32, copies: u32) -> Vec<u8> {
    let s = sample();
    print::render(&s.doc, &s.fonts, PrintRun { first, copies })
        .expect("the print run is made")
        .0
}

/// The report with copy number `n`, as one PDF: the pages every copy repeats.
fn numbered(n: u32) -> (Document, Vec<String>) {
    let mut doc = sample().doc.clone();
    doc.meta.copy_number = Some(n);
    let pages = support::pdf_pages_text(&pdf::render(&doc, &sample().fonts).unwrap());
    (doc, pages)
}

fn without_page_numbers(pages: &[String]) -> String {
    let mut text = support::squeeze(&pages.concat());
    for n in 1..=pages.len() {
        text = text.replacen(&format!("—{n}—"), "", 1);
    }
    text
}

#[test]
fn three_copies_each_open_with_their_number_and_repeat_the_same_pages() {
    let (doc, report) = numbered(1);
    let n = report.len();
    let per_copy = n + n % 2;
    let pages = support::pdf_pages_text(&run(1, 3));
    assert_eq!(pages.len(), 3 * per_copy, "a copy has {n} pages");
    for (k, copy) in pages.chunks(per_copy).enumerate() {
        let number = format!("{:06}", k + 1);
        let first = support::squeeze(&copy[0]);
        assert!(first.starts_with(&number), "copy {}: {first:.40}", k + 1);
        // The same pages as the report numbered 000001, but for the number.
        for (i, (page, expected)) in copy.iter().zip(&report).enumerate() {
            let mut expected = support::squeeze(expected);
            if i == 0 {
                expected = expected.replacen("000001", &number, 1);
            }
            assert_eq!(
                support::squeeze(page),
                expected,
                "copy {} page {}",
                k + 1,
                i + 1
            );
        }
        // The blank page after an odd copy has no text at all (no page number either).
        for blank in &copy[n..] {
            assert!(blank.trim().is_empty(), "{blank:?}");
        }
    }
    // The copy number is the first paragraph of the model, and every paragraph is printed.
    let mut model = doc.clone();
    model.meta.copy_number = Some(2);
    assert_eq!(
        without_page_numbers(&pages[per_copy..per_copy + n]),
        support::squeeze(&model.paragraphs().concat())
    );
}

#[test]
fn every_digit_copies_as_text() {
    // 456789 and 456790 show the digits 1, 2 and 3 do not (the other test shows those).
    let pages = support::pdf_pages_text(&run(456_789, 2));
    let per_copy = pages.len() / 2;
    assert!(support::squeeze(&pages[0]).starts_with("456789"));
    assert!(support::squeeze(&pages[per_copy]).starts_with("456790"));
}

#[test]
fn the_layout_moves_down_one_line_for_the_copy_number() {
    let (_, report) = numbered(7);
    let plain = support::pdf_pages_text(&pdf::render(&sample().doc, &sample().fonts).unwrap());
    assert!(support::squeeze(&report[0]).starts_with("000007青石镇"));
    assert!(support::squeeze(&plain[0]).starts_with("青石镇"));
}

#[test]
fn a_copy_costs_a_few_kilobytes() {
    let three = run(1, 3).len();
    let thirty = run(1, 30).len();
    let per_copy = (thirty - three) / 27;
    eprintln!("3 copies {three} bytes, 30 copies {thirty} bytes, {per_copy} bytes a copy");
    assert!(per_copy < 4_000, "{per_copy} bytes a copy");
    assert!(three < 600_000, "{three} bytes");
}

#[test]
fn a_one_copy_run_passes_the_layout_checker_and_its_blank_page_has_no_number() {
    let pdf = run(1, 1);
    let pages = support::pdf_pages_text(&pdf);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024-annual-印制-000001-000001.pdf");
    std::fs::write(&path, &pdf).unwrap();
    // The sample has an odd number of pages, so the run ends with a blank page: layout.md gives
    // it no number, and the checker exempts it (and would fail it if it carried one).
    let last = pages.last().expect("pages");
    assert!(last.trim().is_empty(), "last page not blank: {last:?}");
    let Some(report) = run_checker(&path) else {
        return;
    };
    eprintln!("{report}");
    support::assert_all_rules_pass(&report);
    assert!(
        report.contains("(1 blank pages)"),
        "the blank page is not seen as blank: {report}"
    );
}

/// The PDF checker with `--first-body-page 1`, or None where python3 or it is missing.
fn run_checker(path: &Path) -> Option<String> {
    let script = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/pdf_layout_check.py"),
        Path::new("/work/shared/tools/pdf_layout_check.py").to_path_buf(),
    ]
    .into_iter()
    .find(|p| p.exists());
    let have_python = std::process::Command::new("python3")
        .args(["-c", "import pdfplumber, pikepdf"])
        .status()
        .is_ok_and(|s| s.success());
    let (Some(script), true) = (script, have_python) else {
        support::tool_missing("python3 with pdfplumber, pikepdf, and pdf_layout_check.py");
        return None;
    };
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(path)
        .args(["--first-body-page", "1"])
        .output()
        .expect("python3 runs");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}
