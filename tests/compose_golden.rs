//! The sample's composed Markdown against tests/golden/qingshi-2024-annual.md
//! (UPDATE_GOLDEN=1 rewrites the golden file), and what any composed report must hold.

use std::path::Path;

use workreport::compose::starter_facts;
use workreport::diag::Diagnostics;
use workreport::facts::{self, Loaded};
use workreport::kinds::{self, ANNUAL};

const SAMPLE: &str = "sample-data/qingshi-2024.yaml";
const GOLDEN: &str = "tests/golden/qingshi-2024-annual.md";

fn compose(path: &str) -> String {
    let loaded = facts::load(Path::new(path)).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    annual(&loaded, None).unwrap_or_else(|e| panic!("{e}"))
}

/// The annual report of `loaded`, with the templates in `overrides` if given.
fn annual(loaded: &Loaded, overrides: Option<&Path>) -> Result<String, Diagnostics> {
    kinds::compose(&ANNUAL, &kinds::composer(overrides)?, loaded)
}

#[test]
fn sample_matches_golden() {
    let md = compose(SAMPLE);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(GOLDEN, &md).unwrap();
    }
    let golden = std::fs::read_to_string(GOLDEN).expect("golden file; run with UPDATE_GOLDEN=1");
    assert!(
        md == golden,
        "composed Markdown differs from {GOLDEN}; UPDATE_GOLDEN=1 to accept"
    );
}

/// The body text: what follows the front matter, without headings.
fn body_chars(md: &str) -> usize {
    let body = md.splitn(3, "---\n").nth(2).unwrap();
    body.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .count()
}

#[test]
fn sample_reads_like_a_report() {
    let md = compose(SAMPLE);
    // Front matter first, with the keys of src/markdown.rs, quoted.
    assert!(md.starts_with("---\n会议文件标识: \"青石镇第五届人民代表大会第五次会议文件（二）\"\n稿别: \"审议稿\"\n标题: \"青石镇人民代表大会主席团工作报告\"\n"), "{md}");
    for line in [
        "副标题: \"——在青石镇第五届人民代表大会第五次会议上\"",
        "报告人: \"镇人大主席　李明\"",
        "日期行: \"（2025年1月8日）\"",
        "称谓: \"各位代表：\"",
        "日期: \"2025-01-08\"",
        "年度: 2024",
        "文种: \"annual\"",
    ] {
        assert!(md.lines().any(|l| l == line), "{line}");
    }
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(
        headings,
        [
            "# 一、2024年工作回顾",
            "# 二、存在的不足",
            "# 三、2025年工作任务"
        ]
    );
    let body = md.splitn(3, "---\n").nth(2).unwrap().trim_start();
    assert!(
        body.starts_with("受青石镇第五届人民代表大会主席团委托"),
        "{body}"
    );
    assert!(md.contains("## （七）加强自身建设，展示人大良好形象"));
    assert!(md.contains("## （五）加强自身建设，提升人大工作整体水平"));
    // Figures agree with the records.
    assert!(md.contains("共收到代表建议20件，比上年增加3件"));
    assert!(md.contains("已办结16件，办结率80%"));
    assert!(md.contains("满意率达95%"));
    assert!(md.contains("全年组织监督活动10次，比上年增加2次，其中视察4次"));
    assert!(md.contains("接待选民191人次，比上年增加26人次"));
    assert!(md.contains("召开人代会1次、主席团会议6次，组织代表小组活动3次、视察调研7次"));
    assert!(md.contains("王堃") && md.contains("陈珺"));
    // No placeholders, no unfilled references.
    assert!(!md.contains('{') && !md.contains('}'));
    for (i, line) in md.lines().enumerate() {
        assert!(
            {
                let mut found = Vec::new();
                workreport::check::rules::placeholder::find(line, &mut found);
                found.is_empty()
            },
            "line {}: {line}",
            i + 1
        );
    }
    // 8–12 printed pages at 22 lines × 28 characters.
    let chars = body_chars(&md);
    assert!((5000..=7200).contains(&chars), "{chars} body characters");
}

#[test]
fn facts_text_is_escaped() {
    let text = include_str!("fixtures/small-2024.yaml")
        .replace("结束语: 让我们共同努力！", "结束语: 让我们*共同*努力 <b>！");
    let loaded = facts::parse(text.as_bytes(), "esc.yaml").unwrap();
    let md = annual(&loaded, None).unwrap();
    assert!(md.contains(r"让我们\*共同\*努力 \<b\>！"), "{md}");
}

#[test]
fn empty_parts_are_skipped_and_numbering_stays_continuous() {
    let text = include_str!("fixtures/small-2024.yaml").replace("不足: [监督刚性不够]\n", "");
    let loaded = facts::parse(text.as_bytes(), "gap.yaml").unwrap();
    let md = annual(&loaded, None).unwrap();
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(headings, ["# 一、2024年工作回顾", "# 二、2025年工作任务"]);
}

#[test]
fn starter_facts_build_as_they_are() {
    let loaded =
        facts::parse(starter_facts().as_bytes(), "starter.yaml").unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty());
    let md = annual(&loaded, None).unwrap();
    assert!(md.contains("# 一、2024年工作回顾"));
}

#[test]
fn overrides_replace_templates_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("annual.md.tera"),
        "{% extends \"base.md.tera\" %}{% block opening %}自定义开头：{{ township }}{% endblock opening %}",
    )
    .unwrap();
    let loaded = facts::load(Path::new("tests/fixtures/small-2024.yaml")).unwrap();
    let md = annual(&loaded, Some(dir.path())).unwrap();
    assert!(md.contains("自定义开头：小河镇"), "{md}");
    assert!(!md.contains("# 一、"));
}

#[test]
fn template_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("annual.md.tera"),
        "{% extends \"base.md.tera\" %}\n{% block opening %}\n{{ township }}\n{% if %}\n{% endblock opening %}",
    )
    .unwrap();
    let found = kinds::composer(Some(dir.path())).unwrap_err();
    let err = &found[0];
    let file = err.file_name().unwrap();
    let line = err.line_column().map(|(line, _)| line);
    assert!(file.ends_with("annual.md.tera"), "{file}");
    assert_eq!(line, Some(4), "{err}");

    std::fs::write(
        dir.path().join("annual.md.tera"),
        "{% extends \"base.md.tera\" %}\n{% block opening %}\n第一行\n{{ no_such_value }}\n{% endblock opening %}",
    )
    .unwrap();
    let loaded = facts::load(Path::new("tests/fixtures/small-2024.yaml")).unwrap();
    let found = annual(&loaded, Some(dir.path())).unwrap_err();
    let err = &found[0];
    let file = err.file_name().unwrap();
    let line = err.line_column().map(|(line, _)| line);
    assert!(file.ends_with("annual.md.tera"), "{file}");
    assert_eq!(line, Some(4), "{err}");
    assert!(err.to_string().contains("annual.md.tera:4"), "{err}");
}

/// A user template cannot take the process down (issue #12): recursion is refused before
/// anything renders, `range` is bounded, and each refusal names the template file and line.
#[test]
fn a_template_that_would_abort_the_process_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("annual.md.tera"),
        "{% extends \"base.md.tera\" %}\n{% macro deep(n) %}{{ self::deep(n=n + 1) }}{% endmacro deep %}\n{% block opening %}{{ self::deep(n=0) }}{% endblock opening %}",
    )
    .unwrap();
    let found = kinds::composer(Some(dir.path())).unwrap_err();
    let err = &found[0];
    assert_eq!(err.code.id, "template/limit");
    assert!(err.file_name().unwrap().ends_with("annual.md.tera"));
    assert_eq!(err.line_column().map(|(line, _)| line), Some(2), "{err}");
    assert!(err.message.contains("递归"), "{err}");

    std::fs::write(
        dir.path().join("annual.md.tera"),
        "{% extends \"base.md.tera\" %}\n{% block opening %}\n{% for i in range(end=2000000000) %}{{ i }}{% endfor %}\n{% endblock opening %}",
    )
    .unwrap();
    let loaded = facts::load(Path::new("tests/fixtures/small-2024.yaml")).unwrap();
    let found = annual(&loaded, Some(dir.path())).unwrap_err();
    let err = &found[0];
    assert!(err.file_name().unwrap().ends_with("annual.md.tera"));
    assert_eq!(err.line_column().map(|(line, _)| line), Some(3), "{err}");
    assert!(err.message.contains("10000"), "{err}");
}
