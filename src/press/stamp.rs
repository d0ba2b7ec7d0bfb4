//! Stamps: the marks the print room puts on finished pages, each a small PDF page rendered once
//! with the program's own fonts and text setting (so Chinese prints, embedded and searchable
//! like the report's text), then placed as a Form XObject wherever it goes.
//!
//! - The copy number (份号) is composed of ten digit stamps, '0' to '9', each set where the
//!   first digit of a copy number stands (layout.md: top left of the type area, first line, in
//!   the copy number's face and size); a copy's six digits are the digit stamps placed one
//!   advance apart. Every copy shares them, so a copy costs a few placements, not a font.
//! - The watermark is its text set large in 黑体 across the middle of the page, placed turned
//!   along the page's diagonal and printed light, under the page's own content.

use crate::document::{Document, Meta};
use crate::fonts::FontSet;
use crate::geometry::{MARGIN_LEFT_PT, PAGE_HEIGHT_PT, PAGE_WIDTH_PT};
use crate::layout::{self, Pages};
use crate::style::{Element, Face};
use crate::write::pdf::{self, PdfError};

use super::objects::Source;

/// The face of a watermark: the draft mark's (layout.md: 黑体).
pub const WATERMARK_FACE: Face = Face::HeiTi;

/// How light a watermark prints: its gray level (0 black, 1 white).
pub const WATERMARK_GRAY: f32 = 0.82;

/// The watermark's size: as large as lets it span this share of the page's diagonal …
const WATERMARK_SPAN: f32 = 0.6;
/// … within these sizes (初号 42 pt at the least).
const WATERMARK_MIN_PT: f32 = 42.0;
const WATERMARK_MAX_PT: f32 = 110.0;

/// The stamps of one run, rendered as one PDF: its pages are the digits '0'–'9' (when the run
/// numbers its copies), then the watermark (when it has one).
pub struct Stamps {
    pub source: Source,
    /// Page index in `source` and advance (pt) of each digit.
    pub digits: Option<[(usize, f32); 10]>,
    /// Page index in `source` of the watermark.
    pub watermark: Option<usize>,
}

/// Which stamps a run needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StampRequest {
    pub copy_numbers: bool,
    pub watermark: Option<String>,
}

impl Stamps {
    /// Renders the stamps `request` asks for, or `None` when it asks for none.
    pub fn render(request: &StampRequest, fonts: &FontSet) -> Result<Option<Stamps>, PdfError> {
        let mut pages = Pages::default();
        let mut digits = None;
        if request.copy_numbers {
            let style = Element::CopyNumber.style();
            let origin = (MARGIN_LEFT_PT, layout::baseline_pt(0, style.size_pt));
            let mut set = [(0usize, 0f32); 10];
            for (d, slot) in set.iter_mut().enumerate() {
                let text = layout::set_text(
                    &d.to_string(),
                    style.face,
                    style.size_pt,
                    origin,
                    fonts,
                    "份号",
                )?;
                *slot = (pages.pages.len(), text.width_pt);
                pages.pages.push(text.page);
            }
            digits = Some(set);
        }
        let mut watermark = None;
        if let Some(text) = request
            .watermark
            .as_deref()
            .filter(|t| !t.trim().is_empty())
        {
            // Measured at 100 pt, then set at the size that spans its share of the diagonal.
            let measure = layout::set_text(text, WATERMARK_FACE, 100.0, (0.0, 0.0), fonts, "水印")?;
            let diagonal = PAGE_WIDTH_PT.hypot(PAGE_HEIGHT_PT);
            let size = (WATERMARK_SPAN * diagonal / (measure.width_pt / 100.0).max(0.01))
                .clamp(WATERMARK_MIN_PT, WATERMARK_MAX_PT);
            let width = measure.width_pt * size / 100.0;
            // Centred on the page: the em box's middle on the page's middle.
            let origin = (
                (PAGE_WIDTH_PT - width) / 2.0,
                PAGE_HEIGHT_PT / 2.0 + (crate::geometry::EM_BOX_ASCENT - 0.5) * size,
            );
            let set = layout::set_text(text, WATERMARK_FACE, size, origin, fonts, "水印")?;
            watermark = Some(pages.pages.len());
            pages.pages.push(set.page);
        }
        if pages.pages.is_empty() {
            return Ok(None);
        }
        let doc = Document {
            meta: Meta {
                title: "印章".to_string(),
                ..Meta::default()
            },
            blocks: Vec::new(),
        };
        let bytes = pdf::write_pages(&doc, &pages, fonts)?;
        let source = Source::open(&bytes).map_err(|e| PdfError::Write(e.to_string()))?;
        Ok(Some(Stamps {
            source,
            digits,
            watermark,
        }))
    }
}

/// The transformation that turns a page-sized stamp about the middle of a page of `width` ×
/// `height` pt so its text runs along the diagonal from the lower left to the upper right.
pub fn diagonal(width: f32, height: f32) -> [f32; 6] {
    let angle = height.atan2(width);
    let (sin, cos) = angle.sin_cos();
    let (cx, cy) = (width / 2.0, height / 2.0);
    [
        cos,
        sin,
        -sin,
        cos,
        cx - cx * cos + cy * sin,
        cy - cx * sin - cy * cos,
    ]
}
