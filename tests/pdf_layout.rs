//! Page layout without PDF: the grid, the title block, page numbers and keep-with-next.

mod pdf_common;
use pdf_common::fonts;

use workreport::document::{Block, Document, Meta, Span};
use workreport::geometry::{LINE_PITCH_PT, MM, TYPE_AREA_HEIGHT_PT, TYPE_AREA_WIDTH_PT};
use workreport::layout::{lay_out, Pages};

const LEFT: f32 = 28.0 * MM;
const TOP: f32 = 37.0 * MM;

/// Text lines of a page (page number excluded): (baseline, size, text, x0).
fn lines(pages: &Pages, page: usize) -> Vec<(f32, f32, String, f32)> {
    let mut out: Vec<(f32, f32, String, f32)> = Vec::new();
    for run in &pages.pages[page].runs {
        if run.baseline_pt > TOP + TYPE_AREA_HEIGHT_PT {
            continue;
        }
        let text: String = run.glyphs.iter().map(|g| g.text).collect();
        let x0 = run.glyphs[0].x_pt;
        match out
            .iter_mut()
            .find(|l| (l.0 - run.baseline_pt).abs() < 0.01)
        {
            Some(line) => {
                line.2.push_str(&text);
                line.3 = line.3.min(x0);
            }
            None => out.push((run.baseline_pt, run.size_pt, text, x0)),
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

#[test]
fn body_lines_sit_on_the_grid_and_fill_at_most_22_lines() {
    let pages = lay_out(&pdf_common::sample_document(), fonts()).unwrap();
    assert!(pages.pages.len() >= 4);
    for p in 0..pages.pages.len() {
        let body: Vec<_> = lines(&pages, p)
            .into_iter()
            .filter(|l| (l.1 - 16.0).abs() < 0.01)
            .collect();
        assert!(body.len() <= 22, "page {p}: {} lines", body.len());
        for (baseline, ..) in &body {
            let slot = (baseline - TOP) / LINE_PITCH_PT;
            let off = slot - slot.floor();
            assert!(
                (off - body_offset()).abs() < 0.01,
                "page {p}: baseline {baseline} off the grid"
            );
        }
    }
    // 28 characters of 16 pt fill the type area: a full line of ideographs ends at its edge.
    let first_body = lines(&pages, 1)[0].clone();
    assert_eq!(first_body.3, LEFT);
}

fn body_offset() -> f32 {
    let baseline = (LINE_PITCH_PT - 16.0) / 2.0 + 0.88 * 16.0;
    baseline / LINE_PITCH_PT
}

#[test]
fn title_block_is_centred_and_marks_sit_on_the_first_line() {
    let pages = lay_out(&pdf_common::sample_document(), fonts()).unwrap();
    let first = lines(&pages, 0);
    assert!(first[0]
        .2
        .starts_with("青石镇第五届人民代表大会第五次会议文件（二）"));
    assert!(
        first[0].2.ends_with("审议稿"),
        "draft mark on the first line: {}",
        first[0].2
    );
    let title = first.iter().find(|l| (l.1 - 22.0).abs() < 0.01).unwrap();
    assert_eq!(title.2, "青石镇人民代表大会主席团工作报告");
    let width = 16.0 * 22.0;
    let centre = title.3 + width / 2.0;
    assert!(
        (centre - (LEFT + TYPE_AREA_WIDTH_PT / 2.0)).abs() < 1.0,
        "title centred"
    );
    let salutation = first.iter().find(|l| l.2 == "各位代表：").unwrap();
    assert_eq!(salutation.3, LEFT, "salutation flush left");
}

#[test]
fn page_numbers_alternate_sides_seven_mm_under_the_type_area() {
    let pages = lay_out(&pdf_common::sample_document(), fonts()).unwrap();
    for (i, page) in pages.pages.iter().enumerate() {
        let n = i as u32 + 1;
        assert_eq!(page.number, Some(n));
        let runs: Vec<_> = page
            .runs
            .iter()
            .filter(|r| r.baseline_pt > TOP + TYPE_AREA_HEIGHT_PT)
            .collect();
        let text: String = runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.text))
            .collect();
        assert_eq!(text, format!("—{n}—"));
        assert!(runs.iter().all(|r| r.size_pt == 14.0));
        let top = runs[0].baseline_pt - 0.88 * 14.0;
        assert!((top - (TOP + TYPE_AREA_HEIGHT_PT + 7.0 * MM)).abs() < 0.01);
        let x0 = runs[0].glyphs[0].x_pt;
        if n.is_multiple_of(2) {
            assert!((x0 - (LEFT + 14.0)).abs() < 0.01, "even page {n} left");
        } else {
            assert!(x0 > LEFT + TYPE_AREA_WIDTH_PT / 2.0, "odd page {n} right");
        }
    }
}

#[test]
fn outline_follows_the_headings() {
    let doc = pdf_common::sample_document();
    let pages = lay_out(&doc, fonts()).unwrap();
    let got: Vec<(u8, String)> = pages
        .outline
        .iter()
        .map(|e| (e.level, e.title.clone()))
        .collect();
    assert_eq!(got, doc.outline());
}

fn filler_doc(fillers: usize) -> Document {
    let mut blocks: Vec<Block> = (0..fillers)
        .map(|_| Block::Paragraph(vec![Span::plain("短段落一行。")]))
        .collect();
    blocks.push(Block::Heading {
        level: 1,
        text: vec![Span::plain("一、标题不落在页末")],
    });
    blocks.push(Block::Paragraph(vec![Span::plain(
        "这一段有三行文字，用来检查标题总是和下文至少两行在同一页上，而且段落的第一行不会单独留在页末，段落的最后一行也不会单独跑到下一页的页首，这是排版的基本要求。",
    )]));
    Document {
        meta: Meta {
            title: "测试".into(),
            ..Meta::default()
        },
        blocks,
    }
}

#[test]
fn a_heading_is_never_the_last_line_and_keeps_two_lines_of_what_follows() {
    for fillers in 14..30 {
        let pages = lay_out(&filler_doc(fillers), fonts()).unwrap();
        let entry = &pages.outline[0];
        let page = lines(&pages, entry.page);
        let at = page.iter().position(|l| l.2.starts_with("一、")).unwrap();
        let after = page.len() - at - 1;
        assert!(
            after >= 2,
            "{fillers} fillers: heading followed by {after} lines on its page"
        );
        // The paragraph after it is not split 1 + 2 or 2 + 1 across pages.
        let total_pages = pages.pages.len();
        if total_pages > entry.page + 1 {
            let next = lines(&pages, entry.page + 1);
            assert!(
                next.is_empty() || next.len() >= 2 || after >= 3,
                "{fillers}: widow on next page"
            );
        }
    }
}

#[test]
fn page_breaks_start_a_new_page_and_blank_pages_are_not_numbered() {
    let mut doc = filler_doc(1);
    doc.blocks.insert(1, Block::PageBreak);
    doc.blocks.insert(1, Block::PageBreak);
    let pages = lay_out(&doc, fonts()).unwrap();
    assert_eq!(pages.pages.len(), 2);
    assert_eq!(pages.outline[0].page, 1);
}

#[test]
fn tables_lists_and_level_three_headings_are_set() {
    use workreport::document::{Align, Table};
    let cell = |s: &str| vec![Span::plain(s)];
    let mut doc = filler_doc(0);
    doc.blocks.push(Block::Heading {
        level: 3,
        text: cell("1.三级标题加粗"),
    });
    doc.blocks.push(Block::Table(Table {
        align: vec![Align::Left, Align::Right],
        header: vec![cell("项目"), cell("件数")],
        rows: vec![
            vec![cell("代表建议"), cell("17")],
            vec![cell("群众来信"), cell("21")],
        ],
    }));
    let pages = lay_out(&doc, fonts()).unwrap();
    let text: String = (0..pages.pages.len())
        .flat_map(|p| lines(&pages, p))
        .map(|l| l.2)
        .collect();
    for want in ["项目件数", "代表建议17", "群众来信21", "1.三级标题加粗"] {
        assert!(text.contains(want), "{want} in {text}");
    }
    let level3 = pages.pages[0]
        .runs
        .iter()
        .find(|r| r.glyphs.iter().any(|g| g.text == '级'))
        .unwrap();
    assert!(level3.fake_bold, "level-3 heading is bold");
    // The right-aligned column ends at the right edge of the type area.
    let seventeen = pages.pages[0]
        .runs
        .iter()
        .find(|r| r.glyphs.iter().any(|g| g.text == '7'))
        .unwrap();
    let end = seventeen.glyphs.last().unwrap().x_pt + 8.0;
    assert!(
        end > LEFT + TYPE_AREA_WIDTH_PT - 20.0,
        "right-aligned cell ends at {end}"
    );
}

#[test]
fn the_font_report_explains_each_role() {
    let report = fonts().report();
    eprintln!("{report}");
    assert!(report.contains("仿宋（正文）：Fandol"), "{report}");
    assert!(report.contains("Liberation Serif"), "{report}");
}
