//! Font discovery, loading and metrics for the PDF.
//!
//! A [`FontSet`] decides once per run which font file serves each of the five faces of a
//! government document ([`Face`]) and the Latin face beside them: a file the facts file names,
//! else the official face installed on the machine (on Windows: `%SystemRoot%\Fonts` and the
//! user's own font folder) or in `--font-dir`, found with fontdb, else a freely licensed face
//! shipped inside the program (`fonts/`, see `fonts/README.md`; packed, and unpacked once per
//! machine by [`shipped`]). Characters a face lacks fall back, one by one: first to the face's
//! supplement of the same design class (a 仿宋 glyph for 仿宋 text, a 黑 glyph for a 黑体
//! heading: traditional characters Fandol lacks), then to the other shipped faces
//! ([`Resolver::resolve`]). A glyph printed that way is marked [`Glyph::substitute`], so the
//! layout can say which characters did.
//!
//! Metrics (glyph ids, advances) come from ttf-parser over the loaded bytes, which reads only
//! the table directory up front (microseconds for a 7 MB face). The PDF writer cuts the used
//! glyphs out of the same bytes ([`FontFile::bytes`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::diag::{code, Diagnostic, Place};
use crate::guard;
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
    /// Where the facts file names an override (字体.仿宋 and the span of its value), so that
    /// a broken file is said at that place.
    pub override_places: BTreeMap<Face, Place>,
    /// Print characters no font has as blanks (with a warning) instead of stopping.
    pub allow_missing_glyphs: bool,
}

/// Why the fonts could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// A font file that cannot be read, or is no file to read ([`crate::input::read`]).
    #[error(transparent)]
    Read(Box<Diagnostic>),
    /// A font file that does not parse, or whose tables break a decoder.
    #[error("字体文件 {path} 已损坏或不是可用的 TrueType/OpenType 字体（{reason}）")]
    Unusable {
        path: PathBuf,
        reason: String,
        /// Where the facts file names it, when it does.
        named_at: Option<Place>,
    },
    #[error("字体目录 {0} 不存在或不是目录")]
    FontDirMissing(PathBuf),
}

/// The error as a diagnostic: at the 字体 line of the facts file when it named the file, else
/// about the font file or folder.
impl From<FontError> for Diagnostic {
    fn from(e: FontError) -> Diagnostic {
        match e {
            FontError::Read(d) => *d,
            FontError::Unusable {
                path,
                reason,
                named_at: Some(place),
            } => Diagnostic::error(
                code::FONT_UNUSABLE,
                format!(
                    "字体文件“{}”已损坏或不是可用的 TrueType/OpenType 字体（{reason}）",
                    path.display()
                ),
            )
            .at_place(&place)
            .with_help(
                "应换一个完好的 .ttf/.otf/.ttc 字体文件，或删去这一行改用本机或随程序附带的字体",
            ),
            FontError::Unusable {
                path,
                reason,
                named_at: None,
            } => Diagnostic::error(
                code::FONT_UNUSABLE,
                format!("已损坏或不是可用的 TrueType/OpenType 字体（{reason}）"),
            )
            .in_file(path.display().to_string())
            .with_help("应换一个完好的 .ttf/.otf/.ttc 字体文件"),
            FontError::FontDirMissing(dir) => Diagnostic::error(
                code::FONT_DIR_MISSING,
                "字体目录不存在或不是目录，请检查 --font-dir 给出的路径",
            )
            .in_file(dir.display().to_string()),
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
    /// Where the facts file names this file, when it does.
    pub named_at: Option<Place>,
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
    /// A shipped face: known good, so not tried out.
    fn shipped(name: &'static str) -> FontFile {
        let bytes = shipped::bytes(name);
        let face = ttf_parser::Face::parse(bytes, 0).expect("a shipped font parses");
        FontFile {
            family: family_name(&face).unwrap_or_else(|| "?".to_string()),
            units_per_em: face.units_per_em() as f32,
            origin: FontOrigin::Shipped(name),
            named_at: None,
            bytes: FontBytes::Static(bytes),
            index: 0,
        }
    }

    /// Reads a font file from disk and tries it out ([`FontFile::validate`]): a file that is
    /// not a font, or is corrupted, is refused here, naming it, rather than breaking the PDF
    /// writer later.
    fn from_path(
        path: &Path,
        index: u32,
        origin: FontOrigin,
        named_at: Option<Place>,
    ) -> Result<FontFile, FontError> {
        let data =
            crate::input::read(path, crate::input::InputKind::Font).map_err(FontError::Read)?;
        let unusable = |reason: String| FontError::Unusable {
            path: path.to_path_buf(),
            reason,
            named_at: named_at.clone(),
        };
        let bytes = FontBytes::Owned(data.into());
        let (family, units_per_em) = guard::catch(|| {
            let face = ttf_parser::Face::parse(bytes.as_slice(), index)
                .map_err(|e| format!("无法解析：{e}"))?;
            if face.units_per_em() == 0 {
                return Err("字形单位为 0".to_string());
            }
            Ok((family_name(&face), face.units_per_em() as f32))
        })
        .map_err(|panic| unusable(format!("解析时出错：{panic}")))?
        .map_err(unusable)?;
        let file = FontFile {
            family: family.unwrap_or_else(|| "?".to_string()),
            origin,
            named_at: named_at.clone(),
            bytes,
            index,
            units_per_em,
        };
        file.validate().map_err(unusable)?;
        Ok(file)
    }

    /// Tries the path the PDF writer takes (cutting a subset of a few common glyphs and
    /// parsing the subset), with any panic of the decoders caught: the reason when it fails.
    fn validate(&self) -> Result<(), String> {
        let face = self.face().ok_or("无法解析")?;
        let glyphs: BTreeSet<u16> = "的一国人年会0"
            .chars()
            .filter_map(|c| face.glyph_index(c))
            .map(|g| g.0)
            .collect();
        subset(self, &glyphs).map(drop)
    }

    /// A subset holding `.notdef` and `glyphs` (in that order) as a font program, with any
    /// panic of the subsetter caught.
    pub fn subset(&self, glyphs: &BTreeSet<u16>) -> Result<(Vec<u8>, Vec<u16>), FontError> {
        subset(self, glyphs).map_err(|reason| self.unusable(reason))
    }

    /// The error for this file when a decoder cannot use it.
    pub fn unusable(&self, reason: String) -> FontError {
        let path = match &self.origin {
            FontOrigin::Override(p) | FontOrigin::FontDir(p) | FontOrigin::Installed(p) => {
                p.clone()
            }
            FontOrigin::Shipped(name) => PathBuf::from(name),
        };
        FontError::Unusable {
            path,
            reason,
            named_at: self.named_at.clone(),
        }
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

/// Cuts `.notdef` and `glyphs` out of `file` with allsorts (printpdf's subsetter); the glyph
/// ids of the whole font in their order in the subset come back with it. A panic of the
/// subsetter on a corrupted table is caught and said as the reason.
fn subset(file: &FontFile, glyphs: &BTreeSet<u16>) -> Result<(Vec<u8>, Vec<u16>), String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    // .notdef first, as the subsetter requires; each glyph keeps its place in this list.
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.iter().copied().filter(|&g| g != 0))
        .collect();
    let cut = guard::catch(|| -> Result<Vec<u8>, String> {
        let data = ReadScope::new(file.bytes())
            .read::<FontData<'_>>()
            .map_err(|e| e.to_string())?;
        let provider = data
            .table_provider(file.index() as usize)
            .map_err(|e| e.to_string())?;
        subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| e.to_string())
    });
    match cut {
        Ok(Ok(bytes)) => Ok((bytes, ids)),
        Ok(Err(reason)) => Err(format!("无法取出字形子集：{reason}")),
        Err(panic) => Err(format!("取出字形子集时出错：{panic}")),
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
    /// Printed from a font that is not the face's own (its installed or shipped file): a
    /// supplement or another face.
    pub substitute: bool,
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
    /// The shipped supplement of the same design class: what the face lacks (traditional
    /// characters), in a glyph that keeps the face's look.
    supplement: FontId,
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

/// The shipped Latin face, whose advances the title balancer measures with.
const LATIN_REGULAR: &str = "LiberationSerif-Regular.ttf";

/// The shipped 楷 supplement: 楷体's own, and the last resort of every face (it has every CJK
/// Unified Ideograph the Fandol faces lack).
const KAI_SUPPLEMENT: &str = "KaiSupplement-Regular.ttf";

/// Shipped files for each role: its face, and its supplement of the same design class
/// (fonts/README.md). 宋体 prints page numbers only; an ideograph in it would take the serif
/// regular supplement.
const SHIPPED_ROLES: [(Face, &str, &str); 5] = [
    (
        Face::XiaoBiaoSong,
        "FandolSong-Bold.otf",
        "SongSupplement-Bold.otf",
    ),
    (
        Face::FangSong,
        "FandolFang-Regular.otf",
        "FangSupplement-Regular.otf",
    ),
    (
        Face::HeiTi,
        "FandolHei-Regular.otf",
        "HeiSupplement-Regular.otf",
    ),
    (Face::KaiTi, "FandolKai-Regular.otf", KAI_SUPPLEMENT),
    (
        Face::SongTi,
        "FandolSong-Regular-Marks.otf",
        "FangSupplement-Regular.otf",
    ),
];

/// The order the fallback chain tries the shipped faces in, after a face's own and its
/// supplement: the other faces, then the supplements, serif before 黑, the 楷 one last.
const FALLBACK_ORDER: [Face; 5] = [
    Face::FangSong,
    Face::XiaoBiaoSong,
    Face::HeiTi,
    Face::KaiTi,
    Face::SongTi,
];
const SUPPLEMENT_ORDER: [&str; 4] = [
    "FangSupplement-Regular.otf",
    "SongSupplement-Bold.otf",
    "HeiSupplement-Regular.otf",
    KAI_SUPPLEMENT,
];

/// The advance of a Western character ([`is_western`]) in em, in the regular Latin face every
/// writer sets it in beside Chinese text (the shipped Liberation Serif, metric-compatible with
/// the Times New Roman a DOCX names); `None` when that face lacks it.
pub fn latin_advance_em(c: char) -> Option<f32> {
    static FACE: OnceLock<Option<ttf_parser::Face<'static>>> = OnceLock::new();
    let face = FACE
        .get_or_init(|| ttf_parser::Face::parse(shipped::bytes(LATIN_REGULAR), 0).ok())
        .as_ref()?;
    let glyph = face.glyph_index(c).filter(|g| g.0 != 0)?;
    Some(f32::from(face.glyph_hor_advance(glyph)?) / f32::from(face.units_per_em()))
}

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
        for (face, name, _) in SHIPPED_ROLES {
            shipped_ids.insert(face, add(FontFile::shipped(name), &mut files));
        }
        let mut supplement_ids = BTreeMap::new();
        for name in SUPPLEMENT_ORDER {
            supplement_ids.insert(name, add(FontFile::shipped(name), &mut files));
        }
        let latin_regular = add(FontFile::shipped(LATIN_REGULAR), &mut files);
        let latin_bold = add(FontFile::shipped("LiberationSerif-Bold.ttf"), &mut files);

        let find = |names: &[&str], bold: bool| match installed {
            Some(db) => db.find(names, bold),
            None => Ok(None),
        };
        let mut roles = BTreeMap::new();
        for (face, _, supplement) in SHIPPED_ROLES {
            let shipped = shipped_ids[&face];
            let font = if let Some(path) = opts.overrides.get(&face) {
                let file = FontFile::from_path(
                    path,
                    0,
                    FontOrigin::Override(path.clone()),
                    opts.override_places.get(&face).cloned(),
                )?;
                add(file, &mut files)
            } else if let Some(file) = find(face.installed_names(), false)? {
                add(file, &mut files)
            } else {
                shipped
            };
            roles.insert(
                face,
                Role {
                    font,
                    shipped,
                    supplement: supplement_ids[supplement],
                },
            );
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
        let fallbacks = FALLBACK_ORDER
            .iter()
            .map(|f| shipped_ids[f])
            .chain(SUPPLEMENT_ORDER.iter().map(|name| supplement_ids[name]))
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

    /// The font files read from disk (not the shipped ones): inputs a build must not write
    /// over.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.files
            .iter()
            .filter_map(|f| match &f.origin {
                FontOrigin::Override(p) | FontOrigin::FontDir(p) | FontOrigin::Installed(p) => {
                    Some(p.clone())
                }
                FontOrigin::Shipped(_) => None,
            })
            .collect()
    }

    /// Whether `font` is `face`'s supplement of the same design class.
    pub fn is_supplement_of(&self, face: Face, font: FontId) -> bool {
        self.roles[&face].supplement == font
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
        out.push_str("缺字补充（某字体缺少的字，如繁体字，逐字改用同类字形的补字字体）：\n");
        for face in [Face::XiaoBiaoSong, Face::FangSong, Face::HeiTi, Face::KaiTi] {
            let supplement = self.file(self.roles[&face].supplement);
            let _ = writeln!(
                out,
                "  {}：{} —— 随程序附带（{}）",
                face.role_name(),
                supplement.family,
                supplement_source(&supplement.origin)
            );
        }
        out.push_str(
            "  补字字体也没有的字再改用其他随程序附带的字体，最后是楷体补字（含 堃 喆 昇 珺 赟 等）；\
             生成时会列出改用了补字或其他字体的字。所有字体都没有的字会报错并指出位置。\n",
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

/// Where a shipped supplement comes from, for `workreport fonts` (fonts/README.md).
fn supplement_source(origin: &FontOrigin) -> &'static str {
    match origin {
        FontOrigin::Shipped("FangSupplement-Regular.otf") => "Noto Serif CJK 特细宋体子集，OFL",
        FontOrigin::Shipped("SongSupplement-Bold.otf") => "Noto Serif CJK 半粗宋体子集，OFL",
        FontOrigin::Shipped("HeiSupplement-Regular.otf") => "Noto Sans CJK 子集，OFL",
        FontOrigin::Shipped(KAI_SUPPLEMENT) => "霞鹜文楷子集，OFL",
        _ => "",
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
            match FontFile::from_path(&path, info.index, origin, None) {
                // A broken font the system happens to have is passed over; one in the folder
                // the clerk named is an error.
                Err(FontError::Unusable { .. }) if !in_dir => continue,
                found => return found.map(Some),
            }
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
    /// else the face's own font (installed, then shipped), else its supplement of the same
    /// design class, else the other shipped faces and supplements in turn (marked
    /// [`Glyph::substitute`]). `None`: no font has it.
    pub fn resolve(&mut self, req: FaceRequest, c: char) -> Option<Glyph> {
        if let Some(hit) = self.cache.get(&(req, c)) {
            return *hit;
        }
        let set = self.set;
        let role = &set.roles[&req.face];
        let mut own: Vec<FontId> = Vec::with_capacity(3);
        if is_western(c) && !req.own_digits {
            own.push(set.latin[usize::from(req.latin_bold)]);
        }
        own.push(role.font);
        own.push(role.shipped);
        let others = std::iter::once(role.supplement)
            .chain(set.fallbacks.iter().copied())
            .chain(std::iter::once(set.latin[0]));
        let found = own.iter().find_map(|&id| self.glyph_in(id, c)).or_else(|| {
            others
                .filter_map(|id| self.glyph_in(id, c))
                .map(|g| Glyph {
                    substitute: true,
                    ..g
                })
                .next()
        });
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
            substitute: false,
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
    fn rare_name_characters_fall_back_to_the_body_faces_supplement() {
        let set = FontSet::shipped(&FontOptions::default()).unwrap();
        let mut r = set.resolver();
        let body = set.roles[&Face::FangSong].font;
        let wang = r.resolve(req(Face::FangSong), '王').unwrap();
        assert_eq!(wang.font, body);
        assert!(!wang.substitute);
        assert!((wang.advance_em - 1.0).abs() < 1e-3);
        for c in "堃喆昇珺赟".chars() {
            let g = r
                .resolve(req(Face::FangSong), c)
                .expect("rare character has a glyph");
            assert!(g.substitute, "{c} is not in Fandol");
            assert_eq!(
                set.file(g.font).origin,
                FontOrigin::Shipped("FangSupplement-Regular.otf"),
                "{c}"
            );
            assert!((g.advance_em - 1.0).abs() < 1e-3);
        }
    }

    #[test]
    fn a_traditional_character_takes_the_supplement_of_its_faces_class() {
        let set = FontSet::shipped(&FontOptions::default()).unwrap();
        let mut r = set.resolver();
        for (face, supplement) in [
            (Face::XiaoBiaoSong, "SongSupplement-Bold.otf"),
            (Face::FangSong, "FangSupplement-Regular.otf"),
            (Face::HeiTi, "HeiSupplement-Regular.otf"),
            (Face::KaiTi, KAI_SUPPLEMENT),
        ] {
            for c in "夠屆強戶決況為產眾線".chars() {
                let g = r.resolve(req(face), c).unwrap();
                assert_eq!(
                    set.file(g.font).origin,
                    FontOrigin::Shipped(supplement),
                    "{c} in {face:?}"
                );
                assert!(g.substitute && set.is_supplement_of(face, g.font));
                assert!((g.advance_em - 1.0).abs() < 1e-3, "{c} is full width");
            }
            // What the face has stays its own.
            let own = r.resolve(req(face), '报').unwrap();
            assert!(!own.substitute && own.font == set.roles[&face].font);
        }
    }

    #[test]
    fn a_character_the_supplement_lacks_goes_on_to_the_other_shipped_fonts() {
        let set = FontSet::shipped(&FontOptions::default()).unwrap();
        let mut r = set.resolver();
        // 赟 is in neither Big5 level 1 nor GB 2312: the 黑体 supplement lacks it, and it is
        // taken from the next font of the chain (the serif one), marked as such.
        let g = r.resolve(req(Face::HeiTi), '赟').unwrap();
        assert!(g.substitute);
        assert!(!set.is_supplement_of(Face::HeiTi, g.font));
        assert_eq!(
            set.file(g.font).origin,
            FontOrigin::Shipped("FangSupplement-Regular.otf")
        );
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
