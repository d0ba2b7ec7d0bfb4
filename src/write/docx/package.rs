//! Small, documented patches to the package parts docx-rs 0.4 writes, for what its API lacks.
//!
//! - `word/styles.xml`: docx-rs always writes an empty `Normal` style of its own before the
//!   sheet's; it is dropped so the sheet's Normal (正文) is the only one, marked as the default
//!   paragraph style. Every style also gets `w:firstLineChars` (首行缩进 N 字符 in Word's
//!   paragraph dialog), which docx-rs reads but never writes.
//! - `docProps/core.xml`: docx-rs sets only the dates; title, subject and author are written here.
//! - `word/fontTable.xml`: docx-rs lists three Western faces; the report's faces are listed with
//!   their Chinese charset and the Windows name Word falls back to (`w:altName`).
//!
//! Each patch is a plain text edit on the XML docx-rs produced, and fails with
//! [`DocxError::Patch`] (never silently) if that XML does not have the expected shape.

use chrono::NaiveDate;

use super::styles::{self, SHEET};
use super::DocxError;
use crate::document::Meta;
use crate::style::{Face, LATIN_OFFICE_FACE};

const STYLE_OPEN: &str = "<w:style ";
const STYLE_CLOSE: &str = "</w:style>";

fn patch_error(part: &'static str, reason: impl Into<String>) -> DocxError {
    DocxError::Patch {
        part,
        reason: reason.into(),
    }
}

/// The styles part with docx-rs's empty Normal removed, the sheet's Normal made the default
/// paragraph style, and `w:firstLineChars`, `w:overflowPunct` and `w:autoSpaceDE`/`DN` (off)
/// added to every style of the sheet.
pub fn patch_styles(xml: &[u8]) -> Result<Vec<u8>, DocxError> {
    const PART: &str = "word/styles.xml";
    let xml = std::str::from_utf8(xml).map_err(|e| patch_error(PART, e.to_string()))?;
    let normal_open = format!(
        r#"<w:style w:type="paragraph" w:styleId="{}">"#,
        styles::id::BODY
    );
    let normal_default = format!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="{}">"#,
        styles::id::BODY
    );
    if xml.matches(&normal_open).count() != 2 {
        return Err(patch_error(
            PART,
            "expected docx-rs's Normal and the sheet's",
        ));
    }
    // docx-rs's own Normal comes first, right after the document defaults.
    let first = xml.find(&normal_open).unwrap_or_default();
    let end = xml[first..]
        .find(STYLE_CLOSE)
        .map(|i| first + i + STYLE_CLOSE.len())
        .ok_or_else(|| patch_error(PART, "unclosed Normal style"))?;
    let rest = xml[end..].replacen(&normal_open, &normal_default, 1);

    let mut out = String::with_capacity(xml.len() + 512);
    out.push_str(&xml[..first]);
    let mut rest = rest.as_str();
    let mut patched = 0;
    while let Some(start) = rest.find(STYLE_OPEN) {
        let len = rest[start..]
            .find(STYLE_CLOSE)
            .map(|i| i + STYLE_CLOSE.len())
            .ok_or_else(|| patch_error(PART, "unclosed style"))?;
        out.push_str(&rest[..start]);
        let chunk = &rest[start..start + len];
        match style_id(chunk).and_then(styles::find) {
            Some(def) => {
                let chars = (def.element.style().indent_chars * 100.0).round() as i32;
                if !chunk.contains("<w:ind ") {
                    return Err(patch_error(PART, format!("style {} has no w:ind", def.id)));
                }
                out.push_str(&chunk.replacen(
                    "<w:ind ",
                    // No hanging punctuation: a mark that hangs past the type area is
                    // clipped by LibreOffice and breaks the 28-character measure elsewhere.
                    // No automatic gap between Chinese and Latin or digits ("2024 年"): a 公文
                    // sets none, and the PDF does not either.
                    &format!(
                        r#"<w:overflowPunct w:val="0" /><w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" /><w:ind w:firstLineChars="{chars}" "#
                    ),
                    1,
                ));
                patched += 1;
            }
            None => out.push_str(chunk),
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    if patched != SHEET.len() {
        return Err(patch_error(
            PART,
            format!("patched {patched} of {} styles", SHEET.len()),
        ));
    }
    Ok(out.into_bytes())
}

fn style_id(chunk: &str) -> Option<&str> {
    let from = chunk.find(r#"w:styleId=""#)? + r#"w:styleId=""#.len();
    let len = chunk[from..].find('"')?;
    Some(&chunk[from..from + len])
}

/// Escapes text for XML character data and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// `docProps/core.xml`: title, subject, author (as creator and last editor), creation date.
pub fn core_properties(meta: &Meta) -> Vec<u8> {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties"#,
        r#" xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
        r#" xmlns:dc="http://purl.org/dc/elements/1.1/""#,
        r#" xmlns:dcterms="http://purl.org/dc/terms/""#,
        r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/""#,
        r#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    let title: String = meta.title.lines().map(str::trim).collect();
    xml += &format!("<dc:title>{}</dc:title>", escape(&title));
    if let Some(subject) = &meta.subject {
        xml += &format!("<dc:subject>{}</dc:subject>", escape(subject));
    }
    if let Some(author) = &meta.author {
        let author = escape(author);
        xml += &format!("<dc:creator>{author}</dc:creator>");
        xml += &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>");
    }
    xml += "<cp:revision>1</cp:revision>";
    if let Some(date) = meta.date {
        let stamp = w3cdtf(date);
        xml += &format!(r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#);
        xml +=
            &format!(r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#);
    }
    xml += "</cp:coreProperties>";
    xml.into_bytes()
}

fn w3cdtf(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// `word/fontTable.xml`: Times New Roman and the five office faces, each Chinese face with the
/// GB 2312 charset (86) and, where it differs, the Windows face Word substitutes (`w:altName`).
pub fn font_table() -> Vec<u8> {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#,
        r#" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    xml += &format!(
        concat!(
            r#"<w:font w:name="{}"><w:panose1 w:val="02020603050405020304"/>"#,
            r#"<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#
        ),
        LATIN_OFFICE_FACE
    );
    let mut seen = Vec::new();
    for face in Face::ALL {
        let name = face.office_name();
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        xml += &format!(r#"<w:font w:name="{}">"#, escape(name));
        if face.fallback_name() != name {
            xml += &format!(r#"<w:altName w:val="{}"/>"#, escape(face.fallback_name()));
        }
        xml += r#"<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#;
    }
    xml += "</w:fonts>";
    xml.into_bytes()
}
