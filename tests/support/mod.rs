//! Reading finished artefacts back, shared by the tests: a PDF's text through each font's
//! ToUnicode map (as a reader copying text gets it), and the GB/T 9704 checkers in
//! ../shared/tools run on a finished file.
#![allow(dead_code)]

pub mod english;

use std::collections::HashMap;

use std::path::{Path, PathBuf};
use std::process::Command;
use workreport::build::{self, BuildOptions, Format};
use workreport::document::Document;
use workreport::fonts::FontOptions;
use workreport::kinds::Selection;

/// The sample facts file (青石镇, 2024).
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/qingshi-2024.yaml");

/// The options `workreport build` uses by default, for `formats`.
pub fn sample_options(formats: &[Format]) -> BuildOptions {
    BuildOptions {
        kind: Selection::default(),
        formats: formats.to_vec(),
        out_dir: std::env::temp_dir(),
        templates: None,
        fonts: FontOptions::default(),
        marks: Default::default(),
    }
}

/// The sample composed into the document model, as `build` makes it.
pub fn sample_document() -> Document {
    let opts = sample_options(&Format::ALL);
    build::document(Path::new(SAMPLE), &opts)
        .expect("the sample builds")
        .0
}

/// The names of the files in `dir`, sorted (none when it does not exist), but for the files the
/// program keeps in every folder it writes into (`.workreport`, the manifest of what it wrote
/// there, and `.workreport.lock`). Temporary files and the journal are listed.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = all_files_in(dir)
        .into_iter()
        .filter(|n| !workreport::output::is_bookkeeping(n))
        .collect();
    names.sort();
    names
}

/// The names of every file in `dir`, sorted (none when it does not exist).
pub fn all_files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Text without any white space, for comparisons that ignore line breaks.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of every page of a PDF, page numbers left in.
pub fn pdf_pages_text(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("PDF parses");
    doc.get_pages()
        .values()
        .map(|&page| page_text(&doc, page))
        .collect()
}

/// The ToUnicode map of a font: code -> text (bfchar and bfrange entries).
pub fn to_unicode(doc: &lopdf::Document, font: &lopdf::Dictionary) -> HashMap<u16, String> {
    let stream = doc
        .get_object(font.get(b"ToUnicode").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let cmap = String::from_utf8(
        stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone()),
    )
    .unwrap();
    let hex = |s: &str| -> Vec<u16> {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        (0..s.len() / 4)
            .map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).unwrap())
            .collect()
    };
    let mut map = HashMap::new();
    let mut mode = "";
    for line in cmap.lines().map(str::trim) {
        if line.ends_with("beginbfchar") || line.ends_with("beginbfrange") {
            mode = if line.ends_with("beginbfchar") {
                "char"
            } else {
                "range"
            };
            continue;
        }
        if line.starts_with("endbf") {
            mode = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (mode, parts.as_slice()) {
            ("char", [code, text]) => {
                map.insert(hex(code)[0], String::from_utf16(&hex(text)).unwrap());
            }
            ("range", [lo, hi, start]) if start.starts_with('<') => {
                let (lo, hi, start) = (hex(lo)[0], hex(hi)[0], hex(start));
                for code in lo..=hi {
                    let mut t = start.clone();
                    *t.last_mut().unwrap() += code - lo;
                    map.insert(code, String::from_utf16(&t).unwrap());
                }
            }
            _ => {}
        }
    }
    map
}

/// A page's text in content-stream order, decoded through each font's ToUnicode map, the text
/// of a placed Form XObject (a stamp, a page on a booklet's sheet) where it is placed.
pub fn page_text(doc: &lopdf::Document, page: lopdf::ObjectId) -> String {
    let (inline, ids) = doc.get_page_resources(page).unwrap();
    let resources = inline
        .cloned()
        .or_else(|| {
            ids.first()
                .map(|&id| doc.get_dictionary(id).unwrap().clone())
        })
        .unwrap_or_default();
    let mut out = String::new();
    content_text(
        doc,
        &doc.get_page_content(page).unwrap(),
        &resources,
        &mut out,
    );
    out
}

/// A dictionary entry, following a reference.
fn entry<'a>(
    doc: &'a lopdf::Document,
    dict: &'a lopdf::Dictionary,
    key: &[u8],
) -> Option<&'a lopdf::Dictionary> {
    match dict.get(key).ok()? {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
        lopdf::Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn content_text(
    doc: &lopdf::Document,
    content: &[u8],
    resources: &lopdf::Dictionary,
    out: &mut String,
) {
    let mut maps: HashMap<Vec<u8>, HashMap<u16, String>> = HashMap::new();
    if let Some(fonts) = entry(doc, resources, b"Font") {
        for (name, font) in fonts.iter() {
            let font = match font {
                lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                lopdf::Object::Dictionary(d) => d,
                _ => continue,
            };
            maps.insert(name.clone(), to_unicode(doc, font));
        }
    }
    let xobjects = entry(doc, resources, b"XObject");
    let content = lopdf::content::Content::decode(content).unwrap();
    let mut current: Option<&HashMap<u16, String>> = None;
    let show = |out: &mut String, bytes: &[u8], map: Option<&HashMap<u16, String>>| {
        let map = map.expect("a font is set before text is shown");
        for pair in bytes.chunks(2) {
            let code = u16::from_be_bytes([pair[0], pair[1]]);
            out.push_str(map.get(&code).map(String::as_str).unwrap_or("\u{FFFD}"));
        }
    };
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => current = maps.get(op.operands[0].as_name().unwrap()),
            "Tj" => show(out, op.operands[0].as_str().unwrap(), current),
            "TJ" => {
                for item in op.operands[0].as_array().unwrap() {
                    if let Ok(bytes) = item.as_str() {
                        show(out, bytes, current);
                    }
                }
            }
            "Tm" | "Td" => out.push(' '),
            "Do" => {
                let name = op.operands[0].as_name().unwrap();
                let form = xobjects
                    .and_then(|x| x.get(name).ok())
                    .and_then(|o| o.as_reference().ok())
                    .and_then(|id| doc.get_object(id).ok())
                    .and_then(|o| o.as_stream().ok())
                    .expect("a placed XObject");
                let inner = entry(doc, &form.dict, b"Resources")
                    .cloned()
                    .unwrap_or_default();
                let bytes = form
                    .decompressed_content()
                    .unwrap_or_else(|_| form.content.clone());
                content_text(doc, &bytes, &inner, out);
            }
            _ => {}
        }
    }
}

/// Whether an external tool may be missing: skip with a note on a developer's machine, fail
/// under CI (env CI set), where `.ci/run` installs it.
pub fn tool_missing(what: &str) -> bool {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is required when CI is set"
    );
    eprintln!("skipping: {what} is not available (set CI to make this a failure)");
    true
}

/// Where a checker from ../shared/tools is, if it is there.
fn checker(name: &str) -> Option<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        here.join("../shared/tools").join(name),
        PathBuf::from("/work/shared/tools").join(name),
    ]
    .into_iter()
    .find(|p| p.exists())
}

/// Runs `../shared/tools/<name>` on `file` and returns its report, or None when python3, its
/// modules or the script are missing on a developer's machine. Under CI (env CI set) a missing
/// tool is a failure, not a skip: `.ci/run` installs them.
pub fn run_checker(name: &str, modules: &str, file: &Path) -> Option<String> {
    let have_python = Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .status()
        .is_ok_and(|s| s.success());
    let script = checker(name);
    if !have_python || script.is_none() {
        tool_missing(&format!(
            "python3 with {modules}, and ../shared/tools/{name}"
        ));
        return None;
    }
    let out = Command::new("python3")
        .arg(script.unwrap())
        .arg(file)
        .output()
        .expect("python3 runs");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Asserts that a checker report passes every rule.
pub fn assert_all_rules_pass(report: &str) {
    let failing: Vec<&str> = report.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert!(report.contains("rules pass"), "{report}");
    assert!(failing.is_empty(), "{report}");
}

/// Glyph widths in 1/1000 em of a composite (CID) font, by code, from its descendant's /W
/// array.
pub fn cid_widths(doc: &lopdf::Document, font: &lopdf::Dictionary) -> HashMap<u16, f32> {
    let deref = |o: &lopdf::Object| match o {
        lopdf::Object::Reference(r) => doc.get_object(*r).unwrap().clone(),
        other => other.clone(),
    };
    let descendants = deref(font.get(b"DescendantFonts").unwrap());
    let descendant = deref(&descendants.as_array().unwrap()[0]);
    let descendant = descendant.as_dict().unwrap();
    let w = deref(descendant.get(b"W").unwrap());
    let w = w.as_array().unwrap();
    let num = |o: &lopdf::Object| match o {
        lopdf::Object::Integer(i) => *i as f32,
        lopdf::Object::Real(r) => *r,
        other => panic!("number {other:?}"),
    };
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() {
        let first = num(&w[i]) as u16;
        match &w[i + 1] {
            lopdf::Object::Array(ws) => {
                for (k, v) in ws.iter().enumerate() {
                    out.insert(first + k as u16, num(v));
                }
                i += 2;
            }
            last => {
                for code in first..=num(last) as u16 {
                    out.insert(code, num(&w[i + 2]));
                }
                i += 3;
            }
        }
    }
    out
}
