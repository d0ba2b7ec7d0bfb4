//! Report sentences set as body text (16 pt, 28 characters a line, first line indented two
//! characters, justified), each showing one line-breaking rule at work. Every paragraph also
//! goes through the full invariant check in `linebreak_support`.

mod linebreak_support;

use linebreak_support::{advance_of, is_space, set, set_body, texts, EM, INDENT, WIDTH};
use workreport::layout::linebreak::{break_opportunities, break_paragraph, BreakOpportunity};

fn count(s: &str) -> usize {
    s.chars().count()
}

fn line_text(chars: &[char], lines: &[workreport::layout::linebreak::Line], k: usize) -> String {
    chars[lines[k].range.clone()].iter().collect()
}

#[test]
fn a_full_line_of_28_characters_fits_exactly_on_the_grid() {
    let text = "镇人大主席团坚持以习近平新时代中国特色社会主义思想为指导全面贯彻党的二十大精神依法履行职责\
        不断加强代表工作和自身建设";
    let (chars, lines) = set(text, 0.0, WIDTH, true);
    assert_eq!(lines[0].range, 0..28, "{:?}", texts(&chars, &lines));
    // Nothing compressed or spread: every character sits on the 15.79 pt grid.
    for (j, (x, a)) in lines[0].x.iter().zip(&lines[0].advance).enumerate() {
        assert!((x - j as f32 * EM).abs() < 1e-3 && (a - EM).abs() < 1e-4);
    }
    // Indented two characters, the first line holds 26.
    let (_, lines) = set_body(text);
    assert_eq!(lines[0].range, 0..26);
    assert_eq!(lines[1].range.len(), 28);
}

#[test]
fn a_comma_that_would_start_a_line_takes_the_previous_character_down() {
    let lead = "今年以来镇人大主席团围绕全镇中心工作组织代表视察调研";
    assert_eq!(count(lead), 26);
    let text = format!("{lead}，形成调研报告3篇，提出意见建议21条。");
    let (chars, lines) = set_body(&text);
    // 26 characters fill the first line, the 27th is a comma: no adjacent marks can make room,
    // so 研 goes down with it and the 25 left are spread to the edge.
    assert_eq!(
        line_text(&chars, &lines, 0),
        &lead[..lead.len() - '研'.len_utf8()]
    );
    assert!(line_text(&chars, &lines, 1).starts_with("研，"));
    let l = &lines[0];
    assert!((l.x[24] + l.advance[24] - WIDTH).abs() < 0.01);
    assert!(l.advance[0] > EM, "spread between characters");
}

#[test]
fn a_comma_is_pulled_up_when_adjacent_marks_can_be_compressed() {
    let lead = "主席团审议通过《青石镇人大代表联系选民制度（试行）》";
    assert_eq!(count(lead), 26);
    let text = format!("{lead}，明确每名代表每年至少走访选民两次。");
    let (chars, lines) = set_body(&text);
    // ）》 and 》， each give the first mark's blank half, the comma at the line end its own:
    // one and a half em for the one em the comma needs, so the comma joins the line and each of
    // the three marks gives up a third of an em.
    assert_eq!(line_text(&chars, &lines, 0), format!("{lead}，"));
    let l = &lines[0];
    for j in [24, 25, 26] {
        let a = l.advance[j];
        assert!(
            (a - EM * 2.0 / 3.0).abs() < 0.01,
            "{:?} set at {a}",
            chars[j]
        );
    }
    assert!(
        l.advance[..24].iter().all(|a| (a - EM).abs() < 1e-3),
        "only marks compressed"
    );
    assert!((l.x[26] + l.advance[26] - WIDTH).abs() < 0.01);
    assert!(line_text(&chars, &lines, 1).starts_with("明确"));
}

#[test]
fn a_closing_quote_after_a_full_stop_is_pulled_up_by_compressing_the_pair() {
    let lead = "代表说：“村里道路硬化和路灯安装都办到了群众心坎上";
    assert_eq!(count(lead), 25);
    let text = format!("{lead}。”主席团将继续跟踪督办。");
    let (chars, lines) = set_body(&text);
    assert_eq!(line_text(&chars, &lines, 0), format!("{lead}。”"));
    let l = &lines[0];
    let natural: f32 = l.range.clone().map(|i| advance_of(chars[i])).sum();
    assert!(
        natural > WIDTH - INDENT + EM / 2.0,
        "the line needed compression"
    );
    assert!(l.advance[25] < EM, "。 gave up part of its blank half");
    assert!(line_text(&chars, &lines, 1).starts_with("主席团"));
}

#[test]
fn a_year_stays_with_its_unit() {
    let lead = "主席团坚持把学习贯彻二十大精神作为首要任务贯穿于";
    assert_eq!(count(lead), 24);
    let text = format!("{lead}2024年全年工作始终，共召开主席团会议6次。");
    let (chars, lines) = set_body(&text);
    // 24 ideographs and 2024 fit, 年 does not: the number goes down with its unit.
    assert_eq!(line_text(&chars, &lines, 0), lead);
    assert!(line_text(&chars, &lines, 1).starts_with("2024年"));
}

#[test]
fn counts_and_percentages_stay_whole() {
    let text = "共收到代表建议17件，已全部交办，办结15件，正在办理2件，代表满意率98.5%。\
                全年组织代表开展视察调研活动12次，其中集中视察5次，第3次视察聚焦农村人居环境整治。";
    let (chars, lines) = set_body(text);
    for w in lines.windows(2) {
        let (a, b) = (chars[w[0].range.end - 1], chars[w[1].range.start]);
        assert!(
            !(a.is_ascii_digit()
                && (b.is_ascii_digit() || b == '件' || b == '次' || b == '.' || b == '%'))
        );
    }
}

#[test]
fn an_opening_quote_at_the_line_end_moves_down() {
    let lead = "镇人大主席团组织全体代表对全镇民生实事项目集中开展";
    assert_eq!(count(lead), 25);
    let text = format!("{lead}“回头看”视察，逐项听取实施情况汇报。");
    let (chars, lines) = set_body(&text);
    // “ would be the 26th character of the first line: it goes down with what it opens.
    assert_eq!(line_text(&chars, &lines, 0), lead);
    assert!(line_text(&chars, &lines, 1).starts_with("“回头看”"));
}

#[test]
fn a_dash_pair_is_never_split_and_never_starts_a_line() {
    let lead = "在代表座谈会上，有的代表直言当前还存在形式主义问题";
    assert_eq!(count(lead), 25);
    let text = format!("{lead}——会多文多、督而不查，需要下大力气整改。");
    let (chars, lines) = set_body(&text);
    assert_eq!(
        line_text(&chars, &lines, 0),
        &lead[..lead.len() - '题'.len_utf8()]
    );
    assert!(line_text(&chars, &lines, 1).starts_with("题——会"));
}

#[test]
fn an_ellipsis_pair_is_never_split() {
    let lead = "主席团坚持问需于民，围绕群众关心的就业、教育、医疗";
    assert_eq!(count(lead), 25);
    let text = format!("{lead}……等问题组织专题调研。");
    let (chars, lines) = set_body(&text);
    assert!(line_text(&chars, &lines, 1).starts_with("疗……等"));
    assert!(!line_text(&chars, &lines, 0).ends_with('…'));
}

#[test]
fn a_latin_word_stays_whole_and_the_space_at_the_break_is_dropped() {
    let lead = "镇里结合实际推进数字乡村建设试点工作打造了";
    let text = format!("{lead}一个 smart village 平台，方便代表联系群众。");
    assert_eq!(count(lead) + 1, 22);
    let (chars, lines) = set_body(&text);
    assert_eq!(line_text(&chars, &lines, 0), format!("{lead}一个 smart"));
    assert!(line_text(&chars, &lines, 1).starts_with("village"));
    // The space between the lines is in neither.
    assert!(is_space(chars[lines[0].range.end]));
    assert_eq!(lines[1].range.start, lines[0].range.end + 1);
    // Spreading went to the inner word space and between Chinese characters, not inside "smart".
    let l = &lines[0];
    let s = count(lead) + 2; // index of the inner space
    assert!(l.advance[s] > advance_of(' '));
    assert!((l.advance[s + 2] - advance_of('m')).abs() < 1e-3);
}

#[test]
fn a_hard_break_ends_a_line_without_spreading_it() {
    let (chars, lines) = set_body("一、强化思想引领\n（一）坚持学习制度");
    assert_eq!(
        texts(&chars, &lines),
        vec!["一、强化思想引领", "（一）坚持学习制度"]
    );
    assert!(lines[0].advance.iter().all(|a| (a - EM).abs() < 1e-4));
    assert_eq!(lines[1].x[0], 0.0);
}

#[test]
fn an_empty_paragraph_is_one_empty_line() {
    let lines = break_paragraph(&[], &[], INDENT, WIDTH, true);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].range, 0..0);
    assert!(lines[0].x.is_empty() && lines[0].advance.is_empty());
    // Only spaces: still one empty line.
    let (_, lines) = set_body("   ");
    assert_eq!(lines.len(), 1);
    assert!(lines[0].range.is_empty());
}

#[test]
fn a_number_longer_than_the_line_gets_an_emergency_break() {
    let digits: String = (0..70).map(|i| char::from(b'0' + (i % 10) as u8)).collect();
    let (chars, lines) = set_body(&format!("编号{digits}"));
    assert!(lines.len() >= 3);
    // Emergency lines are as full as the digits allow.
    assert_eq!(lines[1].range.len(), (WIDTH / advance_of('0')) as usize);
    assert_eq!(
        chars[lines[0].range.clone()].iter().collect::<String>(),
        "编号"
    );
}

#[test]
fn a_latin_word_longer_than_the_line_breaks_rather_than_overflows() {
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(2);
    let (chars, lines) = set_body(&format!("{word}，是一个很长的词。"));
    assert!(lines.len() >= 2);
    assert!(!line_text(&chars, &lines, 1).starts_with('，'));
}

#[test]
fn a_paragraph_of_only_marks_is_broken_where_it_is_full() {
    // No position keeps 避头尾: lines after the first start with a full stop (the support check
    // allows that only because no position on the line would do better); every mark is kept.
    let (chars, lines) = set_body(&"。".repeat(80));
    assert_eq!(lines.iter().map(|l| l.range.len()).sum::<usize>(), 80);
    assert_eq!(lines[0].range, 0..26);
    assert!(lines.len() >= 3 && chars[lines[1].range.start] == '。');
    // A run of dashes still keeps its pairs: 27 places a line, 26 dashes go on it.
    let (_, lines) = set(&"—".repeat(60), 0.0, 27.0 * EM, true);
    assert!(lines.iter().all(|l| l.range.len() % 2 == 0), "{lines:?}");
}

#[test]
fn break_opportunities_report_the_rules() {
    let chars: Vec<char> = "满意率98.5%，“好”".chars().collect();
    let o = break_opportunities(&chars);
    assert_eq!(o.len(), chars.len() + 1);
    let allowed: Vec<usize> = (0..o.len())
        .filter(|&i| o[i] == BreakOpportunity::Allowed)
        .collect();
    // 满|意|率|98.5%，|“好”
    assert_eq!(allowed, vec![1, 2, 3, 9]);
}

#[test]
fn a_report_paragraph_sets_cleanly() {
    let text = "一年来，镇人大主席团在镇党委的坚强领导下，坚持党的领导、人民当家作主、依法治国有机统一，\
        紧扣全镇发展大局，依法履职、担当作为。共收到代表建议17件，已全部交办，办结15件，代表满意率98.5%。\
        主席团组织代表开展“人大代表进站履职”活动，2024年共接待选民326人次，收集意见建议48条；\
        对《青石镇农村人居环境整治三年行动方案（2023—2025年）》的实施情况开展专题询问……\
        代表们说：“这些事都办到了群众的心坎上。”下一步，主席团将围绕GDP增长目标、乡村振兴等重点工作，\
        持续加强监督。";
    let (chars, lines) = set_body(text);
    assert!(lines.len() > 8);
    for l in &lines[..lines.len() - 1] {
        let edge = l.x.last().unwrap() + l.advance.last().unwrap();
        assert!((edge - WIDTH).abs() < 0.01);
    }
    let _ = chars;
}
