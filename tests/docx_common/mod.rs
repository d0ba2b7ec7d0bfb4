//! Shared by the tests/docx_*.rs tests: a realistic report built by hand, and a reader that
//! takes a written DOCX apart again (zip + XML) so the tests check what Word will read.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDate;
use workreport::document::{Align, Block, Document, Meta, Span, Table};

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A report of a fictional township with the whole title block, several 一、 and （一）
/// headings, long body paragraphs with digits and Latin, bold and emphasised spans, a hard line
/// break, a list, a table and a page break.
pub fn sample_report() -> Document {
    let meta = Meta {
        session_mark: Some("青石镇第五届人民代表大会第五次会议文件（二）".into()),
        draft_mark: Some("审议稿".into()),
        title: "青石镇人民代表大会主席团工作报告".into(),
        subtitle: Some("——2025年1月8日在青石镇第五届人民代表大会第五次会议上".into()),
        speaker: Some("镇人大主席　周明远".into()),
        date_line: Some("（2025年1月8日）".into()),
        salutation: Some("各位代表：".into()),
        author: Some("青石镇人民代表大会主席团".into()),
        subject: Some("2024年工作报告".into()),
        date: NaiveDate::from_ymd_opt(2025, 1, 8),
        year: Some(2024),
        kind: Some("annual".into()),
    };
    let blocks = vec![
        Block::paragraph("现在，我受青石镇人民代表大会主席团委托，向大会报告2024年的工作，请予审议，并请列席会议的同志提出意见。"),
        Block::heading(1, "一、2024年工作回顾"),
        Block::paragraph("过去的一年，镇人大主席团在镇党委的坚强领导下，在县人大常委会的具体指导下，紧紧围绕全镇中心工作，依法履行职责，全年共召开人代会2次、主席团会议6次，组织视察调研5次、执法检查2次，听取和审议镇人民政府专项工作报告4项，为推动全镇经济社会高质量发展作出了积极贡献。"),
        Block::heading(2, "（一）坚持党的领导，把牢正确政治方向"),
        Block::Paragraph(vec![
            Span { text: "一是".into(), strong: true, emphasis: false },
            Span::plain("坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，落实“第一议题”制度，全年组织集中学习12次，专题研讨3次。"),
            Span { text: "二是".into(), strong: true, emphasis: false },
            Span::plain("坚持重大事项请示报告制度，主席团会议议题、代表活动安排均事先报镇党委研究同意，确保人大工作始终在党的领导下进行。"),
            Span { text: "三是".into(), strong: true, emphasis: false },
            Span::plain("加强理论武装，组织代表参加县人大举办的履职培训2期，参训86人次，培训合格率达到100%。"),
        ]),
        Block::heading(2, "（二）依法开展监督，助推中心工作落实"),
        Block::paragraph("主席团坚持寓支持于监督之中，围绕乡村振兴、人居环境整治、农村饮水安全等群众关心的热点问题，组织代表开展视察调研。4月，组织部分代表对全镇12个行政村的人居环境整治情况进行视察，提出意见建议15条；7月，对《中华人民共和国食品安全法》在我镇的贯彻实施情况开展执法检查，抽查经营户32家，督促整改问题9个；10月，围绕农村饮水安全开展专题调研，走访农户120户，形成调研报告1篇，提出的3条建议均被镇人民政府采纳。"),
        Block::Paragraph(vec![
            Span::plain("同时，认真开展预决算审查监督，"),
            Span { text: "听取和审议了镇人民政府关于2023年财政决算和2024年财政预算执行情况的报告".into(), strong: false, emphasis: true },
            Span::plain("，全年审查预算调整方案1件，涉及资金286.5万元，推进预算联网监督系统（budget online supervision）在镇一级落地运用。\n以上监督事项均已按期办结。"),
        ]),
        Block::heading(3, "1.代表建议办理情况"),
        Block::paragraph("共收到代表建议17件，已全部交办，办结15件，代表满意率100%。其余2件因涉及跨年度项目资金，已列入2025年计划，主席团将持续跟踪督办。"),
        Block::List {
            start: Some(1),
            items: vec![
                vec![Span::plain("交通道路类6件，办结6件；")],
                vec![Span::plain("农业农村类5件，办结4件；")],
                vec![Span::plain("社会事业类6件，办结5件，其中关于青石小学校舍维修和镇卫生院增设DR影像设备的建议已落实到位。")],
            ],
        },
        Block::Table(Table {
            align: vec![Align::Left, Align::Right, Align::Right],
            header: vec![vec![Span::plain("类别")], vec![Span::plain("收到（件）")], vec![Span::plain("办结（件）")]],
            rows: vec![
                vec![vec![Span::plain("交通道路")], vec![Span::plain("6")], vec![Span::plain("6")]],
                vec![vec![Span::plain("农业农村")], vec![Span::plain("5")], vec![Span::plain("4")]],
                vec![vec![Span::plain("社会事业")], vec![Span::plain("6")], vec![Span::plain("5")]],
            ],
        }),
        Block::heading(2, "（三）强化代表工作，激发代表履职活力"),
        Block::paragraph("主席团把代表联络站建设作为密切联系群众的重要平台，全年组织代表进站活动82人次，接待选民175人次，收集意见71条，帮助解决66件。组织12名镇人大代表向选民述职，接受选民评议，进一步增强了代表的责任意识和履职能力。"),
        Block::PageBreak,
        Block::heading(1, "二、存在的不足"),
        Block::paragraph("在肯定成绩的同时，我们也清醒地认识到，主席团工作还存在一些不足，主要表现在：监督的刚性还不够强，跟踪问效的办法还不够多；代表活动的经常化、制度化水平有待提高；闭会期间主席团自身建设还需进一步加强。对此，我们将在今后的工作中认真加以改进。"),
        Block::heading(1, "三、2025年工作安排"),
        Block::heading(4, "（1）指导思想"),
        Block::paragraph("2025年是“十四五”规划的收官之年，镇人大主席团将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，紧紧围绕镇党委决策部署，依法履职尽责，为建设美丽幸福新青石贡献人大力量。"),
        Block::List {
            start: None,
            items: vec![
                vec![Span::plain("围绕中心抓监督，组织视察调研不少于4次。")],
                vec![Span::plain("服务代表抓活动，代表进站活动不少于80人次。")],
            ],
        },
        Block::paragraph("各位代表，新的一年任务艰巨、使命光荣。让我们在镇党委的坚强领导下，团结一心，开拓进取，为全面完成2025年各项目标任务而努力奋斗！"),
    ];
    Document { meta, blocks }
}

/// The parts of a DOCX, by name.
pub struct Package {
    pub parts: HashMap<String, String>,
}

impl Package {
    pub fn open(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).expect("zip entry");
            let mut text = String::new();
            if file.read_to_string(&mut text).is_ok() {
                parts.insert(file.name().to_string(), text);
            }
        }
        Package { parts }
    }

    pub fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}; have {:?}", self.parts.keys()))
    }
}

/// A w: element child by local name.
pub fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| {
        c.is_element() && c.tag_name().name() == name && c.tag_name().namespace() == Some(W)
    })
}

/// A w: attribute.
pub fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// One printed paragraph of the body as read back: its style and its text (w:br as '\n',
/// w:tab as '\t'); a table row counts as one, its cells joined with tabs as
/// `Document::paragraphs` does.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadParagraph {
    pub style: Option<String>,
    pub text: String,
    pub page_break_before: bool,
    /// Holds only a page break (no text): not a printed paragraph.
    pub only_page_break: bool,
}

pub fn paragraph_text(p: roxmltree::Node) -> String {
    let mut out = String::new();
    for n in p
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(W))
    {
        match n.tag_name().name() {
            "t" => out.push_str(n.text().unwrap_or("")),
            "br" if attr(n, "type").is_none_or(|t| t == "textWrapping") => out.push('\n'),
            "tab" if n.parent().is_some_and(|p| p.tag_name().name() == "r") => out.push('\t'),
            _ => {}
        }
    }
    out
}

pub fn paragraph_style(p: roxmltree::Node) -> Option<String> {
    child(p, "pPr")
        .and_then(|ppr| child(ppr, "pStyle"))
        .and_then(|s| attr(s, "val"))
        .map(str::to_string)
}

pub fn read_body(document_xml: &str) -> Vec<ReadParagraph> {
    let xml = roxmltree::Document::parse(document_xml).expect("document.xml parses");
    let body = child(xml.root_element(), "body").expect("w:body");
    let mut out = Vec::new();
    for node in body.children().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "p" => {
                let has_page_break = node
                    .descendants()
                    .any(|n| n.tag_name().name() == "br" && attr(n, "type") == Some("page"));
                let text = paragraph_text(node);
                out.push(ReadParagraph {
                    style: paragraph_style(node),
                    page_break_before: child(node, "pPr")
                        .and_then(|ppr| child(ppr, "pageBreakBefore"))
                        .is_some(),
                    only_page_break: has_page_break && text.is_empty(),
                    text,
                });
            }
            "tbl" => {
                for row in node.children().filter(|n| n.tag_name().name() == "tr") {
                    let cells: Vec<roxmltree::Node> = row
                        .children()
                        .filter(|n| n.tag_name().name() == "tc")
                        .collect();
                    let text = cells
                        .iter()
                        .map(|c| {
                            c.children()
                                .filter(|n| n.tag_name().name() == "p")
                                .map(paragraph_text)
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .collect::<Vec<_>>()
                        .join("\t");
                    let style = cells
                        .first()
                        .and_then(|c| c.children().find(|n| n.tag_name().name() == "p"))
                        .and_then(paragraph_style);
                    out.push(ReadParagraph {
                        style,
                        text,
                        page_break_before: false,
                        only_page_break: false,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The printed paragraphs as `Document::paragraphs` lists them: the marks paragraph (session
/// mark, a tab to the right edge, the draft mark; a line break before the tab when the two do
/// not fit one line) counts as two, the session mark and the draft mark.
pub fn split_marks(read: Vec<ReadParagraph>) -> Vec<ReadParagraph> {
    let mut out = Vec::with_capacity(read.len() + 1);
    for p in read {
        match (p.style.as_deref(), p.text.split_once('\t')) {
            (Some("SessionMark"), Some((session, draft))) => {
                out.push(ReadParagraph {
                    text: session.trim_end_matches('\n').to_string(),
                    ..p.clone()
                });
                out.push(ReadParagraph {
                    style: Some("DraftMark".into()),
                    text: draft.to_string(),
                    ..p
                });
            }
            _ => out.push(p),
        }
    }
    out
}
