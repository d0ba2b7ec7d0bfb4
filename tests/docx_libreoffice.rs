//! LibreOffice opens the written DOCX, as a clerk's office suite would, and prints it: every
//! paragraph is there, every page numbered, and its lines break where our PDF breaks them.
//!
//! LibreOffice runs with the project's fontconfig file (fonts/fontconfig.conf) and no other
//! fonts, so it sets the report in the faces our PDF embeds whatever the machine has installed
//! (a fresh machine has no Chinese fonts at all). Skipped with a note when soffice or pdftotext
//! is missing, unless CI is set.

mod docx_common;
mod pdf_common;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use docx_common::{real_shaped_report, sample_report};
use support::{squeeze, tool_missing};
use workreport::document::Document;
use workreport::text::NO_BREAK_JOINER;

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn libreoffice_ready() -> bool {
    (runs("soffice", "--version") && runs("pdftotext", "-v"))
        || !tool_missing("LibreOffice (soffice) and pdftotext")
}

/// A LibreOffice of its own: a fresh user profile, the project's fonts and nothing else.
struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    fn new() -> Office {
        Office {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Converts `input` to `format` in the office's folder and returns the new file.
    fn convert(&self, input: &Path, format: &str) -> PathBuf {
        let fontconfig = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/fontconfig.conf");
        let out = Command::new("soffice")
            .env("FONTCONFIG_FILE", &fontconfig)
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"))
            .arg(format!(
                "-env:UserInstallation=file://{}",
                self.dir.path().join("profile").display()
            ))
            .args(["--headless", "--convert-to", format, "--outdir"])
            .arg(self.dir.path())
            .arg(input)
            .output()
            .expect("soffice runs");
        assert!(
            out.status.success(),
            "soffice: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let converted = self
            .dir
            .path()
            .join(input.with_extension(format).file_name().unwrap());
        assert!(converted.exists(), "no {format} from soffice");
        converted
    }

    /// Writes `doc` as a DOCX and has LibreOffice print it as it reads it.
    fn print(&self, doc: &Document, name: &str) -> PathBuf {
        let docx = self.dir.path().join(format!("{name}.docx"));
        std::fs::write(&docx, workreport::write::docx::render(doc).unwrap()).unwrap();
        self.convert(&docx, "pdf")
    }

    /// Writes `doc` as a DOCX and has LibreOffice print it as Word reads it. LibreOffice 7.4's
    /// importer drops two things the DOCX says (writerfilter handles them with a bare `break`
    /// or not at all): `w:autoSpaceDE`/`DN` off in every style (tests/docx_structure.rs checks
    /// that), so LibreOffice keeps its own gap of a fifth of an em between Chinese and Latin or
    /// digits, which Word and the PDF do not set; and the 避头尾 lists of `w:noLineBreaksBefore`
    /// and `w:noLineBreaksAfter` in settings.xml, so it breaks by its own zh-CN lists (a line may
    /// start with the second half of ——) and not at the joiner between a number and its unit.
    /// LibreOffice's own document (flat ODF) gets both as the DOCX says them,
    /// `style:text-autospace="none"` and the lists as its zh-CN forbidden characters, before it
    /// prints it. Nothing else is touched.
    fn print_as_word(&self, doc: &Document, name: &str) -> PathBuf {
        let docx = self.dir.path().join(format!("{name}.docx"));
        let bytes = workreport::write::docx::render(doc).unwrap();
        std::fs::write(&docx, &bytes).unwrap();
        let settings = docx_common::Package::open(&bytes)
            .part("word/settings.xml")
            .to_string();
        let settings = roxmltree::Document::parse(&settings).unwrap();
        let list = |name: &str| {
            let node = settings
                .descendants()
                .find(|n| {
                    n.tag_name().name() == name && docx_common::attr(*n, "lang") == Some("zh-CN")
                })
                .unwrap_or_else(|| panic!("no zh-CN w:{name} in settings.xml"));
            escape(docx_common::attr(node, "val").unwrap())
        };
        let forbidden = format!(
            concat!(
                r#"<config:config-item-map-indexed config:name="ForbiddenCharacters">"#,
                r#"<config:config-item-map-entry>"#,
                r#"<config:config-item config:name="Language" config:type="string">zh</config:config-item>"#,
                r#"<config:config-item config:name="Country" config:type="string">CN</config:config-item>"#,
                r#"<config:config-item config:name="Variant" config:type="string"></config:config-item>"#,
                r#"<config:config-item config:name="BeginLine" config:type="string">{}</config:config-item>"#,
                r#"<config:config-item config:name="EndLine" config:type="string">{}</config:config-item>"#,
                r#"</config:config-item-map-entry></config:config-item-map-indexed>"#
            ),
            list("noLineBreaksBefore"),
            list("noLineBreaksAfter")
        );
        let fodt = self.convert(&docx, "fodt");
        let mut odf = std::fs::read_to_string(&fodt).unwrap().replace(
            r#"style:text-autospace="ideograph-alpha""#,
            r#"style:text-autospace="none""#,
        );
        const SET: &str = r#"<config:config-item-set config:name="ooo:configuration-settings">"#;
        let at = odf.find(SET).expect("LibreOffice's configuration settings") + SET.len();
        odf.insert_str(at, &forbidden);
        std::fs::write(&fodt, odf).unwrap();
        self.convert(&fodt, "pdf")
    }
}

/// Text for XML character data.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text lines of a PDF, page by page, as pdftotext places its words (a word within 4 pt of a
/// line's first word belongs to it: LibreOffice sets a cell of digits a little higher than one of
/// Chinese), each line's words left to right: white space and no-break joiners dropped, page
/// numbers (“— N —”) left out.
fn pdf_lines(pdf: &Path) -> Vec<Vec<String>> {
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout);
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        // (bottom, x, text) of every word
        let mut words: Vec<(f64, f64, String)> = Vec::new();
        for word in page.split("<word ").skip(1) {
            let number = |name: &str| -> f64 {
                let at = word.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                word[at..at + word[at..].find('"').unwrap()]
                    .parse()
                    .unwrap()
            };
            let text = &word[word.find('>').unwrap() + 1..word.find("</word>").unwrap()];
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            words.push((number("yMax"), number("xMin"), text));
        }
        words.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut lines: Vec<(f64, Vec<(f64, String)>)> = Vec::new();
        for (bottom, x, text) in words {
            match lines.last_mut() {
                Some((first, line)) if bottom - *first <= 4.0 => line.push((x, text)),
                _ => lines.push((bottom, vec![(x, text)])),
            }
        }
        let lines: Vec<String> = lines
            .into_iter()
            .map(|(_, mut line)| {
                line.sort_by(|a, b| a.0.total_cmp(&b.0));
                line.into_iter().map(|(_, t)| t).collect()
            })
            .collect();
        pages.push(
            lines
                .into_iter()
                .map(|l| {
                    squeeze(&l)
                        .chars()
                        .filter(|&c| c != NO_BREAK_JOINER)
                        .collect::<String>()
                })
                .filter(|l| {
                    !(l.starts_with('—')
                        && l.ends_with('—')
                        && l.trim_matches('—').chars().all(|c| c.is_ascii_digit())
                        && l.len() > 6)
                })
                .collect(),
        );
    }
    pages
}

/// How many of `ours`' lines LibreOffice sets with the same characters (the same break before
/// and after them), and on the same page; the two must print the same text.
fn same_lines(ours: &[Vec<String>], theirs: &[Vec<String>]) -> (usize, usize, usize) {
    let spans = |pages: &[Vec<String>]| -> Vec<(usize, usize, usize)> {
        let mut at = 0;
        let mut out = Vec::new();
        for (page, lines) in pages.iter().enumerate() {
            for line in lines {
                let len = line.chars().count();
                out.push((at, at + len, page));
                at += len;
            }
        }
        out
    };
    let text = |pages: &[Vec<String>]| pages.concat().concat();
    assert_eq!(text(ours), text(theirs), "LibreOffice prints other text");
    let theirs = spans(theirs);
    let ours = spans(ours);
    let same = ours
        .iter()
        .filter(|(a, b, _)| theirs.iter().any(|(c, d, _)| (a, b) == (c, d)))
        .count();
    let same_page = ours
        .iter()
        .filter(|(a, b, p)| theirs.iter().any(|(c, d, q)| (a, b, p) == (c, d, q)))
        .count();
    (same, same_page, ours.len())
}

/// Our PDF of `doc`, as `workreport build` writes it on a machine with no fonts of its own.
fn our_pdf(doc: &Document, dir: &Path, name: &str) -> PathBuf {
    let pages =
        workreport::layout::lay_out(&workreport::realize::realize(doc), pdf_common::fonts())
            .expect("lays out");
    let bytes = workreport::write::pdf::write_pages(doc, &pages, pdf_common::fonts()).unwrap();
    let path = dir.join(format!("{name}-ours.pdf"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// LibreOffice sets at least 95% of the lines of `doc` where our PDF sets them, and prints the
/// figure (the PDFs stay in `WORKREPORT_KEEP_PDFS` when it is set, to look at).
fn breaks_lines_like_our_pdf(doc: &Document, name: &str) {
    let office = Office::new();
    let ours = our_pdf(doc, office.dir.path(), name);
    let theirs = office.print_as_word(doc, name);
    let raw = office.print(doc, &format!("{name}-raw"));
    if let Some(keep) = std::env::var_os("WORKREPORT_KEEP_PDFS") {
        for (pdf, as_name) in [
            (&ours, "ours.pdf"),
            (&theirs, "libreoffice.pdf"),
            (&raw, "libreoffice-raw.pdf"),
            (&office.dir.path().join(format!("{name}.docx")), "docx"),
        ] {
            std::fs::copy(pdf, Path::new(&keep).join(format!("{name}-{as_name}"))).unwrap();
        }
    }
    let our_lines = pdf_lines(&ours);
    let (same, same_page, total) = same_lines(&our_lines, &pdf_lines(&theirs));
    let raw_lines = pdf_lines(&raw);
    let raw_same = if squeeze(&raw_lines.concat().concat()) == squeeze(&our_lines.concat().concat())
    {
        same_lines(&our_lines, &raw_lines).0
    } else {
        0
    };
    eprintln!(
        "{name}: LibreOffice sets {same} of {total} lines where our PDF does ({:.1}%), {same_page} on the same page; \
         {raw_same} as LibreOffice reads the DOCX by itself ({:.1}%); {} and {} pages",
        100.0 * same as f64 / total as f64,
        100.0 * raw_same as f64 / total as f64,
        our_lines.len(),
        pdf_lines(&theirs).len(),
    );
    assert!(
        same * 100 >= total * 95,
        "{name}: only {same} of {total} lines break where our PDF breaks them"
    );
}

#[test]
fn libreoffice_breaks_the_samples_lines_where_our_pdf_does() {
    if libreoffice_ready() {
        breaks_lines_like_our_pdf(&support::sample_document(), "sample");
    }
}

#[test]
fn libreoffice_breaks_a_real_shaped_reports_lines_where_our_pdf_does() {
    if libreoffice_ready() {
        breaks_lines_like_our_pdf(&real_shaped_report(), "real-shaped");
    }
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

/// Has LibreOffice print `doc`'s DOCX as it reads it, asserts that every paragraph is printed
/// and every page numbered, and gives the page count.
fn prints_every_paragraph(doc: &Document) -> usize {
    let office = Office::new();
    let pdf = office.print(doc, "report");
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace(NO_BREAK_JOINER, "");
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
