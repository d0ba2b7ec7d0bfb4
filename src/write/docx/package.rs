//! The OPC package of a report DOCX: exactly the parts the report needs, each declared in
//! `[Content_Types].xml` and reached by one relationship, zipped.
//!
//! docx-rs packs every part it knows, used or not: an empty `word/comments.xml` declared but not
//! related, `word/commentsExtended.xml` related with no comments, `word/footnotes.xml` neither
//! declared nor related, an unused `word/numbering.xml`, an empty `docProps/custom.xml`. Orphan
//! comment parts are a known cause of Word's “恢复此文档的内容？” prompt. So the writer packs the
//! parts itself: [`Package::pack`] writes the content types and relationships from the list of
//! parts, and refuses a package where a relationship points at no part or a part is reached by
//! none (or by more than one).

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::DocxError;

/// Content types of the parts a report has.
pub mod content_type {
    pub const DOCUMENT: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    pub const STYLES: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
    pub const SETTINGS: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
    pub const FONT_TABLE: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
    pub const FOOTER: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
    pub const CORE_PROPERTIES: &str = "application/vnd.openxmlformats-package.core-properties+xml";
    pub const APP_PROPERTIES: &str =
        "application/vnd.openxmlformats-officedocument.extended-properties+xml";
    pub const RELATIONSHIPS: &str = "application/vnd.openxmlformats-package.relationships+xml";
}

/// Relationship types of the package's own relationships (`_rels/.rels`).
pub mod relationship_type {
    pub const OFFICE_DOCUMENT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    pub const CORE_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    pub const APP_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
}

/// A relationship from a part (or the package) to a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    /// The target's name relative to the source's folder, as `Target` writes it.
    pub target: String,
}

/// One part: its name in the package (no leading '/'), content type, bytes and relationships.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub content_type: &'static str,
    pub data: Vec<u8>,
    pub relationships: Vec<Relationship>,
}

impl Part {
    pub fn new(name: impl Into<String>, content_type: &'static str, data: Vec<u8>) -> Part {
        Part {
            name: name.into(),
            content_type,
            data,
            relationships: Vec::new(),
        }
    }
}

/// The parts of a package and the package's own relationships.
#[derive(Debug, Clone, Default)]
pub struct Package {
    pub relationships: Vec<Relationship>,
    pub parts: Vec<Part>,
}

impl Package {
    /// Zips the package: `[Content_Types].xml` (every part declared by name), `_rels/.rels`,
    /// each part and its relationships part. Fails when a relationship's target is not a part,
    /// a part is reached by no relationship or by several, or an id repeats in one source.
    pub fn pack(&self) -> Result<Vec<u8>, DocxError> {
        self.check()?;
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("[Content_Types].xml", options)?;
        zip.write_all(self.content_types().as_bytes())
            .map_err(zip::result::ZipError::Io)?;
        zip.start_file("_rels/.rels", options)?;
        zip.write_all(relationships_xml(&self.relationships).as_bytes())
            .map_err(zip::result::ZipError::Io)?;
        for part in &self.parts {
            zip.start_file(part.name.as_str(), options)?;
            zip.write_all(&part.data)
                .map_err(zip::result::ZipError::Io)?;
            if !part.relationships.is_empty() {
                zip.start_file(relationships_part_name(&part.name), options)?;
                zip.write_all(relationships_xml(&part.relationships).as_bytes())
                    .map_err(zip::result::ZipError::Io)?;
            }
        }
        Ok(zip.finish()?.into_inner())
    }

    /// Every part reached by exactly one relationship, every relationship reaching a part.
    fn check(&self) -> Result<(), DocxError> {
        let err = |reason: String| DocxError::Patch {
            part: "[Content_Types].xml",
            reason,
        };
        let mut reached: BTreeMap<&str, usize> =
            self.parts.iter().map(|p| (p.name.as_str(), 0)).collect();
        if reached.len() != self.parts.len() {
            return Err(err("a part name repeats".into()));
        }
        let sources = std::iter::once(("", &self.relationships)).chain(
            self.parts
                .iter()
                .map(|p| (p.name.as_str(), &p.relationships)),
        );
        for (source, relationships) in sources {
            let mut ids: Vec<&str> = relationships.iter().map(|r| r.id.as_str()).collect();
            ids.sort_unstable();
            if ids.windows(2).any(|w| w[0] == w[1]) {
                return Err(err(format!("a relationship id repeats in {source:?}")));
            }
            for r in relationships {
                let target = resolve(source, &r.target);
                match reached.get_mut(target.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        return Err(err(format!(
                            "{:?} → {} is not a part of the package",
                            r.id, r.target
                        )))
                    }
                }
            }
        }
        match reached.iter().find(|(_, &n)| n != 1) {
            Some((name, n)) => Err(err(format!("{name} is reached by {n} relationships"))),
            None => Ok(()),
        }
    }

    fn content_types(&self) -> String {
        let mut xml = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        ));
        xml += &format!(
            r#"<Default Extension="rels" ContentType="{}"/>"#,
            content_type::RELATIONSHIPS
        );
        xml += r#"<Default Extension="xml" ContentType="application/xml"/>"#;
        for part in &self.parts {
            xml += &format!(
                r#"<Override PartName="/{}" ContentType="{}"/>"#,
                escape_attribute(&part.name),
                part.content_type
            );
        }
        xml += "</Types>";
        xml
    }
}

/// The relationships docx-rs wrote into a relationships part.
pub fn read_relationships(part: &'static str, xml: &[u8]) -> Result<Vec<Relationship>, DocxError> {
    let err = |reason: String| DocxError::Patch { part, reason };
    let text = std::str::from_utf8(xml).map_err(|e| err(e.to_string()))?;
    let doc = roxmltree::Document::parse(text).map_err(|e| err(e.to_string()))?;
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name("Relationship"))
        .map(|n| {
            let get = |name: &str| {
                n.attribute(name)
                    .map(str::to_string)
                    .ok_or_else(|| err(format!("a relationship without {name}")))
            };
            Ok(Relationship {
                id: get("Id")?,
                kind: get("Type")?,
                target: get("Target")?,
            })
        })
        .collect()
}

/// The ids of the relationships a part's XML refers to (`r:id`, `r:embed` … attributes).
pub fn referenced_ids(xml: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(xml);
    let mut ids = Vec::new();
    for attribute in [" r:id=\"", " r:embed=\"", " r:link=\""] {
        let mut rest = text.as_ref();
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            if let Some(end) = rest.find('"') {
                ids.push(rest[..end].to_string());
            }
        }
    }
    ids
}

/// `word/document.xml` → `word/_rels/document.xml.rels`.
fn relationships_part_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target relative to its source part's folder, as a part name.
fn resolve(source: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut segments: Vec<&str> = match source.rsplit_once('/') {
        Some((folder, _)) => folder.split('/').collect(),
        None => Vec::new(),
    };
    for segment in target.split('/') {
        match segment {
            ".." => {
                segments.pop();
            }
            "." | "" => {}
            s => segments.push(s),
        }
    }
    segments.join("/")
}

fn relationships_xml(relationships: &[Relationship]) -> String {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    ));
    for r in relationships {
        xml += &format!(
            r#"<Relationship Id="{}" Type="{}" Target="{}"/>"#,
            escape_attribute(&r.id),
            escape_attribute(&r.kind),
            escape_attribute(&r.target)
        );
    }
    xml += "</Relationships>";
    xml
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn rel(id: &str, target: &str) -> Relationship {
        Relationship {
            id: id.into(),
            kind: "urn:test".into(),
            target: target.into(),
        }
    }

    fn two_parts() -> Package {
        let mut document = Part::new(
            "word/document.xml",
            content_type::DOCUMENT,
            b"<d/>".to_vec(),
        );
        document.relationships.push(rel("rId1", "styles.xml"));
        Package {
            relationships: vec![rel("rId1", "word/document.xml")],
            parts: vec![
                document,
                Part::new("word/styles.xml", content_type::STYLES, b"<s/>".to_vec()),
            ],
        }
    }

    fn entries(bytes: &[u8]) -> BTreeMap<String, String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index(i).unwrap();
                let mut text = String::new();
                file.read_to_string(&mut text).unwrap();
                (file.name().to_string(), text)
            })
            .collect()
    }

    #[test]
    fn every_part_is_declared_and_its_relationships_packed_beside_it() {
        let files = entries(&two_parts().pack().unwrap());
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "word/_rels/document.xml.rels",
                "word/document.xml",
                "word/styles.xml"
            ]
        );
        let types = &files["[Content_Types].xml"];
        assert!(types.contains(r#"<Override PartName="/word/document.xml""#));
        assert!(types.contains(r#"<Override PartName="/word/styles.xml""#));
        assert!(files["word/_rels/document.xml.rels"].contains(r#"Target="styles.xml""#));
    }

    #[test]
    fn an_orphan_part_or_a_dangling_relationship_is_refused() {
        let mut orphan = two_parts();
        orphan
            .parts
            .push(Part::new("word/comments.xml", "x", Vec::new()));
        let err = orphan.pack().unwrap_err().to_string();
        assert!(err.contains("word/comments.xml"), "{err}");

        let mut dangling = two_parts();
        dangling.parts[0]
            .relationships
            .push(rel("rId2", "commentsExtended.xml"));
        let err = dangling.pack().unwrap_err().to_string();
        assert!(err.contains("commentsExtended.xml"), "{err}");

        let mut twice = two_parts();
        twice.parts[0]
            .relationships
            .push(rel("rId2", "./styles.xml"));
        assert!(twice.pack().is_err());
    }

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve("word/document.xml", "footer1.xml"),
            "word/footer1.xml"
        );
        assert_eq!(
            resolve("word/document.xml", "../docProps/a.xml"),
            "docProps/a.xml"
        );
        assert_eq!(resolve("word/document.xml", "/word/x.xml"), "word/x.xml");
        assert_eq!(
            relationships_part_name("word/footer1.xml"),
            "word/_rels/footer1.xml.rels"
        );
    }

    #[test]
    fn relationships_and_their_references_are_read_back() {
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="x"><Relationship Id="rId1" Type="t" Target="styles.xml" /></Relationships>"#;
        assert_eq!(
            read_relationships("test", rels).unwrap(),
            [Relationship {
                id: "rId1".into(),
                kind: "t".into(),
                target: "styles.xml".into()
            }]
        );
        let xml =
            br#"<w:footerReference w:type="default" r:id="rIdFooter1" /><a:blip r:embed="rId9"/>"#;
        assert_eq!(referenced_ids(xml), ["rIdFooter1", "rId9"]);
    }
}
