//! The `workreport` command line: a thin layer over the library that parses arguments, runs a
//! stage and renders its findings for people (in Chinese, through miette) or, for `check
//! --format json`, for tools. Exit status: 0 success, 1 bad input (or a refusal to write over a
//! file), 2 bad usage, 3 an output could not be written, 4 an internal error (a bug: the
//! last-resort panic hook says so in Chinese).

use clap::{ArgAction, Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Duration;
use workreport::build::{self, BuildError, BuildOptions, Format, Marks, PrintOptions};
use workreport::diag::{Diagnostic, Diagnostics};
use workreport::figures::Period;
use workreport::fonts::{FontOptions, FontSet};
use workreport::kinds::{self, Selection};
use workreport::output::WritePolicy;
use workreport::press::{self, send};
use workreport::{check, compose, figures, guard, output};

const HELP_TEMPLATE: &str = "{about}\n\n用法：{usage}\n\n{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "workreport",
    version,
    about = "镇人大主席团工作报告：由一年的事实文件生成 Markdown、DOCX 和 PDF",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令",
    next_help_heading = "选项",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[arg(short = 'h', long, action = ArgAction::Help, global = true, help = "显示帮助")]
    help: Option<bool>,
    #[arg(short = 'V', long, action = ArgAction::Version, help = "显示版本")]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 生成报告：由事实文件（.yaml）或手工修改过的报告（.md）写出各格式
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Build(BuildArgs),
    /// 印制：为每位代表和列席人员各印一份带份号的报告（可做骑马订小册子），附份号登记表
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Print(PrintArgs),
    /// 校对：检查事实文件或报告（.md），列出每个问题的位置和改法；不改动输入文件
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Check(CheckArgs),
    /// 列出由记录算出的各项数字（全年，或上半年、下半年）
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Stats {
        /// 事实文件（YAML）
        #[arg(value_name = "事实文件")]
        facts: PathBuf,
        /// 统计期间：year（全年，默认）、first-half（上半年）、second-half（下半年）
        #[arg(
            long,
            default_value = "year",
            hide_default_value = true,
            value_name = "期间"
        )]
        period: Period,
        /// 以 JSON 输出，供程序读取
        #[arg(long)]
        json: bool,
    },
    /// 写出一份带注释、可直接生成的事实文件模板
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Init {
        /// 写到哪里（默认 facts.yaml）；已存在的文件不会被覆盖
        #[arg(
            value_name = "路径",
            default_value = "facts.yaml",
            hide_default_value = true
        )]
        path: PathBuf,
    },
    /// 导入：把 Word 或 WPS 写的报告（.docx）转为本程序的报告（.md），再用 build 生成
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Import(ImportArgs),
    /// 显示每种字体角色由哪个字体文件承担，以及原因
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "选项")]
    Fonts(FontArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// 事实文件（.yaml）或报告（.md）
    #[arg(value_name = "输入文件")]
    input: PathBuf,
    #[command(flatten)]
    compose: ComposeArgs,
    /// 输出格式，逗号分隔：md、docx、pdf（默认全部）
    #[arg(long = "to", value_delimiter = ',', value_name = "格式")]
    formats: Vec<Format>,
    #[command(flatten)]
    marks: MarkArgs,
    #[command(flatten)]
    out: OutArgs,
    #[command(flatten)]
    fonts: FontArgs,
    /// 草稿：检查发现错误（如占位符）也照样生成，并说明跳过了几个问题
    #[arg(long)]
    draft: bool,
}

#[derive(Args)]
struct ImportArgs {
    /// Word 或 WPS 写的报告（.docx）
    #[arg(value_name = "DOCX文件")]
    input: PathBuf,
    /// 写到哪里（默认在输入文件旁，同名 .md）
    #[arg(short = 'o', long = "out", value_name = "路径")]
    out: Option<PathBuf>,
    /// 目标文件已存在时覆盖它（输入文件本身永远不会被覆盖）
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct PrintArgs {
    /// 事实文件（.yaml）或报告（.md）
    #[arg(value_name = "输入文件")]
    input: PathBuf,
    /// 印制份数（1 至 10000；事实文件列有代表名单、列席人员时可省略，每人一份）
    #[arg(long, value_name = "份数", value_parser = parse_copies)]
    copies: Option<u32>,
    /// 第一份的份号（默认 1，即 000001）
    #[arg(
        long,
        default_value = "1",
        hide_default_value = true,
        value_name = "份号",
        value_parser = parse_copy_number
    )]
    first: u32,
    /// 印成骑马订小册子：A3 横向纸，每面两页，双面沿短边翻转，对折后按页序阅读
    #[arg(long)]
    booklet: bool,
    /// 写出后交给打印机（CUPS 的 lp 命令；不写打印机名则用默认打印机）
    #[arg(long, value_name = "打印机", num_args = 0..=1, default_missing_value = "")]
    send: Option<String>,
    #[command(flatten)]
    compose: ComposeArgs,
    #[command(flatten)]
    marks: MarkArgs,
    #[command(flatten)]
    out: OutArgs,
    #[command(flatten)]
    fonts: FontArgs,
}

/// A copy number: a whole number from 1 to 999999 (six digits).
fn parse_copy_number(s: &str) -> Result<u32, String> {
    parse_between(s, press::MAX_COPY_NUMBER, "")
}

/// A number of copies: from 1 to the most one run makes.
fn parse_copies(s: &str) -> Result<u32, String> {
    parse_between(
        s,
        press::MAX_COPIES,
        "；一次印制更多份请分批进行，每批用 --first 接着上一批的份号",
    )
}

fn parse_between(s: &str, max: u32, more: &str) -> Result<u32, String> {
    match s.trim().parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(format!("应为 1 至 {max} 之间的整数{more}")),
    }
}

/// The marks of one run: the same for `build` and `print`.
#[derive(Args)]
struct MarkArgs {
    /// 本次使用的稿别（如 征求意见稿、审议稿），代替事实文件中的稿别，印在首页右上角
    #[arg(long, value_name = "稿别", conflicts_with = "watermark")]
    draft_mark: Option<String>,
    /// 在 PDF 每页印上浅色斜向水印（如 征求意见稿），代替首页右上角的稿别
    #[arg(long, value_name = "文字")]
    watermark: Option<String>,
}

impl MarkArgs {
    fn marks(&self) -> Marks {
        Marks {
            draft_mark: self.draft_mark.clone(),
            watermark: self.watermark.clone().filter(|w| !w.trim().is_empty()),
        }
    }
}

/// Where outputs go: the same for `build` and `print`.
#[derive(Args)]
struct OutArgs {
    /// 输出目录（由事实文件生成时默认 output；由 .md 报告生成时默认与报告同一文件夹）
    #[arg(short = 'o', long = "out", value_name = "目录")]
    out_dir: Option<PathBuf>,
    /// 覆盖输出目录中不是本程序写出（或写出后被修改过）的同名文件
    #[arg(long)]
    force: bool,
    /// 输出目录正被另一次生成占用时，最多等待的秒数（默认 60）
    #[arg(
        long,
        default_value = "60",
        hide_default_value = true,
        value_name = "秒",
        value_parser = clap::value_parser!(u64).range(0..=86400)
    )]
    wait: u64,
}

impl OutArgs {
    /// Where the outputs go: the folder asked for; else beside a report's Markdown (the clerk's
    /// source, so its DOCX and PDF stand next to it); else `output`.
    fn dir_for(&self, input: &Path) -> PathBuf {
        match &self.out_dir {
            Some(dir) => dir.clone(),
            None if build::is_markdown(input) => match input.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            },
            None => PathBuf::from("output"),
        }
    }

    fn policy(&self) -> WritePolicy<'static> {
        WritePolicy {
            force: self.force,
            wait: Duration::from_secs(self.wait),
            on_wait: &|dir, pid| {
                eprintln!(
                    "输出目录 {} 正由另一个 workreport{}写入，等它写完……",
                    dir.display(),
                    output::holder_text(pid)
                );
            },
        }
    }
}

/// What the report is composed with: the same for `build` and `check`.
#[derive(Args)]
struct ComposeArgs {
    /// 文种：annual（年度工作报告，默认）、half-year（上半年工作报告）、plan（下一年工作要点）、
    /// summary（工作总结和下一年工作计划）、resolution（决议草案），或 all（事实文件能生成的全部）
    #[arg(
        long,
        default_value = "annual",
        hide_default_value = true,
        value_name = "文种"
    )]
    kind: Selection,
    /// 用此目录中的同名模板替换内置模板
    #[arg(long, value_name = "目录")]
    templates: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    /// 事实文件（.yaml）或报告（.md）
    #[arg(value_name = "输入文件")]
    facts: PathBuf,
    #[command(flatten)]
    compose: ComposeArgs,
    /// 有警告时也以状态 1 退出
    #[arg(long)]
    deny_warnings: bool,
    /// 把能机械改正的问题（标点、引号、日期和数字写法）改好，写到这个新文件；输入文件不变
    #[arg(long, value_name = "新文件")]
    fix: Option<PathBuf>,
    /// 与 --fix 同用：新文件已存在时覆盖它（输入文件本身永远不会被覆盖）
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    fonts: FontArgs,
    /// 结果的格式：text（给人看，默认）或 json（给程序读，每个问题一个对象）
    #[arg(
        long,
        default_value = "text",
        hide_default_value = true,
        value_name = "格式"
    )]
    format: FindingsFormat,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FindingsFormat {
    Text,
    Json,
}

impl FromStr for FindingsFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(FindingsFormat::Text),
            "json" => Ok(FindingsFormat::Json),
            other => Err(format!("不支持的格式“{other}”，可选：text、json")),
        }
    }
}

#[derive(Args)]
struct FontArgs {
    /// 另外查找字体的目录（优先于系统字体）
    #[arg(long, value_name = "目录")]
    font_dir: Option<PathBuf>,
    /// 允许缺字（缺字处留空并警告，而不是停止）
    #[arg(long)]
    allow_missing_glyphs: bool,
}

impl FontArgs {
    fn options(&self) -> FontOptions {
        FontOptions {
            font_dir: self.font_dir.clone(),
            allow_missing_glyphs: self.allow_missing_glyphs,
            ..FontOptions::default()
        }
    }
}

mod progress {
    //! A progress bar for long runs: drawn on standard error only when it is a terminal, and
    //! only once a run has taken a second, so short runs and scripts see nothing.

    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    /// How long a run goes before its bar is shown.
    const SHOW_AFTER: Duration = Duration::from_secs(1);

    pub struct Progress {
        bar: ProgressBar,
        started: Instant,
        shown: Mutex<bool>,
    }

    impl Progress {
        pub fn new(what: &str) -> Progress {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template(&format!(
                    "{what} {{bar:40}} {{pos}}/{{len}} 份 {{elapsed}}，约剩 {{eta}}"
                ))
                .expect("a valid template"),
            );
            Progress {
                bar,
                started: Instant::now(),
                shown: Mutex::new(false),
            }
        }

        /// `done` of `all` copies written.
        pub fn set(&self, done: u32, all: u32) {
            self.bar.set_length(u64::from(all));
            self.bar.set_position(u64::from(done));
            let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
            if !*shown && self.started.elapsed() >= SHOW_AFTER {
                *shown = true;
                // `stderr()` draws nothing where standard error is not a terminal.
                self.bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }

        pub fn finish(&self) {
            self.bar.finish_and_clear();
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("错误：{}\n\n用法见 workreport --help", usage_error(&e));
            return ExitCode::from(2);
        }
    };
    std::panic::set_hook(Box::new(last_resort));
    // Nothing the command touched is used after a panic: the hook ends the process.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli.command))) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(code)) => code,
        // The hook has said what happened.
        Err(_) => ExitCode::from(INTERNAL_ERROR),
    }
}

/// The exit status of an internal error (a panic: a bug of the program, not the clerk's).
const INTERNAL_ERROR: u8 = 4;

/// The last line of defence: a panic that no guard turned into an error is a bug. Say so in
/// Chinese, with what was being done, instead of a Rust backtrace, and stop with status 4
/// (outputs are written as one set, so a stop here never leaves half of one).
fn last_resort(info: &std::panic::PanicHookInfo) {
    if guard::is_caught() {
        return; // a third-party decoder's panic, turned into an error where it was caught
    }
    let what = guard::panic_message(info.payload());
    let place = info
        .location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default();
    eprintln!(
        "{}",
        guard::internal_error_message(&guard::activity(), &what, &place)
    );
    let _ = std::io::Write::flush(&mut std::io::stderr());
    std::process::exit(i32::from(INTERNAL_ERROR));
}

/// clap's usage errors, said in Chinese.
fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    match e.kind() {
        ErrorKind::UnknownArgument => format!("不认识的选项或参数“{arg}”"),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::InvalidSubcommand => format!(
            "不认识的命令“{}”，可用的命令：build、print、check、stats、init、import、fonts",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令，可用的命令：build、print、check、stats、init、import、fonts".to_string()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = context(ContextKind::InvalidValue);
            // Our own value parsers already explain in Chinese; clap's part is the source.
            let why = std::error::Error::source(e)
                .map(|s| format!("：{s}"))
                .unwrap_or_default();
            format!("{arg} 的值“{value}”无效{why}")
        }
        ErrorKind::ArgumentConflict => format!("选项 {arg} 不能与其他选项同时使用"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 给出的值个数不对")
        }
        _ => e.to_string(),
    }
}

/// Prints findings for people, on standard error: every one, then how many.
fn report(findings: &Diagnostics) {
    if !findings.is_empty() {
        eprint!("{}", findings.to_human());
    }
}

/// Prints the findings of bad input and gives exit status 1.
fn refuse(findings: impl Into<Diagnostics>) -> ExitCode {
    report(&findings.into());
    ExitCode::from(1)
}

/// Prints why a build failed and gives its exit status: 1 for bad input, 3 for an output that
/// could not be written.
fn build_failed(e: BuildError) -> ExitCode {
    match e {
        BuildError::Invalid(findings) => refuse(findings),
        BuildError::Output(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(3)
        }
    }
}

fn run(command: Command) -> Result<(), ExitCode> {
    match command {
        Command::Build(args) => {
            guard::set_activity(format!("生成 {} 的报告", args.input.display()));
            let opts = BuildOptions {
                kind: args.compose.kind,
                formats: if args.formats.is_empty() {
                    build::default_formats(&args.input)
                } else {
                    args.formats
                },
                out_dir: args.out.dir_for(&args.input),
                templates: args.compose.templates,
                fonts: args.fonts.options(),
                marks: args.marks.marks(),
            };
            let policy = args.out.policy();
            let (written, warnings, skipped) = if args.draft {
                build::build_draft(&args.input, &opts, &policy).map_err(build_failed)?
            } else {
                let (written, warnings) =
                    build::build(&args.input, &opts, &policy).map_err(build_failed)?;
                (written, warnings, Diagnostics::new())
            };
            report(&warnings);
            if !skipped.is_empty() {
                eprintln!(
                    "草稿：跳过了 {} 个问题照样生成（workreport check {} 可逐一列出）",
                    skipped.len(),
                    args.input.display()
                );
            }
            for path in written {
                println!("已写出 {}", path.display());
            }
            Ok(())
        }
        Command::Print(args) => print(args),
        Command::Check(args) => {
            guard::set_activity(format!("检查 {}", args.facts.display()));
            let options = check::CheckOptions {
                kind: args.compose.kind,
                templates: args.compose.templates.clone(),
                fonts: Some(args.fonts.options()),
            };
            let findings = check::run(&args.facts, &options);
            match args.format {
                FindingsFormat::Json => println!("{}", findings.to_json()),
                FindingsFormat::Text => {
                    report(&findings);
                    if !findings.has_errors() {
                        match findings.len() {
                            0 => println!("{}：未发现问题", args.facts.display()),
                            n => println!("{}：未发现错误，有 {n} 个警告", args.facts.display()),
                        }
                    }
                }
            }
            if let Some(out) = &args.fix {
                match check::fix::write_fixed(&args.facts, out, args.force, &findings) {
                    Ok(n) => eprintln!("已改正 {n} 处，写出 {}（输入文件未改动）", out.display()),
                    Err(e @ check::fix::FixError::Write(_)) => {
                        eprintln!("错误：{e}");
                        return Err(ExitCode::from(3));
                    }
                    Err(e) => {
                        eprintln!("错误：{e}");
                        return Err(ExitCode::from(1));
                    }
                }
            }
            let fails = findings.has_errors() || (args.deny_warnings && !findings.is_empty());
            if fails {
                Err(ExitCode::from(1))
            } else {
                Ok(())
            }
        }
        Command::Stats {
            facts,
            period,
            json,
        } => {
            guard::set_activity(format!("统计 {}", facts.display()));
            let loaded = check::load(&facts).map_err(refuse)?;
            report(&loaded.warnings);
            let figures = figures::compute(&loaded.facts, period);
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&figures).expect("figures serialise")
                );
            } else {
                print!("{}", figures.table());
            }
            Ok(())
        }
        Command::Init { path } => init(&path),
        Command::Import(args) => {
            let out = args.out.unwrap_or_else(|| args.input.with_extension("md"));
            match workreport::import::import_file(&args.input, &out, args.force) {
                Ok(notes) => {
                    for note in notes {
                        eprintln!("{note}");
                    }
                    println!(
                        "已写出 {}，核对后运行：workreport build {}",
                        out.display(),
                        out.display()
                    );
                    Ok(())
                }
                Err(e @ workreport::import::ImportError::Write(_)) => {
                    eprintln!("错误：{e}");
                    Err(ExitCode::from(3))
                }
                Err(e) => {
                    eprintln!("错误：{e}");
                    Err(ExitCode::from(1))
                }
            }
        }
        Command::Fonts(args) => {
            guard::set_activity("查找字体");
            let fonts =
                FontSet::discover(&args.options()).map_err(|e| refuse(Diagnostic::from(e)))?;
            print!("{}", fonts.report());
            Ok(())
        }
    }
}

/// `workreport print`: the run and its register written as one set, with a progress bar on a
/// terminal for a run that takes more than a second; then, with `--send`, the run handed to the
/// printer.
fn print(args: PrintArgs) -> Result<(), ExitCode> {
    // A run the arguments alone make impossible is a usage error, found before any work.
    if args.compose.kind == Selection::All {
        eprintln!(
            "错误：印制一次只能印一种文种，请用 --kind 指定其中一种：{}\n\n用法见 workreport print --help",
            kinds::names_for_people()
        );
        return Err(ExitCode::from(2));
    }
    if let Some(copies) = args.copies {
        let numbering = press::Numbering {
            first: args.first,
            copies,
        };
        if let Err(e) = numbering.check() {
            eprintln!("错误：{e}\n\n用法见 workreport print --help");
            return Err(ExitCode::from(2));
        }
    }
    let opts = BuildOptions {
        kind: args.compose.kind,
        formats: vec![Format::Pdf],
        out_dir: args.out.dir_for(&args.input),
        templates: args.compose.templates,
        fonts: args.fonts.options(),
        marks: args.marks.marks(),
    };
    let print = PrintOptions {
        copies: args.copies,
        first: args.first,
        booklet: args.booklet,
    };
    let bar = progress::Progress::new("印制");
    guard::set_activity(format!("印制 {} 的报告", args.input.display()));
    let policy = args.out.policy();
    let progress = |done, all| bar.set(done, all);
    let printed =
        build::print(&args.input, &opts, &print, &policy, &progress).map_err(build_failed);
    bar.finish();
    let printed = printed?;
    report(&printed.warnings);
    let n = printed.numbering;
    println!(
        "已写出 {}（{} 份，份号 {} 至 {}，共 {} 页）",
        printed.run.display(),
        n.copies,
        press::copy_number_text(n.first),
        press::copy_number_text(n.last() as u32),
        printed.pages
    );
    for path in &printed.files[1..] {
        println!("已写出 {}", path.display());
    }
    let Some(printer) = args.send else {
        return Ok(());
    };
    let printer = Some(printer.as_str()).filter(|p| !p.trim().is_empty());
    match send::send(&printed.run, printer, printed.duplex) {
        Ok(job) => {
            println!(
                "已交给打印机{}{}",
                printer.map(|p| format!(" {p}")).unwrap_or_default(),
                if job.is_empty() {
                    String::new()
                } else {
                    format!("：{job}")
                }
            );
            Ok(())
        }
        Err(e @ send::SendError::NoLp) => {
            eprintln!("{e}。{}", send::how_to_print(&printed.run, printed.duplex));
            Ok(())
        }
        Err(e) => {
            eprintln!(
                "错误：{e}。文件已写出，{}",
                send::how_to_print(&printed.run, printed.duplex)
            );
            Err(ExitCode::from(3))
        }
    }
}

fn init(path: &Path) -> Result<(), ExitCode> {
    if path.exists() {
        eprintln!(
            "错误：{} 已存在，不会覆盖；请换一个路径，或先移走原文件",
            path.display()
        );
        return Err(ExitCode::from(1));
    }
    output::write_atomically(path, compose::starter_facts().as_bytes()).map_err(|e| {
        eprintln!("错误：{e}");
        ExitCode::from(3)
    })?;
    println!(
        "已写出 {}，按注释填写后运行：workreport build {}",
        path.display(),
        path.display()
    );
    Ok(())
}
