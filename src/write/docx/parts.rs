//! The content of the parts docx-rs 0.4 cannot write as a report needs: small, documented patches
//! to what it writes, and the parts it gets wrong written here whole.
//!
//! - `word/styles.xml`: docx-rs always writes an empty `Normal` style of its own before the
//!   sheet's; it is dropped so the sheet's Normal (正文) is the only one, marked as the default
//!   paragraph style. Every style also gets `w:firstLineChars` (首行缩进 N 字符 in Word's
//!   paragraph dialog), which docx-rs reads but never writes, and the Chinese layout switches of
//!   [`STYLE_LAYOUT`]. The document defaults get the text's languages (`w:lang`), by which Word
//!   picks the line-breaking rules.
//! - `word/settings.xml` ([`settings`]): docx-rs puts `w:characterSpacingControl` inside
//!   `w:compat`, where the schema has no place for it, and adds compatibility options of
//!   Japanese Word (`w:balanceSingleByteDoubleByteWidth` widens Latin letters and digits to half
//!   a Chinese character, which would move line breaks away from the PDF's); written here whole.
//! - `docProps/core.xml`, `docProps/app.xml`: docx-rs sets only the dates; title, subject and
//!   author are written here.
//! - `word/fontTable.xml`: docx-rs lists three Western faces; the report's faces are listed with
//!   their Chinese charset and the Windows name Word falls back to (`w:altName`).
//!
//! Each patch is a plain text edit on the XML docx-rs produced, and fails with
//! [`DocxError::Patch`] (never silently) if that XML does not have the expected shape.

use chrono::NaiveDate;

use super::styles::{self, SHEET};
use super::DocxError;
use crate::document::Meta;
use crate::layout::linebreak::{
    is_forbidden_at_line_end, is_forbidden_at_line_start, FORBIDDEN_AT_LINE_END,
    FORBIDDEN_AT_LINE_START,
};
use crate::style::{Face, LATIN_OFFICE_FACE};
use crate::text::NO_BREAK_JOINER;

const STYLE_OPEN: &str = "<w:style ";
const STYLE_CLOSE: &str = "</w:style>";

fn patch_error(part: &'static str, reason: impl Into<String>) -> DocxError {
    DocxError::Patch {
        part,
        reason: reason.into(),
    }
}

/// The Chinese layout switches of every style of the sheet, set the way the PDF sets its lines:
///
/// - No punctuation hangs past the type area (`w:overflowPunct` off): a 公文's 版心 is exact; the
///   PDF compresses or pushes a character down instead. LibreOffice (7.4 and later) reads this
///   element inverted (writerfilter's DomainMapper: hanging = `val == 0`, while its own export
///   writes it the right way round), and where it hangs a mark on our exactly filled lines it
///   drops it from the page. So the element is given twice in markup compatibility's
///   `mc:AlternateContent`: the `mc:Choice` for consumers that know Word 2013's namespace `w15`
///   (Word 2013 and later) says off as ECMA-376 means it; LibreOffice, which takes a Choice only
///   for `wps`, `wpg`, `w14` and `wpc`, reads the `mc:Fallback`, whose inverted reading is off
///   too. (Word 2010 and other readers without `w15` take the Fallback: hanging, their default.)
/// - `w:autoSpaceDE`/`DN` off: no automatic gap between Chinese and Latin or digits
///   ("2024 年"); a 公文 sets none and neither does the PDF. (LibreOffice 7.4 does not read
///   these and keeps its own gap.)
const STYLE_LAYOUT: &str = concat!(
    r#"<mc:AlternateContent><mc:Choice Requires="w15"><w:overflowPunct w:val="0" /></mc:Choice>"#,
    r#"<mc:Fallback><w:overflowPunct w:val="1" /></mc:Fallback></mc:AlternateContent>"#,
    r#"<w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#
);

/// The languages of the text, in the document defaults: Word applies the line-breaking rules
/// (and the custom lists of [`settings`]) of the East Asian language, zh-CN.
const TEXT_LANGUAGES: &str = r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" />"#;

/// The styles part with docx-rs's empty Normal removed, the sheet's Normal made the default
/// paragraph style, `w:firstLineChars` and [`STYLE_LAYOUT`] added to every style of the sheet,
/// and [`TEXT_LANGUAGES`] to the document defaults.
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
                    &format!(r#"{STYLE_LAYOUT}<w:ind w:firstLineChars="{chars}" "#),
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
    // The markup-compatibility block of STYLE_LAYOUT needs its prefixes declared on the root.
    for ns in [
        r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#,
        r#"xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml""#,
    ] {
        if !root_declares(&out, ns) {
            return Err(patch_error(
                PART,
                format!("the styles root does not declare {ns}"),
            ));
        }
    }
    const DEFAULTS_END: &str = "</w:rPr></w:rPrDefault>";
    if out.matches(DEFAULTS_END).count() != 1 {
        return Err(patch_error(PART, "expected one w:rPrDefault with a w:rPr"));
    }
    Ok(out
        .replacen(DEFAULTS_END, &format!("{TEXT_LANGUAGES}{DEFAULTS_END}"), 1)
        .into_bytes())
}

/// Whether the `w:styles` start tag declares `ns` (an `xmlns:…="…"` attribute).
fn root_declares(xml: &str, ns: &str) -> bool {
    xml.find("<w:styles")
        .and_then(|start| xml[start..].find('>').map(|end| &xml[start..start + end]))
        .is_some_and(|tag| tag.contains(ns))
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

/// `word/settings.xml`: zoom and tab stops as docx-rs writes them, even/odd footers, no
/// punctuation compression of Word's own (the PDF compresses only to pull a mark up onto a full
/// line), the 避头尾 lists of the PDF's line breaker as the zh-CN custom lists Word applies
/// (`w:noLineBreaksBefore`: may not start a line; `w:noLineBreaksAfter`: may not end one; both
/// with the no-break joiner), and
/// Word 2013 compatibility with East Asian layout.
pub fn settings() -> Vec<u8> {
    // The joiner between a number and its unit neither starts nor ends a line: Word knows that
    // of its “No-Width Non Break” anyway; a reader that knows only the lists learns it here.
    let list = |marks: &[char], rule: fn(char) -> bool| -> String {
        let half_width = (0x21u8..=0x7e).map(char::from).filter(|&c| rule(c));
        let joiner = std::iter::once(NO_BREAK_JOINER);
        escape(
            &marks
                .iter()
                .copied()
                .chain(half_width)
                .chain(joiner)
                .collect::<String>(),
        )
    };
    let not_at_start = list(FORBIDDEN_AT_LINE_START, is_forbidden_at_line_start);
    let not_at_end = list(FORBIDDEN_AT_LINE_END, is_forbidden_at_line_end);
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:zoom w:percent="100" /><w:defaultTabStop w:val="840" /><w:evenAndOddHeaders />"#,
        r#"<w:characterSpacingControl w:val="doNotCompress" />"#,
    ));
    xml += &format!(r#"<w:noLineBreaksAfter w:lang="zh-CN" w:val="{not_at_end}" />"#);
    xml += &format!(r#"<w:noLineBreaksBefore w:lang="zh-CN" w:val="{not_at_start}" />"#);
    xml += r#"<w:compat><w:useFELayout />"#;
    for (name, value) in [
        ("compatibilityMode", "15"),
        ("overrideTableStyleFontSizeAndJustification", "1"),
        ("enableOpenTypeFeatures", "1"),
        ("doNotFlipMirrorIndents", "1"),
        ("differentiateMultirowTableHeaders", "1"),
    ] {
        xml += &format!(
            r#"<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word" w:val="{value}" />"#
        );
    }
    xml += "</w:compat></w:settings>";
    xml.into_bytes()
}

/// `docProps/app.xml`: the application that wrote the file.
pub fn app_properties() -> Vec<u8> {
    concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties""#,
        r#" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
        r#"<Application>workreport</Application></Properties>"#
    )
    .as_bytes()
    .to_vec()
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
