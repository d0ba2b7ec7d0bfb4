//! A print run: a finished report made into the PDF that goes to the printer, numbered copies
//! one after another, or a booklet per copy, with the watermark on every page when the run has
//! one.
//!
//! The report's objects (fonts, content streams, outline) are written once and shared by
//! reference; each copy then adds only its page objects, a small content stream that places
//! its copy number's digit stamps, and a node of the page tree. [`PressedRun::write_to`]
//! streams the file copy by copy through [`PdfOut`], so memory does not grow with the copies.

use std::collections::BTreeSet;
use std::io::{self, Write};

use pdf_lopdf::{Dictionary, Object, ObjectId, Stream};

use super::booklet::{self, Half, Side};
use super::objects::{catalog_entries, SourcePage};
use super::out::{real, PdfOut};
use super::stamp::{diagonal, Stamps, WATERMARK_GRAY};
use super::{copy_number_text, Numbering, PressError, Source, MAX_RUN_PAGES};

/// How the pages of a run are put on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Imposition {
    /// One report page a PDF page, as laid out (A4).
    #[default]
    Pages,
    /// Saddle-stitched booklets (骑马订): two pages a side of an A3 sheet ([`booklet`]).
    Booklet,
}

/// What a run makes of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RunSpec {
    /// Numbered copies; `None` for one copy without a number (a build's own PDF).
    pub numbering: Option<Numbering>,
    pub imposition: Imposition,
}

/// Names of the stamps in the resources of a page that places them; long enough not to meet a
/// name the PDF writer gives.
const DIGIT_NAME: &str = "PressDigit";
const WATERMARK_NAME: &str = "PressMark";
const PAGE_NAME: &str = "PressPage";

/// A run ready to be written: everything that can fail has been done.
pub struct PressedRun {
    source: Source,
    /// Objects written once, before the copies.
    shared: BTreeSet<ObjectId>,
    /// The PDF pages of one copy, in order.
    pages: Vec<PageTemplate>,
    numbering: Option<Numbering>,
    /// x offset (pt) of each digit of the copy number, and where the number stands on the
    /// copy's first PDF page (x offset of the half holding the report's first page).
    digit_advances: [f32; 10],
    stamp_offset_x: f32,
    /// The first id of the objects made per copy, and how many each copy makes.
    first_copy_id: u32,
    ids_per_copy: u32,
    pages_root: u32,
    catalog: u32,
    catalog_entries: Vec<(Vec<u8>, Object)>,
    info: Option<ObjectId>,
    /// Source page id → index in `pages` of the PDF page that shows it, for links (the outline).
    shown_on: Vec<(ObjectId, usize)>,
}

/// One PDF page of a copy: the same for every copy, but for the first page's copy number.
struct PageTemplate {
    media_box: [f32; 4],
    /// Content streams, in order (none for a blank page).
    contents: Vec<Object>,
    resources: Option<ObjectId>,
    /// Where among `contents` the copy's number goes, on the page that shows it.
    number_at: Option<usize>,
}

impl PressedRun {
    /// Prepares the run of `report` with `stamps` (which `spec` needs: the digits when it
    /// numbers copies, the watermark when it has one).
    pub fn prepare(
        mut report: Source,
        stamps: Option<Stamps>,
        spec: RunSpec,
    ) -> Result<PressedRun, PressError> {
        if let Some(numbering) = spec.numbering {
            numbering.check()?;
        }
        let pages = report.pages.clone();
        let total = run_pages(pages.len(), spec);
        if total > MAX_RUN_PAGES {
            return Err(PressError::TooLarge {
                pages: total,
                max: MAX_RUN_PAGES,
            });
        }
        // The stamps join the report's objects; each stamp page becomes a form.
        let mut digit_forms: Vec<(ObjectId, f32)> = Vec::new();
        let mut watermark_form = None;
        if let Some(stamps) = stamps {
            let stamp_pages = report.absorb(stamps.source)?;
            if let Some(digits) = stamps.digits {
                for (index, advance) in digits {
                    digit_forms.push((report.page_form(&stamp_pages[index])?, advance));
                }
            }
            if let Some(index) = stamps.watermark {
                watermark_form = Some(report.page_form(&stamp_pages[index])?);
            }
        }
        let numbered = spec.numbering.is_some();
        if numbered && digit_forms.len() != 10 {
            return Err(PressError::Source(
                "印制编号的份需要份号数字印章".to_string(),
            ));
        }
        let mut xobjects = Dictionary::new();
        if numbered {
            for (d, (id, _)) in digit_forms.iter().enumerate() {
                xobjects.set(format!("{DIGIT_NAME}{d}"), Object::Reference(*id));
            }
        }
        let stamp_names = Stamped {
            digits: xobjects,
            watermark: watermark_form,
        };

        let Imposed {
            pages: templates,
            number_x: stamp_offset_x,
            shown_on,
        } = match spec.imposition {
            Imposition::Pages => flat_pages(&mut report, &pages, &stamp_names, numbered),
            Imposition::Booklet => booklet_sides(&mut report, &pages, &stamp_names)?,
        };

        let mut digit_advances = [0f32; 10];
        for (slot, (_, advance)) in digit_advances.iter_mut().zip(&digit_forms) {
            *slot = *advance;
        }
        let catalog_entries: Vec<(Vec<u8>, Object)> =
            catalog_entries(&report.doc).into_iter().collect();
        let info = report
            .doc
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .ok();
        // What the copies refer to, and what the catalog and the document information do.
        let mut roots: Vec<Object> = Vec::new();
        for t in &templates {
            roots.extend(t.contents.iter().cloned());
            roots.extend(t.resources.map(Object::Reference));
        }
        roots.extend(catalog_entries.iter().map(|(_, v)| v.clone()));
        roots.extend(info.map(Object::Reference));
        let shared = report.reachable(&roots);

        let pages_root = report.next_id();
        let catalog = pages_root + 1;
        // A copy: its page-tree node, its pages, and its copy-number stream.
        let ids_per_copy = 1 + templates.len() as u32 + u32::from(numbered);
        Ok(PressedRun {
            source: report,
            shared,
            pages: templates,
            numbering: spec.numbering,
            digit_advances,
            stamp_offset_x,
            first_copy_id: catalog + 1,
            ids_per_copy,
            pages_root,
            catalog,
            catalog_entries,
            info,
            shown_on,
        })
    }

    /// PDF pages in the whole run.
    pub fn page_count(&self) -> u64 {
        self.pages.len() as u64 * u64::from(self.copies())
    }

    /// PDF pages of one copy.
    pub fn pages_per_copy(&self) -> usize {
        self.pages.len()
    }

    fn copies(&self) -> u32 {
        self.numbering.map_or(1, |n| n.copies)
    }

    /// The id of object `k` of copy `copy` (0-based): 0 is its page-tree node, then its pages,
    /// then its copy-number stream.
    fn copy_object(&self, copy: u32, k: u32) -> u32 {
        self.first_copy_id + copy * self.ids_per_copy + k
    }

    /// Writes the run to `out`, calling `progress` with the number of copies written after
    /// each copy.
    pub fn write_to<W: Write>(&self, out: W, progress: &mut dyn FnMut(u32)) -> io::Result<W> {
        let mut pdf = PdfOut::new(io::BufWriter::with_capacity(256 * 1024, out))?;
        for &id in &self.shared {
            let Some(object) = self.source.doc.objects.get(&id) else {
                continue;
            };
            match self.relinked(object) {
                Some(relinked) => pdf.write(id.0, &relinked)?,
                None => pdf.write(id.0, object)?,
            }
        }
        let mut nodes = Vec::with_capacity(self.copies() as usize);
        for copy in 0..self.copies() {
            let node = self.copy_object(copy, 0);
            let number_stream = self.numbering.map(|n| {
                let id = self.copy_object(copy, 1 + self.pages.len() as u32);
                (id, n.first + copy)
            });
            if let Some((id, number)) = number_stream {
                pdf.write_stream(id, Dictionary::new(), self.copy_number_content(number))?;
            }
            let mut kids = Vec::with_capacity(self.pages.len());
            for (i, template) in self.pages.iter().enumerate() {
                let id = self.copy_object(copy, 1 + i as u32);
                let mut page = Dictionary::new();
                page.set("Type", Object::Name(b"Page".to_vec()));
                page.set("Parent", Object::Reference((node, 0)));
                page.set(
                    "MediaBox",
                    Object::Array(
                        template
                            .media_box
                            .iter()
                            .map(|&v| Object::Real(v))
                            .collect(),
                    ),
                );
                let mut contents = template.contents.clone();
                if let (Some(at), Some((stream, _))) = (template.number_at, number_stream) {
                    contents.insert(at, Object::Reference((stream, 0)));
                }
                if !contents.is_empty() {
                    page.set("Contents", Object::Array(contents));
                }
                page.set(
                    "Resources",
                    template
                        .resources
                        .map_or(Object::Dictionary(Dictionary::new()), Object::Reference),
                );
                pdf.write(id, &Object::Dictionary(page))?;
                kids.push(Object::Reference((id, 0)));
            }
            let mut tree = Dictionary::new();
            tree.set("Type", Object::Name(b"Pages".to_vec()));
            tree.set("Parent", Object::Reference((self.pages_root, 0)));
            tree.set("Count", Object::Integer(kids.len() as i64));
            tree.set("Kids", Object::Array(kids));
            pdf.write(node, &Object::Dictionary(tree))?;
            nodes.push(Object::Reference((node, 0)));
            progress(copy + 1);
        }
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"Pages".to_vec()));
        root.set("Count", Object::Integer(self.page_count() as i64));
        root.set("Kids", Object::Array(nodes));
        pdf.write(self.pages_root, &Object::Dictionary(root))?;
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference((self.pages_root, 0)));
        for (key, value) in &self.catalog_entries {
            catalog.set(key.clone(), value.clone());
        }
        pdf.write(self.catalog, &Object::Dictionary(catalog))?;
        let out = pdf.finish((self.catalog, 0), self.info)?;
        out.into_inner().map_err(|e| e.into_error())
    }

    /// An outline entry (or any link) pointing at a page of the report, pointed at the PDF
    /// page of the first copy that shows it; `None` when `object` has no such link.
    fn relinked(&self, object: &Object) -> Option<Object> {
        let Object::Dictionary(dict) = object else {
            return None;
        };
        let Ok(Object::Array(dest)) = dict.get(b"Dest") else {
            return None;
        };
        let Some(Object::Reference(page)) = dest.first() else {
            return None;
        };
        let index = self
            .shown_on
            .iter()
            .find(|(id, _)| id == page)
            .map(|&(_, i)| i)?;
        let mut dest = dest.clone();
        dest[0] = Object::Reference((self.copy_object(0, 1 + index as u32), 0));
        let mut dict = dict.clone();
        dict.set("Dest", Object::Array(dest));
        Some(Object::Dictionary(dict))
    }

    /// The content that prints copy `number`: the digit stamps, one advance apart.
    fn copy_number_content(&self, number: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity(200);
        out.extend_from_slice(b"q 1 0 0 1 ");
        real(&mut out, f64::from(self.stamp_offset_x));
        out.extend_from_slice(b" 0 cm\n");
        let mut x = 0f32;
        for digit in copy_number_text(number).bytes() {
            let d = usize::from(digit - b'0');
            out.extend_from_slice(b"q 1 0 0 1 ");
            real(&mut out, f64::from(x));
            out.extend_from_slice(format!(" 0 cm /{DIGIT_NAME}{d} Do Q\n").as_bytes());
            x += self.digit_advances[d];
        }
        out.extend_from_slice(b"Q\n");
        out
    }
}

/// The PDF pages of one copy, as a run puts the report's pages on paper.
struct Imposed {
    pages: Vec<PageTemplate>,
    /// x offset of the half that shows the report's first page (0 on A4).
    number_x: f32,
    /// Source page id → index in `pages` of the PDF page that shows it.
    shown_on: Vec<(ObjectId, usize)>,
}

/// The stamps pages may carry: the digit forms by name (empty when copies are not numbered)
/// and the watermark form.
struct Stamped {
    digits: Dictionary,
    watermark: Option<ObjectId>,
}

/// The content that draws the watermark form (named [`WATERMARK_NAME`]) on a page of `width`
/// × `height` pt whose lower left corner is at (`x`, 0): light, turned along the diagonal.
fn watermark_content(x: f32, width: f32, height: f32) -> Vec<u8> {
    let mut out = Vec::with_capacity(120);
    out.extend_from_slice(b"q ");
    real(&mut out, f64::from(WATERMARK_GRAY));
    out.extend_from_slice(b" g 1 0 0 1 ");
    real(&mut out, f64::from(x));
    out.extend_from_slice(b" 0 cm ");
    for v in diagonal(width, height) {
        real(&mut out, f64::from(v));
        out.push(b' ');
    }
    out.extend_from_slice(format!("cm /{WATERMARK_NAME} Do Q\n").as_bytes());
    out
}

/// Adds the stamps a page places to its resources' /XObject.
fn with_xobjects(mut resources: Dictionary, add: &Dictionary) -> Dictionary {
    if add.is_empty() {
        return resources;
    }
    let mut xobjects = match resources.get(b"XObject") {
        Ok(Object::Dictionary(d)) => d.clone(),
        _ => Dictionary::new(),
    };
    for (k, v) in add.iter() {
        xobjects.set(k.clone(), v.clone());
    }
    resources.set("XObject", Object::Dictionary(xobjects));
    resources
}

/// The report's pages as they are, each copy padded to an even number of pages when its copies
/// are numbered (printed double-sided, no two copies share a sheet; the blank page carries
/// nothing, not even a page number).
fn flat_pages(
    report: &mut Source,
    pages: &[SourcePage],
    stamps: &Stamped,
    numbered: bool,
) -> Imposed {
    let mut templates = Vec::with_capacity(pages.len() + 1);
    let mut shown_on = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let mut add = Dictionary::new();
        let mut contents = Vec::new();
        if let Some(form) = stamps.watermark {
            add.set(WATERMARK_NAME, Object::Reference(form));
            let stream = Stream::new(
                Dictionary::new(),
                watermark_content(0.0, page.width(), page.height()),
            );
            contents.push(Object::Reference(report.add(Object::Stream(stream))));
        }
        // The number goes over the watermark and before the page's own content, so a
        // reader's text of the page starts with it.
        let number_at = (i == 0 && numbered).then_some(contents.len());
        if number_at.is_some() {
            for (k, v) in stamps.digits.iter() {
                add.set(k.clone(), v.clone());
            }
        }
        match &page.contents {
            Some(Object::Array(items)) => contents.extend(items.iter().cloned()),
            Some(other) => contents.push(other.clone()),
            None => {}
        }
        let resources = report.add(Object::Dictionary(with_xobjects(
            page.resources.clone(),
            &add,
        )));
        shown_on.push((page.id, templates.len()));
        templates.push(PageTemplate {
            media_box: page.media_box,
            contents,
            resources: Some(resources),
            number_at,
        });
    }
    if numbered && pages.len() % 2 == 1 {
        templates.push(PageTemplate {
            media_box: pages[pages.len() - 1].media_box,
            contents: Vec::new(),
            resources: None,
            number_at: None,
        });
    }
    Imposed {
        pages: templates,
        number_x: 0.0,
        shown_on,
    }
}

/// The booklet's sides: each an A3 landscape sheet side holding two report pages as forms.
fn booklet_sides(
    report: &mut Source,
    pages: &[SourcePage],
    stamps: &Stamped,
) -> Result<Imposed, PressError> {
    let forms: Vec<ObjectId> = pages
        .iter()
        .map(|p| report.page_form(p))
        .collect::<Result<_, _>>()?;
    let (width, height) = (pages[0].width(), pages[0].height());
    let mut templates = Vec::new();
    let mut shown_on = Vec::new();
    let mut first_page_x = 0.0;
    for (index, side) in booklet::sides(pages.len()).into_iter().enumerate() {
        let mut content = Vec::new();
        let mut xobjects = Dictionary::new();
        let mut numbered = false;
        for (half, page) in Side::halves(side) {
            let Some(page) = page else { continue };
            let x = match half {
                Half::Left => 0.0,
                Half::Right => width,
            };
            if let Some(form) = stamps.watermark {
                xobjects.set(WATERMARK_NAME, Object::Reference(form));
                content.extend(watermark_content(x, width, height));
            }
            let name = format!("{PAGE_NAME}{}", page + 1);
            content.extend_from_slice(b"q 1 0 0 1 ");
            real(&mut content, f64::from(x));
            content.extend_from_slice(format!(" 0 cm /{name} Do Q\n").as_bytes());
            xobjects.set(name, Object::Reference(forms[page]));
            shown_on.push((pages[page].id, index));
            if page == 0 && !stamps.digits.is_empty() {
                numbered = true;
                first_page_x = x;
                for (k, v) in stamps.digits.iter() {
                    xobjects.set(k.clone(), v.clone());
                }
            }
        }
        let contents = if content.is_empty() {
            Vec::new()
        } else {
            vec![Object::Reference(report.add(Object::Stream(Stream::new(
                Dictionary::new(),
                content,
            ))))]
        };
        let mut resources = Dictionary::new();
        if !xobjects.is_empty() {
            resources.set("XObject", Object::Dictionary(xobjects));
        }
        templates.push(PageTemplate {
            media_box: [0.0, 0.0, 2.0 * width, height],
            number_at: numbered.then_some(contents.len()),
            contents,
            resources: Some(report.add(Object::Dictionary(resources))),
        });
    }
    Ok(Imposed {
        pages: templates,
        number_x: first_page_x,
        shown_on,
    })
}

/// PDF pages a run of a report of `pages` pages makes.
pub fn run_pages(pages: usize, spec: RunSpec) -> u64 {
    let numbered = spec.numbering.is_some();
    let per_copy = match spec.imposition {
        Imposition::Pages => pages + usize::from(numbered && pages % 2 == 1),
        Imposition::Booklet => booklet::padded(pages) / 2,
    };
    per_copy as u64 * u64::from(spec.numbering.map_or(1, |n| n.copies))
}
