//! Markdown, the report's editable source: escaping text into it and parsing it into the
//! document model.
//!
//! A report's Markdown is YAML front matter for the title block, then CommonMark for the body:
//!
//! ```text
//! ---
//! 会议文件标识: 青石镇第五届人民代表大会第五次会议文件（二）
//! 稿别: 审议稿
//! 标题: 青石镇人民代表大会主席团工作报告
//! 副标题: ——2025年1月8日在青石镇第五届人民代表大会第五次会议上
//! 报告人: 镇人大主席　李明
//! 日期行: （2025年1月8日）
//! 称谓: 各位代表：
//! 作者: 青石镇人民代表大会主席团
//! 主题: 青石镇人民代表大会主席团2024年工作报告
//! 日期: 2025-01-08
//! 年度: 2024
//! 文种: annual
//! ---
//!
//! # 一、2024年工作回顾
//!
//! ## （一）坚持党的领导，……
//!
//! 正文段落……
//!
//! <!-- 分页 -->
//! ```
//!
//! A heading's number is part of its text and gives its level (一、 （一） 1. （1））, whatever
//! its count of `#`: what pandoc makes of a Word file (`## 2024年工作回顾` over `### 一、……`)
//! reads as a part over numbered sections, and a paragraph that is only `**一、……**` as that
//! heading. A report without 标题 takes its first unnumbered `#` heading as title. Lists nest
//! and keep the numbers written. `<!-- 分页 -->` is a page break.
//!
//! Text is text. Emphasis follows CommonMark with the CJK-friendly amendment, so a bold lead-in
//! `**政治自觉不断强化。**坚决……` is bold ([`emphasis`]); a run of three or more `*` (a
//! redaction) and every `_` (a fill-in blank, `“__”时期`) print as typed; [`escape`] makes a
//! clerk's sentence come out as itself; no smart punctuation, so —— and “” stay as typed. Every
//! block and span remembers its bytes of the source ([`crate::document::Origin`]).

mod emphasis;
mod escape;
mod front_matter;
mod read;
mod write;

pub use escape::escape;
pub use front_matter::{front_matter, front_matter_span};
pub use write::render;

pub(crate) use read::assign_heading_levels;

use crate::diag::{code, Diagnostic, Diagnostics, SourceFile};
use crate::document::Document;
use std::sync::Arc;

/// Parses a report's Markdown (front matter and CommonMark body) into the document model.
pub fn parse(file: &Arc<SourceFile>) -> Result<Document, Diagnostics> {
    let (mut meta, body) = front_matter::read(file)?;
    let base = body.as_ptr() as usize - file.text().as_ptr() as usize;
    let body = read::parse_body(body, base, meta.title.trim().is_empty());
    if let Some(title) = body.title {
        meta.title = title;
    }
    if meta.title.trim().is_empty() {
        let at = front_matter_span(file, "标题").unwrap_or_else(|| file.span(0..0));
        return Err(Diagnostic::error(
            code::MARKDOWN_MISSING_TITLE,
            "文首信息（front matter）缺少“标题”，应在文件开头的 --- 与 --- 之间写明“标题: ……”",
        )
        .at(at)
        .into());
    }
    Ok(Document {
        meta,
        blocks: body.blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Align, Block, Meta};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// [`super::parse`] of `source` as a file named report.md.
    fn parse(source: &str) -> Result<Document, Diagnostics> {
        super::parse(&SourceFile::new("report.md", source))
    }

    /// The one finding of a source that does not parse.
    fn error_of(source: &str) -> Diagnostic {
        let found = parse(source).unwrap_err();
        assert_eq!(found.len(), 1, "{found}");
        found.into_vec().remove(0)
    }

    const REPORT: &str = "---\n标题: 青石镇人民代表大会主席团工作报告\n称谓: 各位代表：\n日期: 2025-01-08\n年度: 2024\n---\n\n# 一、2024年工作回顾\n\n## （一）依法履职\n\n一年来，共召开主席团会议6次，\n组织视察调研5次。\n\n<!-- 分页 -->\n\n- 第一项\n- 第二项\n\n| 项目 | 数量 |\n| --- | ---: |\n| 建议 | 17件 |\n";

    #[test]
    fn parses_front_matter_and_every_block_kind() {
        let doc = parse(REPORT).unwrap();
        assert_eq!(doc.meta.title, "青石镇人民代表大会主席团工作报告");
        assert_eq!(doc.meta.salutation.as_deref(), Some("各位代表："));
        assert_eq!(doc.meta.year, Some(2024));
        assert_eq!(doc.meta.date, NaiveDate::from_ymd_opt(2025, 1, 8));
        assert_eq!(
            doc.outline(),
            vec![
                (1, "一、2024年工作回顾".into()),
                (2, "（一）依法履职".into())
            ]
        );
        // A line wrapped between Chinese characters is no space.
        assert_eq!(
            doc.blocks[2].paragraphs(),
            vec!["一年来，共召开主席团会议6次，组织视察调研5次。"]
        );
        assert_eq!(doc.blocks[3], Block::PageBreak(Default::default()));
        assert_eq!(doc.blocks[4].paragraphs(), vec!["·第一项", "·第二项"]);
        let Block::Table(t) = &doc.blocks[5] else {
            panic!("{:?}", doc.blocks[5])
        };
        assert_eq!(t.align, vec![Align::Left, Align::Right]);
        assert_eq!(doc.blocks[5].paragraphs(), vec!["项目\t数量", "建议\t17件"]);
    }

    #[test]
    fn front_matter_errors_carry_the_file_and_line() {
        let err = error_of("---\n标题: 报告\n年度: 二〇二四\n---\n正文\n");
        let text = err.to_string();
        assert!(text.starts_with("report.md:3:"), "{text}");
        let err = error_of("---\n标题: 报告\n标题X: 1\n---\n");
        assert!(err.to_string().contains("标题X"), "{err}");
        let err = error_of("正文\n");
        assert_eq!(err.code, code::MARKDOWN_MISSING_TITLE);
        assert!(err
            .to_string()
            .starts_with("report.md:1:1: 文首信息（front matter）缺少“标题”"));
    }

    /// Front matter errors are Chinese, name the field and what is expected, and point at the
    /// line of the whole file (the front matter starts on line 2) and the column.
    #[test]
    fn front_matter_errors_are_chinese_and_located() {
        // (line, column, field, message with its help).
        let at = |source: &str| {
            let d = error_of(source);
            let (line, column) = d.line_column().expect("located");
            let mut shown = d.message;
            if let Some(help) = d.help {
                shown.push_str(&format!("（{help}）"));
            }
            (line, column, d.field.unwrap_or_default(), shown)
        };
        let (line, column, field, message) = at("---\n标题: 报告\n标题X: 1\n---\n正文\n");
        assert_eq!((line, column), (3, 1));
        assert_eq!(field, "文首信息.标题X");
        assert!(
            message.starts_with("未知的键“标题X”，是否为“标题”？"),
            "{message}"
        );
        assert!(message.contains("此处可用的键"), "{message}");
        assert!(!message.contains("unknown field"), "{message}");

        let (line, column, field, message) = at("---\n标题: 报告\n年度: 二〇二四\n---\n");
        assert_eq!((line, column), (3, 5));
        assert_eq!(field, "文首信息.年度");
        assert_eq!(message, "类型不对：此处是文字“二〇二四”，应为整数");

        let (line, _, field, message) =
            at("---\n标题: 报告\n称谓: 各位代表\n日期: 2025-13-01\n---\n");
        assert_eq!(line, 4);
        assert_eq!(field, "文首信息.日期");
        assert!(message.starts_with("日期“2025-13-01”无效"), "{message}");

        let err = error_of("---\ntitle: 报告\nyear: [1]\n---\n");
        assert_eq!(
            err.to_string(),
            "report.md:3:7: 文首信息.年度：类型不对：此处是列表，应为整数"
        );
        // A BOM before the front matter does not shift the place.
        let err = error_of("\u{feff}---\ntitle: 报告\nyear: [1]\n---\n");
        assert_eq!(err.line_column(), Some((3, 7)));
        assert!(parse("正文\n").is_err());
    }

    #[test]
    fn markup_characters_in_text_stay_text() {
        let tricky =
            "1. 第*一*项_a_ <b> [链接](x) #号 | 竖线 & 符号 ——破折号 “引号” \\ `码` ~删~ !感叹";
        let doc = Document {
            meta: Meta {
                title: "# 标题 *星*".into(),
                ..Meta::default()
            },
            blocks: vec![
                Block::paragraph(tricky),
                Block::paragraph("- 不是列表"),
                Block::heading(2, "（二）2024. 不是列表"),
                Block::heading(3, "3.1 #"),
            ],
        };
        assert_eq!(parse(&render(&doc)).unwrap(), doc);
    }

    proptest! {
        /// Whatever a clerk types comes back from the Markdown as exactly the same text.
        #[test]
        fn escaped_text_reads_back_as_itself(text in "[一-龥a-zA-Z0-9，。“”*_#<>|&!`~\\[\\]\\\\.+=() -]{1,60}") {
            let text = text.trim().to_string();
            prop_assume!(!text.is_empty());
            let doc = parse(&format!("---\n标题: t\n---\n{}\n", escape(&text))).unwrap();
            prop_assert_eq!(doc.blocks, vec![Block::paragraph(text)]);
        }
    }
}
