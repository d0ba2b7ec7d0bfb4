//! The rule codes: one stable id per kind of finding (`facts/invalid-date`), with a short Chinese
//! name (日期无效). Tools match on the id (`check --format json`), people read the name; neither
//! changes once released. Every code is listed in [`ALL`], so ids stay unique and a later
//! `--list-rules` or a rule's documentation has one place to read from.

use serde::{Serialize, Serializer};
use std::fmt;

/// A rule code: a stable id and its short Chinese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    /// `stage/what`, lower case, ASCII: `facts/invalid-date`.
    pub id: &'static str,
    /// A few Chinese words: 日期无效.
    pub name: &'static str,
}

impl Code {
    const fn new(id: &'static str, name: &'static str) -> Code {
        Code { id, name }
    }

    /// The code with this id, if there is one.
    pub fn by_id(id: &str) -> Option<Code> {
        ALL.iter().copied().find(|c| c.id == id)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}（{}）", self.id, self.name)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

// Reading an input file.
pub const INPUT_UNREADABLE: Code = Code::new("input/unreadable", "无法读取文件");
pub const INPUT_NOT_UTF8: Code = Code::new("input/not-utf8", "不是 UTF-8 编码");
pub const INPUT_NOT_A_FILE: Code = Code::new("input/not-a-file", "不是普通文件");
pub const INPUT_TOO_LARGE: Code = Code::new("input/too-large", "文件太大");

// YAML, in a facts file or a report's front matter.
pub const YAML_SYNTAX: Code = Code::new("yaml/syntax", "YAML 语法错误");
pub const YAML_TAB_INDENT: Code = Code::new("yaml/tab-indent", "用 Tab 缩进");
pub const YAML_UNKNOWN_KEY: Code = Code::new("yaml/unknown-key", "未知的键");
pub const YAML_MISSING_KEY: Code = Code::new("yaml/missing-key", "缺少必填的键");
pub const YAML_WRONG_TYPE: Code = Code::new("yaml/wrong-type", "类型不对");
pub const YAML_INVALID_VALUE: Code = Code::new("yaml/invalid-value", "无效的值");
pub const YAML_DUPLICATE_KEY: Code = Code::new("yaml/duplicate-key", "键重复");
pub const YAML_CONTROL_CHARACTER: Code = Code::new("yaml/control-character", "含有控制字符");
pub const YAML_ALIAS: Code = Code::new("yaml/alias", "别名无法展开");
pub const YAML_TOO_DEEP: Code = Code::new("yaml/too-deep", "嵌套过深");
pub const YAML_SECOND_DOCUMENT: Code = Code::new("yaml/second-document", "文件有第二份内容");

// The values and records of a facts file.
pub const FACTS_EMPTY: Code = Code::new("facts/empty", "事实文件是空的");
pub const FACTS_INVALID_DATE: Code = Code::new("facts/invalid-date", "日期无效");
pub const FACTS_INVALID_COUNT: Code = Code::new("facts/invalid-count", "数量无效");
pub const FACTS_INVALID_ORDINAL: Code = Code::new("facts/invalid-ordinal", "序数无效");
pub const FACTS_INVALID_YEAR: Code = Code::new("facts/invalid-year", "年度无效");
pub const FACTS_INVALID_YES_NO: Code = Code::new("facts/invalid-yes-no", "是否值无效");
pub const FACTS_DATE_OUTSIDE_YEAR: Code =
    Code::new("facts/date-outside-year", "日期不在报告年度内");
pub const FACTS_REPORT_DATE_YEAR: Code = Code::new("facts/report-date-year", "报告日期与年度不符");
pub const FACTS_FINISHED_DATE: Code = Code::new("facts/finished-date", "办结日期与状态不符");
pub const FACTS_DUPLICATE_RECORD: Code = Code::new("facts/duplicate-record", "记录重复");
pub const FACTS_BAD_CATEGORY: Code = Code::new("facts/bad-category", "类别名称不可用");
pub const FACTS_FONT_FILE_MISSING: Code = Code::new("facts/font-file-missing", "字体文件不存在");
pub const FACTS_FONT_PATH_ESCAPED: Code =
    Code::new("facts/font-path-escaped", "字体路径中的反斜杠被当成转义符");
pub const FACTS_EMPTY_NAME: Code = Code::new("facts/empty-name", "姓名是空的");
pub const FACTS_UNKNOWN_LAST_YEAR_FIGURE: Code =
    Code::new("facts/unknown-last-year-figure", "上年数字名称不存在");
pub const FACTS_INCONSISTENT_FIGURES: Code =
    Code::new("facts/inconsistent-figures", "数字互相矛盾");
pub const FACTS_FIGURE_SYNTAX: Code = Code::new("facts/figure-syntax", "数字引用的括号不配对");
pub const FACTS_UNKNOWN_FIGURE: Code = Code::new("facts/unknown-figure", "引用的数字不存在");
pub const FACTS_DOUBLED_BRACES: Code = Code::new("facts/doubled-braces", "双括号印出名称");

// Proofreading of prose, in facts and in Markdown alike (crate::check::rules).
pub const TEXT_PLACEHOLDER: Code = Code::new("text/placeholder", "留有占位符");
pub const TEXT_HALFWIDTH_PUNCTUATION: Code =
    Code::new("text/halfwidth-punctuation", "中文间用了半角标点");
pub const TEXT_ENGLISH_QUOTES: Code = Code::new("text/english-quotes", "中文用了英文引号");
pub const TEXT_UNBALANCED_PAIR: Code = Code::new("text/unbalanced-pair", "成对标点不配对");
pub const TEXT_DATE_STYLE: Code = Code::new("text/date-style", "日期写法不规范");
pub const TEXT_NUMBER_STYLE: Code = Code::new("text/number-style", "数字写法不规范");
pub const TEXT_CONTRADICTORY_FIGURES: Code =
    Code::new("text/contradictory-figures", "文中数字互相矛盾");
pub const TEXT_TYPED_FIGURE_DIFFERS: Code =
    Code::new("text/typed-figure-differs", "手写数字与记录不符");
pub const TEXT_TYPED_FIGURE: Code = Code::new("text/typed-figure", "手写了可引用的数字");
pub const TEXT_REPEATED_SENTENCE: Code = Code::new("text/repeated-sentence", "句子重复");
pub const TEXT_REPEATED_ROW: Code = Code::new("text/repeated-row", "表格行重复");

// A report's Markdown.
pub const MARKDOWN_MISSING_TITLE: Code = Code::new("markdown/missing-title", "缺少标题");
pub const MARKDOWN_UNKNOWN_KIND: Code = Code::new("markdown/unknown-kind", "文种不认识");
pub const MARKDOWN_EMPTY_SECTION: Code = Code::new("markdown/empty-section", "标题下没有内容");
pub const MARKDOWN_MISSING_PART: Code = Code::new("markdown/missing-part", "缺少该文种应有的部分");
pub const MARKDOWN_FRONT_MATTER_UNCLOSED: Code =
    Code::new("markdown/front-matter-unclosed", "文首信息没有结束行");

// Document kinds.
pub const KIND_NEEDS: Code = Code::new("kind/needs", "该文种所需内容缺失");
pub const KIND_NO_RECORDS: Code = Code::new("kind/no-records", "所述期间没有记录");
pub const KIND_SKIPPED: Code = Code::new("kind/skipped", "未生成该文种");
pub const KIND_NOT_ONE: Code = Code::new("kind/not-one", "须指定一种文种");

// Templates.
pub const TEMPLATE_SYNTAX: Code = Code::new("template/syntax", "模板语法错误");
pub const TEMPLATE_RENDER: Code = Code::new("template/render", "模板填写出错");
pub const TEMPLATE_LIMIT: Code = Code::new("template/limit", "模板超出限制");
pub const TEMPLATE_DIR_UNREADABLE: Code = Code::new("template/dir-unreadable", "无法读取模板目录");

// Fonts.
pub const FONT_UNREADABLE: Code = Code::new("font/unreadable", "无法读取字体文件");
pub const FONT_UNUSABLE: Code = Code::new("font/unusable", "字体文件损坏或不可用");
pub const FONT_DIR_MISSING: Code = Code::new("font/dir-missing", "字体目录不存在");

// Setting the pages.
pub const LAYOUT_MISSING_GLYPH: Code = Code::new("layout/missing-glyph", "缺字");
pub const LAYOUT_FONT_FALLBACK: Code = Code::new("layout/font-fallback", "改用补字字体");
pub const LAYOUT_TITLE_TOO_LONG: Code = Code::new("layout/title-too-long", "标题超过三行");

// Writing the outputs: refusals to write over a file.
pub const OUTPUT_IS_INPUT: Code = Code::new("output/is-input", "输出文件就是输入文件");
pub const OUTPUT_NOT_OURS: Code = Code::new("output/not-ours", "输出位置有别人的文件");
pub const OUTPUT_IS_FOLDER: Code = Code::new("output/is-folder", "输出位置是文件夹");

// Writing the formats.
pub const DOCX_WRITE_FAILED: Code = Code::new("docx/write-failed", "生成 DOCX 失败");
pub const PDF_WRITE_FAILED: Code = Code::new("pdf/write-failed", "生成 PDF 失败");
pub const PRINT_BAD_RUN: Code = Code::new("print/bad-run", "印制份数或份号无效");

/// Every code, in the order above.
pub const ALL: &[Code] = &[
    INPUT_UNREADABLE,
    INPUT_NOT_UTF8,
    INPUT_NOT_A_FILE,
    INPUT_TOO_LARGE,
    YAML_SYNTAX,
    YAML_TAB_INDENT,
    YAML_UNKNOWN_KEY,
    YAML_MISSING_KEY,
    YAML_WRONG_TYPE,
    YAML_INVALID_VALUE,
    YAML_DUPLICATE_KEY,
    YAML_CONTROL_CHARACTER,
    YAML_ALIAS,
    YAML_TOO_DEEP,
    YAML_SECOND_DOCUMENT,
    FACTS_EMPTY,
    FACTS_INVALID_DATE,
    FACTS_INVALID_COUNT,
    FACTS_INVALID_ORDINAL,
    FACTS_INVALID_YEAR,
    FACTS_INVALID_YES_NO,
    FACTS_DATE_OUTSIDE_YEAR,
    FACTS_REPORT_DATE_YEAR,
    FACTS_FINISHED_DATE,
    FACTS_DUPLICATE_RECORD,
    FACTS_BAD_CATEGORY,
    FACTS_FONT_FILE_MISSING,
    FACTS_FONT_PATH_ESCAPED,
    FACTS_EMPTY_NAME,
    FACTS_UNKNOWN_LAST_YEAR_FIGURE,
    FACTS_INCONSISTENT_FIGURES,
    FACTS_FIGURE_SYNTAX,
    FACTS_UNKNOWN_FIGURE,
    FACTS_DOUBLED_BRACES,
    TEXT_PLACEHOLDER,
    TEXT_HALFWIDTH_PUNCTUATION,
    TEXT_ENGLISH_QUOTES,
    TEXT_UNBALANCED_PAIR,
    TEXT_DATE_STYLE,
    TEXT_NUMBER_STYLE,
    TEXT_CONTRADICTORY_FIGURES,
    TEXT_TYPED_FIGURE_DIFFERS,
    TEXT_TYPED_FIGURE,
    TEXT_REPEATED_SENTENCE,
    TEXT_REPEATED_ROW,
    MARKDOWN_MISSING_TITLE,
    MARKDOWN_UNKNOWN_KIND,
    MARKDOWN_EMPTY_SECTION,
    MARKDOWN_MISSING_PART,
    MARKDOWN_FRONT_MATTER_UNCLOSED,
    KIND_NEEDS,
    KIND_NO_RECORDS,
    KIND_SKIPPED,
    KIND_NOT_ONE,
    TEMPLATE_SYNTAX,
    TEMPLATE_RENDER,
    TEMPLATE_LIMIT,
    TEMPLATE_DIR_UNREADABLE,
    FONT_UNREADABLE,
    FONT_UNUSABLE,
    FONT_DIR_MISSING,
    LAYOUT_MISSING_GLYPH,
    LAYOUT_FONT_FALLBACK,
    LAYOUT_TITLE_TOO_LONG,
    OUTPUT_IS_INPUT,
    OUTPUT_NOT_OURS,
    OUTPUT_IS_FOLDER,
    DOCX_WRITE_FAILED,
    PDF_WRITE_FAILED,
    PRINT_BAD_RUN,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_lower_case_ascii_with_a_stage_and_names_are_chinese() {
        let mut seen = HashSet::new();
        for code in ALL {
            assert!(seen.insert(code.id), "{} twice", code.id);
            let (stage, rule) = code.id.split_once('/').expect("stage/rule");
            for part in [stage, rule] {
                assert!(
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{}",
                    code.id
                );
            }
            assert!(
                code.name.chars().any(crate::text::is_ideograph),
                "{}",
                code.name
            );
            assert_eq!(Code::by_id(code.id), Some(*code));
        }
        assert_eq!(Code::by_id("facts/no-such-rule"), None);
    }
}
