//! Shared by the tests/docx_*.rs tests: a realistic report built by hand, and a reader that
//! takes a written DOCX apart again (zip + XML) so the tests check what Word will read.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDate;
use workreport::document::{Align, Block, Document, List, Meta, Span, Table};

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
            Span::strong("一是"),
            Span::plain("坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，落实“第一议题”制度，全年组织集中学习12次，专题研讨3次。"),
            Span::strong("二是"),
            Span::plain("坚持重大事项请示报告制度，主席团会议议题、代表活动安排均事先报镇党委研究同意，确保人大工作始终在党的领导下进行。"),
            Span::strong("三是"),
            Span::plain("加强理论武装，组织代表参加县人大举办的履职培训2期，参训86人次，培训合格率达到100%。"),
        ].into()),
        Block::heading(2, "（二）依法开展监督，助推中心工作落实"),
        Block::paragraph("主席团坚持寓支持于监督之中，围绕乡村振兴、人居环境整治、农村饮水安全等群众关心的热点问题，组织代表开展视察调研。4月，组织部分代表对全镇12个行政村的人居环境整治情况进行视察，提出意见建议15条；7月，对《中华人民共和国食品安全法》在我镇的贯彻实施情况开展执法检查，抽查经营户32家，督促整改问题9个；10月，围绕农村饮水安全开展专题调研，走访农户120户，形成调研报告1篇，提出的3条建议均被镇人民政府采纳。"),
        Block::Paragraph(vec![
            Span::plain("同时，认真开展预决算审查监督，"),
            Span { text: "听取和审议了镇人民政府关于2023年财政决算和2024年财政预算执行情况的报告".into(), emphasis: true, ..Span::default() },
            Span::plain("，全年审查预算调整方案1件，涉及资金286.5万元，推进预算联网监督系统（budget online supervision）在镇一级落地运用。\n以上监督事项均已按期办结。"),
        ].into()),
        Block::heading(3, "1.代表建议办理情况"),
        Block::paragraph("共收到代表建议17件，已全部交办，办结15件，代表满意率100%。其余2件因涉及跨年度项目资金，已列入2025年计划，主席团将持续跟踪督办。"),
        Block::List(List::plain(Some(1), &["交通道路类6件，办结6件；", "农业农村类5件，办结4件；", "社会事业类6件，办结5件，其中关于青石小学校舍维修和镇卫生院增设DR影像设备的建议已落实到位。"])),
        Block::Table(Table {
            align: vec![Align::Left, Align::Right, Align::Right],
            header: vec![vec![Span::plain("类别")], vec![Span::plain("收到（件）")], vec![Span::plain("办结（件）")]],
            rows: vec![
                vec![vec![Span::plain("交通道路")], vec![Span::plain("6")], vec![Span::plain("6")]],
                vec![vec![Span::plain("农业农村")], vec![Span::plain("5")], vec![Span::plain("4")]],
                vec![vec![Span::plain("社会事业")], vec![Span::plain("6")], vec![Span::plain("5")]],
            ], ..Table::default() }),
        Block::heading(2, "（三）强化代表工作，激发代表履职活力"),
        Block::paragraph("主席团把代表联络站建设作为密切联系群众的重要平台，全年组织代表进站活动82人次，接待选民175人次，收集意见71条，帮助解决66件。组织12名镇人大代表向选民述职，接受选民评议，进一步增强了代表的责任意识和履职能力。"),
        Block::PageBreak(Default::default()),
        Block::heading(1, "二、存在的不足"),
        Block::paragraph("在肯定成绩的同时，我们也清醒地认识到，主席团工作还存在一些不足，主要表现在：监督的刚性还不够强，跟踪问效的办法还不够多；代表活动的经常化、制度化水平有待提高；闭会期间主席团自身建设还需进一步加强。对此，我们将在今后的工作中认真加以改进。"),
        Block::heading(1, "三、2025年工作安排"),
        Block::heading(4, "（1）指导思想"),
        Block::paragraph("2025年是“十四五”规划的收官之年，镇人大主席团将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，紧紧围绕镇党委决策部署，依法履职尽责，为建设美丽幸福新青石贡献人大力量。"),
        Block::List(List::plain(None, &["围绕中心抓监督，组织视察调研不少于4次。", "服务代表抓活动，代表进站活动不少于80人次。"])),
        Block::paragraph("各位代表，新的一年任务艰巨、使命光荣。让我们在镇党委的坚强领导下，团结一心，开拓进取，为全面完成2025年各项目标任务而努力奋斗！"),
    ];
    Document { meta, blocks }
}

/// A report shaped like the ones clerks write (the genre of ../shared/seeds, in invented words):
/// paragraphs opening with a bold lead-in, figures with their units everywhere (2024年, 37件,
/// 96.5%, 第3次), quoted phrases, ——, unnumbered and numbered headings, a list and a table,
/// several pages long.
pub fn real_shaped_report() -> Document {
    let led = |lead: &str, rest: &str| {
        Block::Paragraph(vec![Span::strong(lead), Span::plain(rest)].into())
    };
    let cell = |s: &str| vec![Span::plain(s)];
    let meta = Meta {
        session_mark: Some("柳溪镇第十八届人民代表大会第四次会议文件（三）".into()),
        draft_mark: None,
        title: "柳溪镇人民代表大会主席团2024年工作报告".into(),
        subtitle: Some("——2025年2月11日在柳溪镇第十八届人民代表大会第四次会议上".into()),
        speaker: Some("镇人大主席　沈立平".into()),
        date_line: None,
        salutation: Some("各位代表：".into()),
        author: Some("柳溪镇人民代表大会主席团".into()),
        subject: Some("2024年工作报告".into()),
        date: NaiveDate::from_ymd_opt(2025, 2, 11),
        year: Some(2024),
        kind: Some("annual".into()),
    };
    let blocks = vec![
        Block::paragraph("现在，我代表镇人大主席团向大会报告2024年的工作，请予审议，并请列席人员提出意见。"),
        Block::heading(1, "一、过去一年的主要工作"),
        Block::paragraph("2024年，镇人大主席团在镇党委的领导下，紧扣“产业兴镇、生态立镇”的发展思路，依法行使职权，全年召开主席团会议7次、代表小组活动11次，组织视察调研6次，听取和审议专项工作报告5项，作出决议决定3件，各项工作取得了新成效。"),
        Block::heading(2, "（一）坚持正确方向，政治站位进一步提高"),
        led("政治自觉不断强化。", "主席团把学习贯彻党的二十届三中全会精神作为首要任务，坚持“第一议题”制度，全年集中学习14次，开展专题研讨4次，组织代表到县党性教育基地开展现场教学2批次，参训代表达到163人次，引导代表把思想和行动统一到镇党委的决策部署上来。"),
        led("请示报告严格规范。", "人代会筹备、重要人事任免、民生实事项目票决等重大事项一律事先向镇党委请示，全年报请镇党委研究人大工作事项9件，做到党委有号召、人大有行动、代表有作为。"),
        Block::heading(2, "（二）聚焦发展大局，监督实效进一步增强"),
        led("围绕产业发展开展监督。", "组织代表对全镇2.6万亩茶园提质改造、3个农业产业园建设进行视察，走访经营主体41家，提出“延链补链”“品牌共建”等建议12条，推动镇政府出台扶持措施5项，全年茶叶产值达到1.37亿元，同比增长8.9%。"),
        led("围绕民生实事开展监督。", "对年初票决的农村供水管网改造、中心小学食堂扩建、敬老院适老化改造等6个民生实事项目实行“一月一督查、一季一通报”，累计跟踪检查18次，督促解决工程进度、质量安全等问题27个，6个项目全部按期完工，完成投资3460万元。"),
        led("围绕法律实施开展监督。", "配合县人大常委会开展《中华人民共和国农村集体经济组织法》《中华人民共和国安全生产法》执法检查2次，抽查企业和村集体经济组织共23家，发现问题19个，已整改到位17个，其余2个列入2025年整改计划，确保法律法规在本镇得到有效实施。"),
        Block::heading(2, "（三）做实代表工作，履职活力进一步激发"),
        led("建议办理提质增效。", "镇第十八届人大第三次会议以来，代表共提出建议37件，经主席团审议全部交办，涉及交通水利9件、农业农村11件、社会事业10件、生态环境7件。截至2024年12月底，已办结33件，正在办理4件，代表满意率96.5%，比上年提高2.1个百分点。"),
        Block::List(List::plain(
            Some(1),
            &[
                "交通水利类9件，办结8件；",
                "农业农村类11件，办结10件；",
                "社会事业类10件，全部办结，其中关于增设村级卫生室夜间值守的建议已在5个村落地。",
            ],
        )),
        Block::Table(Table {
            align: vec![Align::Left, Align::Right, Align::Right, Align::Left],
            header: vec![cell("类别"), cell("收到（件）"), cell("办结（件）"), cell("说明")],
            rows: vec![
                vec![cell("交通水利"), cell("9"), cell("8"), cell("1件跨年度实施，已列入县级项目库")],
                vec![cell("农业农村"), cell("11"), cell("10"), cell("1件待资金到位后实施")],
                vec![cell("社会事业"), cell("10"), cell("10"), cell("全部办结")],
                vec![cell("生态环境"), cell("7"), cell("5"), cell("2件正在办理")],
            ],
            ..Table::default()
        }),
        led("联系群众更加紧密。", "依托4个代表联络站和17个村级联络点，坚持每月第3周周四为固定接待日，全年组织代表进站接待选民212人次，收集意见建议96条，帮助解决实际问题81件；组织县、镇两级代表向原选区选民述职29人次，接受选民测评，测评满意率均在90%以上。"),
        led("学习培训扎实有效。", "举办代表履职培训班3期，邀请县人大常委会有关工作委员会同志授课，围绕预算审查监督、代表建议撰写等内容开展辅导，参训代表累计187人次；编印《代表履职工作手册》300册，做到新任代表人手一册。"),
        Block::heading(1, "二、存在的问题和不足"),
        Block::paragraph("在肯定成绩的同时，我们也清醒地看到，主席团工作还存在一些不足：一是监督方式还不够多样，跟踪问效的力度有待加大；二是少数代表闭会期间履职不够主动，参加活动的次数偏少；三是代表联络站的作用发挥还不平衡，个别站点的接待记录不够规范。对此，我们将采取有力措施，认真加以改进。"),
        Block::heading(1, "三、2025年的工作安排"),
        Block::paragraph("2025年是“十四五”规划的收官之年，也是谋划“十五五”发展的关键之年。镇人大主席团将在镇党委的坚强领导下，围绕全镇中心工作，依法履职、担当作为，重点做好以下工作——"),
        Block::heading(3, "1.突出重点开展监督"),
        led("抓好专项监督。", "围绕茶叶产业提质、集镇功能提升等重点工作开展视察调研不少于4次，听取和审议专项工作报告不少于3项，推动镇政府把代表的意见建议落到实处。"),
        Block::heading(3, "2.持续深化代表工作"),
        led("完善联系机制。", "落实主席团成员联系代表、代表联系选民制度，每名代表每季度至少走访选民1次，全年组织代表进站活动不少于200人次，推动代表联络站在第2季度全部完成规范化提升。"),
        Block::paragraph("各位代表，新的一年，任务艰巨，使命光荣。让我们在镇党委的坚强领导下，凝心聚力，真抓实干，为谱写柳溪高质量发展的新篇章作出新的更大贡献！"),
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

/// A paragraph's text as a reader sees it: w:t, w:br as '\n', w:tab as '\t', without the
/// no-break joiners the writer puts between a number and its unit (`text::NO_BREAK_JOINER`).
pub fn paragraph_text(p: roxmltree::Node) -> String {
    let mut out = String::new();
    for n in p
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(W))
    {
        match n.tag_name().name() {
            "t" => out.extend(
                n.text()
                    .unwrap_or("")
                    .chars()
                    .filter(|&c| c != workreport::text::NO_BREAK_JOINER),
            ),
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
