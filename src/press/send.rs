//! Handing a finished run to the printer: CUPS `lp`, double-sided as the run needs (copies
//! flip on the long edge; booklets, A3 landscape sheets, on the short edge). Where `lp` is
//! missing (Windows, a machine without CUPS) the caller tells the clerk how to print the file.

use std::path::Path;
use std::process::Command;

/// How a double-sided sheet turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplex {
    /// Numbered copies on A4.
    LongEdge,
    /// Booklets on A3 landscape.
    ShortEdge,
}

/// Why a file was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("本机没有打印命令 lp（CUPS），没有直接送印")]
    NoLp,
    #[error("打印命令 lp 未能送印：{0}")]
    Failed(String),
}

/// The `lp` command that prints `file` on `printer` (the default printer when `None`).
pub fn lp_command(file: &Path, printer: Option<&str>, duplex: Duplex) -> Command {
    let mut lp = Command::new("lp");
    if let Some(printer) = printer {
        lp.args(["-d", printer]);
    }
    let (sides, media) = match duplex {
        Duplex::LongEdge => ("sides=two-sided-long-edge", "media=A4"),
        Duplex::ShortEdge => ("sides=two-sided-short-edge", "media=A3"),
    };
    // Printed at its size: a page scaled to the printer's margins would leave the grid.
    lp.args(["-o", sides, "-o", media, "-o", "fit-to-page=false", "--"]);
    lp.arg(file);
    lp
}

/// Sends `file` to `printer` with `lp`; returns what `lp` said (the job's id).
pub fn send(file: &Path, printer: Option<&str>, duplex: Duplex) -> Result<String, SendError> {
    let output = match lp_command(file, printer, duplex).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(SendError::NoLp),
        Err(e) => return Err(SendError::Failed(e.to_string())),
    };
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(SendError::Failed(if said.is_empty() {
            format!("退出状态 {}", output.status)
        } else {
            said
        }));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// How to print `file` by hand, for a clerk whose machine has no `lp`.
pub fn how_to_print(file: &Path, duplex: Duplex) -> String {
    let (paper, turn) = match duplex {
        Duplex::LongEdge => ("A4", "双面打印、沿长边翻转"),
        Duplex::ShortEdge => ("A3（横向）", "双面打印、沿短边翻转"),
    };
    format!(
        "请用 PDF 阅读器打开 {} 打印：纸张 {paper}，{turn}，按实际大小（不缩放、不适合页面）。",
        file.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lp_gets_the_printer_the_sides_and_the_paper() {
        let lp = lp_command(Path::new("/tmp/a.pdf"), Some("office"), Duplex::ShortEdge);
        let args: Vec<String> = lp
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(lp.get_program(), "lp");
        assert_eq!(
            args,
            [
                "-d",
                "office",
                "-o",
                "sides=two-sided-short-edge",
                "-o",
                "media=A3",
                "-o",
                "fit-to-page=false",
                "--",
                "/tmp/a.pdf"
            ]
        );
        let default = lp_command(Path::new("a.pdf"), None, Duplex::LongEdge);
        let args: Vec<_> = default.get_args().collect();
        assert_eq!(args[1], "sides=two-sided-long-edge");
    }
}
