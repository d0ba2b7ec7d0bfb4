//! Reading a clerk's input files: the facts file, a report's Markdown, a template, a font, a
//! Word report to import.
//!
//! Every input goes through [`read`], which reads only regular files (a FIFO would wait for a
//! writer for ever, `/dev/zero` never ends) and no more than a cap well above any real file of
//! its kind, so no input makes the program hang or exhaust memory before it can say what is
//! wrong. Each refusal is a [`Diagnostic`] about the file, in Chinese, naming the limit.
//!
//! Text inputs are then decoded by [`SourceFile::read`](crate::diag::SourceFile::read), which
//! reads through here.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::diag::{code, io_reason, Code, Diagnostic};

/// What an input file is, which sets its size cap and how it is named in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A facts file (YAML).
    Facts,
    /// A report's Markdown.
    Report,
    /// A template (tera).
    Template,
    /// A font file (TrueType/OpenType, a collection).
    Font,
    /// A report written in Word or WPS (.docx), for `workreport import`.
    Docx,
}

/// The cap on a text input: a year's facts file or a report is some tens of kilobytes.
pub const TEXT_LIMIT: u64 = 64 * 1024 * 1024;
/// The cap on a font file: the largest CJK collections are about 100 MB.
pub const FONT_LIMIT: u64 = 256 * 1024 * 1024;
/// The cap on a Word report: its text is small, but pasted photographs can make it large.
pub const DOCX_LIMIT: u64 = 256 * 1024 * 1024;

impl InputKind {
    /// The most bytes an input of this kind may have.
    pub fn limit(self) -> u64 {
        match self {
            InputKind::Font => FONT_LIMIT,
            InputKind::Docx => DOCX_LIMIT,
            _ => TEXT_LIMIT,
        }
    }

    /// 事实文件, 字体文件 …
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Facts => "事实文件",
            InputKind::Report => "报告文件",
            InputKind::Template => "模板文件",
            InputKind::Font => "字体文件",
            InputKind::Docx => "Word 文件",
        }
    }

    /// The code of a file of this kind that cannot be read: a font's is the font stage's.
    fn unreadable(self) -> Code {
        match self {
            InputKind::Font => code::FONT_UNREADABLE,
            _ => code::INPUT_UNREADABLE,
        }
    }
}

/// The refusal of a file that is over its kind's cap.
fn too_large(kind: InputKind, path: &Path) -> Box<Diagnostic> {
    let name = kind.name();
    Box::new(
        Diagnostic::error(
            code::INPUT_TOO_LARGE,
            format!(
                "{name}太大（超过 {} MB 的上限），不像是{name}",
                kind.limit() / (1024 * 1024)
            ),
        )
        .in_file(path.display().to_string())
        .with_help("请检查是否选错了文件"),
    )
}

/// Reads the input file at `path`: a regular file (a symbolic link to one is fine) of at most
/// `kind.limit()` bytes. The refusal is boxed, as a diagnostic is large and rare.
pub fn read(path: &Path, kind: InputKind) -> Result<Vec<u8>, Box<Diagnostic>> {
    let io = |e: std::io::Error| {
        Box::new(
            Diagnostic::error(
                kind.unreadable(),
                format!("无法读取{}：{}", kind.name(), io_reason(&e)),
            )
            .in_file(path.display().to_string()),
        )
    };
    // Refuse what is not a regular file before opening it: opening a FIFO for reading waits
    // for a writer, a device never ends. The open handle is checked again, in case the name
    // was changed in between.
    let meta = std::fs::metadata(path).map_err(io)?;
    regular(&meta, kind, path)?;
    let file = File::open(path).map_err(io)?;
    regular(&file.metadata().map_err(io)?, kind, path)?;
    let limit = kind.limit();
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    // Read one byte past the cap, so a file that grew after the check is still refused.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(kind, path));
    }
    Ok(bytes)
}

/// Refuses anything but a regular file within the cap.
fn regular(meta: &Metadata, kind: InputKind, path: &Path) -> Result<(), Box<Diagnostic>> {
    let what = if meta.is_file() {
        if meta.len() > kind.limit() {
            return Err(too_large(kind, path));
        }
        return Ok(());
    } else if meta.is_dir() {
        "是文件夹"
    } else {
        special_kind(meta)
    };
    Err(Box::new(
        Diagnostic::error(
            code::INPUT_NOT_A_FILE,
            format!("不是普通文件（{what}），应为保存在磁盘上的{}", kind.name()),
        )
        .in_file(path.display().to_string()),
    ))
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "是命名管道"
    } else if t.is_char_device() || t.is_block_device() {
        "是设备"
    } else if t.is_socket() {
        "是套接字"
    } else {
        "是特殊文件"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &Metadata) -> &'static str {
    "是特殊文件"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, "年度: 2024\n").unwrap();
        assert_eq!(
            read(&path, InputKind::Facts).unwrap(),
            "年度: 2024\n".as_bytes()
        );
    }

    #[test]
    fn a_folder_or_a_missing_file_is_refused_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), InputKind::Facts).unwrap_err();
        assert!(
            err.to_string().contains("不是普通文件（是文件夹）"),
            "{err}"
        );
        let err = read(&dir.path().join("none.yaml"), InputKind::Facts).unwrap_err();
        assert!(err.to_string().contains("文件不存在"), "{err}");
        assert!(err.to_string().contains("none.yaml"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let err = read(Path::new("/dev/zero"), InputKind::Facts).unwrap_err();
        assert!(err.to_string().contains("是设备"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.yaml");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
        let err = read(&fifo, InputKind::Facts).unwrap_err();
        assert!(err.to_string().contains("命名管道"), "{err}");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        let file = File::create(&path).unwrap();
        // Sparse: the size is there without writing 64 MB.
        file.set_len(TEXT_LIMIT + 1).unwrap();
        let err = read(&path, InputKind::Report).unwrap_err();
        assert_eq!(err.code, code::INPUT_TOO_LARGE);
        assert!(err.to_string().contains("64 MB"), "{err}");
        assert!(
            err.to_string()
                .starts_with(&format!("{}: ", path.display())),
            "{err}"
        );
    }
}
