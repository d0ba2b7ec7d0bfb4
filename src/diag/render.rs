//! Rendering every finding: for people through miette's report (severity, code, the message
//! line, the spanned source line with its label), for tools as JSON. Both cost time in
//! proportion to what they print: snippets come through the line index of [`super::SourceFile`].

use std::fmt::{self, Write as _};

use miette::{MietteHandlerOpts, ReportHandler};
use serde::Serialize;

use super::{Diagnostic, Diagnostics, Severity};

/// One finding as `check --format json` prints it.
#[derive(Serialize)]
struct JsonFinding<'a> {
    /// The rule code, `facts/invalid-date`.
    rule: &'static str,
    /// Its Chinese name, 日期无效.
    name: &'static str,
    severity: Severity,
    file: Option<&'a str>,
    /// 1-based; the column counts characters.
    line: Option<usize>,
    column: Option<usize>,
    /// The byte range in the file.
    start: Option<usize>,
    end: Option<usize>,
    field: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

impl<'a> From<&'a Diagnostic> for JsonFinding<'a> {
    fn from(d: &'a Diagnostic) -> JsonFinding<'a> {
        let (line, column) = d.line_column().unzip();
        JsonFinding {
            rule: d.code.id,
            name: d.code.name,
            severity: d.severity,
            file: d.file_name(),
            line,
            column,
            start: d.span.as_ref().map(|s| s.range.start),
            end: d.span.as_ref().map(|s| s.range.end),
            field: d.field.as_deref(),
            message: &d.message,
            help: d.help.as_deref(),
            fix: d.fix.as_ref().map(|f| JsonFix {
                start: f.range.start,
                end: f.range.end,
                replacement: &f.replacement,
            }),
        }
    }
}

impl Diagnostics {
    /// For people at this terminal (colours and line drawing as it supports them): every
    /// finding, then how many there were.
    pub fn to_human(&self) -> String {
        // Lines are not wrapped: a file:line:column or a path must stay whole to be copied.
        let handler = MietteHandlerOpts::new().wrap_lines(false).build();
        self.to_human_with(&handler)
    }

    /// [`Diagnostics::to_human`] through a given miette handler (a plain one for tests).
    pub fn to_human_with(&self, handler: &dyn ReportHandler) -> String {
        struct Report<'a>(&'a dyn ReportHandler, &'a Diagnostic);
        impl fmt::Display for Report<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.debug(self.1, f)
            }
        }
        let mut out = String::new();
        for d in self {
            // Writing to a String cannot fail; a handler that fails leaves its part out.
            let _ = writeln!(out, "{}", Report(handler, d));
        }
        if !self.is_empty() {
            out.push_str(&self.summary());
            out.push('\n');
        }
        out
    }

    /// 共 2 个错误、1 个警告.
    pub fn summary(&self) -> String {
        let (errors, warnings) = (self.error_count(), self.warning_count());
        match (errors, warnings) {
            (0, 0) => "未发现问题".to_string(),
            (e, 0) => format!("共 {e} 个错误"),
            (0, w) => format!("共 {w} 个警告"),
            (e, w) => format!("共 {e} 个错误、{w} 个警告"),
        }
    }

    /// For tools: a JSON array, one object per finding (rule, name, severity, file, line,
    /// column, start and end bytes, field, message, help, fix).
    pub fn to_json(&self) -> String {
        let findings: Vec<JsonFinding> = self.iter().map(JsonFinding::from).collect();
        serde_json::to_string_pretty(&findings).expect("findings serialise")
    }
}

#[cfg(test)]
mod tests {
    use super::super::{code, SourceFile};
    use super::*;
    use miette::{GraphicalReportHandler, GraphicalTheme};

    fn plain() -> GraphicalReportHandler {
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(200)
    }

    fn findings() -> Diagnostics {
        let file = SourceFile::new(
            "w.yaml",
            "单位:\n  镇名: 青石镇\n下年工作:\n  指导思想: 坚持依法履职,服务大局。\n",
        );
        let comma = file.text().find(',').unwrap();
        let town = file.text().find("青石镇").unwrap();
        vec![
            Diagnostic::error(
                code::YAML_WRONG_TYPE,
                "类型不对：此处是文字“青石镇”，应为整数",
            )
            .at(file.span(town..town + "青石镇".len()))
            .in_field("单位.镇名"),
            Diagnostic::warning(
                code::TEXT_HALFWIDTH_PUNCTUATION,
                "中文之间用了半角标点“,”，应为全角“，”",
            )
            .at(file.span(comma..comma + 1))
            .in_field("下年工作.指导思想")
            .with_label("半角标点")
            .with_fix("，"),
        ]
        .into()
    }

    /// The snippet header and the message line name the same line:column, counted in
    /// characters, on a line with multi-byte text before the spot.
    #[test]
    fn the_snippet_header_agrees_with_the_message() {
        let out = findings().to_human_with(&plain());
        // 指导思想: 坚持依法履职 is 14 characters (32 bytes) before the comma.
        assert!(
            out.contains("w.yaml:4:15: 下年工作.指导思想：中文之间"),
            "{out}"
        );
        assert!(out.contains("[w.yaml:4:15]"), "{out}");
        assert!(out.contains("[w.yaml:2:7]"), "{out}");
        assert!(out.contains("w.yaml:2:7: 单位.镇名："), "{out}");
        // Severity and code, for both; the label under the spot.
        assert!(out.contains("错误[yaml/wrong-type]：类型不对"), "{out}");
        assert!(out.contains("警告[text/halfwidth-punctuation]"), "{out}");
        assert!(out.contains("半角标点"), "{out}");
        assert!(out.trim_end().ends_with("共 1 个错误、1 个警告"), "{out}");
        assert!(!out.contains("help:"), "{out}");
    }

    #[test]
    fn json_carries_every_field() {
        let json: serde_json::Value = serde_json::from_str(&findings().to_json()).unwrap();
        let all = json.as_array().unwrap();
        assert_eq!(all.len(), 2);
        let w = &all[1];
        assert_eq!(w["rule"], "text/halfwidth-punctuation");
        assert_eq!(w["name"], "中文间用了半角标点");
        assert_eq!(w["severity"], "warning");
        assert_eq!(w["file"], "w.yaml");
        assert_eq!(
            (w["line"].as_u64(), w["column"].as_u64()),
            (Some(4), Some(15))
        );
        let start = w["start"].as_u64().unwrap();
        assert_eq!(w["end"].as_u64(), Some(start + 1));
        assert_eq!(w["field"], "下年工作.指导思想");
        assert_eq!(w["message"], "中文之间用了半角标点“,”，应为全角“，”");
        assert_eq!(w["help"], serde_json::Value::Null);
        assert_eq!(w["fix"]["replacement"], "，");
        assert_eq!(w["fix"]["start"].as_u64(), Some(start));
        assert_eq!(all[0]["severity"], "error");
        assert_eq!(all[0]["fix"], serde_json::Value::Null);
    }
}
