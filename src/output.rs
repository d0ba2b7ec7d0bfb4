//! Writing outputs atomically: every file goes to a temporary file beside its target and is
//! renamed into place, so a failed or interrupted run never leaves half a file and never
//! clobbers a good output from an earlier run. A file is given as bytes, or as a writer that
//! streams it into its temporary file (a print run of thousands of copies is never held in
//! memory whole); either way the set is renamed into place only when every file is complete.

use std::io::Write;
use std::path::{Path, PathBuf};

mod in_use;

/// A file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("无法写入 {path}：{source}")]
pub struct OutputError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// What goes into one output file.
pub enum Contents<'a> {
    /// Bytes made already.
    Bytes(&'a [u8]),
    /// A writer that streams the file's bytes into what it is given.
    Streamed(&'a dyn Fn(&mut dyn Write) -> std::io::Result<()>),
}

/// One file of an output set: where it goes and what it holds.
pub struct OutputFile<'a> {
    pub path: PathBuf,
    pub contents: Contents<'a>,
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    write_all_atomically(&[(path.to_path_buf(), bytes)])
}

/// [`write_set`] of files given as bytes.
pub fn write_all_atomically(files: &[(PathBuf, &[u8])]) -> Result<(), OutputError> {
    let files: Vec<OutputFile> = files
        .iter()
        .map(|(path, bytes)| OutputFile {
            path: path.clone(),
            contents: Contents::Bytes(bytes),
        })
        .collect();
    write_set(&files)
}

/// Writes several files as one: every temporary file is written and synced first, and only
/// when all of them are complete are they renamed into place, so a failure (a full disk, a
/// folder without write permission, a writer that fails) leaves every earlier output as it was
/// and removes the temporary files.
pub fn write_set(files: &[OutputFile]) -> Result<(), OutputError> {
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        staged.push((&file.path, stage(&file.path, &file.contents)?));
    }
    for (path, _) in &staged {
        in_use::refuse_if_open(path)?;
    }
    for (path, tmp) in staged {
        tmp.persist(path)
            .map_err(|e| in_use::rename_error(path, e.error))?;
    }
    Ok(())
}

/// A complete temporary file beside `path`, not yet in place.
fn stage(path: &Path, contents: &Contents) -> Result<tempfile::NamedTempFile, OutputError> {
    let err = |source| OutputError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".workreport-").suffix(".tmp");
    // A temporary file is private (0600) by default; the report is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    match contents {
        Contents::Bytes(bytes) => tmp.write_all(bytes).map_err(err)?,
        Contents::Streamed(write) => write(tmp.as_file_mut()).map_err(err)?,
    }
    tmp.as_file().sync_all().map_err(err)?;
    Ok(tmp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out").join("a.md");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.md")]);
    }

    #[test]
    fn a_failing_writer_leaves_the_set_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.csv"));
        write_atomically(&b, b"old").unwrap();
        let fails = |w: &mut dyn Write| -> std::io::Result<()> {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        };
        let files = [
            OutputFile {
                path: b.clone(),
                contents: Contents::Bytes(b"new"),
            },
            OutputFile {
                path: a.clone(),
                contents: Contents::Streamed(&fails),
            },
        ];
        assert!(write_set(&files).is_err());
        assert_eq!(std::fs::read(&b).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.csv")]);
        let streams = |w: &mut dyn Write| w.write_all(b"streamed");
        let files = [OutputFile {
            path: a.clone(),
            contents: Contents::Streamed(&streams),
        }];
        write_set(&files).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"streamed");
    }
}
