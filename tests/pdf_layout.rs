//! Page layout without PDF: the grid, the title block, page numbers and keep-with-next.

mod pdf_common;
use pdf_common::fonts;

use workreport::document::{Block, Document, Meta, Span};
use workreport::fonts::FaceRequest;
use workreport::geometry::{
    EM_BOX_ASCENT, LINE_PITCH_PT, MARGIN_LEFT_PT as LEFT, MARGIN_TOP_PT as TOP, MM,
    PAGE_NUMBER_DROP_MM, TYPE_AREA_BOTTOM_PT, TYPE_AREA_RIGHT_PT, TYPE_AREA_WIDTH_PT,
};
use workreport::layout::title::balance_title;
use workreport::layout::{lay_out, Pages};
use workreport::realize::realize;
use workreport::style::{
    page_number_text, size, Element, PAGE_NUMBER_INSET_PT, SUBTITLE_MAX_CHARS, TITLE_MAX_CHARS,
};

/// Text lines of a page (page number excluded): (baseline, size, text, x0).
fn lines(pages: &Pages, page: usize) -> Vec<(f32, f32, String, f32)> {
    let mut out: Vec<(f32, f32, String, f32)> = Vec::new();
    for run in &pages.pages[page].runs {
        if run.baseline_pt > TYPE_AREA_BOTTOM_PT {
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
    let pages = lay_out(&realize(&pdf_common::sample_document()), fonts()).unwrap();
    assert!(pages.pages.len() >= 4);
    for p in 0..pages.pages.len() {
        let body: Vec<_> = lines(&pages, p)
            .into_iter()
            .filter(|l| (l.1 - size::SAN_HAO).abs() < 0.01)
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
    // Lines that continue a paragraph start exactly at the left edge of the type area.
    assert!(
        lines(&pages, 1)
            .iter()
            .any(|l| l.3 == LEFT && (l.1 - size::SAN_HAO).abs() < 0.01),
        "no flush-left body line on page 2"
    );
}

fn body_offset() -> f32 {
    let baseline = (LINE_PITCH_PT - size::SAN_HAO) / 2.0 + EM_BOX_ASCENT * size::SAN_HAO;
    baseline / LINE_PITCH_PT
}

#[test]
fn title_block_is_centred_and_marks_sit_on_the_first_line() {
    let pages = lay_out(&realize(&pdf_common::sample_document()), fonts()).unwrap();
    let first = lines(&pages, 0);
    assert!(first[0]
        .2
        .starts_with("青石镇第五届人民代表大会第五次会议文件（二）"));
    assert!(
        first[0].2.ends_with("审议稿"),
        "draft mark on the first line: {}",
        first[0].2
    );
    let title = first
        .iter()
        .find(|l| (l.1 - size::ER_HAO).abs() < 0.01)
        .unwrap();
    assert_eq!(title.2, "青石镇人民代表大会主席团工作报告");
    let width = 16.0 * size::ER_HAO;
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
    let pages = lay_out(&realize(&pdf_common::sample_document()), fonts()).unwrap();
    for (i, page) in pages.pages.iter().enumerate() {
        let n = i as u32 + 1;
        assert_eq!(page.number, Some(n));
        let runs: Vec<_> = page
            .runs
            .iter()
            .filter(|r| r.baseline_pt > TYPE_AREA_BOTTOM_PT)
            .collect();
        let text: String = runs
            .iter()
            .flat_map(|r| r.glyphs.iter().map(|g| g.text))
            .collect();
        assert_eq!(text, format!("—{n}—"));
        let size_pt = Element::PageNumber.style().size_pt;
        assert!(runs.iter().all(|r| r.size_pt == size_pt));
        let top = runs[0].baseline_pt - EM_BOX_ASCENT * size_pt;
        assert!((top - (TYPE_AREA_BOTTOM_PT + PAGE_NUMBER_DROP_MM * MM)).abs() < 0.01);
        let x0 = runs[0].glyphs[0].x_pt;
        if n.is_multiple_of(2) {
            assert!(
                (x0 - (LEFT + PAGE_NUMBER_INSET_PT)).abs() < 0.01,
                "even page {n} left"
            );
        } else {
            // The number's right end (its width from the font) sits the inset in from the edge.
            let end = x0 + page_number_width(n);
            assert!(
                (end - (TYPE_AREA_RIGHT_PT - PAGE_NUMBER_INSET_PT)).abs() < 0.01,
                "odd page {n} right, ends at {end}"
            );
        }
    }
}

/// The printed width of page number `n` in the page-number face, from the font's advances.
fn page_number_width(n: u32) -> f32 {
    let style = Element::PageNumber.style();
    let req = FaceRequest {
        face: style.face,
        latin_bold: false,
        own_digits: true,
    };
    let mut resolver = fonts().resolver();
    page_number_text(n)
        .chars()
        .map(|c| resolver.resolve(req, c).unwrap().advance_em * style.size_pt)
        .sum()
}

/// The grid line each of the first `n` paragraphs of the flow starts on: each takes its lines,
/// after the blank lines the flow puts before it.
fn expected_title_block_slots(flow: &workreport::flow::Flow, n: usize) -> Vec<usize> {
    let mut slot = 0;
    let mut out = Vec::new();
    for item in flow.items.iter().take(n) {
        let workreport::flow::Item::Paragraph(p) = item else {
            panic!("the title block is paragraphs")
        };
        slot += p.blank_lines_before as usize;
        out.push(slot);
        slot += p.lines.len();
    }
    out
}

/// The grid line (slot) a text line of the first page sits on.
fn slot_of(line: &(f32, f32, String, f32)) -> usize {
    ((line.0 - TOP) / LINE_PITCH_PT).floor() as usize
}

#[test]
fn the_title_block_keeps_the_rhythm_of_the_flow() {
    let doc = pdf_common::sample_document();
    let flow = realize(&doc);
    let pages = lay_out(&flow, fonts()).unwrap();
    let first = lines(&pages, 0);
    let m = &doc.meta;
    let subtitle = balance_title(m.subtitle.as_deref().unwrap(), SUBTITLE_MAX_CHARS);
    let want = expected_title_block_slots(&flow, 5);
    let starts = [
        m.session_mark.clone().unwrap(),
        m.title.clone(),
        subtitle[0].clone(),
        m.speaker.clone().unwrap(),
        m.salutation.clone().unwrap(),
    ];
    let got: Vec<usize> = starts
        .iter()
        .map(|s| {
            let line = first
                .iter()
                .find(|l| l.2.replace(' ', "").starts_with(&s.replace('　', "")))
                .unwrap_or_else(|| panic!("{s} not on the first page: {first:?}"));
            slot_of(line)
        })
        .collect();
    assert_eq!(got, want, "{first:?}");
    // The marks share the first line; blank lines are empty slots.
    assert_eq!(slot_of(&first[0]), 0);
    assert!(first[0].2.ends_with(m.draft_mark.as_deref().unwrap()));
    // layout.md's first page: marks, blank, title, blank, subtitle (two balanced lines here),
    // speaker, blank, salutation.
    let used: Vec<usize> = first.iter().map(slot_of).take(6).collect();
    assert_eq!(used, [0, 2, 4, 5, 6, 8], "{first:?}");
}

#[test]
fn long_titles_and_subtitles_are_balanced_as_the_styles_say() {
    let mut doc = pdf_common::sample_document();
    doc.meta.title =
        "青石镇第五届人民代表大会第五次会议关于镇人民代表大会主席团工作报告的决议".into();
    doc.meta.subtitle =
        Some("——2025年1月8日在青石镇第五届人民代表大会第五次会议第二次全体会议上的报告".into());
    let pages = lay_out(&realize(&doc), fonts()).unwrap();
    let first = lines(&pages, 0);
    let title: Vec<String> = first
        .iter()
        .filter(|l| (l.1 - size::ER_HAO).abs() < 0.01)
        .map(|l| l.2.clone())
        .collect();
    assert_eq!(title, balance_title(&doc.meta.title, TITLE_MAX_CHARS));
    let want = balance_title(doc.meta.subtitle.as_deref().unwrap(), SUBTITLE_MAX_CHARS);
    assert!(want.len() >= 2, "{want:?}");
    let at = first
        .iter()
        .position(|l| l.2 == want[0])
        .unwrap_or_else(|| panic!("{want:?} in {first:?}"));
    let got: Vec<String> = first[at..at + want.len()]
        .iter()
        .map(|l| l.2.clone())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn strong_spans_are_bold_in_the_body_face() {
    let pages = lay_out(&realize(&pdf_common::sample_document()), fonts()).unwrap();
    let runs: Vec<_> = pages.pages.iter().flat_map(|p| p.runs.iter()).collect();
    let text =
        |r: &workreport::layout::GlyphRun| r.glyphs.iter().map(|g| g.text).collect::<String>();
    let body = runs
        .iter()
        .find(|r| text(r).starts_with("全年共受理群众来信来访"))
        .expect("the plain start of the paragraph");
    let strong = runs
        .iter()
        .find(|r| text(r).starts_with("办结率达到"))
        .expect("the strong span in a run of its own");
    assert_eq!(strong.font, body.font, "strong keeps the body face (仿宋)");
    assert!(strong.fake_bold, "strong is bold");
    assert!(!body.fake_bold);
}

#[test]
fn outline_follows_the_headings() {
    let doc = pdf_common::sample_document();
    let pages = lay_out(&realize(&doc), fonts()).unwrap();
    let got: Vec<(u8, String)> = pages
        .outline
        .iter()
        .map(|e| (e.level, e.title.clone()))
        .collect();
    assert_eq!(got, doc.outline());
}

fn filler_doc(fillers: usize) -> Document {
    let mut blocks: Vec<Block> = (0..fillers)
        .map(|_| Block::Paragraph(vec![Span::plain("短段落一行。")].into()))
        .collect();
    blocks.push(Block::heading(1, "一、标题不落在页末"));
    blocks.push(Block::Paragraph(vec![Span::plain(
        "这一段有三行文字，用来检查标题总是和下文至少两行在同一页上，而且段落的第一行不会单独留在页末，段落的最后一行也不会单独跑到下一页的页首，这是排版的基本要求。",
    )].into()));
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
        let pages = lay_out(&realize(&filler_doc(fillers)), fonts()).unwrap();
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
    doc.blocks.insert(1, Block::PageBreak(Default::default()));
    doc.blocks.insert(1, Block::PageBreak(Default::default()));
    let pages = lay_out(&realize(&doc), fonts()).unwrap();
    assert_eq!(pages.pages.len(), 2);
    assert_eq!(pages.outline[0].page, 1);
}

#[test]
fn tables_lists_and_level_three_headings_are_set() {
    use workreport::document::{Align, Table};
    let cell = |s: &str| vec![Span::plain(s)];
    let mut doc = filler_doc(0);
    doc.blocks.push(Block::heading(3, "1.三级标题加粗"));
    doc.blocks.push(Block::Table(Table {
        align: vec![Align::Left, Align::Right],
        header: vec![cell("项目"), cell("件数")],
        rows: vec![
            vec![cell("代表建议"), cell("17")],
            vec![cell("群众来信"), cell("21")],
        ],
        ..Table::default()
    }));
    let pages = lay_out(&realize(&doc), fonts()).unwrap();
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

/// Digits are set in the same regular Latin face in a 黑体 heading, a 小标宋 title and the body,
/// as the DOCX sets them (Times New Roman, regular); only bold text takes the bold Latin face.
#[test]
fn digits_beside_heiti_and_xiaobiaosong_are_regular_like_the_docx() {
    let doc = Document {
        meta: Meta {
            title: "2024年工作报告".into(),
            ..Meta::default()
        },
        blocks: vec![
            Block::heading(1, "一、2024年工作回顾"),
            Block::Paragraph(
                vec![
                    Span::plain("共收到建议2024件，"),
                    Span::strong("办结2024件"),
                ]
                .into(),
            ),
        ],
    };
    let pages = lay_out(&realize(&doc), fonts()).unwrap();
    let fonts_of_2: Vec<_> = pages.pages[0]
        .runs
        .iter()
        .filter(|r| r.baseline_pt <= TYPE_AREA_BOTTOM_PT)
        .filter(|r| r.glyphs.iter().any(|g| g.text == '2'))
        .map(|r| r.font)
        .collect();
    // Title, heading, plain body, bold body.
    assert_eq!(fonts_of_2.len(), 4, "{fonts_of_2:?}");
    assert!(
        fonts_of_2[..3].iter().all(|f| *f == fonts_of_2[0]),
        "{fonts_of_2:?}"
    );
    assert_ne!(
        fonts_of_2[3], fonts_of_2[0],
        "bold digits take the bold Latin face"
    );
}

/// A table whose equal thirds would wrap a long note to five lines: its columns take their
/// widths from the content, so the short columns keep one line and the note two; every row is
/// ruled (full grid) on the column edges the flow decided.
#[test]
fn a_table_takes_its_column_widths_from_its_content_and_is_ruled() {
    use workreport::document::{Align, Table};
    use workreport::flow::Item;
    let cell = |s: &str| vec![Span::plain(s)];
    let note = "已协调县交通运输局列入2025年农村公路提升计划，资金已落实，预计年内完工通车。";
    let mut doc = filler_doc(0);
    doc.blocks.push(Block::Table(Table {
        align: vec![Align::Left, Align::Left, Align::Right],
        header: vec![cell("类别"), cell("办理情况"), cell("件数")],
        rows: vec![
            vec![cell("交通道路"), cell(note), cell("6")],
            vec![cell("农业农村"), cell("已办结。"), cell("5")],
        ],
        ..Table::default()
    }));
    let flow = realize(&doc);
    let pages = lay_out(&flow, fonts()).unwrap();
    let page = lines(&pages, 0);
    let header = page.iter().position(|l| l.2 == "类别办理情况件数").unwrap();
    // The first row: 交通道路 and 6 on its first line, the note over two lines, none alone.
    let row: Vec<&str> = page[header + 1..header + 3]
        .iter()
        .map(|l| l.2.as_str())
        .collect();
    assert!(
        row[0].starts_with("交通道路已协调") && row[0].ends_with('6'),
        "{row:?}"
    );
    assert_eq!(
        format!("{}{}", &row[0]["交通道路".len()..row[0].len() - 1], row[1]),
        note
    );
    assert!(row[1].chars().count() > 1, "{row:?}");
    assert!(page[header + 3].2.starts_with("农业农村"), "{page:?}");

    // The rules: one vertical rule a column edge from the header's top to the last row's bottom,
    // one horizontal rule above every row and one under the table.
    let table = flow
        .items
        .iter()
        .find_map(|i| match i {
            Item::Table(t) => Some(t),
            _ => None,
        })
        .unwrap();
    let top = TOP + slot_of(&page[header]) as f32 * LINE_PITCH_PT;
    let bottom = TOP + (slot_of(&page[header + 3]) + 1) as f32 * LINE_PITCH_PT;
    let rules = &pages.pages[0].rules;
    let mut edge = LEFT;
    let mut edges = vec![edge];
    for column in &table.columns {
        edge += column.width_pt;
        edges.push(edge);
    }
    let verticals: Vec<_> = rules.iter().filter(|r| r.from.0 == r.to.0).collect();
    assert_eq!(verticals.len(), edges.len(), "{rules:?}");
    for (r, x) in verticals.iter().zip(&edges) {
        assert!(
            (r.from.0 - x).abs() < 0.01 && r.from.1 == top && r.to.1 == bottom,
            "{r:?}"
        );
        assert_eq!(r.width_pt, table.rules.width_pt);
    }
    let horizontals: Vec<f32> = rules
        .iter()
        .filter(|r| r.from.1 == r.to.1)
        .map(|r| r.from.1)
        .collect();
    let row_top = |line: usize| TOP + slot_of(&page[line]) as f32 * LINE_PITCH_PT;
    assert_eq!(
        horizontals,
        [
            row_top(header),
            row_top(header + 1),
            row_top(header + 3),
            bottom
        ]
    );
}

/// A table broken across pages is closed by a rule at the foot of the first page and opened by
/// one at the head of the next.
#[test]
fn a_table_broken_across_pages_is_closed_and_reopened() {
    use workreport::document::Table;
    let cell = |s: &str| vec![Span::plain(s)];
    let mut doc = filler_doc(0);
    doc.blocks.truncate(0);
    for _ in 0..16 {
        doc.blocks.push(Block::paragraph("短段落一行。"));
    }
    doc.blocks.push(Block::Table(Table {
        align: vec![],
        header: vec![cell("村名"), cell("件数")],
        rows: (1..=12)
            .map(|i| vec![cell(&format!("第{i}村")), cell(&i.to_string())])
            .collect(),
        ..Table::default()
    }));
    let pages = lay_out(&realize(&doc), fonts()).unwrap();
    assert!(pages.pages.len() >= 2);
    let horizontal = |p: usize| -> Vec<f32> {
        pages.pages[p]
            .rules
            .iter()
            .filter(|r| r.from.1 == r.to.1)
            .map(|r| r.from.1)
            .collect()
    };
    let last_line = lines(&pages, 0).last().map(slot_of).unwrap();
    let foot = TOP + (last_line + 1) as f32 * LINE_PITCH_PT;
    assert_eq!(horizontal(0).last(), Some(&foot), "{:?}", horizontal(0));
    let head = lines(&pages, 1);
    assert_eq!(slot_of(&head[0]), 0);
    assert_eq!(horizontal(1).first(), Some(&TOP), "{:?}", horizontal(1));
    assert!(pages.pages[1]
        .rules
        .iter()
        .any(|r| r.from.0 == r.to.0 && r.from.1 == TOP));
}
