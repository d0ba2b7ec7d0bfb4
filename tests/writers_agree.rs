//! The DOCX and the PDF print one realized flow: read both files back and every paragraph of the
//! DOCX (each table cell too) is found in the PDF, in the same order, set as its element says:
//! the size, the face and weight of every Chinese character, the alignment (centred, flush
//! right, indented); and a table's columns and rules sit in the PDF where the DOCX's grid and
//! borders put them.

mod docx_common;
mod pdf_common;
mod support;

use std::collections::HashMap;

use docx_common::{attr, child, paragraph_style, Package};
use pdf_common::fonts;
use workreport::document::{Align, Block, Document, Span, Table};
use workreport::fonts::FaceRequest;
use workreport::geometry::{
    MARGIN_LEFT_PT, PAGE_HEIGHT_PT, TYPE_AREA_BOTTOM_PT, TYPE_AREA_WIDTH_PT,
};
use workreport::style::{Alignment, Element, Face};
use workreport::write::docx::styles;

/// A character of a DOCX paragraph as Word sets it.
#[derive(Debug, Clone, Copy)]
struct DocxChar {
    ch: char,
    face: Face,
    bold: bool,
    /// In a run with a size of its own: the draft mark set flush right after the session mark.
    tail: bool,
}

/// A paragraph of the DOCX body or of a table cell.
#[derive(Debug)]
struct DocxParagraph {
    element: Element,
    align: Alignment,
    chars: Vec<DocxChar>,
}

/// What the DOCX body holds, in order.
#[derive(Debug)]
enum DocxItem {
    Paragraph(DocxParagraph),
    /// A table row: its cells, and the table's column edges and cell padding in pt (from the
    /// left of the type area).
    Row {
        cells: Vec<DocxParagraph>,
        edges: Vec<f32>,
        padding: f32,
    },
}

fn face_named(office_name: &str) -> Face {
    *Face::ALL
        .iter()
        .find(|f| f.office_name() == office_name)
        .unwrap_or_else(|| panic!("no face {office_name}"))
}

fn on(node: roxmltree::Node) -> bool {
    !matches!(attr(node, "val"), Some("0" | "false" | "off"))
}

fn docx_paragraph(p: roxmltree::Node) -> DocxParagraph {
    let id = paragraph_style(p).expect("every paragraph has a style");
    let element = styles::find(&id)
        .unwrap_or_else(|| panic!("style {id} not in the sheet"))
        .element;
    let style = element.style();
    let align = match child(p, "pPr")
        .and_then(|ppr| child(ppr, "jc"))
        .and_then(|jc| attr(jc, "val"))
    {
        Some("left") => Alignment::Left,
        Some("center") => Alignment::Center,
        Some("right") => Alignment::Right,
        Some("both") => Alignment::Justify,
        Some(other) => panic!("jc {other}"),
        None => style.align,
    };
    let mut chars = Vec::new();
    for run in p.children().filter(|n| n.tag_name().name() == "r") {
        let rpr = child(run, "rPr");
        let face = rpr
            .and_then(|r| child(r, "rFonts"))
            .and_then(|f| attr(f, "eastAsia"))
            .map_or(style.face, face_named);
        let bold = rpr.and_then(|r| child(r, "b")).map_or(style.bold, on);
        let tail = rpr.and_then(|r| child(r, "sz")).is_some();
        for t in run.children().filter(|n| n.tag_name().name() == "t") {
            chars.extend(
                t.text()
                    .unwrap_or("")
                    .chars()
                    // The writer's no-break joiners steer Word's breaking; they print nothing.
                    .filter(|&c| !c.is_whitespace() && c != workreport::text::NO_BREAK_JOINER)
                    .map(|ch| DocxChar {
                        ch,
                        face,
                        bold,
                        tail,
                    }),
            );
        }
    }
    DocxParagraph {
        element,
        align,
        chars,
    }
}

fn twips_attr(node: roxmltree::Node, name: &str) -> f32 {
    attr(node, name).expect("a width").parse::<f32>().unwrap() / 20.0
}

/// The DOCX body in order: paragraphs (page-break holders left out) and table rows.
fn read_docx(bytes: &[u8]) -> Vec<DocxItem> {
    let pkg = Package::open(bytes);
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let body = child(xml.root_element(), "body").unwrap();
    let mut out = Vec::new();
    for node in body.children().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "p" => {
                let p = docx_paragraph(node);
                if !p.chars.is_empty() {
                    out.push(DocxItem::Paragraph(p));
                }
            }
            "tbl" => {
                let grid = child(node, "tblGrid").expect("a table grid");
                let mut edges = vec![0.0];
                for col in grid.children().filter(|n| n.tag_name().name() == "gridCol") {
                    edges.push(edges[edges.len() - 1] + twips_attr(col, "w"));
                }
                let margins =
                    child(child(node, "tblPr").unwrap(), "tblCellMar").expect("cell margins");
                let padding = twips_attr(child(margins, "left").unwrap(), "w");
                assert_eq!(padding, twips_attr(child(margins, "right").unwrap(), "w"));
                for row in node.children().filter(|n| n.tag_name().name() == "tr") {
                    let cells = row
                        .children()
                        .filter(|n| n.tag_name().name() == "tc")
                        .map(|tc| {
                            let ps: Vec<_> = tc
                                .children()
                                .filter(|n| n.tag_name().name() == "p")
                                .collect();
                            assert_eq!(ps.len(), 1, "one paragraph a cell");
                            docx_paragraph(ps[0])
                        })
                        .collect();
                    out.push(DocxItem::Row {
                        cells,
                        edges: edges.clone(),
                        padding,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// A glyph as the PDF shows it.
#[derive(Debug, Clone, Copy)]
struct PdfGlyph {
    ch: char,
    /// Left and right edges, pt from the left edge of the type area.
    x0: f32,
    x1: f32,
    size: f32,
    /// `None`: a Latin face or a fallback face.
    face: Option<Face>,
    /// Stroked as well as filled: bold in a face without a bold cut.
    bold: bool,
}

/// A stroked straight line, pt from the top-left corner of the page.
#[derive(Debug, Clone, Copy)]
struct PdfRule {
    from: (f32, f32),
    to: (f32, f32),
    width: f32,
}

/// A font of a page: its ToUnicode map and glyph widths by code, and the face it sets.
struct PdfFont {
    unicode: HashMap<u16, String>,
    widths: HashMap<u16, f32>,
    face: Option<Face>,
}

/// The PostScript name of each face's font, as the PDF names it (after the subset tag). 宋体
/// sets only page numbers (the shipped one has no ideographs of its own), so it is left out.
fn face_fonts() -> HashMap<String, Face> {
    let mut resolver = fonts().resolver();
    Face::ALL
        .iter()
        .filter(|&&face| face != Face::SongTi)
        .map(|&face| {
            let req = FaceRequest {
                face,
                latin_bold: false,
                own_digits: false,
            };
            let glyph = resolver.resolve(req, '中').unwrap();
            let file = fonts().file(glyph.font);
            let parsed = file.face().unwrap();
            // Unicode or Macintosh (ASCII) records.
            let name = parsed
                .names()
                .into_iter()
                .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
                .find_map(|n| {
                    n.to_string()
                        .or_else(|| String::from_utf8(n.name.to_vec()).ok())
                })
                .expect("a PostScript name");
            (name, face)
        })
        .collect()
}

/// The PDF's text lines in reading order (page numbers left out) and every page's rules.
fn read_pdf(bytes: &[u8]) -> (Vec<Vec<PdfGlyph>>, Vec<Vec<PdfRule>>) {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let faces = face_fonts();
    let mut lines = Vec::new();
    let mut rules = Vec::new();
    for (_, &page) in doc.get_pages().iter() {
        let fonts: HashMap<Vec<u8>, PdfFont> = doc
            .get_page_fonts(page)
            .unwrap()
            .into_iter()
            .map(|(name, font)| {
                let base = font.get(b"BaseFont").unwrap().as_name().unwrap();
                let base = String::from_utf8_lossy(base);
                let postscript = base.split_once('+').map_or(&*base, |(_, n)| n);
                let font = PdfFont {
                    unicode: support::to_unicode(&doc, font),
                    widths: support::cid_widths(&doc, font),
                    face: faces.get(postscript).copied(),
                };
                (name, font)
            })
            .collect();
        let content =
            lopdf::content::Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
        let num = |o: &lopdf::Object| -> f32 {
            match o {
                lopdf::Object::Integer(i) => *i as f32,
                lopdf::Object::Real(r) => *r,
                other => panic!("number {other:?}"),
            }
        };
        let mut page_glyphs: Vec<(f32, PdfGlyph)> = Vec::new();
        let mut page_rules = Vec::new();
        let (mut font, mut size, mut bold) = (None, 0.0, false);
        let (mut x, mut y) = (0.0f32, 0.0f32);
        let mut width = 1.0;
        let mut start = (0.0f32, 0.0f32);
        for op in &content.operations {
            let o = &op.operands;
            match op.operator.as_str() {
                "Tf" => {
                    font = fonts.get(o[0].as_name().unwrap());
                    size = num(&o[1]);
                }
                "Tr" => bold = num(&o[0]) as i64 == 2,
                "Tm" => (x, y) = (num(&o[4]), num(&o[5])),
                "TJ" | "Tj" => {
                    let PdfFont {
                        unicode: map,
                        widths: w,
                        face,
                    } = font.expect("a font before text");
                    let items = match op.operator.as_str() {
                        "TJ" => o[0].as_array().unwrap().clone(),
                        _ => vec![o[0].clone()],
                    };
                    for item in items {
                        match item {
                            lopdf::Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code = u16::from_be_bytes([pair[0], pair[1]]);
                                    let advance =
                                        w.get(&code).copied().unwrap_or(1000.0) * size / 1000.0;
                                    for ch in map[&code].chars() {
                                        page_glyphs.push((
                                            PAGE_HEIGHT_PT - y,
                                            PdfGlyph {
                                                ch,
                                                x0: x - MARGIN_LEFT_PT,
                                                x1: x + advance - MARGIN_LEFT_PT,
                                                size,
                                                face: *face,
                                                bold,
                                            },
                                        ));
                                    }
                                    x += advance;
                                }
                            }
                            other => x -= num(&other) * size / 1000.0,
                        }
                    }
                }
                "w" => width = num(&o[0]),
                "m" => start = (num(&o[0]), num(&o[1])),
                "l" => page_rules.push(PdfRule {
                    from: (start.0, PAGE_HEIGHT_PT - start.1),
                    to: (num(&o[0]), PAGE_HEIGHT_PT - num(&o[1])),
                    width,
                }),
                _ => {}
            }
        }
        // Lines: glyphs of one baseline, left to right, top line first.
        page_glyphs.retain(|(baseline, _)| *baseline <= TYPE_AREA_BOTTOM_PT);
        page_glyphs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.x0.total_cmp(&b.1.x0)));
        let mut page_lines: Vec<(f32, Vec<PdfGlyph>)> = Vec::new();
        for (baseline, g) in page_glyphs {
            match page_lines.last_mut() {
                Some((b, line)) if (*b - baseline).abs() < 0.01 => line.push(g),
                _ => page_lines.push((baseline, vec![g])),
            }
        }
        lines.extend(page_lines.into_iter().map(|(_, l)| l));
        rules.push(page_rules);
    }
    (lines, rules)
}

fn text(glyphs: &[PdfGlyph]) -> String {
    glyphs.iter().map(|g| g.ch).collect()
}

fn docx_text(chars: &[DocxChar]) -> String {
    chars.iter().map(|c| c.ch).collect()
}

/// A Chinese character or full-width mark: set in one of the five faces.
fn is_chinese(ch: char) -> bool {
    ch as u32 >= 0x2E80
}

/// Checks that `glyphs` print `want` as the DOCX sets it: size, and face and weight of every
/// Chinese character.
fn assert_same_look(want: &DocxParagraph, glyphs: &[PdfGlyph]) {
    let what = docx_text(&want.chars);
    let size = want.element.style().size_pt;
    let tail_size = Element::DraftMark.style().size_pt;
    for (d, g) in want.chars.iter().zip(glyphs) {
        assert_eq!(d.ch, g.ch, "{what}");
        let size = if d.tail { tail_size } else { size };
        assert!(
            (g.size - size).abs() < 0.01,
            "{what}: '{}' {} pt",
            g.ch,
            g.size
        );
        if is_chinese(d.ch) {
            if let Some(face) = g.face {
                assert_eq!(face, d.face, "{what}: face of '{}'", d.ch);
            }
            assert_eq!(g.bold, d.bold, "{what}: weight of '{}'", d.ch);
        }
    }
}

/// Checks the place of a line of `align`, set in [left, right] (pt from the type area's left):
/// flush left at `indent`, centred, or flush right.
fn assert_aligned(
    what: &str,
    line: &[PdfGlyph],
    align: Alignment,
    left: f32,
    right: f32,
    indent: f32,
) {
    let (x0, x1) = (line[0].x0, line[line.len() - 1].x1);
    match align {
        Alignment::Left | Alignment::Justify => {
            assert!(
                (x0 - (left + indent)).abs() < 0.5,
                "{what}: starts at {x0}, want {}",
                left + indent
            )
        }
        Alignment::Center => {
            let mid = (x0 + x1) / 2.0;
            assert!(
                (mid - (left + right) / 2.0).abs() < 1.5,
                "{what}: centre {mid} in [{left}, {right}]"
            )
        }
        Alignment::Right => {
            assert!(
                (x1 - right).abs() < 1.5,
                "{what}: ends at {x1}, want {right}"
            )
        }
    }
}

/// Walks the DOCX items and the PDF lines together; returns the column edges of each table
/// met, for the rules check.
fn assert_same_paragraphs(docx: &[DocxItem], pdf: &[Vec<PdfGlyph>]) -> Vec<Vec<f32>> {
    let mut lines = pdf.iter();
    let mut tables: Vec<Vec<f32>> = Vec::new();
    for item in docx {
        match item {
            DocxItem::Paragraph(p) => {
                let want = docx_text(&p.chars);
                let mut got: Vec<PdfGlyph> = Vec::new();
                let mut first_line = true;
                while text(&got) != want {
                    let line = lines
                        .next()
                        .unwrap_or_else(|| panic!("the PDF ends before “{want}”"));
                    assert!(
                        want.starts_with(&(text(&got) + &text(line))),
                        "PDF line “{}” where the DOCX has “{want}”",
                        text(line)
                    );
                    // The draft mark is flush right; the paragraph's own text as its element says.
                    let own: Vec<PdfGlyph> = line
                        .iter()
                        .zip(&p.chars[got.len()..])
                        .filter(|(_, d)| !d.tail)
                        .map(|(g, _)| *g)
                        .collect();
                    let style = p.element.style();
                    if !own.is_empty() {
                        let indent = if first_line {
                            style.indent_chars * workreport::geometry::CHAR_PITCH_PT
                        } else {
                            0.0
                        };
                        assert_aligned(&want, &own, p.align, 0.0, TYPE_AREA_WIDTH_PT, indent);
                    }
                    if p.chars[got.len() + line.len() - 1].tail {
                        assert_aligned(&want, line, Alignment::Right, 0.0, TYPE_AREA_WIDTH_PT, 0.0);
                    }
                    got.extend(line.iter().copied());
                    first_line = false;
                }
                assert_same_look(p, &got);
            }
            DocxItem::Row {
                cells,
                edges,
                padding,
            } => {
                if tables.last() != Some(edges) {
                    tables.push(edges.clone());
                }
                // The row's lines hold every cell side by side: take lines until each column
                // has its cell's text.
                let mut got: Vec<Vec<Vec<PdfGlyph>>> = vec![Vec::new(); cells.len()];
                let done = |got: &Vec<Vec<Vec<PdfGlyph>>>| {
                    cells
                        .iter()
                        .zip(got)
                        .all(|(c, g)| docx_text(&c.chars) == text(&g.concat()))
                };
                while !done(&got) {
                    let line = lines.next().expect("the PDF ends inside a table row");
                    let mut by_column: Vec<Vec<PdfGlyph>> = vec![Vec::new(); cells.len()];
                    for g in line {
                        let column = edges
                            .windows(2)
                            .position(|e| g.x0 >= e[0] && g.x1 <= e[1] + 0.01)
                            .unwrap_or_else(|| {
                                panic!("'{}' at {} crosses a column edge {edges:?}", g.ch, g.x0)
                            });
                        by_column[column].push(*g);
                    }
                    for (cell_got, in_column) in got.iter_mut().zip(by_column) {
                        if !in_column.is_empty() {
                            cell_got.push(in_column);
                        }
                    }
                }
                for (c, (cell, cell_lines)) in cells.iter().zip(&got).enumerate() {
                    let what = docx_text(&cell.chars);
                    for line in cell_lines {
                        assert_aligned(
                            &what,
                            line,
                            cell.align,
                            edges[c] + padding,
                            edges[c + 1] - padding,
                            0.0,
                        );
                    }
                    assert_same_look(cell, &cell_lines.concat());
                }
            }
        }
    }
    let rest: Vec<String> = lines.map(|l| text(l)).collect();
    assert!(rest.is_empty(), "the PDF has more than the DOCX: {rest:?}");
    tables
}

/// A report with every kind of paragraph and a table whose columns want different widths.
fn report() -> Document {
    let mut doc = docx_common::sample_report();
    let cell = |s: &str| vec![Span::plain(s)];
    doc.blocks.push(Block::Table(Table {
        align: vec![Align::Left, Align::Center, Align::Right],
        header: vec![cell("类别"), cell("办理情况"), cell("件数")],
        rows: vec![
            vec![
                cell("交通道路"),
                cell(
                    "已协调县交通运输局列入2025年农村公路提升计划，资金已落实，预计年内完工通车。",
                ),
                cell("6"),
            ],
            vec![cell("农业农村"), cell("已办结。"), cell("15")],
        ],
        ..Table::default()
    }));
    doc.blocks.push(Block::paragraph("表后的一段正文。"));
    doc
}

#[test]
fn the_docx_and_the_pdf_carry_the_same_paragraphs_in_the_same_order_and_look() {
    let doc = report();
    let docx = read_docx(&workreport::write::docx::render(&doc).unwrap());
    let (pdf, rules) = read_pdf(&workreport::write::pdf::render(&doc, fonts()).unwrap());
    // Every kind of element is there to compare.
    let elements: Vec<Element> = docx
        .iter()
        .flat_map(|item| match item {
            DocxItem::Paragraph(p) => vec![p.element],
            DocxItem::Row { cells, .. } => cells.iter().map(|c| c.element).collect(),
        })
        .collect();
    for want in [
        Element::SessionMark,
        Element::Title,
        Element::Subtitle,
        Element::Speaker,
        Element::DateLine,
        Element::Salutation,
        Element::Heading(1),
        Element::Heading(2),
        Element::Heading(3),
        Element::Heading(4),
        Element::Body,
        Element::ListItem,
        Element::TableHeader,
        Element::TableCell,
    ] {
        assert!(
            elements.contains(&want),
            "{want:?} missing from {elements:?}"
        );
    }

    let tables = assert_same_paragraphs(&docx, &pdf);
    assert_eq!(tables.len(), 2, "{tables:?}");

    // The rules: the PDF strokes a vertical rule at every column edge of the DOCX grid, as wide
    // as the DOCX's borders.
    let pkg = Package::open(&workreport::write::docx::render(&doc).unwrap());
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    for tbl in xml.descendants().filter(|n| n.tag_name().name() == "tbl") {
        let borders = child(child(tbl, "tblPr").unwrap(), "tblBorders").expect("table borders");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let b = child(borders, side).unwrap_or_else(|| panic!("no {side} border"));
            assert_eq!(attr(b, "val"), Some("single"), "{side}");
            assert_eq!(attr(b, "sz"), Some("4"), "{side}: ½ pt");
        }
    }
    let all: Vec<PdfRule> = rules.concat();
    assert!(all.iter().all(|r| (r.width - 0.5).abs() < 1e-3), "{all:?}");
    for edges in &tables {
        for &edge in edges {
            let x = MARGIN_LEFT_PT + edge;
            assert!(
                all.iter().any(|r| (r.from.0 - x).abs() < 0.05
                    && (r.to.0 - x).abs() < 0.05
                    && r.from.1 != r.to.1),
                "no vertical rule at {edge} pt of {edges:?}: {all:?}"
            );
        }
    }
}

/// What the flow decides apart from an element's style reaches both writers alike: blank lines
/// before a paragraph (direct spacing in the DOCX, empty grid lines in the PDF), a run that is
/// not bold in a bold heading, a run in another face.
#[test]
fn a_flow_that_stands_apart_from_the_styles_reaches_both_writers() {
    use workreport::flow::{Item, Paragraph};
    use workreport::layout::lay_out;
    let doc = report();
    let mut flow = workreport::realize::realize(&doc);
    let paragraphs = || {
        flow.items.iter().filter_map(|i| match i {
            Item::Paragraph(p) => Some(p),
            _ => None,
        })
    };
    let spaced_text = workreport::flow::lines_text(
        &paragraphs()
            .filter(|p| p.element == Element::Body)
            .nth(1)
            .unwrap()
            .lines,
    );
    for item in &mut flow.items {
        let Item::Paragraph(p) = item else { continue };
        let p: &mut Paragraph = p;
        match p.element {
            Element::Body if workreport::flow::lines_text(&p.lines) == spaced_text => {
                p.blank_lines_before = 2;
                p.lines[0][0].face = Face::HeiTi;
            }
            Element::Heading(3) => p.lines[0][0].bold = false,
            _ => {}
        }
    }

    let docx_bytes = workreport::write::docx::render_flow(&flow, &doc.meta).unwrap();
    let pages = lay_out(&flow, fonts()).unwrap();
    let pdf_bytes = workreport::write::pdf::write_pages(&doc, &pages, fonts()).unwrap();
    let docx = read_docx(&docx_bytes);
    let (pdf, _) = read_pdf(&pdf_bytes);
    assert_same_paragraphs(&docx, &pdf);
    let unbold = docx.iter().any(|item| {
        matches!(item, DocxItem::Paragraph(p) if p.element == Element::Heading(3) && !p.chars[0].bold)
    });
    assert!(unbold, "the level-3 heading's run is not bold in the DOCX");

    // The DOCX: two grid lines of space before, on that body paragraph alone.
    let pkg = Package::open(&docx_bytes);
    let xml = roxmltree::Document::parse(pkg.part("word/document.xml")).unwrap();
    let pitch: i64 = attr(
        xml.descendants()
            .find(|n| n.tag_name().name() == "docGrid")
            .unwrap(),
        "linePitch",
    )
    .unwrap()
    .parse()
    .unwrap();
    // (The title block's paragraphs carry the blank lines between its parts the same way.)
    let title_block = [
        "SessionMark",
        "Title",
        "Subtitle",
        "Speaker",
        "Date",
        "Salutation",
    ];
    let spaced: Vec<(String, i64)> = xml
        .descendants()
        .filter(|n| n.tag_name().name() == "p")
        .filter(|p| !paragraph_style(*p).is_some_and(|s| title_block.contains(&s.as_str())))
        .filter_map(|p| {
            let spacing = child(child(p, "pPr")?, "spacing")?;
            let before = attr(spacing, "before")?.parse().ok()?;
            Some((docx_common::paragraph_text(p), before))
        })
        .collect();
    assert_eq!(spaced, [(spaced_text.clone(), 2 * pitch)]);

    // The PDF: two empty grid lines between the paragraph before and this one.
    let slots: Vec<(usize, f32, String)> = pages
        .pages
        .iter()
        .enumerate()
        .flat_map(|(i, page)| {
            page.runs
                .iter()
                .filter(|r| r.baseline_pt <= TYPE_AREA_BOTTOM_PT)
                .map(move |r| (i, r.baseline_pt, r.glyphs.iter().map(|g| g.text).collect()))
        })
        .collect();
    let first = slots
        .iter()
        .position(|(_, _, t)| spaced_text.starts_with(t.as_str()))
        .unwrap();
    let (page, baseline, _) = &slots[first];
    let (previous_page, previous, _) = slots[..first]
        .iter()
        .rev()
        .find(|(_, b, _)| b != baseline)
        .unwrap();
    assert_eq!(page, previous_page);
    let gap = (baseline - previous) / workreport::geometry::LINE_PITCH_PT;
    assert!((gap - 3.0).abs() < 0.01, "{gap} grid lines apart");
}
