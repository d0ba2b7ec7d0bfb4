//! Font discovery, loading and metrics for the PDF.
//!
//! A [`FontSet`] decides once per run which font file serves each of the five faces of a
//! government document ([`Face`]) and the Latin face beside them: a file the facts file names,
//! else the official face installed on the machine (on Windows: `%SystemRoot%\Fonts` and the
//! user's own font folder) or in `--font-dir`, found with fontdb, else a freely licensed face
//! shipped inside the program (`fonts/`, see `fonts/README.md`; packed, and unpacked once per
//! machine by [`shipped`]). Characters a face lacks fall back, one by one, to a shipped face that
//! has them ([`FontSet::resolve`]).
//!
//! Metrics (glyph ids, advances) come from ttf-parser over the loaded bytes, which reads only
//! the table directory up front (microseconds for a 7 MB face). The PDF writer cuts the used
//! glyphs out of the same bytes ([`FontFile::bytes`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{code, io_reason, Diagnostic};
use crate::style::{Face, LATIN_OFFICE_FACE};
use crate::text::is_western;

/// The shipped faces, packed inside the program and unpacked once per machine.
mod shipped;

/// What the caller (the CLI, from flags and the facts file) asks of font discovery.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Extra directory searched for the official faces (`--font-dir`).
    pub font_dir: Option<PathBuf>,
    /// A font file named for a face, which wins over everything else.
    pub overrides: BTreeMap<Face, PathBuf>,
    /// Print characters no font has as blanks (with a warning) instead of stopping.
    pub allow_missing_glyphs: bool,
}

/// Why the fonts could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("无法读取字体文件 {path}：{source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} 不是可用的 TrueType/OpenType 字体文件")]
    NotAFont { path: PathBuf },
    #[error("字体目录 {0} 不存在或不是目录")]
    FontDirMissing(PathBuf),
    #[error("字体 {name} 无法嵌入 PDF：{reason}")]
    Embed { name: String, reason: String },
}

/// The error as a diagnostic about the font file or folder.
impl From<FontError> for Diagnostic {
    fn from(e: FontError) -> Diagnostic {
        match &e {
            FontError::Read { path, source } => Diagnostic::error(
                code::FONT_UNREADABLE,
                format!("无法读取字体文件：{}", io_reason(source)),
            )
            .in_file(path.display().to_string()),
            FontError::NotAFont { path } => Diagnostic::error(
                code::FONT_NOT_A_FONT,
                "不是可用的 TrueType/OpenType 字体文件，应为 .ttf/.otf/.ttc 字体",
            )
            .in_file(path.display().to_string()),
            FontError::FontDirMissing(dir) => Diagnostic::error(
                code::FONT_DIR_MISSING,
                "字体目录不存在或不是目录，请检查 --font-dir 给出的路径",
            )
            .in_file(dir.display().to_string()),
            FontError::Embed { .. } => Diagnostic::error(code::FONT_NOT_EMBEDDABLE, e.to_string()),
        }
    }
}

/// Where a font file came from, for `workreport fonts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontOrigin {
    /// Named in the facts file.
    Override(PathBuf),
    /// Found in `--font-dir`.
    FontDir(PathBuf),
    /// Installed on this machine.
    Installed(PathBuf),
    /// Shipped inside the program (file name under fonts/).
    Shipped(&'static str),
}

/// Index of a font file in a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub usize);

#[derive(Clone)]
enum FontBytes {
    Static(&'static [u8]),
    Owned(Arc<[u8]>),
}

impl FontBytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            FontBytes::Static(b) => b,
            FontBytes::Owned(b) => b,
        }
    }
}

/// One loaded font face.
pub struct FontFile {
    /// Family name as the font states it.
    pub family: String,
    pub origin: FontOrigin,
    bytes: FontBytes,
    index: u32,
    units_per_em: f32,
}

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFile")
            .field("family", &self.family)
            .field("origin", &self.origin)
            .field("bytes", &self.bytes.as_slice().len())
            .finish()
    }
}

impl FontFile {
    fn load(bytes: FontBytes, index: u32, origin: FontOrigin) -> Option<FontFile> {
        let face = ttf_parser::Face::parse(bytes.as_slice(), index).ok()?;
        let family = family_name(&face).unwrap_or_else(|| "?".to_string());
        let units_per_em = face.units_per_em() as f32;
        Some(FontFile {
            family,
            origin,
            bytes,
            index,
            units_per_em,
        })
    }

    fn from_path(path: &Path, index: u32, origin: FontOrigin) -> Result<FontFile, FontError> {
        let data = std::fs::read(path).map_err(|source| FontError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        FontFile::load(FontBytes::Owned(data.into()), index, origin).ok_or_else(|| {
            FontError::NotAFont {
                path: path.to_path_buf(),
            }
        })
    }

    /// The font program's bytes.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// Face index inside a collection (0 for a plain font file).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// ttf-parser's view of the face (reading the table directory only: microseconds).
    pub fn face(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(self.bytes(), self.index).ok()
    }

    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }
}

fn family_name(face: &ttf_parser::Face) -> Option<String> {
    let names: Vec<_> = face.names().into_iter().collect();
    let pick = |id: u16| {
        names
            .iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    pick(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| pick(ttf_parser::name_id::FAMILY))
}

/// How a character of a given face is printed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub font: FontId,
    pub glyph_id: u16,
    /// Natural advance in em (1.0 for a full-width ideograph).
    pub advance_em: f32,
}

/// The variant of a face a piece of text asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FaceRequest {
    pub face: Face,
    /// Latin letters and digits in bold (bold text).
    pub latin_bold: bool,
    /// Digits and Latin letters stay in the Chinese face (page numbers: 宋体 half-width digits).
    pub own_digits: bool,
}

/// Which file serves a face, and why (for the report).
#[derive(Debug, Clone)]
struct Role {
    font: FontId,
    /// The shipped file of this role, when `font` is not it (the first fallback).
    shipped: FontId,
}

/// The fonts of one run: discovered once, shared by the PDF layout and writer.
#[derive(Debug)]
pub struct FontSet {
    files: Vec<FontFile>,
    roles: BTreeMap<Face, Role>,
    latin: [FontId; 2],
    latin_installed: bool,
    /// Shipped CJK faces tried, in order, for a character the requested face lacks.
    fallbacks: Vec<FontId>,
    /// Whether installed fonts were looked for (not for [`FontSet::shipped`]).
    scanned: bool,
    pub allow_missing_glyphs: bool,
}

/// Shipped files for each role and the fallback chain, in one table.
const SHIPPED_ROLES: [(Face, &str); 5] = [
    (Face::XiaoBiaoSong, "FandolSong-Bold.otf"),
    (Face::FangSong, "FandolFang-Regular.otf"),
    (Face::HeiTi, "FandolHei-Regular.otf"),
    (Face::KaiTi, "FandolKai-Regular.otf"),
    (Face::SongTi, "FandolSong-Regular-Marks.otf"),
];

impl FontSet {
    /// Finds the fonts: overrides, then installed official faces (system and `--font-dir`),
    /// then the shipped ones.
    pub fn discover(opts: &FontOptions) -> Result<FontSet, FontError> {
        let installed = InstalledFonts::scan(opts.font_dir.as_deref())?;
        FontSet::build(opts, Some(&installed))
    }

    /// Only the shipped faces (and overrides), ignoring what is installed: reproducible output
    /// for tests and benches.
    pub fn shipped(opts: &FontOptions) -> Result<FontSet, FontError> {
        FontSet::build(opts, None)
    }

    fn build(opts: &FontOptions, installed: Option<&InstalledFonts>) -> Result<FontSet, FontError> {
        let mut files = Vec::new();
        let add = |file: FontFile, files: &mut Vec<FontFile>| {
            files.push(file);
            FontId(files.len() - 1)
        };
        let mut shipped_ids = BTreeMap::new();
        for (face, name) in SHIPPED_ROLES {
            let file = FontFile::load(
                FontBytes::Static(shipped::bytes(name)),
                0,
                FontOrigin::Shipped(name),
            )
            .ok_or_else(|| FontError::NotAFont { path: name.into() })?;
            shipped_ids.insert(face, add(file, &mut files));
        }
        let shipped_file = |name: &'static str, files: &mut Vec<FontFile>| {
            FontFile::load(
                FontBytes::Static(shipped::bytes(name)),
                0,
                FontOrigin::Shipped(name),
            )
            .map(|f| add(f, files))
            .ok_or_else(|| FontError::NotAFont { path: name.into() })
        };
        let supplement = shipped_file("KaiSupplement-Regular.ttf", &mut files)?;
        let latin_regular = shipped_file("LiberationSerif-Regular.ttf", &mut files)?;
        let latin_bold = shipped_file("LiberationSerif-Bold.ttf", &mut files)?;

        let find = |names: &[&str], bold: bool| match installed {
            Some(db) => db.find(names, bold),
            None => Ok(None),
        };
        let mut roles = BTreeMap::new();
        for face in Face::ALL {
            let shipped = shipped_ids[&face];
            let font = if let Some(path) = opts.overrides.get(&face) {
                let file = FontFile::from_path(path, 0, FontOrigin::Override(path.clone()))?;
                add(file, &mut files)
            } else if let Some(file) = find(face.installed_names(), false)? {
                add(file, &mut files)
            } else {
                shipped
            };
            roles.insert(face, Role { font, shipped });
        }
        let mut latin = [latin_regular, latin_bold];
        let mut latin_installed = false;
        if let (Some(r), Some(b)) = (
            find(&[LATIN_OFFICE_FACE], false)?,
            find(&[LATIN_OFFICE_FACE], true)?,
        ) {
            latin = [add(r, &mut files), add(b, &mut files)];
            latin_installed = true;
        }
        let fallbacks = [
            Face::FangSong,
            Face::XiaoBiaoSong,
            Face::HeiTi,
            Face::KaiTi,
            Face::SongTi,
        ]
        .iter()
        .map(|f| shipped_ids[f])
        .chain(std::iter::once(supplement))
        .collect();
        Ok(FontSet {
            files,
            roles,
            latin,
            latin_installed,
            fallbacks,
            scanned: installed.is_some(),
            allow_missing_glyphs: opts.allow_missing_glyphs,
        })
    }

    pub fn file(&self, id: FontId) -> &FontFile {
        &self.files[id.0]
    }

    pub fn files(&self) -> impl Iterator<Item = (FontId, &FontFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FontId(i), f))
    }

    /// A resolver for one layout run: parses each face's tables once and caches lookups.
    pub fn resolver(&self) -> Resolver<'_> {
        Resolver {
            set: self,
            faces: self.files.iter().map(|f| f.face()).collect(),
            cache: std::collections::HashMap::new(),
        }
    }

    /// For `workreport fonts`: which file serves each face, and why.
    pub fn report(&self) -> String {
        let mut out = String::from("字体配置（PDF 嵌入所用的字体）：\n");
        for face in Face::ALL {
            let role = &self.roles[&face];
            let file = self.file(role.font);
            let _ = writeln!(
                out,
                "  {}：{} —— {}",
                face.role_name(),
                file.family,
                self.why(face, file)
            );
        }
        let latin = self.file(self.latin[0]);
        let why = if self.latin_installed {
            format!(
                "本机已安装 {LATIN_OFFICE_FACE}（{}）",
                origin_path(&latin.origin)
            )
        } else {
            format!(
                "随程序附带的免费字体；本机没有 {LATIN_OFFICE_FACE}，Liberation Serif 与它字宽相同"
            )
        };
        let _ = writeln!(out, "  西文与数字：{} —— {why}", latin.family);
        let supplement = self.file(*self.fallbacks.last().expect("fallbacks are never empty"));
        let _ = writeln!(
            out,
            "  缺字补充：{} —— 随程序附带（霞鹜文楷子集，OFL），补上方字体缺少的字，如 堃 喆 昇 珺 赟",
            supplement.family
        );
        out.push_str(
            "  某字体缺少的字逐字改用随程序附带的字体；所有字体都没有的字会报错并指出位置。\n",
        );
        out
    }

    fn why(&self, face: Face, file: &FontFile) -> String {
        match &file.origin {
            FontOrigin::Override(p) => format!("事实文件指定（{}）", p.display()),
            FontOrigin::FontDir(p) => format!("--font-dir 中找到（{}）", p.display()),
            FontOrigin::Installed(p) => format!("本机已安装（{}）", p.display()),
            FontOrigin::Shipped(name) => {
                let note = if face == Face::XiaoBiaoSong {
                    "；小标宋没有免费的同款字体，以 Fandol 宋体粗体代替"
                } else if face == Face::SongTi {
                    "；只含页码、份号所需的数字和符号"
                } else {
                    ""
                };
                let looked = if self.scanned {
                    format!("本机和字体目录中没有 {}", face.installed_names().join("、"))
                } else {
                    "未查找本机字体".to_string()
                };
                format!("随程序附带的免费字体 {name}（{looked}{note}）")
            }
        }
    }
}

fn origin_path(origin: &FontOrigin) -> String {
    match origin {
        FontOrigin::Override(p) | FontOrigin::FontDir(p) | FontOrigin::Installed(p) => {
            p.display().to_string()
        }
        FontOrigin::Shipped(name) => name.to_string(),
    }
}

/// Installed fonts seen through fontdb: the system's and `--font-dir`'s.
struct InstalledFonts {
    db: fontdb::Database,
    font_dir: Option<PathBuf>,
}

impl InstalledFonts {
    fn scan(font_dir: Option<&Path>) -> Result<InstalledFonts, FontError> {
        let mut db = fontdb::Database::new();
        // On Windows: %SystemRoot%\Fonts and the per-user folders under %USERPROFILE%.
        db.load_system_fonts();
        if let Some(dir) = redirected_user_fonts() {
            db.load_fonts_dir(dir);
        }
        if let Some(dir) = font_dir {
            if !dir.is_dir() {
                return Err(FontError::FontDirMissing(dir.to_path_buf()));
            }
            db.load_fonts_dir(dir);
        }
        Ok(InstalledFonts {
            db,
            font_dir: font_dir.map(Path::to_path_buf),
        })
    }

    /// The first face whose family is one of `names` (best first), regular or bold.
    fn find(&self, names: &[&str], bold: bool) -> Result<Option<FontFile>, FontError> {
        for name in names {
            let found = self
                .db
                .faces()
                .filter(|f| {
                    f.families
                        .iter()
                        .any(|(fam, _)| fam.eq_ignore_ascii_case(name))
                        && f.style == fontdb::Style::Normal
                        && (f.weight.0 >= 600) == bold
                })
                .min_by_key(|f| (f.weight.0 as i32 - if bold { 700 } else { 400 }).abs());
            let Some(info) = found else { continue };
            let path = match &info.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                fontdb::Source::Binary(_) => continue,
            };
            let in_dir = self.font_dir.as_ref().is_some_and(|d| path.starts_with(d));
            let origin = if in_dir {
                FontOrigin::FontDir(path.clone())
            } else {
                FontOrigin::Installed(path.clone())
            };
            return FontFile::from_path(&path, info.index, origin).map(Some);
        }
        Ok(None)
    }
}

/// The per-user font folder of Windows (where "install for this user only" puts a font, e.g.
/// 方正小标宋简体 installed without administrator rights), when `%LOCALAPPDATA%` is not under
/// `%USERPROFILE%` (a redirected profile) and so not already scanned by fontdb.
fn redirected_user_fonts() -> Option<PathBuf> {
    if !cfg!(windows) {
        return None;
    }
    let local = PathBuf::from(std::env::var_os("LOCALAPPDATA")?);
    let dir = local.join("Microsoft").join("Windows").join("Fonts");
    let usual = PathBuf::from(std::env::var_os("USERPROFILE")?)
        .join("AppData")
        .join("Local")
        .join("Microsoft")
        .join("Windows")
        .join("Fonts");
    let same = dir.to_string_lossy().to_lowercase() == usual.to_string_lossy().to_lowercase();
    (!same && dir.is_dir()).then_some(dir)
}

/// How a character prints in the face its text asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// In that face.
    Own,
    /// In this file of another face: the character stands out from its neighbours.
    Fallback(FontId),
    /// In no font at all.
    Missing,
}

/// Character-to-glyph lookups for one layout run.
pub struct Resolver<'a> {
    set: &'a FontSet,
    faces: Vec<Option<ttf_parser::Face<'a>>>,
    cache: std::collections::HashMap<(FaceRequest, char), Option<Glyph>>,
}

impl Resolver<'_> {
    /// The glyph that prints `c` in the requested face: the Latin face for Western characters,
    /// else the face's own font, else the shipped faces in turn. `None`: no font has it.
    pub fn resolve(&mut self, req: FaceRequest, c: char) -> Option<Glyph> {
        if let Some(hit) = self.cache.get(&(req, c)) {
            return *hit;
        }
        let set = self.set;
        let role = &set.roles[&req.face];
        let mut chain: Vec<FontId> = Vec::with_capacity(10);
        if is_western(c) && !req.own_digits {
            chain.push(set.latin[usize::from(req.latin_bold)]);
        }
        chain.push(role.font);
        chain.push(role.shipped);
        chain.extend(set.fallbacks.iter().copied());
        chain.push(set.latin[0]);
        let found = chain.into_iter().find_map(|id| self.glyph_in(id, c));
        self.cache.insert((req, c), found);
        found
    }

    /// Whether `c` prints in the face asked for (its own file or its shipped one; a Western
    /// character in the Latin face), in another face's file, or not at all.
    pub fn coverage(&mut self, req: FaceRequest, c: char) -> Coverage {
        let Some(glyph) = self.resolve(req, c) else {
            return Coverage::Missing;
        };
        let role = &self.set.roles[&req.face];
        let own = glyph.font == role.font
            || glyph.font == role.shipped
            || (is_western(c) && self.set.latin.contains(&glyph.font));
        if own {
            Coverage::Own
        } else {
            Coverage::Fallback(glyph.font)
        }
    }

    fn glyph_in(&self, id: FontId, c: char) -> Option<Glyph> {
        let face = self.faces[id.0].as_ref()?;
        let gid = face.glyph_index(c)?;
        if gid.0 == 0 {
            return None;
        }
        let advance = face.glyph_hor_advance(gid).unwrap_or(0) as f32;
        Some(Glyph {
            font: id,
            glyph_id: gid.0,
            advance_em: advance / self.set.file(id).units_per_em(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(face: Face) -> FaceRequest {
        FaceRequest {
            face,
            latin_bold: false,
            own_digits: false,
        }
    }

    #[test]
    fn rare_name_characters_fall_back_to_a_shipped_face() {
        let set = FontSet::shipped(&FontOptions::default()).unwrap();
        let mut r = set.resolver();
        let body = set.roles[&Face::FangSong].font;
        let wang = r.resolve(req(Face::FangSong), '王').unwrap();
        assert_eq!(wang.font, body);
        assert!((wang.advance_em - 1.0).abs() < 1e-3);
        for c in "堃喆昇珺赟".chars() {
            let g = r
                .resolve(req(Face::FangSong), c)
                .expect("rare character has a glyph");
            assert_ne!(g.font, body, "{c} is not in Fandol");
            assert_eq!(
                set.file(g.font).origin,
                FontOrigin::Shipped("KaiSupplement-Regular.ttf")
            );
        }
    }

    #[test]
    fn digits_go_to_the_latin_face_except_where_the_face_keeps_its_own() {
        let set = FontSet::shipped(&FontOptions::default()).unwrap();
        let mut r = set.resolver();
        let g = r.resolve(req(Face::FangSong), '7').unwrap();
        assert_eq!(
            set.file(g.font).origin,
            FontOrigin::Shipped("LiberationSerif-Regular.ttf")
        );
        assert!((g.advance_em - 0.5).abs() < 1e-3);
        let own = FaceRequest {
            own_digits: true,
            ..req(Face::SongTi)
        };
        let g = r.resolve(own, '7').unwrap();
        assert_eq!(
            set.file(g.font).origin,
            FontOrigin::Shipped("FandolSong-Regular-Marks.otf")
        );
        // 宋体 here has only marks: an ideograph in it still prints, from another shipped face.
        assert!(r.resolve(req(Face::SongTi), '镇').is_some());
    }

    #[test]
    fn a_character_no_font_has_resolves_to_none() {
        let set = FontSet::shipped(&FontOptions::default()).unwrap();
        assert_eq!(
            set.resolver().resolve(req(Face::FangSong), '\u{E000}'),
            None
        );
    }

    #[test]
    fn report_names_every_role_in_chinese() {
        let set = FontSet::shipped(&FontOptions::default()).unwrap();
        let report = set.report();
        for face in Face::ALL {
            assert!(report.contains(face.role_name()), "{report}");
        }
        assert!(report.contains("FandolSong-Bold.otf"), "{report}");
        assert!(report.contains("小标宋没有免费的同款"), "{report}");
    }

    #[test]
    fn an_official_face_in_font_dir_serves_its_role_and_falls_back_per_character() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts");
        let opts = FontOptions {
            font_dir: Some(dir),
            ..FontOptions::default()
        };
        let set = FontSet::discover(&opts).unwrap();
        let mut r = set.resolver();
        let official = r.resolve(req(Face::FangSong), '报').unwrap();
        assert!(matches!(
            set.file(official.font).origin,
            FontOrigin::FontDir(_)
        ));
        // The official face lacks 镇: it comes from the shipped 仿宋, not as tofu.
        let fallback = r.resolve(req(Face::FangSong), '镇').unwrap();
        assert_eq!(
            set.file(fallback.font).origin,
            FontOrigin::Shipped("FandolFang-Regular.otf")
        );
        assert!(
            set.report().contains("--font-dir 中找到"),
            "{}",
            set.report()
        );
    }

    #[test]
    fn the_faces_a_windows_office_pc_installs_are_found_by_their_family_names() {
        // Stand-ins named as Windows' simfang.ttf, simkai.ttf, simhei.ttf and 方正小标宋简体's
        // FZXBSJW.TTF (tests/fixtures/windows-fonts/README.md); scripts/wine_smoke.sh installs
        // the same files into Windows' font folders.
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/windows-fonts");
        let opts = FontOptions {
            font_dir: Some(dir.clone()),
            ..FontOptions::default()
        };
        let set = FontSet::discover(&opts).unwrap();
        for (face, file, family) in [
            (Face::FangSong, "simfang.ttf", "FangSong"),
            (Face::KaiTi, "simkai.ttf", "KaiTi"),
            (Face::HeiTi, "simhei.ttf", "SimHei"),
            (Face::XiaoBiaoSong, "FZXBSJW.TTF", "FZXiaoBiaoSong-B05S"),
        ] {
            let served = set.file(set.roles[&face].font);
            assert_eq!(
                served.origin,
                FontOrigin::FontDir(dir.join(file)),
                "{face:?}"
            );
            assert_eq!(served.family, family);
            let g = set.resolver().resolve(req(face), '报').unwrap();
            assert_eq!(g.font, set.roles[&face].font, "{face:?} prints 报 itself");
        }
        assert!(
            set.report()
                .contains(&dir.join("FZXBSJW.TTF").display().to_string()),
            "{}",
            set.report()
        );
    }

    #[test]
    fn missing_font_dir_is_an_error() {
        let opts = FontOptions {
            font_dir: Some("/nonexistent/fonts".into()),
            ..FontOptions::default()
        };
        assert!(matches!(
            FontSet::discover(&opts),
            Err(FontError::FontDirMissing(_))
        ));
    }

    #[test]
    fn an_override_serves_its_face() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts/FandolKai-Regular.otf");
        let opts = FontOptions {
            overrides: BTreeMap::from([(Face::FangSong, path.clone())]),
            ..FontOptions::default()
        };
        let set = FontSet::shipped(&opts).unwrap();
        let g = set.resolver().resolve(req(Face::FangSong), '报').unwrap();
        assert_eq!(set.file(g.font).origin, FontOrigin::Override(path));
        assert!(set.report().contains("事实文件指定"));
    }
}
