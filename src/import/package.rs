//! Reading a DOCX package: the body's paragraphs and tables with what each paragraph's style
//! and direct formatting make of it (outline level, alignment, bold, face, size, list
//! numbering), and what the importer cannot carry over, counted. Only the zip and the XML are
//! read (zip, roxmltree): nothing of Word's layout is needed, only what the text is.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document as Xml, Node};

use crate::text::NO_BREAK_JOINER;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Why a file cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// The zip reader's own (English) reason is kept for debugging, not shown to the clerk.
    #[error(
        "不是 DOCX 文件（无法作为 zip 压缩包打开）；请在 WPS 或 Word 中“另存为”.docx 格式再导入"
    )]
    NotZip(String),
    #[error("DOCX 文件缺少正文部件 word/document.xml")]
    NoDocument,
    #[error("DOCX 部件 {part} 不是有效的 XML：{reason}")]
    BadXml { part: String, reason: String },
}

/// A run of text with its look.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRun {
    pub text: String,
    pub bold: bool,
    /// The East Asian face named for the run (仿宋_GB2312, 黑体 …).
    pub face: Option<String>,
    /// Size in half-points.
    pub size: Option<u32>,
}

/// A paragraph with what its style and direct formatting say.
#[derive(Debug, Clone, Default)]
pub struct RawParagraph {
    pub runs: Vec<RawRun>,
    pub style_id: Option<String>,
    pub style_name: Option<String>,
    /// 0 is the top level (Heading 1), as Word counts.
    pub outline: Option<u8>,
    /// `w:jc`: left, center, right, both …
    pub align: Option<String>,
    /// The label automatic numbering prints before the text (“一、”, “1.”, “•”) and its level.
    pub numbering: Option<(String, u8)>,
    /// The left indent in hundredths of a character (`w:leftChars`).
    pub left_chars: u32,
    pub page_break_before: bool,
}

impl RawParagraph {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A block of the body.
#[derive(Debug, Clone)]
pub enum RawBlock {
    Paragraph(RawParagraph),
    /// Rows of cells of paragraphs.
    Table(Vec<Vec<Vec<RawParagraph>>>),
    PageBreak,
}

/// What the package holds that the importer leaves behind, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unmapped {
    pub images: usize,
    pub text_boxes: usize,
    pub footnotes: usize,
    pub comments: usize,
    pub deletions: usize,
    pub fields: usize,
    pub merged_cells: usize,
    pub nested_tables: usize,
}

/// The body of a DOCX, in reading order, and what was left behind.
pub struct Package {
    pub blocks: Vec<RawBlock>,
    pub unmapped: Unmapped,
    /// The title in the document's properties (docProps/core.xml), if any.
    pub core_title: Option<String>,
}

/// A style's own settings and the style it is based on.
#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: Option<String>,
    based_on: Option<String>,
    outline: Option<u8>,
    align: Option<String>,
    bold: Option<bool>,
    face: Option<String>,
    size: Option<u32>,
    numbering: Option<(String, u8)>,
}

/// One level of a numbering definition.
#[derive(Debug, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// Reads the body of the DOCX in `bytes`.
pub fn read(bytes: &[u8]) -> Result<Package, PackageError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| PackageError::NotZip(e.to_string()))?;
    let mut part = |name: &str| -> Option<String> {
        let mut file = zip.by_name(name).ok()?;
        let mut text = String::new();
        file.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let document = part("word/document.xml").ok_or(PackageError::NoDocument)?;
    let styles = part("word/styles.xml");
    let numbering = part("word/numbering.xml");
    let core = part("docProps/core.xml");
    fn parse<'t>(name: &str, text: &'t str) -> Result<Xml<'t>, PackageError> {
        Xml::parse(text).map_err(|e| PackageError::BadXml {
            part: name.to_string(),
            reason: e.to_string(),
        })
    }
    let styles_xml = styles
        .as_deref()
        .map(|s| parse("word/styles.xml", s))
        .transpose()?;
    let numbering_xml = numbering
        .as_deref()
        .map(|s| parse("word/numbering.xml", s))
        .transpose()?;
    let document_xml = parse("word/document.xml", &document)?;
    let core_title = core.as_deref().and_then(|c| {
        let xml = Xml::parse(c).ok()?;
        let title = xml
            .descendants()
            .find(|n| n.tag_name().name() == "title")?
            .text()?
            .trim()
            .to_string();
        (!title.is_empty()).then_some(title)
    });
    let mut reader = Reader {
        styles: styles_xml.as_ref().map(read_styles).unwrap_or_default(),
        defaults: styles_xml.as_ref().map(read_defaults).unwrap_or_default(),
        numbering: numbering_xml
            .as_ref()
            .map(read_numbering)
            .unwrap_or_default(),
        counters: HashMap::new(),
        unmapped: Unmapped::default(),
    };
    let body = document_xml
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or(PackageError::NoDocument)?;
    let mut blocks = Vec::new();
    reader.blocks(body, &mut blocks, 0);
    Ok(Package {
        blocks,
        unmapped: reader.unmapped,
        core_title,
    })
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(node: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

fn val(node: &Node, name: &str) -> Option<String> {
    child(node, name).and_then(|n| n.attribute((W, "val")).map(str::to_string))
}

/// A toggle property (`w:b`): on unless its value says off.
fn toggle(node: &Node, name: &str) -> Option<bool> {
    child(node, name).map(|n| {
        !matches!(
            n.attribute((W, "val")),
            Some("0" | "false" | "off" | "none")
        )
    })
}

/// Run properties of an `rPr`: bold, East Asian face, size.
fn run_props(rpr: &Node) -> (Option<bool>, Option<String>, Option<u32>) {
    let face = child(rpr, "rFonts").and_then(|f| f.attribute((W, "eastAsia")).map(str::to_string));
    let size = val(rpr, "sz").and_then(|s| s.parse().ok());
    (toggle(rpr, "b"), face, size)
}

fn read_styles(xml: &Xml) -> HashMap<String, StyleDef> {
    let mut out = HashMap::new();
    for style in xml.descendants().filter(|n| is(n, "style")) {
        let Some(id) = style.attribute((W, "styleId")) else {
            continue;
        };
        let mut def = StyleDef {
            name: val(&style, "name"),
            based_on: val(&style, "basedOn"),
            ..StyleDef::default()
        };
        if let Some(ppr) = child(&style, "pPr") {
            def.outline = val(&ppr, "outlineLvl").and_then(|v| v.parse().ok());
            def.align = val(&ppr, "jc");
            def.numbering = numbering_ref(&ppr);
        }
        if let Some(rpr) = child(&style, "rPr") {
            (def.bold, def.face, def.size) = run_props(&rpr);
        }
        out.insert(id.to_string(), def);
    }
    out
}

fn read_defaults(xml: &Xml) -> StyleDef {
    let mut def = StyleDef::default();
    if let Some(rpr) = xml
        .descendants()
        .find(|n| is(n, "rPrDefault"))
        .and_then(|d| child(&d, "rPr"))
    {
        (def.bold, def.face, def.size) = run_props(&rpr);
    }
    def
}

/// `w:numPr`: (numId, ilvl).
fn numbering_ref(ppr: &Node) -> Option<(String, u8)> {
    let num = child(ppr, "numPr")?;
    let id = val(&num, "numId")?;
    let level = val(&num, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
    (id != "0").then_some((id, level))
}

/// numId → its levels.
fn read_numbering(xml: &Xml) -> HashMap<String, Vec<Level>> {
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    for a in xml.descendants().filter(|n| is(n, "abstractNum")) {
        let Some(id) = a.attribute((W, "abstractNumId")) else {
            continue;
        };
        let levels = a
            .children()
            .filter(|n| is(n, "lvl"))
            .map(|lvl| Level {
                format: val(&lvl, "numFmt").unwrap_or_else(|| "decimal".into()),
                text: val(&lvl, "lvlText").unwrap_or_default(),
                start: val(&lvl, "start").and_then(|s| s.parse().ok()).unwrap_or(1),
            })
            .collect();
        abstracts.insert(id.to_string(), levels);
    }
    xml.descendants()
        .filter(|n| is(n, "num"))
        .filter_map(|num| {
            let id = num.attribute((W, "numId"))?;
            let levels = abstracts.get(&val(&num, "abstractNumId")?)?.clone();
            Some((id.to_string(), levels))
        })
        .collect()
}

/// A counter value in a numbering format.
fn format_number(n: u32, format: &str) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match format {
        f if f.starts_with("chinese") || f.starts_with("ideograph") || f == "taiwaneseCounting" => {
            match n {
                0..=9 => DIGITS[n as usize].to_string(),
                10..=19 => format!(
                    "十{}",
                    if n > 10 {
                        DIGITS[(n % 10) as usize]
                    } else {
                        ""
                    }
                ),
                20..=99 => format!(
                    "{}十{}",
                    DIGITS[(n / 10) as usize],
                    if !n.is_multiple_of(10) {
                        DIGITS[(n % 10) as usize]
                    } else {
                        ""
                    }
                ),
                _ => n.to_string(),
            }
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalEnclosedParen" => format!("({n})"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => char::from_u32(0x245F + n)
            .filter(|_| (1..=20).contains(&n))
            .map_or(n.to_string(), String::from),
        "lowerLetter" => {
            char::from_u32('a' as u32 + (n - 1) % 26).map_or(String::new(), String::from)
        }
        "upperLetter" => {
            char::from_u32('A' as u32 + (n - 1) % 26).map_or(String::new(), String::from)
        }
        "lowerRoman" | "upperRoman" => {
            let roman = roman(n);
            if format == "lowerRoman" {
                roman.to_lowercase()
            } else {
                roman
            }
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in table {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

struct Reader {
    styles: HashMap<String, StyleDef>,
    defaults: StyleDef,
    numbering: HashMap<String, Vec<Level>>,
    /// The running counters of each numbering definition, by level.
    counters: HashMap<String, Vec<u32>>,
    unmapped: Unmapped,
}

impl Reader {
    /// A style's settings with those of the styles it is based on filled in.
    fn style(&self, id: &str) -> StyleDef {
        let mut out = StyleDef::default();
        let mut next = Some(id.to_string());
        let mut seen = 0;
        while let Some(id) = next.take() {
            let Some(def) = self.styles.get(&id) else {
                break;
            };
            out.name = out.name.or_else(|| def.name.clone());
            out.outline = out.outline.or(def.outline);
            out.align = out.align.or_else(|| def.align.clone());
            out.bold = out.bold.or(def.bold);
            out.face = out.face.or_else(|| def.face.clone());
            out.size = out.size.or(def.size);
            out.numbering = out.numbering.or_else(|| def.numbering.clone());
            next = def.based_on.clone();
            seen += 1;
            if seen > 20 {
                break;
            }
        }
        out
    }

    /// The label automatic numbering gives the next paragraph of (numId, level).
    fn label(&mut self, id: &str, level: u8) -> Option<String> {
        let levels = self.numbering.get(id)?;
        let def = levels.get(usize::from(level))?;
        let counters = self.counters.entry(id.to_string()).or_default();
        let level = usize::from(level);
        if counters.len() <= level {
            counters.resize(level + 1, 0);
        }
        for (l, counter) in counters.iter_mut().enumerate() {
            if l < level && *counter == 0 {
                *counter = levels.get(l).map_or(1, |d| d.start);
            }
        }
        counters[level] = if counters[level] == 0 {
            def.start
        } else {
            counters[level] + 1
        };
        counters.truncate(level + 1);
        if def.format == "bullet" {
            return Some("·".to_string());
        }
        if def.format == "none" {
            return None;
        }
        let mut text = def.text.clone();
        for (l, &n) in counters.iter().enumerate() {
            let format = levels.get(l).map_or("decimal", |d| d.format.as_str());
            text = text.replace(&format!("%{}", l + 1), &format_number(n, format));
        }
        Some(text)
    }

    fn blocks(&mut self, parent: Node, out: &mut Vec<RawBlock>, depth: usize) {
        for node in parent.children().filter(Node::is_element) {
            if is(&node, "p") {
                self.paragraph(node, out);
            } else if is(&node, "tbl") {
                if depth > 0 {
                    self.unmapped.nested_tables += 1;
                }
                let rows = node
                    .children()
                    .filter(|r| is(r, "tr"))
                    .map(|row| {
                        row.children()
                            .filter(|c| is(c, "tc"))
                            .map(|cell| {
                                if let Some(pr) = child(&cell, "tcPr") {
                                    let span = val(&pr, "gridSpan")
                                        .and_then(|s| s.parse::<u32>().ok())
                                        .unwrap_or(1);
                                    if span > 1 || child(&pr, "vMerge").is_some() {
                                        self.unmapped.merged_cells += 1;
                                    }
                                }
                                let mut blocks = Vec::new();
                                self.blocks(cell, &mut blocks, depth + 1);
                                blocks
                                    .into_iter()
                                    .filter_map(|b| match b {
                                        RawBlock::Paragraph(p) => Some(p),
                                        _ => None,
                                    })
                                    .collect()
                            })
                            .collect()
                    })
                    .collect();
                out.push(RawBlock::Table(rows));
            } else if is(&node, "sdt") {
                if let Some(content) = child(&node, "sdtContent") {
                    self.blocks(content, out, depth);
                }
            } else if is(&node, "customXml") || is(&node, "ins") {
                self.blocks(node, out, depth);
            }
        }
    }

    fn paragraph(&mut self, node: Node, out: &mut Vec<RawBlock>) {
        let ppr = child(&node, "pPr");
        let style_id = ppr.as_ref().and_then(|p| val(p, "pStyle"));
        let style = style_id
            .as_deref()
            .map(|id| self.style(id))
            .or_else(|| {
                // The default paragraph style.
                let id = self
                    .styles
                    .iter()
                    .find(|(_, d)| d.name.as_deref() == Some("Normal"))
                    .map(|(id, _)| id.clone())?;
                Some(self.style(&id))
            })
            .unwrap_or_default();
        let mut p = RawParagraph {
            style_id,
            style_name: style.name.clone(),
            outline: style.outline,
            align: style.align.clone(),
            ..RawParagraph::default()
        };
        let mut numbering = style.numbering.clone();
        if let Some(ppr) = &ppr {
            if let Some(level) = val(ppr, "outlineLvl").and_then(|v| v.parse().ok()) {
                p.outline = Some(level);
            }
            if let Some(align) = val(ppr, "jc") {
                p.align = Some(align);
            }
            if let Some(n) = numbering_ref(ppr) {
                numbering = Some(n);
            } else if child(ppr, "numPr").is_some() {
                // numId 0 turns the style's numbering off.
                numbering = None;
            }
            p.page_break_before = toggle(ppr, "pageBreakBefore").unwrap_or(false);
            p.left_chars = child(ppr, "ind")
                .and_then(|i| i.attribute((W, "leftChars")).and_then(|v| v.parse().ok()))
                .unwrap_or(0);
            if child(ppr, "sectPr").is_some() {
                // A section break: the page setup of the report is the program's own.
            }
        }
        if let Some((id, level)) = numbering {
            p.numbering = self.label(&id, level).map(|label| (label, level));
        }
        let look = RunLook {
            bold: style.bold.or(self.defaults.bold).unwrap_or(false),
            face: style.face.clone().or_else(|| self.defaults.face.clone()),
            size: style.size.or(self.defaults.size),
        };
        let mut pieces: Vec<Piece> = Vec::new();
        self.runs(node, &look, &mut pieces);
        // A page break inside the paragraph splits it.
        let mut current = p.clone();
        for piece in pieces {
            match piece {
                Piece::Run(run) => match current.runs.last_mut() {
                    Some(last)
                        if (last.bold, &last.face, last.size)
                            == (run.bold, &run.face, run.size) =>
                    {
                        last.text.push_str(&run.text)
                    }
                    _ => current.runs.push(run),
                },
                Piece::PageBreak => {
                    out.push(RawBlock::Paragraph(std::mem::take(&mut current)));
                    out.push(RawBlock::PageBreak);
                    current = RawParagraph {
                        numbering: None,
                        page_break_before: false,
                        runs: Vec::new(),
                        ..p.clone()
                    };
                }
            }
        }
        out.push(RawBlock::Paragraph(current));
    }

    fn runs(&mut self, parent: Node, look: &RunLook, out: &mut Vec<Piece>) {
        let mut in_field_code = false;
        for node in parent.children().filter(Node::is_element) {
            let name = node.tag_name().name();
            if node.tag_name().namespace() != Some(W) {
                // mc:AlternateContent and the like hold drawings.
                if node
                    .descendants()
                    .any(|n| is(&n, "drawing") || is(&n, "pict"))
                {
                    self.unmapped.images += 1;
                }
                continue;
            }
            match name {
                "r" => {
                    let mut run_look = look.clone();
                    if let Some(rpr) = child(&node, "rPr") {
                        let (bold, face, size) = run_props(&rpr);
                        if let Some(b) = bold {
                            run_look.bold = b;
                        }
                        if face.is_some() {
                            run_look.face = face;
                        }
                        if size.is_some() {
                            run_look.size = size;
                        }
                    }
                    for part in node.children().filter(Node::is_element) {
                        match part.tag_name().name() {
                            // Word's “No-Width Non Break” (which our own writer puts between a
                            // number and its unit) only steers Word's line breaking: it is no
                            // part of the report's words, and the Markdown writer would keep it
                            // as an invisible character.
                            "t" if !in_field_code => {
                                let text = part.text().unwrap_or_default();
                                out.push(run_look.run(&text.replace(NO_BREAK_JOINER, "")))
                            }
                            "tab" => out.push(run_look.run("\t")),
                            "br" | "cr" => match part.attribute((W, "type")) {
                                Some("page") => out.push(Piece::PageBreak),
                                Some("column") => {}
                                _ => out.push(run_look.run("\n")),
                            },
                            "sym" => {
                                if let Some(c) = part
                                    .attribute((W, "char"))
                                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                                    .and_then(char::from_u32)
                                {
                                    out.push(run_look.run(&c.to_string()));
                                }
                            }
                            "noBreakHyphen" => out.push(run_look.run("-")),
                            "fldChar" => match part.attribute((W, "fldCharType")) {
                                Some("begin") => in_field_code = true,
                                Some("separate") | Some("end") => in_field_code = false,
                                _ => {}
                            },
                            "instrText" => {
                                let code = part.text().unwrap_or_default().trim();
                                if !code.starts_with("PAGE") {
                                    self.unmapped.fields += 1;
                                }
                            }
                            "drawing" | "pict" | "object" => {
                                if part.descendants().any(|n| is(&n, "txbxContent")) {
                                    self.unmapped.text_boxes += 1;
                                } else {
                                    self.unmapped.images += 1;
                                }
                            }
                            "footnoteReference" | "endnoteReference" => {
                                self.unmapped.footnotes += 1
                            }
                            "commentReference" => self.unmapped.comments += 1,
                            _ => {}
                        }
                    }
                }
                "hyperlink" | "smartTag" | "ins" | "customXml" | "fldSimple" | "bdo" | "dir" => {
                    self.runs(node, look, out)
                }
                "sdt" => {
                    if let Some(content) = child(&node, "sdtContent") {
                        self.runs(content, look, out);
                    }
                }
                "del" => self.unmapped.deletions += 1,
                "commentRangeStart" => {}
                _ => {}
            }
        }
    }
}

#[derive(Debug, Clone)]
struct RunLook {
    bold: bool,
    face: Option<String>,
    size: Option<u32>,
}

impl RunLook {
    fn run(&self, text: &str) -> Piece {
        Piece::Run(RawRun {
            text: text.to_string(),
            bold: self.bold,
            face: self.face.clone(),
            size: self.size,
        })
    }
}

enum Piece {
    Run(RawRun),
    PageBreak,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counting_reads_as_a_clerk_writes_it() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCountingThousand"), "十");
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(21, "chineseCounting"), "二十一");
        assert_eq!(format_number(3, "decimal"), "3");
        assert_eq!(format_number(4, "upperRoman"), "IV");
    }
}
