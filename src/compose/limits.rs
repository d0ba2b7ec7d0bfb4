//! Limits that keep a template (the clerk's own, with `--templates`) from taking the process
//! down: tera has none of its own. A recursive macro or include would overflow the stack, so
//! templates are checked for recursion before anything renders; `range` is bounded per call
//! and per render; a render runs on its own thread with a deadline and writes into a buffer
//! that refuses to grow past [`MAX_OUTPUT`]. Each refusal is an error naming the template file
//! (and its line, where it has one) and saying what to change.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{self, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::Tera;

/// The most numbers one `range` call gives.
pub const MAX_RANGE: u64 = 10_000;
/// The most numbers all `range` calls of one render give together.
pub const MAX_RANGE_TOTAL: u64 = 1_000_000;
/// The most bytes a render may write: a report is some 50 KB.
pub const MAX_OUTPUT: usize = 8 * 1024 * 1024;
/// How long a render may take: the sample takes milliseconds.
pub const MAX_TIME: Duration = Duration::from_secs(10);
/// The stack of the render thread: deep enough for any template that does not recurse.
const RENDER_STACK: usize = 64 * 1024 * 1024;

/// Where a limit was met: the template, a piece of its text to point at, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub template: String,
    /// Text of the template to point at (its first occurrence), when there is one.
    pub culprit: Option<String>,
    pub message: String,
}

/// A template that calls itself, through macros or includes, however indirectly: the first
/// cycle found, named at the macro (or include) that closes it.
pub fn recursion(tera: &Tera) -> Option<Breach> {
    let graph = call_graph(tera);
    let mut done: BTreeSet<&Callee> = BTreeSet::new();
    for start in graph.keys() {
        let mut path: Vec<&Callee> = Vec::new();
        if let Some(cycle) = find_cycle(&graph, start, &mut path, &mut done) {
            return Some(describe(&cycle));
        }
    }
    None
}

/// What can be entered while rendering: a template's own text, or a macro of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Callee {
    Template(String),
    Macro { template: String, name: String },
}

type Graph = BTreeMap<Callee, BTreeSet<Callee>>;

fn call_graph(tera: &Tera) -> Graph {
    let mut graph = Graph::new();
    for (name, template) in &tera.templates {
        let namespaces: HashMap<&str, &str> = template
            .imported_macro_files
            .iter()
            .map(|(file, namespace)| (namespace.as_str(), file.as_str()))
            .collect();
        let resolve = |call: Called| match call {
            Called::Include(file) => Callee::Template(file),
            Called::Macro { namespace, name: m } => Callee::Macro {
                template: if namespace == "self" {
                    name.clone()
                } else {
                    namespaces
                        .get(namespace.as_str())
                        .map_or_else(|| namespace.clone(), |f| f.to_string())
                },
                name: m,
            },
        };
        let mut own = Vec::new();
        calls_in_nodes(&template.ast, &mut own);
        graph
            .entry(Callee::Template(name.clone()))
            .or_default()
            .extend(own.into_iter().map(resolve));
        for (macro_name, definition) in &template.macros {
            let mut calls = Vec::new();
            calls_in_nodes(&definition.body, &mut calls);
            graph
                .entry(Callee::Macro {
                    template: name.clone(),
                    name: macro_name.clone(),
                })
                .or_default()
                .extend(calls.into_iter().map(resolve));
        }
    }
    graph
}

fn find_cycle<'g>(
    graph: &'g Graph,
    at: &'g Callee,
    path: &mut Vec<&'g Callee>,
    done: &mut BTreeSet<&'g Callee>,
) -> Option<Vec<&'g Callee>> {
    if let Some(i) = path.iter().position(|c| *c == at) {
        return Some(path[i..].to_vec());
    }
    if done.contains(at) {
        return None;
    }
    path.push(at);
    for next in graph.get(at).into_iter().flatten() {
        if let Some(cycle) = find_cycle(graph, next, path, done) {
            return Some(cycle);
        }
    }
    path.pop();
    done.insert(at);
    None
}

fn describe(cycle: &[&Callee]) -> Breach {
    let shown: Vec<String> = cycle
        .iter()
        .chain(cycle.first())
        .map(|c| match c {
            Callee::Template(t) => format!("模板 {t}"),
            Callee::Macro { name, .. } => format!("宏 {name}"),
        })
        .collect();
    let message = format!(
        "模板不能递归调用（{}）：递归没有深度限制，会使程序崩溃；请改用循环（for）写出",
        shown.join(" → ")
    );
    // Point at the definition of the first macro of the cycle, or at the include that
    // closes a cycle of templates.
    let (template, culprit) = match cycle.iter().find_map(|c| match c {
        Callee::Macro { template, name } => Some((template.clone(), format!("macro {name}"))),
        Callee::Template(_) => None,
    }) {
        Some(found) => found,
        None => {
            let from = match cycle[0] {
                Callee::Template(t) | Callee::Macro { template: t, .. } => t.clone(),
            };
            let to = match cycle.get(1).unwrap_or(&cycle[0]) {
                Callee::Template(t) | Callee::Macro { template: t, .. } => t.clone(),
            };
            (from, format!("\"{to}\""))
        }
    };
    Breach {
        template,
        culprit: Some(culprit),
        message,
    }
}

/// What a piece of template enters when it renders.
enum Called {
    Include(String),
    Macro { namespace: String, name: String },
}

fn calls_in_nodes(nodes: &[Node], out: &mut Vec<Called>) {
    for node in nodes {
        match node {
            Node::VariableBlock(_, e) => calls_in_expr(e, out),
            Node::Set(_, set) => calls_in_expr(&set.value, out),
            Node::Include(_, files, _) => {
                out.extend(files.iter().cloned().map(Called::Include));
            }
            Node::FilterSection(_, section, _) => {
                calls_in_call(&section.filter, out);
                calls_in_nodes(&section.body, out);
            }
            Node::Block(_, block, _) => calls_in_nodes(&block.body, out),
            Node::Forloop(_, forloop, _) => {
                calls_in_expr(&forloop.container, out);
                calls_in_nodes(&forloop.body, out);
                if let Some(body) = &forloop.empty_body {
                    calls_in_nodes(body, out);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    calls_in_expr(condition, out);
                    calls_in_nodes(body, out);
                }
                if let Some((_, body)) = &branches.otherwise {
                    calls_in_nodes(body, out);
                }
            }
            // A macro's body is its own callee; the rest enter nothing.
            Node::MacroDefinition(..)
            | Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }
}

fn calls_in_call(call: &FunctionCall, out: &mut Vec<Called>) {
    for arg in call.args.values() {
        calls_in_expr(arg, out);
    }
}

fn calls_in_expr(expr: &Expr, out: &mut Vec<Called>) {
    calls_in_value(&expr.val, out);
    for filter in &expr.filters {
        calls_in_call(filter, out);
    }
}

fn calls_in_value(value: &ExprVal, out: &mut Vec<Called>) {
    match value {
        ExprVal::MacroCall(call) => {
            out.push(Called::Macro {
                namespace: call.namespace.clone(),
                name: call.name.clone(),
            });
            for arg in call.args.values() {
                calls_in_expr(arg, out);
            }
        }
        ExprVal::FunctionCall(call) => calls_in_call(call, out),
        ExprVal::Math(m) => {
            calls_in_expr(&m.lhs, out);
            calls_in_expr(&m.rhs, out);
        }
        ExprVal::Logic(l) => {
            calls_in_expr(&l.lhs, out);
            calls_in_expr(&l.rhs, out);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| calls_in_expr(a, out)),
        ExprVal::Array(items) => items.iter().for_each(|a| calls_in_expr(a, out)),
        ExprVal::StringConcat(c) => c.values.iter().for_each(|v| calls_in_value(v, out)),
        ExprVal::In(i) => {
            calls_in_expr(&i.lhs, out);
            calls_in_expr(&i.rhs, out);
        }
        ExprVal::String(_)
        | ExprVal::Int(_)
        | ExprVal::Float(_)
        | ExprVal::Bool(_)
        | ExprVal::Ident(_) => {}
    }
}

/// tera's `range(start=0, end=…, step_by=1)`, giving at most [`MAX_RANGE`] numbers a call and
/// [`MAX_RANGE_TOTAL`] a render (counted in `given`).
pub fn bounded_range(given: Arc<AtomicU64>) -> impl tera::Function {
    move |args: &HashMap<String, tera::Value>| {
        let number = |key: &str, default: Option<u64>| -> tera::Result<u64> {
            match args.get(key) {
                Some(v) => v.as_u64().ok_or_else(|| {
                    tera::Error::msg(format!("`range` 的 {key} 应为 0 或正整数，此处是 {v}"))
                }),
                None => {
                    default.ok_or_else(|| tera::Error::msg("`range` 缺少参数 end，如 range(end=5)"))
                }
            }
        };
        let start = number("start", Some(0))?;
        let end = number("end", None)?;
        let step = number("step_by", Some(1))?;
        if step == 0 {
            return Err(tera::Error::msg("`range` 的 step_by 不能为 0"));
        }
        if start > end {
            return Err(tera::Error::msg("`range` 的 start 大于 end"));
        }
        let count = (end - start).div_ceil(step);
        if count > MAX_RANGE {
            return Err(tera::Error::msg(format!(
                "`range` 一次最多给出{MAX_RANGE}个数，此处要{count}个：报告用不到这么多，请检查 end"
            )));
        }
        let total = given.fetch_add(count, Ordering::Relaxed) + count;
        if total > MAX_RANGE_TOTAL {
            return Err(tera::Error::msg(format!(
                "`range` 在一次填写中共给出了超过{MAX_RANGE_TOTAL}个数：请检查循环"
            )));
        }
        Ok((start..end)
            .step_by(step as usize)
            .map(tera::Value::from)
            .collect::<Vec<_>>()
            .into())
    }
}

/// Why a render stopped.
#[derive(Debug)]
pub enum Stopped {
    /// tera's own error.
    Tera(tera::Error),
    /// The output grew past [`MAX_OUTPUT`].
    TooLong,
    /// It ran past [`MAX_TIME`].
    TooSlow,
}

/// Renders `template` on a thread of its own, into a buffer of at most [`MAX_OUTPUT`] bytes,
/// waiting at most `time` ([`MAX_TIME`] for a document). A render that runs over is left to
/// finish on its own thread (tera cannot be stopped); the caller gets its error at once.
pub fn render(
    tera: Tera,
    template: String,
    context: tera::Context,
    time: Duration,
) -> Result<String, Stopped> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("template".into())
        .stack_size(RENDER_STACK)
        .spawn(move || {
            let mut out = Capped::default();
            let result = tera.render_to(&template, &context, &mut out);
            let _ = tx.send(match result {
                Ok(()) => Ok(out.bytes),
                Err(_) if out.over => Err(Stopped::TooLong),
                Err(e) => Err(Stopped::Tera(e)),
            });
        });
    if let Err(e) = spawned {
        return Err(Stopped::Tera(tera::Error::msg(format!(
            "无法启动模板线程：{e}"
        ))));
    }
    match rx.recv_timeout(time) {
        Ok(Ok(bytes)) => {
            String::from_utf8(bytes).map_err(|e| Stopped::Tera(tera::Error::msg(e.to_string())))
        }
        Ok(Err(stopped)) => Err(stopped),
        Err(_) => Err(Stopped::TooSlow),
    }
}

/// A buffer that refuses to grow past [`MAX_OUTPUT`].
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    over: bool,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT {
            self.over = true;
            return Err(io::Error::other("模板输出过长"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(templates: &[(&str, &str)]) -> Tera {
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.to_vec()).unwrap();
        tera
    }

    #[test]
    fn recursion_through_macros_and_includes_is_found() {
        let direct = tera(&[(
            "a.tera",
            "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}{{ self::f(n=1) }}",
        )]);
        let found = recursion(&direct).unwrap();
        assert_eq!(found.template, "a.tera");
        assert_eq!(found.culprit.as_deref(), Some("macro f"));
        assert!(found.message.contains("宏 f → 宏 f"), "{}", found.message);

        let mutual = tera(&[
            (
                "m.tera",
                "{% macro g() %}{{ self::h() }}{% endmacro g %}{% macro h() %}{% if true %}{{ self::g() }}{% endif %}{% endmacro h %}",
            ),
            ("a.tera", "{% import \"m.tera\" as m %}{{ m::g() }}"),
        ]);
        let found = recursion(&mutual).unwrap();
        assert_eq!(found.template, "m.tera");

        let includes = tera(&[
            ("x.tera", "x{% include \"y.tera\" %}"),
            ("y.tera", "y{% include \"x.tera\" %}"),
        ]);
        let found = recursion(&includes).unwrap();
        assert!(found.message.contains("模板 x.tera"), "{}", found.message);

        let fine = tera(&[(
            "a.tera",
            "{% macro f(n) %}{{ n }}{% endmacro f %}{% for i in [1, 2] %}{{ self::f(n=i) }}{% endfor %}",
        )]);
        assert_eq!(recursion(&fine), None);
    }

    #[test]
    fn range_is_bounded() {
        let mut t = tera(&[]);
        t.register_function("range", bounded_range(Arc::new(AtomicU64::new(0))));
        let ctx = tera::Context::new();
        assert_eq!(
            t.render_str("{% for i in range(end=3) %}{{ i }}{% endfor %}", &ctx)
                .unwrap(),
            "012"
        );
        assert_eq!(
            t.render_str(
                "{{ range(start=1, end=8, step_by=3) | join(sep=\",\") }}",
                &ctx
            )
            .unwrap(),
            "1,4,7"
        );
        let err = t
            .render_str("{% for i in range(end=2000000000) %}{% endfor %}", &ctx)
            .unwrap_err();
        let chain = format!("{err:?}");
        assert!(chain.contains("一次最多给出10000个数"), "{chain}");
    }

    #[test]
    fn output_is_capped_and_time_is_bounded() {
        let mut t = tera(&[
            (
                "big.tera",
                "{% set r = range(end=100) %}{% for i in range(end=10000) %}{% for j in r %}0123456789{% endfor %}{% endfor %}",
            ),
            (
                "slow.tera",
                "{% set r = range(end=10000) %}{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}",
            ),
            ("small.tera", "{% for i in range(end=3) %}{{ i }}{% endfor %}"),
        ]);
        t.register_function("range", bounded_range(Arc::new(AtomicU64::new(0))));
        let ctx = tera::Context::new;
        assert!(matches!(
            render(t.clone(), "big.tera".into(), ctx(), MAX_TIME),
            Err(Stopped::TooLong)
        ));
        let started = std::time::Instant::now();
        assert!(matches!(
            render(
                t.clone(),
                "slow.tera".into(),
                ctx(),
                Duration::from_millis(200)
            ),
            Err(Stopped::TooSlow)
        ));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(
            render(t, "small.tera".into(), ctx(), MAX_TIME).unwrap(),
            "012"
        );
    }
}
