//! An output that another program holds open. On Windows, Word, WPS and PDF readers keep the file
//! they show open, and an open file cannot be replaced; the clerk is told which file to close.
//! (Elsewhere an open file can always be replaced.)

use std::path::Path;

use super::OutputError;

/// What the clerk reads when `path` cannot be replaced because a program has it open.
pub(super) const CLOSE_IT: &str = "该文件正在 Word/WPS 或 PDF 阅读器中打开，无法替换。\
请先在 Word/WPS 或 PDF 阅读器中关闭这个文件，再重新运行；本次没有替换任何文件";

/// Refuses before anything is replaced when `path` is open in another program, so that no file
/// of the set is replaced.
pub(super) fn refuse_if_open(path: &Path) -> Result<(), OutputError> {
    if held_open(path) {
        return Err(in_use(path));
    }
    Ok(())
}

/// The error for a failed rename into or out of `path`: said as "close it" when a program holds
/// the file (opened between the check and the rename).
pub(super) fn rename_error(path: &Path, source: std::io::Error) -> OutputError {
    if held_open(path) {
        return in_use(path);
    }
    OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn in_use(path: &Path) -> OutputError {
    OutputError::InUse {
        path: path.to_path_buf(),
    }
}

/// Whether another program has `path` open. Windows cannot replace an open file (the rename
/// fails with "access denied", whatever the holder shares), and asking for the file with no
/// sharing at all fails with a sharing violation exactly while anyone else has it open.
#[cfg(windows)]
fn held_open(path: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(path)
    {
        Ok(_) => false,
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
        Err(e) => matches!(e.raw_os_error(), Some(32 | 33)),
    }
}

#[cfg(not(windows))]
fn held_open(_path: &Path) -> bool {
    false
}
