//! The objects a pressed PDF is made of: a finished PDF opened for pressing ([`Source`]) with
//! its pages, a page turned into a Form XObject (ISO 32000-1, 8.10) so it can be placed on
//! another page, and the set of objects the output needs, found by walking references.

use std::collections::{BTreeMap, BTreeSet};

use pdf_lopdf::{Dictionary, Object, ObjectId, Stream};

use super::PressError;

/// A finished PDF opened for pressing.
pub struct Source {
    pub doc: pdf_lopdf::Document,
    pub pages: Vec<SourcePage>,
}

/// One page of a [`Source`], its inherited attributes resolved.
#[derive(Debug, Clone)]
pub struct SourcePage {
    pub id: ObjectId,
    /// The page's /Contents as written (a reference or an array of references), if any.
    pub contents: Option<Object>,
    /// The page's resources (inherited ones included), as a dictionary of its own.
    pub resources: Dictionary,
    /// [llx lly urx ury] in pt.
    pub media_box: [f32; 4],
}

impl SourcePage {
    pub fn width(&self) -> f32 {
        self.media_box[2] - self.media_box[0]
    }

    pub fn height(&self) -> f32 {
        self.media_box[3] - self.media_box[1]
    }
}

impl Source {
    /// Parses `bytes` and reads its pages.
    pub fn open(bytes: &[u8]) -> Result<Source, PressError> {
        let doc = pdf_lopdf::Document::load_mem(bytes)
            .map_err(|e| PressError::Source(format!("无法读取 PDF：{e}")))?;
        Source::from_document(doc)
    }

    /// Reads the pages of a parsed PDF.
    pub fn from_document(doc: pdf_lopdf::Document) -> Result<Source, PressError> {
        let ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
        if ids.is_empty() {
            return Err(PressError::Source("PDF 没有页面".to_string()));
        }
        let pages = ids
            .into_iter()
            .map(|id| read_page(&doc, id))
            .collect::<Result<_, _>>()?;
        Ok(Source { doc, pages })
    }

    /// The first id after every object of this source.
    pub fn next_id(&self) -> u32 {
        self.doc.max_id + 1
    }

    /// Adds `object` as a new object and returns its id.
    pub fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        self.doc.add_object(object)
    }

    /// Moves every object of `other` into this source, renumbered after this one's, and returns
    /// `other`'s pages with their new ids.
    pub fn absorb(&mut self, mut other: Source) -> Result<Vec<SourcePage>, PressError> {
        other.doc.renumber_objects_with(self.next_id());
        let other = Source::from_document(other.doc)?;
        self.doc.max_id = self.doc.max_id.max(other.doc.max_id);
        self.doc.objects.extend(other.doc.objects);
        Ok(other.pages)
    }

    /// Page `page` as a Form XObject: its content in one stream, its resources, its media box
    /// as the form's box. Placed with `q … cm /Name Do Q`, it draws the page.
    pub fn page_form(&mut self, page: &SourcePage) -> Result<ObjectId, PressError> {
        let streams: Vec<ObjectId> = match &page.contents {
            Some(Object::Reference(id)) => vec![*id],
            Some(Object::Array(items)) => {
                items.iter().filter_map(|o| o.as_reference().ok()).collect()
            }
            _ => Vec::new(),
        };
        let mut form = match streams.as_slice() {
            // One stream is taken as it is, still deflated.
            [one] => self
                .doc
                .get_object(*one)
                .and_then(Object::as_stream)
                .map_err(|e| PressError::Source(format!("页面内容无法读取：{e}")))?
                .clone(),
            many => {
                let mut content = Vec::new();
                for id in many {
                    let stream = self
                        .doc
                        .get_object(*id)
                        .and_then(Object::as_stream)
                        .map_err(|e| PressError::Source(format!("页面内容无法读取：{e}")))?;
                    let bytes = stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone());
                    content.extend_from_slice(&bytes);
                    content.push(b'\n');
                }
                Stream::new(Dictionary::new(), content)
            }
        };
        form.dict.set("Type", Object::Name(b"XObject".to_vec()));
        form.dict.set("Subtype", Object::Name(b"Form".to_vec()));
        form.dict.set(
            "BBox",
            Object::Array(page.media_box.iter().map(|&v| Object::Real(v)).collect()),
        );
        form.dict
            .set("Resources", Object::Dictionary(page.resources.clone()));
        Ok(self.add(Object::Stream(form)))
    }

    /// Every object reachable from `roots`, not following /Dest (a link to a page, which the
    /// press points at the output's own pages) nor /Parent of a page.
    pub fn reachable(&self, roots: &[Object]) -> BTreeSet<ObjectId> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&Object> = roots.iter().collect();
        while let Some(object) = stack.pop() {
            match object {
                Object::Reference(id) if seen.insert(*id) => {
                    if let Ok(target) = self.doc.get_object(*id) {
                        stack.push(target);
                    }
                }
                Object::Array(items) => stack.extend(items),
                Object::Dictionary(dict) => push_dict(dict, &mut stack),
                Object::Stream(stream) => push_dict(&stream.dict, &mut stack),
                _ => {}
            }
        }
        seen
    }
}

fn push_dict<'a>(dict: &'a Dictionary, stack: &mut Vec<&'a Object>) {
    let is_page = matches!(
        dict.get(b"Type").and_then(Object::as_name),
        Ok(b"Page" | b"Pages")
    );
    for (key, value) in dict.iter() {
        if key.as_slice() == b"Dest" || (is_page && key.as_slice() == b"Parent") {
            continue;
        }
        stack.push(value);
    }
}

/// A page's contents, resources and media box, looking up the page tree for inherited ones.
fn read_page(doc: &pdf_lopdf::Document, id: ObjectId) -> Result<SourcePage, PressError> {
    let fail = |why: String| PressError::Source(format!("第 {} 号对象（页面）：{why}", id.0));
    let page = doc.get_dictionary(id).map_err(|e| fail(e.to_string()))?;
    let inherited = |key: &[u8]| -> Option<Object> {
        let mut node = page;
        // A page tree is shallow; the bound keeps a cycle from hanging.
        for _ in 0..64 {
            if let Ok(value) = node.get(key) {
                return Some(value.clone());
            }
            let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
            node = doc.get_dictionary(parent).ok()?;
        }
        None
    };
    let resources = match inherited(b"Resources") {
        Some(Object::Reference(r)) => doc
            .get_dictionary(r)
            .map_err(|e| fail(e.to_string()))?
            .clone(),
        Some(Object::Dictionary(d)) => d,
        _ => Dictionary::new(),
    };
    let media_box = match inherited(b"MediaBox") {
        Some(object) => {
            let object = match object {
                Object::Reference(r) => doc.get_object(r).map_err(|e| fail(e.to_string()))?.clone(),
                other => other,
            };
            let values: Vec<f32> = object
                .as_array()
                .map_err(|e| fail(e.to_string()))?
                .iter()
                .filter_map(|v| v.as_float().ok())
                .collect();
            <[f32; 4]>::try_from(values).map_err(|_| fail("MediaBox 不是四个数".to_string()))?
        }
        None => return Err(fail("没有 MediaBox".to_string())),
    };
    Ok(SourcePage {
        id,
        contents: page.get(b"Contents").ok().cloned(),
        resources,
        media_box,
    })
}

/// The catalog entries an output keeps from its source (/Lang, /Outlines, /PageMode …): every
/// entry but /Type and /Pages.
pub fn catalog_entries(doc: &pdf_lopdf::Document) -> BTreeMap<Vec<u8>, Object> {
    doc.catalog()
        .map(|catalog| {
            catalog
                .iter()
                .filter(|(k, _)| !matches!(k.as_slice(), b"Type" | b"Pages"))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}
