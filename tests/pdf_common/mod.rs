//! A realistic report built by hand for the PDF tests and benches: the full title block,
//! 一、 and （一） headings, long body paragraphs of Chinese mixed with figures and Latin, and
//! the rare personal-name characters (堃 喆 昇 珺 赟) the shipped fallback face must print.
#![allow(dead_code)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use workreport::document::{Block, Document, Meta, Span};
use workreport::fonts::{FontOptions, FontSet};

pub fn sample_document() -> Document {
    let meta = Meta {
        session_mark: Some("青石镇第五届人民代表大会第五次会议文件（二）".into()),
        draft_mark: Some("审议稿".into()),
        title: "青石镇人民代表大会主席团工作报告".into(),
        subtitle: Some("——2025年1月8日在青石镇第五届人民代表大会第五次会议上".into()),
        speaker: Some("镇人大主席　李明".into()),
        date_line: None,
        salutation: Some("各位代表：".into()),
        author: Some("青石镇人民代表大会主席团".into()),
        subject: Some("2024年工作报告".into()),
        date: NaiveDate::from_ymd_opt(2025, 1, 8),
        year: Some(2024),
        kind: Some("annual".into()),
        copy_number: None,
    };
    let mut blocks = vec![
        Block::paragraph("现在，我代表青石镇人民代表大会主席团向大会报告工作，请予审议。"),
        Block::heading(1, "一、2024年主要工作回顾"),
        Block::paragraph("过去一年，镇人大主席团在县人大常委会的精心指导和镇党委的坚强领导下，紧紧围绕全镇中心工作，依法履行宪法和法律赋予的各项职责，共召开主席团会议6次，组织代表视察调研9次，收到代表建议17件，办结率100%，满意率98.5%，为全镇经济社会高质量发展作出了积极贡献。"),
        Block::heading(2, "（一）坚持党的领导，把牢人大工作正确方向"),
        Block::paragraph("主席团始终把坚持党的领导作为做好人大工作的根本保证，重大事项、重要工作及时向镇党委请示报告，全年提请镇党委研究人大工作事项4次。组织主席团成员和人大代表开展集中学习12次，参学人员达360余人次，引导代表把思想和行动统一到党中央的决策部署上来。"),
        Block::paragraph("一是健全学习制度，把理论学习列入主席团年度工作要点；二是创新学习方式，依托“人大代表之家”和线上平台开展学习交流；三是强化学以致用，推动学习成果转化为依法履职的实际成效。"),
        Block::heading(2, "（二）突出监督重点，推动重大决策落地见效"),
        Block::paragraph("围绕全镇产业发展、乡村振兴和民生实事，主席团先后听取和审议镇人民政府专项工作报告5项，开展执法检查2次。针对农村人居环境整治、道路交通安全等群众关注的热点问题，组织代表深入8个村（社区）实地察看，提出意见建议23条，督促相关部门逐项整改落实。"),
        Block::paragraph("在监督镇2024年财政预算执行情况时，主席团组织部分具有财会专业背景的代表提前介入，重点审查了一般公共预算收入3285.6万元、支出4127.3万元的执行情况，对其中涉及民生保障的1156万元资金使用绩效开展了跟踪问效，推动资金使用更加规范透明。"),
        Block::paragraph("在民生实事项目票决制工作中，主席团广泛征集项目建议，经代表大会票决确定村级道路硬化、饮水安全提升、敬老院改造等6个民生实事项目，全年完成投资2860万元，项目完成率达到100%。代表王堃、李喆多次深入施工现场，跟踪项目建设进度和工程质量。"),
        Block::heading(2, "（三）加强代表工作，充分发挥代表主体作用"),
        Block::paragraph("主席团坚持把服务保障代表依法履职作为基础性工作，全面推进“家站点”建设，建成镇人大代表之家1个、代表联络站5个，实现代表联系群众全覆盖。全年组织代表进站接待选民46次，收集群众意见建议152条，解决实际问题118个。"),
        Block::paragraph("代表张昇牵头开展的农产品电商培训，先后吸引320余名农户参加，带动本地特色农产品线上销售额突破500万元；代表陈珺围绕学前教育资源配置提出的建议，被列为年度重点督办建议，推动新建普惠性幼儿园2所，新增学位180个。"),
        Block::paragraph("代表刘赟长期关注农村养老服务，在调研中发现部分村级互助养老点运营困难，随即提出完善运营补贴机制的建议。镇政府采纳建议后，对12个互助养老点给予每年每点2万元运营补贴，惠及老年人600余名。"),
        Block::paragraph("主席团还组织开展代表履职培训3期，邀请县人大常委会有关同志围绕代表建议的撰写、调研视察的方法、依法监督的程序等内容进行专题辅导，参训代表达到135人次，代表的履职能力和水平得到明显提升。"),
        Block::heading(2, "（四）加强自身建设，不断提升履职能力水平"),
        Block::paragraph("主席团坚持以制度建设为抓手，修订完善《主席团议事规则》《代表建议办理工作办法》等制度6项，推动人大工作规范化、制度化。积极运用信息化手段，开通“青石人大”微信公众号，全年发布工作动态86篇，累计阅读量超过4.2万次。"),
        Block::paragraph("同时，主席团积极参加县人大常委会组织的业务培训和工作交流，与周边乡镇人大开展学习互访活动4次，学习借鉴好的经验做法。全体主席团成员带头联系代表、联系群众，每人至少联系3名代表和10户群众，及时了解社情民意。"),
        Block::heading(1, "二、2025年工作安排"),
        Block::paragraph("2025年是“十四五”规划的收官之年，也是谋划“十五五”发展的关键之年。镇人大主席团将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大和二十届三中全会精神，依法履职、担当作为，为推动全镇高质量发展贡献人大力量。"),
        Block::heading(2, "（一）在服务中心大局上展现新作为"),
        Block::paragraph("紧扣全镇经济社会发展目标，围绕特色产业培育、招商引资、营商环境优化等重点工作，组织代表开展专题调研和视察活动不少于4次，形成高质量调研报告2篇以上，为镇党委、政府科学决策提供参考。"),
        Block::paragraph("聚焦产业振兴，重点关注茶叶、中药材等特色产业发展情况，支持引导代表在产业链条延伸、品牌建设、市场开拓等方面发挥示范带动作用，力争全镇特色产业产值增长8%以上。"),
        Block::heading(2, "（二）在增进民生福祉上取得新成效"),
        Block::paragraph("深化民生实事项目人大代表票决制，科学确定2025年度民生实事项目，加强对项目实施全过程的监督。持续关注教育、医疗、养老、就业等民生领域，推动解决群众急难愁盼问题，让发展成果更多更公平惠及全镇群众。"),
        Block::paragraph("持续开展“人大代表在行动”主题活动，组织代表围绕农村饮水安全、道路交通安全、校园周边环境治理等开展专项视察，推动相关问题得到有效解决。做好代表建议的交办、督办和反馈工作，确保建议办理件件有着落、事事有回音。"),
        Block::heading(2, "（三）在加强代表工作上实现新突破"),
        Block::paragraph("进一步完善代表联系群众制度，推动代表联络站规范化建设，每季度至少组织1次代表进站活动。加强代表履职档案管理，建立健全代表履职评价机制，激励代表更好地履职尽责。"),
        Block::List {
            start: Some(1),
            items: vec![
                vec![Span::plain("完善代表履职档案，年内实现全体代表履职情况电子化登记，做到可查询、可统计、可评价。")],
                vec![Span::plain("开展优秀代表建议评选活动，对办理成效显著的建议和承办单位予以通报表扬。")],
            ],
        },
        Block::heading(2, "（四）在自身建设上迈出新步伐"),
        Block::paragraph("坚持学习制度，深入学习宪法、地方组织法、代表法等法律法规，不断提高主席团成员依法履职的能力。加强作风建设，大兴调查研究之风，努力建设让党放心、人民满意的模范机关。"),
        Block::paragraph("各位代表，新的一年，新的征程。让我们更加紧密地团结在以习近平同志为核心的党中央周围，在镇党委的坚强领导下，凝心聚力、务实重干，为建设宜居宜业和美青石作出新的更大贡献！"),
    ];
    blocks.insert(
        4,
        Block::Paragraph(vec![
            Span::plain("全年共受理群众来信来访21件次，"),
            Span {
                text: "办结率达到100%".into(),
                strong: true,
                emphasis: false,
            },
            Span::plain(
                "，其中涉及土地承包、邻里纠纷的信访事项通过PDF电子台账全程跟踪，做到件件有回音。",
            ),
        ]),
    );
    Document { meta, blocks }
}

/// The shipped fonts, loaded once for all tests of a binary.
pub fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::shipped(&FontOptions::default()).expect("shipped fonts load"))
}
