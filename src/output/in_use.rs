//! An output that another program holds open. On Windows, Word, WPS and most PDF readers keep the
//! file they show open without letting others delete it, so it cannot be replaced; the clerk is
//! told which file to close. (Elsewhere an open file can always be replaced.)

use std::path::Path;

use super::OutputError;

/// What the clerk reads when `path` cannot be replaced because a program has it open.
const CLOSE_IT: &str = "该文件正在 Word/WPS 或 PDF 阅读器中打开，无法替换。\
请先在 Word/WPS 或 PDF 阅读器中关闭这个文件，再重新运行；本次没有替换任何文件";

/// Refuses before anything is replaced when `path` is open in a program that forbids deleting
/// it, so that no file of the set is replaced.
pub(super) fn refuse_if_open(path: &Path) -> Result<(), OutputError> {
    if held_open(path) {
        return Err(in_use(path));
    }
    Ok(())
}

/// The error for a failed rename into `path`: said as "close it" when a program holds the file.
pub(super) fn rename_error(path: &Path, source: std::io::Error) -> OutputError {
    if is_sharing_violation(&source) || held_open(path) {
        return in_use(path);
    }
    OutputError {
        path: path.to_path_buf(),
        source,
    }
}

fn in_use(path: &Path) -> OutputError {
    OutputError {
        path: path.to_path_buf(),
        source: std::io::Error::other(CLOSE_IT),
    }
}

/// ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION.
fn is_sharing_violation(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

/// Whether another program has `path` open without sharing delete access, which a rename over
/// it needs: asking for exactly that access fails with a sharing violation.
#[cfg(windows)]
fn held_open(path: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    const DELETE: u32 = 0x0001_0000;
    const SHARE_ALL: u32 = 0x1 | 0x2 | 0x4;
    match std::fs::OpenOptions::new()
        .access_mode(DELETE)
        .share_mode(SHARE_ALL)
        .open(path)
    {
        Ok(_) => false,
        Err(e) => is_sharing_violation(&e),
    }
}

#[cfg(not(windows))]
fn held_open(_path: &Path) -> bool {
    false
}
