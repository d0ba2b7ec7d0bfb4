//! The free faces shipped inside the program (fonts/README.md says which and why).
//!
//! They are stored packed with zstd (fonts/pack.rs, at build time) and unpacked once per machine
//! into the user's cache folder, named by the fonts' contents; every later run maps the files
//! from there, so it reads only the pages it uses, as it did when the fonts were plain statics.
//! This keeps the Windows executable under 40 MB. Where no cache folder can be written, a run
//! unpacks into memory instead and works the same, only slower.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One shipped font file as compiled in.
struct Packed {
    /// File name under fonts/.
    name: &'static str,
    /// Unpacked size in bytes.
    len: usize,
    /// One zstd frame.
    data: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/shipped_fonts.rs"));

/// A font's bytes, once unpacked.
enum Unpacked {
    Mapped(memmap2::Mmap),
    Memory(Box<[u8]>),
}

impl Unpacked {
    fn bytes(&self) -> &[u8] {
        match self {
            Unpacked::Mapped(m) => m,
            Unpacked::Memory(b) => b,
        }
    }
}

static UNPACKED: [OnceLock<Unpacked>; PACKED.len()] = [const { OnceLock::new() }; PACKED.len()];

/// The bytes of the shipped font file `name` (a file name under fonts/), unpacked on first use.
pub(super) fn bytes(name: &str) -> &'static [u8] {
    let i = PACKED
        .iter()
        .position(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is not a shipped font"));
    UNPACKED[i]
        .get_or_init(|| unpack(&PACKED[i], cache_dir().as_deref()))
        .bytes()
}

/// The folder the fonts of this build are unpacked into: `%LOCALAPPDATA%\workreport` on Windows,
/// `$XDG_CACHE_HOME/workreport` or `~/.cache/workreport` elsewhere, one subfolder per content.
fn cache_dir() -> Option<PathBuf> {
    let env_dir = |name| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = if cfg!(windows) {
        env_dir("LOCALAPPDATA")
    } else {
        env_dir("XDG_CACHE_HOME").or_else(|| env_dir("HOME").map(|h| h.join(".cache")))
    }?;
    Some(
        base.join("workreport")
            .join(format!("fonts-{CONTENT_HASH}")),
    )
}

/// Maps the font from `dir` if it is there whole, else unpacks it there (or into memory).
fn unpack(font: &Packed, dir: Option<&Path>) -> Unpacked {
    if let Some(mapped) = dir.and_then(|d| map_whole(&d.join(font.name), font.len)) {
        return Unpacked::Mapped(mapped);
    }
    let raw = decompress(font);
    match dir.and_then(|d| store(d, font, &raw)) {
        Some(mapped) => Unpacked::Mapped(mapped),
        None => Unpacked::Memory(raw),
    }
}

fn decompress(font: &Packed) -> Box<[u8]> {
    let mut raw = Vec::with_capacity(font.len);
    ruzstd::decoding::FrameDecoder::new()
        .decode_all_to_vec(font.data, &mut raw)
        .unwrap_or_else(|e| panic!("shipped font {} does not unpack: {e}", font.name));
    assert_eq!(
        raw.len(),
        font.len,
        "shipped font {} unpacked short",
        font.name
    );
    raw.into_boxed_slice()
}

/// Writes the unpacked font beside its final name and renames it into place, so a file under
/// the final name is always whole, then maps it.
fn store(dir: &Path, font: &Packed, raw: &[u8]) -> Option<memmap2::Mmap> {
    std::fs::create_dir_all(dir).ok()?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".unpacking-")
        .tempfile_in(dir)
        .ok()?;
    tmp.write_all(raw).ok()?;
    let path = dir.join(font.name);
    // On Windows the rename fails while another run has the old file mapped; that file is
    // whole unless damaged, and a damaged one is left to memory until no run holds it.
    let _ = tmp.persist(&path);
    map_whole(&path, font.len)
}

/// Maps a file when it has the expected length (files are only ever renamed into place whole).
fn map_whole(path: &Path, len: usize) -> Option<memmap2::Mmap> {
    let file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() != len as u64 {
        return None;
    }
    // SAFETY: the file is this program's own cache, written once under a temporary name and
    // renamed into place whole, and never written again; like every reader of mapped fonts
    // (fontdb maps the system's), it relies on no other program truncating the file meanwhile.
    unsafe { memmap2::Mmap::map(&file) }.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_font(name: &str) -> Vec<u8> {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fonts")
                .join(name),
        )
        .unwrap()
    }

    #[test]
    fn every_packed_font_unpacks_to_the_file_in_the_repository() {
        assert_eq!(PACKED.len(), 11);
        for font in PACKED {
            assert_eq!(&*decompress(font), repo_font(font.name), "{}", font.name);
            assert!(font.data.len() < font.len, "{} is stored packed", font.name);
            assert_eq!(bytes(font.name), repo_font(font.name), "{}", font.name);
        }
    }

    #[test]
    fn a_font_is_unpacked_once_then_mapped_from_the_cache_folder() {
        let dir = tempfile::tempdir().unwrap();
        let font = &PACKED[0];
        let first = unpack(font, Some(dir.path()));
        assert!(matches!(first, Unpacked::Mapped(_)));
        let path = dir.path().join(font.name);
        let written = std::fs::metadata(&path).unwrap().modified().unwrap();
        let second = unpack(font, Some(dir.path()));
        assert!(matches!(second, Unpacked::Mapped(_)));
        assert_eq!(second.bytes(), repo_font(font.name));
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            written
        );
        // Only the font itself: no temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from(font.name)]);
    }

    #[test]
    fn a_damaged_cached_font_is_unpacked_again() {
        let dir = tempfile::tempdir().unwrap();
        let font = &PACKED[0];
        let path = dir.path().join(font.name);
        std::fs::write(&path, &repo_font(font.name)[..100]).unwrap();
        let unpacked = unpack(font, Some(dir.path()));
        drop(unpacked);
        assert_eq!(std::fs::read(&path).unwrap(), repo_font(font.name));
    }

    #[test]
    fn without_a_writable_cache_folder_the_font_is_unpacked_into_memory() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the folder should be: nothing can be created under it.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, b"").unwrap();
        let font = &PACKED[0];
        let unpacked = unpack(font, Some(&blocked.join("fonts")));
        assert!(matches!(unpacked, Unpacked::Memory(_)));
        assert_eq!(unpacked.bytes(), repo_font(font.name));
        assert_eq!(unpack(font, None).bytes(), repo_font(font.name));
    }
}
