//! Print runs of the real sample (青石镇, 2024) and of reports of 1, 8, 11, 12 and 13 pages:
//! numbered copies in one PDF, each copy's first page opening with its six-digit copy number
//! and every copy otherwise the same pages, a blank page after a copy of an odd number of
//! pages; saddle-stitched booklets in the order a short-edge duplex printer needs, read back
//! sheet by sheet from the page numbers printed on each half; a file that grows by little per
//! copy.

mod support;
use support::SAMPLE;

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use workreport::build::{self, Format, Marks};
use workreport::document::{Block, Document, Meta};
use workreport::fonts::FontSet;
use workreport::layout::{lay_out_with, LayoutOptions};
use workreport::press::{Imposition, Numbering, RunSpec};
use workreport::realize::realize;
use workreport::write::pdf;

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

/// The run of `doc` as the print command makes it.
fn press(doc: &Document, first: u32, copies: u32, imposition: Imposition) -> Vec<u8> {
    let spec = RunSpec {
        numbering: Some(Numbering { first, copies }),
        imposition,
    };
    let (run, _) =
        build::press(doc, &sample().fonts, &Marks::default(), spec).expect("the run is made");
    run.write_to(Vec::new(), &mut |_| {}).expect("written")
}

fn run(first: u32, copies: u32) -> Vec<u8> {
    press(&sample().doc, first, copies, Imposition::Pages)
}

/// The report laid out with its first line kept for the copy number, as one PDF: the pages
/// every copy repeats.
fn reserved() -> Vec<String> {
    let (pdf, _) = pdf::render_with(
        &sample().doc,
        &sample().fonts,
        LayoutOptions {
            reserve_first_line: true,
        },
    )
    .unwrap();
    support::pdf_pages_text(&pdf)
}

#[test]
fn three_copies_each_open_with_their_number_and_repeat_the_same_pages() {
    let report = reserved();
    let n = report.len();
    let per_copy = n + n % 2;
    let pages = support::pdf_pages_text(&run(1, 3));
    assert_eq!(pages.len(), 3 * per_copy, "a copy has {n} pages");
    for (k, copy) in pages.chunks(per_copy).enumerate() {
        let number = format!("{:06}", k + 1);
        let first = support::squeeze(&copy[0]);
        assert!(first.starts_with(&number), "copy {}: {first:.40}", k + 1);
        // The same pages as the report, the number before the first.
        for (i, (page, expected)) in copy.iter().zip(&report).enumerate() {
            let mut expected = support::squeeze(expected);
            if i == 0 {
                expected.insert_str(0, &number);
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
        // The number is on the first page of the copy only.
        for page in &copy[1..] {
            assert!(!support::squeeze(page).contains(&number), "{page:.60}");
        }
    }
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
fn the_layout_keeps_the_first_line_free_for_the_copy_number() {
    let reserved = reserved();
    let plain = support::pdf_pages_text(&pdf::render(&sample().doc, &sample().fonts).unwrap());
    assert!(support::squeeze(&reserved[0]).starts_with("青石镇"));
    // The session mark moves down one grid line (28.99 pt), and nothing takes its place.
    let flow = realize(&sample().doc);
    let first_baseline = |reserve_first_line| {
        let pages =
            lay_out_with(&flow, &sample().fonts, LayoutOptions { reserve_first_line }).unwrap();
        pages.pages[0].runs[0].baseline_pt
    };
    let moved = first_baseline(true) - first_baseline(false);
    assert!(
        (moved - workreport::geometry::LINE_PITCH_PT).abs() < 0.01,
        "{moved}"
    );
    assert!(support::squeeze(&plain[0]).starts_with("青石镇"));
}

#[test]
fn a_copy_costs_a_few_hundred_bytes() {
    let three = run(1, 3).len();
    let thirty = run(1, 30).len();
    let per_copy = (thirty - three) / 27;
    eprintln!("3 copies {three} bytes, 30 copies {thirty} bytes, {per_copy} bytes a copy");
    assert!(per_copy < 2_500, "{per_copy} bytes a copy");
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
    let have_python = Command::new("python3")
        .args(["-c", "import pdfplumber, pikepdf"])
        .status()
        .is_ok_and(|s| s.success());
    let (Some(script), true) = (script, have_python) else {
        support::tool_missing("python3 with pdfplumber, pikepdf, and pdf_layout_check.py");
        return None;
    };
    let out = Command::new("python3")
        .arg(script)
        .arg(path)
        .args(["--first-body-page", "1"])
        .output()
        .expect("python3 runs");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A report of exactly `pages` pages: a title, then a page break before each further page's
/// paragraph.
fn report_of(pages: usize) -> Document {
    let mut blocks = vec![Block::paragraph("第1页的正文。")];
    for p in 2..=pages {
        blocks.push(Block::PageBreak(Default::default()));
        blocks.push(Block::paragraph(format!("第{p}页的正文。")));
    }
    Document {
        meta: Meta {
            title: format!("{pages}页的报告"),
            ..Meta::default()
        },
        blocks,
    }
}

#[test]
fn page_counts_of_runs_and_booklets_with_one_two_and_three_copies() {
    for n in [1usize, 8, 11, 12, 13] {
        let doc = report_of(n);
        let laid_out = pdf::render(&doc, &sample().fonts).unwrap();
        assert_eq!(
            support::pdf_pages_text(&laid_out).len(),
            n,
            "the report has {n} pages"
        );
        for copies in 1..=3u32 {
            let flat = support::pdf_pages_text(&press(&doc, 1, copies, Imposition::Pages));
            let per_copy = n + n % 2;
            assert_eq!(
                flat.len(),
                per_copy * copies as usize,
                "{n} pages × {copies}"
            );
            for (k, copy) in flat.chunks(per_copy).enumerate() {
                let number = format!("{:06}", k + 1);
                let numbered: Vec<usize> = copy
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| support::squeeze(t).contains(&number))
                    .map(|(i, _)| i)
                    .collect();
                assert_eq!(numbered, vec![0], "{n} pages, copy {}", k + 1);
            }
            let booklet = press(&doc, 1, copies, Imposition::Booklet);
            let sides = lopdf::Document::load_mem(&booklet)
                .unwrap()
                .get_pages()
                .len();
            assert_eq!(
                sides,
                n.div_ceil(4) * 2 * copies as usize,
                "{n} pages × {copies} booklets"
            );
        }
    }
}

/// A word of a PDF as poppler reads it: its page (from 1), left and top (pt), and text.
#[derive(Debug)]
struct Word {
    page: usize,
    x: f32,
    y: f32,
    text: String,
}

/// Words of a PDF with their page and position, read by poppler's `pdftotext -bbox`; None
/// where poppler is missing.
fn words(pdf: &[u8]) -> Option<Vec<Word>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("run.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = match Command::new("pdftotext")
        .arg("-bbox")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => out,
        _ => {
            support::tool_missing("pdftotext (poppler-utils)");
            return None;
        }
    };
    let html = String::from_utf8(out.stdout).unwrap();
    let mut words = Vec::new();
    let mut page = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        }
        if let Some(rest) = line.strip_prefix("<word xMin=\"") {
            let fields: Vec<&str> = rest.split('"').collect();
            let text = rest
                .split('>')
                .nth(1)
                .unwrap()
                .trim_end_matches("</word")
                .to_string();
            words.push(Word {
                page,
                x: fields[0].parse().unwrap(),
                y: fields[2].parse().unwrap(),
                text,
            });
        }
    }
    Some(words)
}

/// The page numbers ("— N —") printed on each half of each side: (left, right), 0 for a half
/// without one.
fn booklet_order(pdf: &[u8], half_width: f32) -> Option<Vec<(u32, u32)>> {
    let words = words(pdf)?;
    let sides = words.iter().map(|w| w.page).max().unwrap_or(0);
    let mut order = vec![(0, 0); sides];
    // The page number's line, 7 mm under the type area: "— 7 —" (poppler reads one word, or
    // three when the number has two digits), on the half it is printed on.
    let foot = workreport::geometry::TYPE_AREA_BOTTOM_PT;
    let mut halves: std::collections::BTreeMap<(usize, bool), String> = Default::default();
    for w in words.iter().filter(|w| w.y > foot && w.y < foot + 40.0) {
        halves
            .entry((w.page, w.x >= half_width))
            .or_default()
            .push_str(&w.text);
    }
    for ((side, right), text) in halves {
        let n: u32 = text.trim_matches('—').parse().expect("a page number");
        let side = &mut order[side - 1];
        if right {
            side.1 = n;
        } else {
            side.0 = n;
        }
    }
    Some(order)
}

#[test]
fn booklets_of_8_and_13_pages_fold_in_page_order() {
    let half = workreport::geometry::PAGE_WIDTH_PT;
    let eight = press(&report_of(8), 1, 1, Imposition::Booklet);
    let Some(order) = booklet_order(&eight, half) else {
        return;
    };
    assert_eq!(order, vec![(8, 1), (2, 7), (6, 3), (4, 5)]);
    // Two copies of 13 pages: each its own booklet of 4 sheets, three blank pages at its end.
    let thirteen = press(&report_of(13), 1, 2, Imposition::Booklet);
    let order = booklet_order(&thirteen, half).unwrap();
    let one = vec![
        (0, 1),
        (2, 0),
        (0, 3),
        (4, 13),
        (12, 5),
        (6, 11),
        (10, 7),
        (8, 9),
    ];
    assert_eq!(order, [one.clone(), one].concat());
    // Each booklet's number is on its first page: the right half of its first side.
    let words = words(&thirteen).unwrap();
    for (number, side) in [("000001", 1), ("000002", 9)] {
        let found: Vec<_> = words.iter().filter(|w| w.text == number).collect();
        assert_eq!(found.len(), 1, "{number}: {found:?}");
        assert_eq!(found[0].page, side, "{number}");
        assert!(found[0].x > half, "{number} on the right half");
    }
}
