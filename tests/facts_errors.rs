//! Each kind of bad facts file: the Chinese message and the place it names.

use workreport::diag::{Diagnostic, Diagnostics};
use workreport::{check, facts};

/// A facts file as the pipeline reads it: its shape (facts), then what needs its figures and
/// the proofreading of its prose (check).
fn parse(text: &[u8], name: &str) -> Result<facts::Loaded, Diagnostics> {
    check::parse(text, name)
}

const GOOD: &str = include_str!("fixtures/small-2024.yaml");

/// The fixture with `from` replaced by `to` (exactly once).
fn edited(from: &str, to: &str) -> String {
    assert_eq!(
        GOOD.matches(from).count(),
        1,
        "edit target not unique: {from}"
    );
    GOOD.replacen(from, to, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

fn problems(text: &[u8]) -> Vec<Diagnostic> {
    match parse(text, "bad.yaml") {
        Ok(_) => panic!("accepted a bad file"),
        Err(found) => found.into_vec(),
    }
}

/// The line and column (in characters) a finding names.
fn at(d: &Diagnostic) -> (usize, usize) {
    d.line_column().expect("a finding with a place")
}

fn one(text: &str) -> Diagnostic {
    let mut p = problems(text.as_bytes());
    assert_eq!(p.len(), 1, "{p:#?}");
    p.remove(0)
}

#[test]
fn yaml_syntax_error() {
    let text = edited("  speaker: 周平\n", "  speaker: 周平: 主席\n");
    let p = one(&text);
    assert_eq!(
        p.message,
        "YAML 语法错误：此处不能出现“键: 值”：值里有半角冒号加空格时请给整个值加引号，或检查缩进"
    );
    assert_eq!(at(&p), (line_of(&text, "周平: 主席"), 14));
    assert!(p
        .to_string()
        .starts_with(&format!("bad.yaml:{}:", at(&p).0)));
}

#[test]
fn unknown_key_with_suggestion() {
    let text = edited("会议:\n", "会意:\n");
    let p = one(&text);
    assert_eq!(p.message, "未知的键“会意”，是否为“会议”？");
    assert_eq!(at(&p), (line_of(&text, "会意:"), 1));
    assert_eq!(p.field.as_deref(), Some("会意"));
    assert!(p.help.as_deref().unwrap().contains("代表建议"));
    let shown = p.to_string();
    assert_eq!(
        shown.lines().next().unwrap(),
        format!(
            "bad.yaml:{}:1: 会意：未知的键“会意”，是否为“会议”？（{}）",
            at(&p).0,
            p.help.as_deref().unwrap()
        )
    );
}

#[test]
fn unknown_key_inside_a_record() {
    let text = edited("    主题: 茶叶产业\n", "    主体: 茶叶产业\n");
    let p = one(&text);
    assert_eq!(p.message, "未知的键“主体”，是否为“主题”？");
    assert_eq!(p.field.as_deref(), Some("监督[2].主体"));
    assert_eq!(at(&p), (line_of(&text, "主体"), 5));
}

#[test]
fn missing_required_field() {
    let text = edited("    主题: 茶叶产业\n", "");
    let p = one(&text);
    assert_eq!(p.message, "缺少必填的键“主题”");
    assert_eq!(p.field.as_deref(), Some("监督[2]"));
    assert_eq!(
        at(&p).0,
        line_of(&text, "2024-09-03") - 1,
        "points at the record"
    );
}

#[test]
fn wrong_type() {
    let text = edited("    参加代表: 9\n", "    参加代表: 九人\n");
    let p = one(&text);
    assert_eq!(p.message, "类型不对：此处是文字“九人”，应为0 或正整数");
    assert_eq!(p.field.as_deref(), Some("监督[1].参加代表"));
    assert_eq!(at(&p), (line_of(&text, "九人"), 11));
}

#[test]
fn list_expected() {
    let text = edited("不足: [监督刚性不够]", "不足:\n  监督: 刚性不够");
    let p = one(&text);
    assert!(
        p.message.starts_with("类型不对：此处是键值表，应为列表"),
        "{}",
        p.message
    );
    assert_eq!(at(&p).0, line_of(&text, "监督: 刚性"));
}

#[test]
fn invalid_date() {
    let text = edited("    日期: 2024-03-05\n", "    日期: 2024-13-01\n");
    let p = one(&text);
    assert_eq!(
        p.message,
        "日期“2024-13-01”无效，应为 YYYY-MM-DD，如 2024-07-03"
    );
    assert_eq!(p.field.as_deref(), Some("会议[2].日期"));
    assert_eq!(at(&p), (line_of(&text, "2024-13-01"), 9));
}

#[test]
fn date_outside_the_report_year() {
    let text = edited("    日期: 2024-03-05\n", "    日期: 2023-12-28\n");
    let p = one(&text);
    assert_eq!(
        p.message,
        "日期“2023-12-28”不在报告年度2024年内，应为2024-01-01至2024-12-31之间"
    );
    assert_eq!(p.field.as_deref(), Some("会议[2].日期"));
    assert_eq!(at(&p), (line_of(&text, "2023-12-28"), 9));
}

#[test]
fn negative_count() {
    let text = edited("    接待选民: 30\n", "    接待选民: -30\n");
    let p = one(&text);
    assert_eq!(p.message, "数量“-30”是负数，应为 0 或正整数");
    assert_eq!(p.field.as_deref(), Some("联络站[1].接待选民"));
    assert_eq!(at(&p), (line_of(&text, "接待选民: -30"), 11));
}

#[test]
fn duplicate_record() {
    let record =
        "  - 类别: 执法检查\n    日期: 2024-11-12\n    主题: 食品安全法执行情况\n    参加代表: 8\n";
    let text = edited(record, &format!("{record}{record}"));
    let p = one(&text);
    let first = line_of(&text, "执法检查");
    assert_eq!(
        p.message,
        format!("记录重复：与监督[3]（第{first}行）的日期和主题相同，同一件事应只记一次")
    );
    assert_eq!(p.field.as_deref(), Some("监督[4]"));
    assert_eq!(at(&p), (first + 4, 5));
}

#[test]
fn gbk_file_is_refused_with_a_clear_request() {
    let text = edited("  county: 东山县\n", "  county: 东山县\n");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let p = problems(&bytes).remove(0);
    assert!(
        p.message.contains("GBK/GB18030 编码，应为 UTF-8"),
        "{}",
        p.message
    );
    assert!(p.message.contains("另存为"));
    // The first byte that is not UTF-8 is on the township's line (a GBK pair can pass for
    // UTF-8, so the column is where decoding failed, not where the Chinese starts).
    assert_eq!(at(&p).0, line_of(&text, "小河镇"));
    assert!(at(&p).1 >= 13, "{}", at(&p).1);
}

#[test]
fn utf8_bom_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(GOOD.as_bytes());
    let loaded = parse(&bytes, "bom.yaml").expect("BOM accepted");
    assert_eq!(loaded.facts.unit.township, "小河镇");
}

#[test]
fn tab_indentation() {
    let text = edited("    参加代表: 6\n", "\t参加代表: 6\n");
    let p = one(&text);
    let line = line_of(&text, "\t参加代表");
    assert_eq!(
        p.message,
        format!("第{line}行用 Tab 缩进，YAML 不允许 Tab，应改用空格缩进")
    );
    assert_eq!(at(&p), (line, 1));
}

#[test]
fn empty_file() {
    for text in ["", "  \n\n", "# 只有注释\n"] {
        let p = one(text);
        assert!(p.message.starts_with("事实文件是空的"), "{}", p.message);
        assert_eq!(at(&p), (1, 1));
    }
}

#[test]
fn unknown_figure_name_in_narrative() {
    let text = edited("{建议.满意率}", "{建议.满意度}");
    let p = one(&text);
    assert_eq!(
        p.message,
        "引用的数字“{建议.满意度}”不存在，是否为“{建议.满意率}”？"
    );
    assert_eq!(p.field.as_deref(), Some("回顾.部分[1].导语"));
    let line = line_of(&text, "{建议.满意度}");
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .split("{建议.满意度}")
        .next()
        .unwrap()
        .chars()
        .count()
        + 1;
    assert_eq!(at(&p), (line, column));
    let help = p.help.unwrap();
    assert!(
        help.starts_with("可用的名称：建议.总数、建议.已办结、建议.办结率"),
        "{help}"
    );
}

#[test]
fn leftover_placeholders() {
    for (placeholder, found) in [
        ("xx", "xx"),
        ("XX", "XX"),
        ("x", "x"),
        ("__", "__"),
        ("××", "××"),
    ] {
        let text = edited("开展视察调研。", &format!("开展视察调研{placeholder}次。"));
        let p = one(&text);
        assert_eq!(
            p.message,
            format!("文字中留有占位符“{found}”，应填写实际内容（数字请用 {{名称}} 引用）")
        );
        assert_eq!(p.field.as_deref(), Some("下年工作.任务[1].内容"));
        let line = line_of(&text, "开展视察调研");
        assert_eq!(at(&p), (line, 11 + 6));
    }
}

#[test]
fn halfwidth_punctuation_is_a_warning() {
    let text = edited("坚持依法履职。", "坚持依法履职,服务大局。");
    let loaded = parse(text.as_bytes(), "w.yaml").expect("only a warning");
    assert_eq!(loaded.warnings.len(), 1);
    let w = &loaded.warnings[0];
    assert_eq!(w.message, "中文之间用了半角标点“,”，应为全角“，”");
    assert_eq!(w.field.as_deref(), Some("下年工作.指导思想"));
    assert_eq!(at(w), (line_of(&text, "依法履职,"), 15));
}

#[test]
fn a_value_starting_with_a_reference_needs_quotes() {
    let text = edited(
        "  指导思想: 坚持依法履职。",
        "  指导思想: {建议.总数}件建议要办好。",
    );
    let p = one(&text);
    assert!(
        p.help.as_deref().unwrap().contains("请给整段文字加引号"),
        "{p:?}"
    );
    let quoted = edited(
        "  指导思想: 坚持依法履职。",
        "  指导思想: \"{建议.总数}件建议要办好。\"",
    );
    parse(quoted.as_bytes(), "q.yaml").expect("quoted works");
}

#[test]
fn inconsistent_figures() {
    let text = edited("    解决问题: 9\n", "    解决问题: 19\n");
    let p = one(&text);
    assert_eq!(p.message, "解决问题19件多于收集意见11条，应不多于收集意见");
    assert_eq!(p.field.as_deref(), Some("联络站[1].解决问题"));
    assert_eq!(at(&p).0, line_of(&text, "解决问题: 19"));
}

#[test]
fn unknown_variant_is_named() {
    let text = edited("    层级: 县\n", "    层级: 市\n");
    let p = one(&text);
    assert_eq!(p.message, "无效的值“市”");
    assert_eq!(p.field.as_deref(), Some("述职[2].层级"));
    assert_eq!(p.help.as_deref(), Some("应为以下之一：县、镇"));
}

#[test]
fn diagnostic_has_source_and_label() {
    use miette::Diagnostic;
    let text = edited("    日期: 2024-03-05\n", "    日期: 2024-13-01\n");
    let found = parse(text.as_bytes(), "bad.yaml").unwrap_err();
    let err = &found[0];
    assert!(err.source_code().is_some());
    let label = err.labels().unwrap().next().unwrap();
    assert_eq!(&text[label.offset()..label.offset() + label.len()], "2");
    assert!(err.to_string().starts_with("bad.yaml:"));
}

#[test]
fn reading_a_missing_file_says_so() {
    let err = facts::load(std::path::Path::new("tests/fixtures/none.yaml")).unwrap_err();
    // Named, as the kind of input it is, with the reason in Chinese (the system's English
    // words used to follow).
    assert!(
        err.to_string()
            .starts_with("tests/fixtures/none.yaml: 无法读取事实文件：文件不存在"),
        "{err}"
    );
}

#[test]
fn an_implausibly_large_count_is_refused_at_its_place() {
    // Two counts that fit u32 but whose sum does not: refused one by one, nothing panics.
    let text = edited("    接待选民: 30\n", "    接待选民: 3000000000\n").replacen(
        "    接待选民: 41\n",
        "    接待选民: 3000000000\n",
        1,
    );
    let p = problems(text.as_bytes());
    assert_eq!(
        p[0].message,
        "数量“3000000000”太大，应不超过1000000（是否多打了几位？）"
    );
    assert_eq!(p[0].field.as_deref(), Some("联络站[1].接待选民"));
    assert_eq!(at(&p[0]), (line_of(&text, "接待选民: 3000000000"), 11));
    // The bound itself is accepted.
    let text = edited("    接待选民: 30\n", "    接待选民: 1000000\n");
    parse(text.as_bytes(), "ok.yaml").expect("1000000 is a count");
}

#[test]
fn a_category_that_cannot_be_a_figure_name_is_refused() {
    // A plain value is pointed at the mark itself, a quoted one at its start.
    for (written, category, mark, col) in [
        ("农业.农村", "农业.农村", ".", 11),
        ("\"农业{农村\"", "农业{农村", "{", 9),
        ("农业}", "农业}", "}", 11),
    ] {
        let text = edited("    类别: 农业农村\n", &format!("    类别: {written}\n"));
        let p = one(&text);
        assert!(
            p.message
                .starts_with(&format!("类别“{category}”含有“{mark}”")),
            "{p:?}"
        );
        assert_eq!(p.field.as_deref(), Some("代表建议[3].类别"));
        assert_eq!(at(&p), (line_of(&text, category), col), "{category}");
        assert!(p
            .to_string()
            .starts_with(&format!("bad.yaml:{}:{col}: ", at(&p).0)));
    }
}

#[test]
fn a_figure_name_in_doubled_braces_is_a_warning() {
    let text = edited("满意率{建议.满意率}。", "满意率{{建议.满意率}}，{{原样}}。");
    let loaded = parse(text.as_bytes(), "w.yaml").expect("only a warning");
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    let w = &loaded.warnings[0];
    assert_eq!(
        w.message,
        "“{{建议.满意率}}”会原样印出“{建议.满意率}”：是否想引用数字？应写作 {建议.满意率}（双括号只用于印出括号本身）"
    );
    assert_eq!(w.field.as_deref(), Some("回顾.部分[1].导语"));
    let line = line_of(&text, "{{建议.满意率}}");
    let line_text = text.lines().nth(line - 1).unwrap();
    let column = line_text[..line_text.find("{{").unwrap()].chars().count() + 1;
    assert_eq!(at(w), (line, column));
}

#[test]
fn a_font_file_that_does_not_exist_is_named_at_its_place() {
    let text = GOOD.replace(
        "年度: 2024\n",
        "年度: 2024\n字体:\n  仿宋: 没有这个字体.ttf\n",
    );
    let p = one(&text);
    assert_eq!(p.field.as_deref(), Some("字体.仿宋"));
    assert!(
        p.message
            .starts_with("仿宋的字体文件“没有这个字体.ttf”不存在"),
        "{p:?}"
    );
    assert_eq!(at(&p), (line_of(&text, "没有这个字体"), 7));
    let text = GOOD.replace("年度: 2024\n", "年度: 2024\nfonts:\n  仿体: a.ttf\n");
    let p = one(&text);
    assert!(p.message.starts_with("未知的键“仿体”"), "{p:?}");
    assert!(p.help.as_deref().unwrap().contains("仿宋"), "{p:?}");
}

#[test]
fn a_named_font_file_is_resolved_against_the_facts_folder() {
    let dir = tempfile::tempdir().unwrap();
    let kai = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fonts")
        .join("FandolKai-Regular.otf");
    let folder = dir.path().join("字体");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(&kai, folder.join("kai.otf")).unwrap();
    // An absolute path as this platform writes it (C:\… on Windows), in single quotes, where
    // YAML reads a backslash as itself.
    let absolute = folder.join("楷体.otf");
    std::fs::copy(&kai, &absolute).unwrap();
    let text = GOOD.replace(
        "年度: 2024\n",
        &format!(
            "年度: 2024\nfonts:\n  fangsong: 字体/kai.otf\n  楷体: '{}'\n",
            absolute.display()
        ),
    );
    let facts_file = dir.path().join("facts.yaml");
    std::fs::write(&facts_file, &text).unwrap();
    let loaded = facts::load(&facts_file).expect("fonts exist");
    use workreport::style::Face;
    assert_eq!(loaded.fonts[&Face::FangSong], folder.join("kai.otf"));
    assert_eq!(loaded.fonts[&Face::KaiTi], absolute);
    assert_eq!(loaded.fonts.len(), 2);
}

#[test]
fn a_windows_path_in_double_quotes_is_refused_with_how_to_write_it() {
    // \字 is no escape at all: a YAML syntax error at the string.
    let text = GOOD.replace(
        "年度: 2024\n",
        "年度: 2024\n字体:\n  仿宋: \"D:\\字体\\x.ttf\"\n",
    );
    let p = one(&text);
    assert!(p.message.starts_with("YAML 语法错误"), "{p:?}");
    assert_eq!(p.line_column().unwrap().0, line_of(&text, "D:\\字体"));
    let help = p.help.as_deref().unwrap();
    assert!(help.contains("双引号里的反斜杠"), "{help}");
    assert!(help.contains("'D:\\字体\\x.ttf'"), "{help}");
    assert!(help.contains("\"D:/字体/x.ttf\""), "{help}");

    // \n and \t are escapes: the value silently holds a line break and a tab.
    let text = GOOD.replace(
        "年度: 2024\n",
        "年度: 2024\n字体:\n  楷体: \"D:\\new\\times.ttf\"\n",
    );
    let p = one(&text);
    assert_eq!(p.field.as_deref(), Some("字体.楷体"));
    assert!(p.message.contains("反斜杠被当成了转义符"), "{p:?}");
    assert_eq!(p.line_column().unwrap(), (line_of(&text, "times.ttf"), 7));
    let help = p.help.as_deref().unwrap();
    assert!(help.contains("'D:\\new\\times.ttf'"), "{help}");
    assert!(help.contains("\"D:/new/times.ttf\""), "{help}");

    // Written as the help says, both forms are read as the path (here: one that is missing).
    for written in ["'D:\\new\\times.ttf'", "\"D:/new/times.ttf\""] {
        let text = GOOD.replace(
            "年度: 2024\n",
            &format!("年度: 2024\n字体:\n  楷体: {written}\n"),
        );
        let p = one(&text);
        assert!(p.message.contains("不存在"), "{written}: {p:?}");
        assert!(!p.message.contains("转义"), "{written}: {p:?}");
    }
}
