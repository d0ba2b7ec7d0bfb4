//! Writing a build's outputs as one set: every file of a build is replaced, or none is.
//!
//! A build's files (the .md, .docx and .pdf of every report it makes) or a print run's (the
//! run's PDF and its copy register) are written into the output folder by [`write_set`], in steps that a failure or a `kill -9` at any point cannot turn into a mixed
//! set, and that never write over a file the program did not write itself:
//!
//! 1. The folder's lock file `.workreport.lock` is locked (an advisory lock; a second build into
//!    the same folder waits for the first, naming its pid, then gives up after a while). The
//!    folder's manifest `.workreport` lists the name, size and CRC-32 of every file the program
//!    wrote there, which tells the program's own files from the clerk's (a file the clerk
//!    changed is the clerk's).
//! 2. A journal left by a build that was killed is finished (or undone, see below), and stale
//!    `.workreport-*.tmp` files are removed.
//! 3. Refusals, before anything is written: a target that is one of the build's inputs (same
//!    file, through a symbolic or a hard link too), or an existing file the manifest does not
//!    know as the program's own (the clerk's, or one the clerk changed) unless `--force`.
//! 4. Every file is staged complete and synced as a `.workreport-*.tmp` beside its target: given
//!    as bytes, or streamed into its staged file by a writer (a print run of thousands of copies
//!    is never held in memory whole), its size and checksum taken as it is written.
//! 5. The journal `.workreport-journal` is written (synced, renamed into place): from here the
//!    set is committed, and a killed build is finished by the next one.
//! 6. Each existing target is moved aside and its staged file renamed into place
//!    ([`rename_into_place`], the one place a file is renamed). A target another program holds
//!    open (on Windows, a report open in Word/WPS or a PDF reader cannot be replaced) is refused
//!    before the first file is staged, naming it ([`in_use`]); if a rename fails all the same,
//!    the renamed ones are put back and the previous files restored.
//! 7. The manifest is replaced (a temporary file renamed), the previous files and the journal
//!    removed.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::diag::{code, Diagnostic};

mod in_use;

/// The folder's manifest: what the program wrote there.
pub const MANIFEST_FILE: &str = ".workreport";
/// The folder's lock, naming the pid of the build holding it.
pub const LOCK_FILE: &str = ".workreport.lock";

/// Whether a file name is one of the files the program keeps in an output folder for itself
/// (the manifest and the lock), as opposed to an output or a leftover.
pub fn is_bookkeeping(name: &str) -> bool {
    name == MANIFEST_FILE || name == LOCK_FILE
}
/// The journal of a set being committed.
pub const JOURNAL_FILE: &str = ".workreport-journal";
/// Staged and set-aside files are named `.workreport-*.tmp`.
const TEMP_PREFIX: &str = ".workreport-";
const TEMP_SUFFIX: &str = ".tmp";

/// Why outputs were not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The machine failed us (a full disk, a folder without write permission).
    #[error("无法写入 {path}：{source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A target is one of the build's inputs.
    #[error(
        "不能写出 {path}：它就是本次读入的文件 {input}，输入文件从不改写；未写出任何文件。请用 -o 另选输出目录，或用 --to 只生成其他格式"
    )]
    IsInput { path: PathBuf, input: PathBuf },
    /// A target exists and the program did not write it (or it was changed since).
    #[error(
        "{path} 已存在，且不是本程序写出的文件（或写出后被修改过），为免丢失其中的内容，不会覆盖；未写出任何文件。确认不再需要它后加 --force 重新生成，或用 -o 另选输出目录"
    )]
    NotOurs { path: PathBuf },
    /// A folder stands where an output goes.
    #[error(
        "{path} 是一个文件夹，不能写成文件；未写出任何文件。请把它改名或移走，或用 -o 另选输出目录"
    )]
    IsFolder { path: PathBuf },
    /// Another program holds a target open (Windows: a report open in Word/WPS or a PDF
    /// reader), so it cannot be replaced.
    #[error("无法写入 {path}：{}", in_use::CLOSE_IT)]
    InUse { path: PathBuf },
    /// Another build held the folder for longer than we wait.
    #[error(
        "输出目录 {dir} 正由另一个 workreport{}写入，等待 {waited} 秒后仍未结束，已放弃；未写出任何文件。请等它结束后重试，或用 --wait 延长等待时间",
        holder_text(*.pid)
    )]
    Busy {
        dir: PathBuf,
        pid: Option<u32>,
        waited: u64,
    },
    /// What a killed build left could not be understood.
    #[error("{path} 无法读取（{reason}），这是上次被中断的生成留下的记录；请检查输出目录中的文件后删除它，再重新生成")]
    Journal { path: PathBuf, reason: String },
}

/// “（进程 1234）” after “workreport”, or a space when the pid is not known.
pub fn holder_text(pid: Option<u32>) -> String {
    pid.map_or_else(|| " ".to_string(), |p| format!("（进程 {p}）"))
}

impl OutputError {
    /// A refusal the clerk decides on (exit status 1), as opposed to a failure of the machine.
    pub fn is_refusal(&self) -> bool {
        self.refusal().is_some()
    }

    /// The refusal as a finding about the file that would have been written over, with what
    /// to do instead; `None` for a failure of the machine.
    pub fn refusal(&self) -> Option<Diagnostic> {
        let (code, path, message, help) = match self {
            OutputError::IsInput { path, input } => (
                code::OUTPUT_IS_INPUT,
                path,
                format!(
                    "不能写出这个文件：它就是本次读入的文件 {}，输入文件从不改写；未写出任何文件",
                    input.display()
                ),
                "请用 -o 另选输出目录，或用 --to 只生成其他格式",
            ),
            OutputError::NotOurs { path } => (
                code::OUTPUT_NOT_OURS,
                path,
                "文件已存在，且不是本程序写出的文件（或写出后被修改过），为免丢失其中的内容，不会覆盖；未写出任何文件".to_string(),
                "确认不再需要它后加 --force 重新生成；或先把它改名、移走，或用 -o 另选输出目录",
            ),
            OutputError::IsFolder { path } => (
                code::OUTPUT_IS_FOLDER,
                path,
                "这是一个文件夹，不能写成文件；未写出任何文件".to_string(),
                "请把它改名或移走，或用 -o 另选输出目录",
            ),
            _ => return None,
        };
        Some(
            Diagnostic::error(code, message)
                .in_file(path.display().to_string())
                .with_help(help),
        )
    }

    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
        move |source| OutputError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What goes into one output file.
pub enum Contents<'a> {
    /// Bytes made already.
    Bytes(&'a [u8]),
    /// A writer that streams the file's bytes into what it is given.
    Streamed(&'a (dyn Fn(&mut dyn Write) -> std::io::Result<()> + 'a)),
}

/// One file of an output set: its name in the output folder and what it holds.
pub struct OutputFile<'a> {
    pub name: String,
    pub contents: Contents<'a>,
}

impl<'a> OutputFile<'a> {
    /// A file given as bytes.
    pub fn bytes(name: impl Into<String>, bytes: &'a [u8]) -> OutputFile<'a> {
        OutputFile {
            name: name.into(),
            contents: Contents::Bytes(bytes),
        }
    }
}

/// How a set is written: whether the clerk allowed overwriting files the program did not
/// write, and how long to wait for another build into the folder.
pub struct WritePolicy<'a> {
    /// Overwrite files the program did not write (`--force`).
    pub force: bool,
    /// How long to wait for another build into the same folder.
    pub wait: Duration,
    /// Called once when the folder is busy, with the other build's pid when known.
    pub on_wait: &'a dyn Fn(&Path, Option<u32>),
}

impl Default for WritePolicy<'_> {
    /// No overwriting of others' files, a minute's wait, silent.
    fn default() -> Self {
        WritePolicy {
            force: false,
            wait: Duration::from_secs(60),
            on_wait: &|_, _| {},
        }
    }
}

/// Writes `files` into `dir` as one set (see the module's steps), never over one of `inputs`
/// (the files the build read); returns the paths written, in the order of `files`.
pub fn write_set(
    dir: &Path,
    files: &[OutputFile],
    inputs: &[PathBuf],
    policy: &WritePolicy,
) -> Result<Vec<PathBuf>, OutputError> {
    // Refuse before anything is created, then again under the lock (the folder may change).
    // Before the lock, only a folder the program has never written into (no lock file: it is
    // created before any output) can be judged by its manifest, an empty one; in another,
    // a build may be halfway through updating it.
    let inputs = Identities::of(inputs);
    let force = policy.force || dir.join(LOCK_FILE).symlink_metadata().is_ok();
    refusals(dir, files, &inputs, &BTreeMap::new(), force)?;

    std::fs::create_dir_all(dir).map_err(OutputError::io(dir))?;
    let mut lock = DirLock::acquire(dir, policy.wait, policy.on_wait)?;
    recover_locked(dir, &mut lock)?;
    // A file open in Word/WPS or a PDF reader (Windows) is named before anything is staged,
    // so that none of the set is replaced; and before the manifest is compared, which reads
    // each file: a program that holds one without letting others read it would otherwise make
    // it look like the clerk's.
    for file in files {
        in_use::refuse_if_open(&dir.join(&file.name))?;
    }
    refusals(dir, files, &inputs, &lock.state.files, policy.force)?;

    let mut staged = Vec::with_capacity(files.len());
    let mut manifest = BTreeMap::new();
    let result = (|| {
        for file in files {
            let (tmp, written) = stage(dir, &file.contents)?;
            let name = &file.name;
            let target = dir.join(name);
            let backup = target
                .symlink_metadata()
                .is_ok()
                .then(|| set_aside_name(&tmp));
            staged.push(Entry {
                target: name.clone(),
                staged: file_name(&tmp),
                backup,
            });
            manifest.insert(name.clone(), written);
        }
        Ok(())
    })();
    let journal = Journal {
        state: JournalState::Commit,
        entries: staged,
        manifest,
    };
    if let Err(e) = result {
        discard_staged(dir, &journal);
        return Err(e);
    }
    if let Err(e) = write_journal(dir, &journal) {
        discard_staged(dir, &journal);
        return Err(e);
    }
    commit(dir, journal, &mut lock)?;
    Ok(files.iter().map(|file| dir.join(&file.name)).collect())
}

/// Finishes (or undoes) what a killed build left in `dir` and removes stale temporary files;
/// what [`write_set`] does first. Returns whether there was a journal to finish.
pub fn recover(dir: &Path) -> Result<bool, OutputError> {
    let mut lock = DirLock::acquire(dir, Duration::from_secs(60), &|_, _| {})?;
    recover_locked(dir, &mut lock)
}

/// The one place a file is renamed over another (each step of a commit, a rollback, a
/// recovery): a failure here, such as a file open in another program, is what rolls a set back.
/// The error names the file of the two that is not a temporary one (the output, the journal,
/// the manifest), said as "close it" when a program holds it open.
pub fn rename_into_place(from: &Path, to: &Path) -> Result<(), OutputError> {
    std::fs::rename(from, to).map_err(|e| {
        let named = if is_temp_name(&file_name(to)) {
            from
        } else {
            to
        };
        in_use::rename_error(named, e)
    })
}

/// What the program wrote into a folder: size and checksum of each file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct State {
    #[serde(default)]
    files: BTreeMap<String, Written>,
}

/// One file as the program wrote it: its size and CRC-32 (flate2's, as zip and gzip use),
/// enough to see that a file was changed or replaced since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Written {
    len: u64,
    crc32: u32,
}

impl Written {
    fn of(bytes: &[u8]) -> Written {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        Written {
            len: bytes.len() as u64,
            crc32: crc.sum(),
        }
    }

    /// Whether the file at `path` is still this one.
    fn matches(&self, path: &Path) -> bool {
        let Ok(meta) = path.symlink_metadata() else {
            return false;
        };
        if !meta.is_file() || meta.len() != self.len {
            return false;
        }
        std::fs::read(path).is_ok_and(|bytes| Written::of(&bytes) == *self)
    }
}

/// A writer that passes bytes on and takes their size and CRC-32 on the way, so that a streamed
/// file is recorded in the manifest without being read back.
struct Measured<W> {
    inner: W,
    crc: flate2::Crc,
    len: u64,
}

impl<W: Write> Write for Measured<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A set being committed, as the journal records it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Journal {
    state: JournalState,
    entries: Vec<Entry>,
    /// The manifest entries of the new files.
    manifest: BTreeMap<String, Written>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum JournalState {
    /// Every file is staged: finish by renaming them into place.
    Commit,
    /// A rename failed: undo by putting the previous files back.
    RollBack,
}

/// One file of a set: its name, its staged file, and where the previous file is set aside
/// (`None`: there was none).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    target: String,
    staged: String,
    backup: Option<String>,
}

/// The lock on a folder, held until dropped, with the folder's manifest read under it.
struct DirLock {
    file: File,
    path: PathBuf,
    state: State,
}

impl DirLock {
    fn acquire(
        dir: &Path,
        wait: Duration,
        on_wait: &dyn Fn(&Path, Option<u32>),
    ) -> Result<DirLock, OutputError> {
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(OutputError::io(&path))?;
        let started = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let pid = holder(dir);
                    if !told {
                        on_wait(dir, pid);
                        told = true;
                    }
                    if started.elapsed() >= wait {
                        return Err(OutputError::Busy {
                            dir: dir.to_path_buf(),
                            pid,
                            waited: wait.as_secs(),
                        });
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(OutputError::io(&path)(e)),
            }
        }
        // Who holds the folder, for a build that has to wait; a torn write of it only loses
        // the pid in that message.
        let pid = std::process::id().to_string();
        file.set_len(0)
            .and_then(|_| file.rewind())
            .and_then(|_| file.write_all(pid.as_bytes()))
            .map_err(OutputError::io(&path))?;
        let state = read_manifest(dir);
        Ok(DirLock { file, path, state })
    }

    /// Writes the manifest: a temporary file renamed over the old one, so a crash leaves the
    /// old manifest or the new one, never half of one.
    fn save(&mut self) -> Result<(), OutputError> {
        let json = serde_json::to_vec_pretty(&self.state).expect("the manifest serialises");
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let tmp = stage_bytes(dir, &json)?;
        let path = dir.join(MANIFEST_FILE);
        rename_into_place(&tmp, &path)
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// The pid of the build holding the folder, as it wrote it into the lock file.
fn holder(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join(LOCK_FILE))
        .ok()
        .and_then(|t| t.trim().parse().ok())
}

/// The folder's manifest. One that does not parse knows no files: the program then treats
/// every existing output as not its own, the safe side.
fn read_manifest(dir: &Path) -> State {
    std::fs::read_to_string(dir.join(MANIFEST_FILE))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Files identified as the system does (device and inode on Unix), so a link is seen through.
struct Identities(Vec<(FileId, PathBuf)>);

impl Identities {
    fn of(paths: &[PathBuf]) -> Identities {
        Identities(
            paths
                .iter()
                .filter_map(|p| Some((FileId::of(p, true)?, p.clone())))
                .collect(),
        )
    }

    /// The input that `path` is (itself, or through a link), if any.
    fn find(&self, path: &Path) -> Option<&Path> {
        let ids = [FileId::of(path, true), FileId::of(path, false)];
        self.0
            .iter()
            .find(|(id, _)| ids.iter().flatten().any(|t| t == id))
            .map(|(_, p)| p.as_path())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum FileId {
    #[cfg(unix)]
    Inode { dev: u64, ino: u64 },
    /// Where the system has no file ids at hand: the canonical path (a hard link is not seen).
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileId {
    fn of(path: &Path, follow: bool) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = if follow {
                path.metadata()
            } else {
                path.symlink_metadata()
            };
            meta.ok().map(|m| FileId::Inode {
                dev: m.dev(),
                ino: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = follow;
            std::fs::canonicalize(path).ok().map(FileId::Path)
        }
    }
}

/// The refusals of step 3.
fn refusals(
    dir: &Path,
    files: &[OutputFile],
    inputs: &Identities,
    manifest: &BTreeMap<String, Written>,
    force: bool,
) -> Result<(), OutputError> {
    for file in files {
        let path = dir.join(&file.name);
        if let Some(input) = inputs.find(&path) {
            return Err(OutputError::IsInput {
                path,
                input: input.to_path_buf(),
            });
        }
    }
    for file in files {
        let path = dir.join(&file.name);
        if path.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            return Err(OutputError::IsFolder { path });
        }
    }
    if force {
        return Ok(());
    }
    for file in files {
        let path = dir.join(&file.name);
        if path.symlink_metadata().is_err() {
            continue;
        }
        if !manifest.get(&file.name).is_some_and(|w| w.matches(&path)) {
            return Err(OutputError::NotOurs { path });
        }
    }
    Ok(())
}

/// A complete, synced temporary file in `dir` holding `bytes`, kept (not removed on drop).
fn stage_bytes(dir: &Path, bytes: &[u8]) -> Result<PathBuf, OutputError> {
    stage(dir, &Contents::Bytes(bytes)).map(|(path, _)| path)
}

/// A complete, synced temporary file in `dir` holding `contents`, kept (not removed on drop; a
/// failed one is removed), and its size and checksum.
fn stage(dir: &Path, contents: &Contents) -> Result<(PathBuf, Written), OutputError> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) by default; the report is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(OutputError::io(dir))?;
    let path = tmp.path().to_path_buf();
    let mut out = Measured {
        inner: std::io::BufWriter::new(tmp.as_file_mut()),
        crc: flate2::Crc::new(),
        len: 0,
    };
    match contents {
        Contents::Bytes(bytes) => out.write_all(bytes),
        Contents::Streamed(write) => write(&mut out),
    }
    .and_then(|_| out.flush())
    .map_err(OutputError::io(&path))?;
    let written = Written {
        len: out.len,
        crc32: out.crc.sum(),
    };
    drop(out);
    tmp.as_file().sync_all().map_err(OutputError::io(&path))?;
    let kept = tmp
        .into_temp_path()
        .keep()
        .map_err(|e| OutputError::io(&path)(e.error))?;
    Ok((kept, written))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Where the previous file of a target is set aside: named after its staged file.
fn set_aside_name(staged: &Path) -> String {
    let name = file_name(staged);
    let stem = name.strip_suffix(TEMP_SUFFIX).unwrap_or(&name);
    format!("{stem}-previous{TEMP_SUFFIX}")
}

/// Whether a file name is one of the program's temporary files.
fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

fn discard_staged(dir: &Path, journal: &Journal) {
    for e in &journal.entries {
        let _ = std::fs::remove_file(dir.join(&e.staged));
    }
}

/// Writes the journal durably: a temporary file, synced, renamed into place, the folder synced.
fn write_journal(dir: &Path, journal: &Journal) -> Result<(), OutputError> {
    let json = serde_json::to_vec_pretty(journal).expect("the journal serialises");
    let tmp = stage_bytes(dir, &json)?;
    let path = dir.join(JOURNAL_FILE);
    rename_into_place(&tmp, &path)?;
    sync_dir(dir);
    Ok(())
}

/// Makes the renames in a folder durable (Unix; elsewhere the file system does it).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Steps 6 and 7: renames the staged files into place; on a failure, undoes what was done.
fn commit(dir: &Path, mut journal: Journal, lock: &mut DirLock) -> Result<(), OutputError> {
    if let Err(e) = move_in(dir, &journal) {
        journal.state = JournalState::RollBack;
        // If the journal cannot be rewritten, the rollback below still runs; a crash during
        // it would then finish the commit instead, which is also one whole set.
        let _ = write_journal(dir, &journal);
        roll_back(dir, &journal);
        return Err(e);
    }
    finish(dir, &journal, lock)
}

/// Moves each previous file aside and each staged file into place, skipping what is done.
fn move_in(dir: &Path, journal: &Journal) -> Result<(), OutputError> {
    for e in &journal.entries {
        let staged = dir.join(&e.staged);
        let target = dir.join(&e.target);
        if staged.symlink_metadata().is_err() {
            continue; // moved in before a crash
        }
        if let Some(backup) = &e.backup {
            let backup = dir.join(backup);
            if target.symlink_metadata().is_ok() && backup.symlink_metadata().is_err() {
                rename_into_place(&target, &backup)?;
            }
        }
        rename_into_place(&staged, &target)?;
    }
    sync_dir(dir);
    Ok(())
}

/// Step 7: the manifest records the new files; the previous ones and the journal go.
fn finish(dir: &Path, journal: &Journal, lock: &mut DirLock) -> Result<(), OutputError> {
    lock.state.files.extend(journal.manifest.clone());
    // Forget files that are gone, so the manifest does not grow for ever.
    lock.state
        .files
        .retain(|name, _| dir.join(name).symlink_metadata().is_ok());
    lock.save()?;
    for e in &journal.entries {
        if let Some(backup) = &e.backup {
            let _ = std::fs::remove_file(dir.join(backup));
        }
    }
    let _ = std::fs::remove_file(dir.join(JOURNAL_FILE));
    sync_dir(dir);
    Ok(())
}

/// Puts every previous file back and removes every new one.
fn roll_back(dir: &Path, journal: &Journal) {
    for e in journal.entries.iter().rev() {
        let staged = dir.join(&e.staged);
        let target = dir.join(&e.target);
        let backup = e.backup.as_ref().map(|b| dir.join(b));
        let moved_in = staged.symlink_metadata().is_err();
        let _ = std::fs::remove_file(&staged);
        match backup.filter(|b| b.symlink_metadata().is_ok()) {
            Some(backup) => {
                let _ = rename_into_place(&backup, &target);
            }
            None if moved_in => {
                let _ = std::fs::remove_file(&target);
            }
            None => {}
        }
    }
    sync_dir(dir);
    let _ = std::fs::remove_file(dir.join(JOURNAL_FILE));
}

/// Step 2, under the lock.
fn recover_locked(dir: &Path, lock: &mut DirLock) -> Result<bool, OutputError> {
    let path = dir.join(JOURNAL_FILE);
    let found = match std::fs::read(&path) {
        Ok(bytes) => {
            let journal: Journal =
                serde_json::from_slice(&bytes).map_err(|e| OutputError::Journal {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
            match journal.state {
                JournalState::Commit => commit(dir, journal, lock)?,
                JournalState::RollBack => roll_back(dir, &journal),
            }
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(OutputError::io(&path)(e)),
    };
    // With the journal done, every temporary file left is stale (a build killed while it was
    // staging): no live build writes here without the lock.
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if is_temp_name(&entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(found)
}

/// Writes one file atomically (a temporary file beside it, renamed into place), for a file
/// that is not part of a build's set (`workreport init`).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(OutputError::io(dir))?;
    let tmp = stage_bytes(dir, bytes)?;
    rename_into_place(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn set<'a>(files: &[(&str, &'a [u8])]) -> Vec<OutputFile<'a>> {
        files
            .iter()
            .map(|(n, b)| OutputFile::bytes(*n, b))
            .collect()
    }

    #[test]
    fn replaces_the_set_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let policy = WritePolicy::default();
        write_set(
            &out,
            &set(&[("a.md", b"one"), ("a.pdf", b"1")]),
            &[],
            &policy,
        )
        .unwrap();
        write_set(
            &out,
            &set(&[("a.md", b"two"), ("a.pdf", b"2")]),
            &[],
            &policy,
        )
        .unwrap();
        assert_eq!(std::fs::read(out.join("a.md")).unwrap(), b"two");
        assert_eq!(std::fs::read(out.join("a.pdf")).unwrap(), b"2");
        assert_eq!(names(&out), [MANIFEST_FILE, LOCK_FILE, "a.md", "a.pdf"]);
    }

    #[test]
    fn a_file_the_program_did_not_write_is_not_overwritten_without_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "the clerk's").unwrap();
        let policy = WritePolicy::default();
        let force = WritePolicy {
            force: true,
            ..WritePolicy::default()
        };
        let err = write_set(dir.path(), &set(&[("a.md", b"new")]), &[], &policy).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs { .. }), "{err}");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(
            std::fs::read(dir.path().join("a.md")).unwrap(),
            b"the clerk's"
        );
        // Refused before anything was created: not even the lock file.
        assert_eq!(names(dir.path()), ["a.md"]);
        write_set(dir.path(), &set(&[("a.md", b"new")]), &[], &force).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"new");
        // Once written by the program, a later build replaces it; after the clerk edits it, not.
        write_set(dir.path(), &set(&[("a.md", b"newer")]), &[], &policy).unwrap();
        std::fs::write(dir.path().join("a.md"), "edited").unwrap();
        let err = write_set(dir.path(), &set(&[("a.md", b"newest")]), &[], &policy).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs { .. }), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn an_input_is_never_a_target_whatever_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("report.md");
        std::fs::write(&input, "the clerk's words").unwrap();
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::os::unix::fs::symlink(&input, other.join("link.md")).unwrap();
        std::fs::hard_link(&input, other.join("hard.md")).unwrap();
        let inputs = [input.clone()];
        let policy = WritePolicy {
            force: true,
            ..WritePolicy::default()
        };
        for (folder, name) in [
            (dir.path(), "report.md"),
            (other.as_path(), "link.md"),
            (other.as_path(), "hard.md"),
        ] {
            let err = write_set(folder, &set(&[(name, b"new")]), &inputs, &policy).unwrap_err();
            assert!(matches!(err, OutputError::IsInput { .. }), "{name}: {err}");
            assert!(err.to_string().contains("输入文件从不改写"), "{err}");
        }
        assert_eq!(std::fs::read(&input).unwrap(), b"the clerk's words");
    }

    /// Runs a commit step by step, "crashing" after each step count, then recovers: the set is
    /// always the old one or the new one, never a mix, and no temporary file is left.
    #[test]
    fn a_crash_at_any_step_of_a_commit_recovers_to_one_whole_set() {
        let old: [(&str, &[u8]); 3] = [
            ("r.md", b"old md"),
            ("r.docx", b"old docx"),
            ("r.pdf", b"old pdf"),
        ];
        let new: [(&str, &[u8]); 3] = [
            ("r.md", b"new md"),
            ("r.docx", b"new docx"),
            ("r.pdf", b"new pdf"),
        ];
        // Each entry of the set takes at most two renames; try every prefix of them.
        for steps in 0..=7 {
            let dir = tempfile::tempdir().unwrap();
            let policy = WritePolicy::default();
            write_set(dir.path(), &set(&old), &[], &policy).unwrap();
            // Stage and journal as write_set does, then do only `steps` renames.
            let mut entries = Vec::new();
            let mut manifest = BTreeMap::new();
            for (name, bytes) in new {
                let tmp = stage_bytes(dir.path(), bytes).unwrap();
                entries.push(Entry {
                    target: name.to_string(),
                    staged: file_name(&tmp),
                    backup: Some(set_aside_name(&tmp)),
                });
                manifest.insert(name.to_string(), Written::of(bytes));
            }
            let journal = Journal {
                state: JournalState::Commit,
                entries,
                manifest,
            };
            write_journal(dir.path(), &journal).unwrap();
            let mut done = 0;
            'renames: for e in &journal.entries {
                let target = dir.path().join(&e.target);
                for (from, to) in [
                    (target.clone(), dir.path().join(e.backup.as_ref().unwrap())),
                    (dir.path().join(&e.staged), target.clone()),
                ] {
                    if done == steps {
                        break 'renames;
                    }
                    rename_into_place(&from, &to).unwrap();
                    done += 1;
                }
            }
            assert!(recover(dir.path()).unwrap(), "a journal was left");
            let contents: Vec<Vec<u8>> = ["r.md", "r.docx", "r.pdf"]
                .iter()
                .map(|n| std::fs::read(dir.path().join(n)).unwrap())
                .collect();
            let expected: Vec<Vec<u8>> = new.iter().map(|(_, b)| b.to_vec()).collect();
            assert_eq!(contents, expected, "after {steps} renames");
            assert_eq!(
                names(dir.path()),
                [MANIFEST_FILE, LOCK_FILE, "r.docx", "r.md", "r.pdf"]
            );
            // The recovered set is known as the program's own.
            write_set(dir.path(), &set(&old), &[], &policy).unwrap();
        }
    }

    #[test]
    fn a_failed_rename_half_way_restores_the_previous_set() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let old: [(&str, &[u8]); 2] = [("a.md", b"old md"), ("a.docx", b"old docx")];
        write_set(d, &set(&old), &[], &WritePolicy::default()).unwrap();
        // Where a.pdf goes stands something that cannot be replaced (as a file open in Word
        // on Windows): a folder with a file in it. The last rename fails, after a.md and
        // a.docx are already replaced.
        std::fs::create_dir(d.join("a.pdf")).unwrap();
        std::fs::write(d.join("a.pdf/x"), "").unwrap();
        let mut lock = DirLock::acquire(d, Duration::ZERO, &|_, _| {}).unwrap();
        let mut entries = Vec::new();
        for (name, bytes) in [
            ("a.md", "new md"),
            ("a.docx", "new docx"),
            ("a.pdf", "new pdf"),
        ] {
            let staged = stage_bytes(d, bytes.as_bytes()).unwrap();
            let backup = (name != "a.pdf").then(|| set_aside_name(&staged));
            entries.push(Entry {
                target: name.to_string(),
                staged: file_name(&staged),
                backup,
            });
        }
        let journal = Journal {
            state: JournalState::Commit,
            entries,
            manifest: BTreeMap::new(),
        };
        write_journal(d, &journal).unwrap();
        let err = commit(d, journal, &mut lock).unwrap_err();
        assert!(matches!(err, OutputError::Io { .. }), "{err}");
        for (name, bytes) in old {
            assert_eq!(std::fs::read(d.join(name)).unwrap(), bytes, "{name}");
        }
        assert!(d.join("a.pdf/x").exists());
        assert_eq!(
            names(d),
            [MANIFEST_FILE, LOCK_FILE, "a.docx", "a.md", "a.pdf"]
        );
    }

    #[test]
    fn a_second_build_waits_for_the_first_then_gives_up_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let held = DirLock::acquire(dir.path(), Duration::ZERO, &|_, _| {}).unwrap();
        let told = std::cell::Cell::new(None);
        let on_wait = |_: &Path, pid: Option<u32>| told.set(Some(pid));
        let policy = WritePolicy {
            wait: Duration::from_millis(200),
            on_wait: &on_wait,
            ..WritePolicy::default()
        };
        let started = Instant::now();
        let err = write_set(dir.path(), &set(&[("a.md", b"x")]), &[], &policy).unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(200));
        assert!(matches!(err, OutputError::Busy { .. }), "{err}");
        let pid = std::process::id();
        assert_eq!(told.get(), Some(Some(pid)));
        assert!(err.to_string().contains(&format!("进程 {pid}")), "{err}");
        assert!(!dir.path().join("a.md").exists());
        drop(held);
        write_set(dir.path(), &set(&[("a.md", b"x")]), &[], &policy).unwrap();
    }

    /// A print run's PDF is streamed into its staged file: a writer that fails half way leaves
    /// the set as it was and no temporary file; one that succeeds is recorded in the manifest
    /// as the program's own, like a file given as bytes.
    #[test]
    fn a_streamed_file_is_staged_with_the_set_and_known_as_the_programs_own() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let policy = WritePolicy::default();
        write_set(d, &set(&[("run.csv", b"old")]), &[], &policy).unwrap();
        let fails = |w: &mut dyn Write| -> std::io::Result<()> {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        };
        let files = [
            OutputFile::bytes("run.csv", b"new"),
            OutputFile {
                name: "run.pdf".into(),
                contents: Contents::Streamed(&fails),
            },
        ];
        let err = write_set(d, &files, &[], &policy).unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(std::fs::read(d.join("run.csv")).unwrap(), b"old");
        assert_eq!(names(d), [MANIFEST_FILE, LOCK_FILE, "run.csv"]);

        let streams = |w: &mut dyn Write| {
            for copy in 0..1000 {
                write!(w, "copy {copy};")?;
            }
            Ok(())
        };
        let files = [
            OutputFile::bytes("run.csv", b"new"),
            OutputFile {
                name: "run.pdf".into(),
                contents: Contents::Streamed(&streams),
            },
        ];
        write_set(d, &files, &[], &policy).unwrap();
        let pdf = std::fs::read(d.join("run.pdf")).unwrap();
        assert!(pdf.starts_with(b"copy 0;copy 1;") && pdf.ends_with(b"copy 999;"));
        assert_eq!(read_manifest(d).files["run.pdf"], Written::of(&pdf));
        // Known as its own, the streamed file is replaced by the next run without --force.
        write_set(d, &files, &[], &policy).unwrap();
    }

    #[test]
    fn a_folder_where_an_output_goes_is_refused_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a.pdf")).unwrap();
        let force = WritePolicy {
            force: true,
            ..WritePolicy::default()
        };
        let err = write_set(
            dir.path(),
            &set(&[("a.md", b"x"), ("a.pdf", b"y")]),
            &[],
            &force,
        )
        .unwrap_err();
        assert!(matches!(err, OutputError::IsFolder { .. }), "{err}");
        assert!(err.is_refusal());
        assert_eq!(names(dir.path()), ["a.pdf"]);
    }

    #[test]
    fn stale_temporary_files_are_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".workreport-abc123.tmp"), "left by a kill").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "the clerk's").unwrap();
        write_set(
            dir.path(),
            &set(&[("a.md", b"x")]),
            &[],
            &WritePolicy::default(),
        )
        .unwrap();
        assert_eq!(
            names(dir.path()),
            [MANIFEST_FILE, LOCK_FILE, "a.md", "notes.txt"]
        );
    }
}
