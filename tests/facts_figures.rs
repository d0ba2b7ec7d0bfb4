//! The figures of tests/fixtures/small-2024.yaml against counts made by hand.

use std::path::Path;

use workreport::facts;
use workreport::figures;

fn small() -> figures::Figures {
    let loaded = facts::load(Path::new("tests/fixtures/small-2024.yaml")).expect("fixture loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    figures::compute(&loaded.facts, figures::Period::Year)
}

#[test]
fn figures_agree_with_hand_counts() {
    let f = small();
    let expected = [
        ("会议.总数", "4"),
        ("会议.人代会", "1"),
        ("会议.主席团会议", "2"),
        ("会议.代表小组活动", "1"),
        ("会议.其他会议", "0"),
        ("会议.上半年", "2"),
        ("会议.下半年", "2"),
        ("会议.按月.8月", "2"),
        ("会议.按月.2月", "0"),
        ("监督.总数", "3"),
        ("监督.视察", "1"),
        ("监督.调研", "1"),
        ("监督.视察调研", "2"),
        ("监督.执法检查", "1"),
        ("监督.专题评议", "0"),
        ("监督.参加代表", "23"),
        ("监督.上半年", "1"),
        ("监督.下半年", "2"),
        ("建议.总数", "4"),
        ("建议.已办结", "2"),
        ("建议.办结率", "50%"),
        ("建议.正在办理", "1"),
        ("建议.留作参考", "1"),
        ("建议.满意", "3"),
        ("建议.满意率", "75%"),
        ("建议.承办单位", "3"),
        ("建议.类别数", "3"),
        ("建议.类别.基础设施", "2"),
        ("建议.类别.农业农村", "1"),
        ("培训.次数", "2"),
        ("培训.人次", "53"),
        ("联络站.活动次数", "2"),
        ("联络站.代表进站", "26"),
        ("联络站.接待选民", "71"),
        ("联络站.收集意见", "26"),
        ("联络站.解决问题", "24"),
        ("述职.总数", "2"),
        ("述职.县级", "1"),
        ("述职.镇级", "1"),
        ("宣传.报送", "3"),
        ("宣传.录用", "2"),
        ("宣传.录用率", "66.7%"),
        ("比上年.建议.总数", "比上年减少2件"),
        ("比上年.监督.总数", "与上年持平"),
    ];
    for (name, value) in expected {
        assert_eq!(f.get(name).as_deref(), Some(value), "{name}");
    }
}

#[test]
fn json_and_names_use_the_same_dotted_names() {
    let f = small();
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json["建议"]["总数"], 4);
    assert_eq!(json["建议"]["满意率"], "75%");
    assert_eq!(json["比上年"]["建议"]["总数"], "比上年减少2件");
    assert_eq!(json["年度"], 2024);
    assert_eq!(json["期间"], "全年");
    // Every name resolves in the JSON, and the JSON holds nothing else.
    let mut leaves = 0;
    fn count(v: &serde_json::Value, n: &mut usize) {
        match v {
            serde_json::Value::Object(m) => m.values().for_each(|v| count(v, n)),
            _ => *n += 1,
        }
    }
    count(&json, &mut leaves);
    let names = f.names();
    assert_eq!(leaves, names.len() + 2, "names plus 年度 and 期间");
    for name in &names {
        let pointer = format!("/{}", name.replace('.', "/"));
        assert!(json.pointer(&pointer).is_some(), "{name}");
    }
}

#[test]
fn table_is_aligned_for_cjk_widths() {
    let table = small().table();
    assert!(table.starts_with("2024年度数字\n"));
    let value_columns: Vec<usize> = table
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let name_end = l.find(' ').unwrap();
            let spaces = l[name_end..].len() - l[name_end..].trim_start().len();
            workreport::text::display_width(&l[..name_end]) + spaces
        })
        .collect();
    assert!(value_columns.windows(2).all(|w| w[0] == w[1]), "{table}");
    assert!(table.contains("会议.按月"), "{table}");
    assert!(table.contains("1月1 3月1 8月2"), "{table}");
    assert!(table.contains("建议.满意率"));
}

#[test]
fn small_fixture_composes_with_hand_counted_figures() {
    let loaded = facts::load(Path::new("tests/fixtures/small-2024.yaml")).unwrap();
    let composer = workreport::kinds::composer(None).unwrap();
    let md = workreport::kinds::compose(&workreport::kinds::ANNUAL, &composer, &loaded).unwrap();
    assert!(
        md.contains("全年收到代表建议4件，比上年减少2件，满意率75%。"),
        "{md}"
    );
    assert!(
        md.contains("一是组织视察调研2次；二是接待选民71人次。"),
        "{md}"
    );
    assert!(
        md.contains("召开人代会1次、主席团会议2次，组织代表小组活动1次、视察调研2次、执法检查1次"),
        "{md}"
    );
    assert!(
        md.contains("副标题: \"——在小河镇第三届人民代表大会第四次会议上\""),
        "{md}"
    );
}

#[test]
fn sums_are_exact_even_far_beyond_u32() {
    // 5,000 liaison records of the largest count a facts file allows, and records built by
    // code with counts no file could hold: the sums are exact, never saturated or wrapped.
    let mut loaded =
        facts::load(Path::new("tests/fixtures/small-2024.yaml")).expect("fixture loads");
    let record = loaded.facts.liaison[0].clone();
    loaded.facts.liaison = (0..5000)
        .map(|i| {
            let mut r = record.clone();
            r.station = Some(format!("第{i}站"));
            r.voters_received = facts::Count(facts::Count::MAX);
            r
        })
        .collect();
    let f = figures::compute(&loaded.facts, figures::Period::Year);
    assert_eq!(f.get("联络站.接待选民").as_deref(), Some("5000000000"));
    assert_eq!(f.count("联络站.接待选民"), Some(5_000_000_000));
    for l in &mut loaded.facts.liaison {
        l.voters_received = facts::Count(u32::MAX);
    }
    let f = figures::compute(&loaded.facts, figures::Period::Year);
    assert_eq!(f.count("联络站.接待选民"), Some(5000 * u64::from(u32::MAX)));
}

#[test]
fn json_never_panics_on_a_name_that_is_both_a_figure_and_a_parent() {
    // The loader refuses a category with a dot; code that builds facts itself may not.
    let mut loaded =
        facts::load(Path::new("tests/fixtures/small-2024.yaml")).expect("fixture loads");
    loaded.facts.suggestions[2].category = "基础设施.道路".into();
    let json = figures::compute(&loaded.facts, figures::Period::Year).to_json();
    let category = &json["建议"]["类别"];
    assert_eq!(category["基础设施"], 2);
    assert_eq!(category["基础设施.道路"], 1);
}
