//! What libyaml and serde say, said in Chinese at the real place: the one spot where another
//! crate's words about a facts file (or a report's front matter) become ours.
//!
//! libyaml's errors come with two marks, the problem's and its context's; the place a clerk
//! needs is sometimes the second (an unclosed quote is named at the quote that opened it, a key
//! without its colon at the key). serde's come with one position, which [`SourceMap`] turns into
//! the field path. A message not in these tables still gets a Chinese one at its place: no
//! English sentence reaches the user.

use std::sync::Arc;

use libyaml_safer::Mark;

use super::source_map::{Pos, SourceMap};
use super::{backslash, closest, line_of, model};
use crate::diag::{code, Code, Diagnostic, SourceFile};

/// A value that starts with a figure reference, or one inside `[ ]`, reads as YAML flow syntax.
const BRACE_HELP: &str =
    "文字以 {名称} 开头，或写在 [ ] 列表里时，请给整段文字加引号（\"……\"），或把列表改为每项一行的“- ”写法";

/// What to say when nothing more precise is known.
const GENERIC_SYNTAX: &str =
    "YAML 格式有误：请检查这一行的缩进、冒号（键后应为半角冒号加空格）和引号是否配对";

/// A libyaml error met reading `yaml` (at byte `base` of `file`), in Chinese, at its place.
pub(super) fn libyaml_error(
    err: &libyaml_safer::Error,
    file: &Arc<SourceFile>,
    base: usize,
    yaml: &str,
) -> Diagnostic {
    let problem = err.problem();
    let context = err.context().unwrap_or("");
    let problem_mark = err.problem_mark();
    let context_mark = err.context_mark();
    // Where the clerk has to look: where the quote or the key began, for the errors found only
    // further on; the problem's own place otherwise.
    let at_context = matches!(
        (context, problem),
        ("while scanning a quoted scalar", _)
            | (
                "while parsing a quoted scalar",
                "found unexpected end of stream"
            )
            | ("while scanning a simple key", _)
            | ("while scanning an anchor" | "while scanning an alias", _)
            | (
                "while parsing a flow sequence" | "while parsing a flow mapping",
                "did not find expected ',' or ']'" | "did not find expected ',' or '}'"
            )
    );
    let mark = if at_context {
        context_mark.or(problem_mark)
    } else {
        problem_mark.or(context_mark)
    };
    let offset = mark.map_or(0, |m| (m.index as usize).min(yaml.len()));
    let len = yaml[offset..].chars().next().map_or(0, char::len_utf8);
    let line = line_around(yaml, offset);
    let after = &yaml[offset..];
    let opened_line = |m: Option<Mark>| m.map_or(1, |m| m.line as usize + 1);

    let message: String = match problem {
        "mapping values are not allowed in this context" => {
            // `称谓: 各位代表:` — a half-width colon ending the value reads as a key.
            let line_start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
            let key_before = yaml[line_start..offset].contains(": ");
            let ends_line = after.starts_with(':')
                && (after[1..].trim_start_matches([' ', '\r']).starts_with(['\n', '#'])
                    || after[1..].trim().is_empty());
            let colon_ends_value = key_before && ends_line;
            if colon_ends_value {
                "值末尾的半角冒号“:”被当成了“键:”的冒号：请改用全角冒号“：”，或给整个值加引号".into()
            } else {
                "此处不能出现“键: 值”：值里有半角冒号加空格时请给整个值加引号，或检查缩进".into()
            }
        }
        "did not find expected key" => {
            "缩进不对：找不到下一个键，请检查这一行与上一行的对齐".into()
        }
        "did not find expected '-' indicator" => {
            "缩进不对：列表项应以“- ”开头并与上一项对齐".into()
        }
        "found character that cannot start any token" => {
            "出现了不能开始一个值的字符（如 @ 或 `），请给整个值加引号".into()
        }
        "found unexpected end of stream" | "found unexpected document indicator"
            if context.contains("quoted scalar") =>
        {
            "引号没有闭合：从这里的引号起直到文件末尾（或“---”行）都没有配对的引号，请在这个值的末尾补上同样的引号".into()
        }
        "found unexpected end of stream" => "文件在引号或括号闭合之前结束了".into(),
        "found unknown escape character" => "双引号里的反斜杠转义无效".into(),
        "did not find expected hexdecimal number" => {
            "双引号里的反斜杠转义无效（\\x、\\u、\\U 之后应为十六进制数字）".into()
        }
        "found invalid Unicode character escape code" => {
            "双引号里的 \\u 或 \\U 转义不是有效的字符编码，应删去这个转义，或直接写出这个字".into()
        }
        "did not find expected node content" => "此处缺少值".into(),
        "block sequence entries are not allowed in this context" => {
            "此处不能开始列表：请检查缩进".into()
        }
        "could not find expected ':'" => {
            "这一行的键后面没有冒号：应写成“键: 值”（半角冒号加空格），或检查上一行的引号是否闭合".into()
        }
        "did not find expected ',' or ']'" => format!(
            "第{}行的“[”没有配对的“]”：方括号里的各项用半角逗号分隔，以“]”结束；文字里有逗号或方括号时请给整段文字加引号",
            opened_line(context_mark)
        ),
        "did not find expected ',' or '}'" => format!(
            "第{}行的“{{”没有配对的“}}”：文字以 {{ 开头时请给整段文字加引号",
            opened_line(context_mark)
        ),
        "found unexpected ':'" => "此处的冒号位置不对：值里有半角冒号时请给整个值加引号".into(),
        "found a tab character that violates indentation"
        | "found a tab character where an indentation space is expected" => {
            "此处用了 Tab：YAML 的缩进只能用空格，应改用空格".into()
        }
        "found unexpected document indicator" => {
            "值里出现了单独一行的“---”或“...”：它们表示文件的开始或结束，不能写在值里".into()
        }
        "mapping keys are not allowed in this context" => {
            "此处不能出现“? ”开头的键：请检查缩进，或给值加引号".into()
        }
        "did not find expected whitespace or line break"
        | "did not find expected comment or line break" => {
            "值后面还有多余的内容：引号闭合后只能换行或写“ #注释”，请把整个值放进引号里".into()
        }
        "did not find expected <document start>" => {
            "此处之后的内容没有接上：请检查缩进，或删去多余的“...”“---”行".into()
        }
        "did not find expected alphabetic or numeric character"
            if context.contains("anchor") || context.contains("alias") =>
        {
            "以 & 或 * 开头的文字被当成了锚点或别名：文字以 & 或 * 开头时请给整段文字加引号".into()
        }
        "found an indentation indicator equal to 0" => {
            "“|”或“>”之后的写法不对：应单独写“|”，下一行起缩进写正文".into()
        }
        "control characters are not allowed" => {
            "文件里有看不见的控制字符，应删去（多半是从别处复制文字时带来的）".into()
        }
        "invalid UTF-8"
        | "invalid byte order marker"
        | "found an incorrect leading UTF-8 octet"
        | "found an incorrect trailing UTF-8 octet" => {
            "文件不是有效的 UTF-8 文本，应另存为 UTF-8 编码".into()
        }
        _ if context.contains("tag") => {
            "以 ! 开头的写法是 YAML 的类型标记，事实文件用不到：文字以 ! 开头时请给整段文字加引号".into()
        }
        _ if context.contains("directive") => {
            "以 % 开头的行被当成了 YAML 指令：文字以 % 开头时请给整段文字加引号".into()
        }
        _ if context.contains("block scalar") => {
            "“|”或“>”之后的写法不对：应单独写“|”，下一行起缩进写正文".into()
        }
        _ => GENERIC_SYNTAX.into(),
    };
    let diagnostic = Diagnostic::error(code::YAML_SYNTAX, format!("YAML 语法错误：{message}"))
        .at(file.span(base + offset..base + offset + len))
        .with_label(if at_context {
            "从这里开始"
        } else {
            "YAML 语法错误"
        });
    // A Windows path in double quotes: its backslashes were read as escapes.
    let escape = problem.contains("escape") || problem.contains("hexdecimal");
    match backslash::help(line) {
        Some(help) if escape && backslash::looks_like_path(line) => diagnostic.with_help(help),
        _ if line.contains('{') && !at_context => diagnostic.with_help(BRACE_HELP),
        _ => diagnostic,
    }
}

/// The line of `text` holding byte `offset`.
fn line_around(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// A serde_yaml error met reading `yaml` (at byte `base` of `file`) in Chinese, at its place,
/// with the field path the source map gives that place.
pub(super) fn serde_error(
    err: &serde_yaml::Error,
    file: &Arc<SourceFile>,
    base: usize,
    yaml: &str,
    map: &SourceMap,
) -> Diagnostic {
    let full = err.to_string();
    let pos = err.location().map(|loc| {
        let offset = map.offset_of(yaml, loc.line(), loc.column());
        let len = yaml[offset..].chars().next().map_or(0, char::len_utf8);
        Pos {
            line: loc.line(),
            column: loc.column(),
            offset,
            len,
        }
    });
    // Without a location, the start of the YAML.
    let span = pos.map_or(file.span(base..base), |p| {
        file.span(base + p.offset..base + p.offset + p.len)
    });
    let message = match &pos {
        Some(p) => full
            .strip_suffix(&format!(" at line {} column {}", p.line, p.column))
            .unwrap_or(&full),
        None => full.as_str(),
    };
    const STARTS: [&str; 7] = [
        model::OWN,
        "unknown field",
        "missing field",
        "invalid type",
        "invalid value",
        "unknown variant",
        "duplicate field",
    ];
    let start = STARTS.iter().filter_map(|s| message.find(s)).min();
    let Some(start) = start else {
        // The YAML layer refused what serde calls syntax (aliases, documents, nesting) before
        // serde ran; what is left here is said generally, in Chinese, at its place.
        return Diagnostic::error(code::YAML_SYNTAX, serde_syntax_message(message))
            .at(span)
            .with_label("YAML 语法错误");
    };
    let message = &message[start..];
    let outermost = message.starts_with("missing field");
    let path = pos
        .and_then(|p| map.path_at(p.offset, outermost))
        .unwrap_or_default();
    let (code, mut message_cn, mut help) = serde_message(message);
    if outermost && path.is_empty() && help.is_none() {
        help = Some("这个键写在文件顶层（行首不缩进）".into());
    }
    if message.starts_with("invalid type: map") {
        if let Some(line) = pos
            .map(|p| line_of(yaml, p.line))
            .filter(|l| l.contains('{'))
        {
            message_cn = format!("类型不对：此处的“{}”被当成了键值表，应为文字", line.trim());
            help = Some(BRACE_HELP.to_string());
        }
    }
    let diagnostic = Diagnostic::error(code, message_cn).at(span).in_field(path);
    match help {
        Some(h) => diagnostic.with_help(h),
        None => diagnostic,
    }
}

/// serde_yaml's own messages about the YAML itself, in Chinese.
fn serde_syntax_message(message: &str) -> String {
    const KNOWN: [(&str, &str); 5] = [
        (
            "unknown anchor",
            "别名“*…”找不到对应的锚点“&…”：事实文件不必用 & 和 *，请把内容直接写出",
        ),
        (
            "more than one document",
            "文件里有第二份内容（单独一行的“---”之后）：一个文件只能有一份",
        ),
        (
            "recursion limit exceeded",
            "嵌套层数过多：多半是多写了“[”或“{”，或缩进有误",
        ),
        (
            "repetition limit exceeded",
            "别名重复引用的内容过多：事实文件不必用 & 和 *，请把内容直接写出",
        ),
        ("EOF while parsing", "文件在内容完整之前结束了"),
    ];
    let known = KNOWN
        .iter()
        .find(|(en, _)| message.contains(en))
        .map_or(GENERIC_SYNTAX, |(_, cn)| cn);
    format!("YAML 语法错误：{known}")
}

/// The names between backticks in a serde message.
fn ticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// The rule, the Chinese message and a help for a serde message (ours, marked with the rule, or
/// serde's English).
fn serde_message(message: &str) -> (Code, String, Option<String>) {
    if let Some((code, own)) = model::own_message(message) {
        return (code, own.to_string(), None);
    }
    let names = ticked(message);
    if message.starts_with("unknown field") || message.starts_with("unknown variant") {
        // unknown field `word`, expected one of `a`, `b` — the word is the clerk's and may
        // hold a backtick itself; the names after it are ours.
        let rest = message.split_once('`').map_or("", |(_, r)| r);
        let end = ["`, expected", "`, there are no"]
            .iter()
            .filter_map(|m| rest.rfind(m))
            .min()
            .unwrap_or(rest.len().saturating_sub(1));
        let word = rest.get(..end).unwrap_or("");
        let expected = ticked(rest.get(end + 1..).unwrap_or(""));
        let expected = &expected[..];
        let field = message.starts_with("unknown field");
        let what = if field {
            "未知的键"
        } else {
            "无效的值"
        };
        let mut text = format!("{what}“{word}”");
        if let Some(best) = closest(word, expected) {
            text.push_str(&format!("，是否为“{best}”？"));
        }
        let list = expected.join("、");
        let (code, help) = if field {
            (code::YAML_UNKNOWN_KEY, format!("此处可用的键：{list}"))
        } else {
            (code::YAML_INVALID_VALUE, format!("应为以下之一：{list}"))
        };
        return (code, text, Some(help));
    }
    if message.starts_with("missing field") {
        let name = names.first().copied().unwrap_or("");
        return (
            code::YAML_MISSING_KEY,
            format!("缺少必填的键“{name}”"),
            None,
        );
    }
    if message.starts_with("duplicate field") {
        let name = names.first().copied().unwrap_or("");
        return (
            code::YAML_DUPLICATE_KEY,
            format!("键“{name}”出现了两次，应只写一次"),
            None,
        );
    }
    // invalid type: string "abc", expected 0 或正整数
    let body = message.split_once(": ").map_or(message, |(_, rest)| rest);
    let (found, expected) = body.rsplit_once(", expected ").unwrap_or((body, ""));
    // serde names a number too big for 64 bits by its Rust type: integer `10…0` as u128.
    if let Some(number) = found
        .strip_prefix("integer `")
        .and_then(|n| n.split_once('`'))
        .filter(|(_, rest)| rest.contains("128"))
        .map(|(n, _)| n)
    {
        return (
            code::YAML_INVALID_VALUE,
            format!(
                "数字“{number}”太大，超出了可以处理的范围，应为{}（是否多打了几位？）",
                expected_in_chinese(expected)
            ),
            None,
        );
    }
    let code = if message.starts_with("invalid value") {
        code::YAML_INVALID_VALUE
    } else {
        code::YAML_WRONG_TYPE
    };
    (
        code,
        format!(
            "类型不对：此处是{}，应为{}",
            found_in_chinese(found),
            expected_in_chinese(expected)
        ),
        None,
    )
}

fn found_in_chinese(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return format!("文字“{}”", s.trim_matches('"'));
    }
    for (en, cn) in [
        ("integer", "整数"),
        ("floating point", "小数"),
        ("boolean", "是/否值"),
    ] {
        if let Some(v) = found.strip_prefix(en) {
            let v = v.trim().split('`').find(|s| !s.trim().is_empty());
            return match v {
                Some(v) => format!("{cn}“{}”", v.trim()),
                None => cn.into(),
            };
        }
    }
    match found {
        "sequence" => "列表".into(),
        "map" => "键值表".into(),
        "unit value" | "unit" => "空值".into(),
        _ => "这种写法".into(),
    }
}

fn expected_in_chinese(expected: &str) -> String {
    if expected.starts_with("struct ") || expected == "a map" || expected.starts_with("a map") {
        return "键值表（每行“键: 值”）".into();
    }
    match expected {
        "a string" | "a borrowed string" | "a character" => "文字".into(),
        "a sequence" => "列表（每项一行，以“- ”开头）".into(),
        "a boolean" => "是 或 否".into(),
        "i32" | "u32" | "u64" | "i64" | "usize" | "u8" | "u16" | "i8" | "i16" | "isize"
        | "an integer" => "整数".into(),
        "f32" | "f64" => "数字".into(),
        // Our own visitors say what they expect in Chinese (0 或正整数, 日期 YYYY-MM-DD).
        ours if ours.chars().any(crate::text::is_ideograph) => ours.into(),
        _ => "其他写法".into(),
    }
}
