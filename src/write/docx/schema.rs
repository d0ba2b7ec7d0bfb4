//! Makes the WordprocessingML docx-rs writes conform to the schema (ECMA-376 Part 1) before it
//! is packed: one pass over each part that puts the children of property elements in schema
//! order and drops the elements the schema does not allow where docx-rs puts them.
//!
//! - Order: docx-rs 0.4 writes, for example, `w:sz` before `w:rFonts` in a run's properties,
//!   `w:jc` before `w:spacing` in a paragraph's, a style's `w:rPr` before its `w:pPr`, the footer
//!   references last in `w:sectPr`. These elements are `xsd:sequence`s: LibreOffice reads them in
//!   any order, but Word drops or "repairs" children out of sequence (a font ignored, even/odd
//!   footers lost, Word for the web refusing the file).
//! - Content: docx-rs writes an empty `w:rPr` into every `w:pPr`. A paragraph's `w:pPr`
//!   (CT_PPr) may hold one (the paragraph mark's run properties), but the `w:pPr` of a style, of
//!   `w:pPrDefault` and of a numbering level is CT_PPrGeneral, which has no `w:rPr`: the Open XML
//!   SDK validator reports `Sch_InvalidElementContentExpectingComplex` for each, and Word may ask
//!   to repair the file. An empty `w:rPr` says nothing anywhere, so every empty one is dropped; a
//!   non-empty one where CT_PPrGeneral stands is an error (a docx-rs upgrade to look at), never
//!   silently lost.
//!
//! The XML docx-rs writes is small and regular; a minimal element scanner is enough.

use super::DocxError;

/// Child order of the elements whose content is an `xsd:sequence` we care about. Children not
/// listed (extensions) keep their relative order after the listed ones.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:rPr",
        &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
    ),
    (
        "w:settings",
        &[
            "w:writeProtection",
            "w:view",
            "w:zoom",
            "w:removePersonalInformation",
            "w:removeDateAndTime",
            "w:doNotDisplayPageBoundaries",
            "w:displayBackgroundShape",
            "w:printPostScriptOverText",
            "w:printFractionalCharacterWidth",
            "w:printFormsData",
            "w:embedTrueTypeFonts",
            "w:embedSystemFonts",
            "w:saveSubsetFonts",
            "w:saveFormsData",
            "w:mirrorMargins",
            "w:alignBordersAndEdges",
            "w:bordersDoNotSurroundHeader",
            "w:bordersDoNotSurroundFooter",
            "w:gutterAtTop",
            "w:hideSpellingErrors",
            "w:hideGrammaticalErrors",
            "w:activeWritingStyle",
            "w:proofState",
            "w:formsDesign",
            "w:attachedTemplate",
            "w:linkStyles",
            "w:stylePaneFormatFilter",
            "w:stylePaneSortMethod",
            "w:documentType",
            "w:mailMerge",
            "w:revisionView",
            "w:trackRevisions",
            "w:doNotTrackMoves",
            "w:doNotTrackFormatting",
            "w:documentProtection",
            "w:autoFormatOverride",
            "w:styleLockTheme",
            "w:styleLockQFSet",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:consecutiveHyphenLimit",
            "w:hyphenationZone",
            "w:doNotHyphenateCaps",
            "w:showEnvelope",
            "w:summaryLength",
            "w:clickAndTypeStyle",
            "w:defaultTableStyle",
            "w:evenAndOddHeaders",
            "w:bookFoldRevPrinting",
            "w:bookFoldPrinting",
            "w:bookFoldPrintingSheets",
            "w:drawingGridHorizontalSpacing",
            "w:drawingGridVerticalSpacing",
            "w:displayHorizontalDrawingGridEvery",
            "w:displayVerticalDrawingGridEvery",
            "w:doNotUseMarginsForDrawingGridOrigin",
            "w:drawingGridHorizontalOrigin",
            "w:drawingGridVerticalOrigin",
            "w:doNotShadeFormData",
            "w:noPunctuationKerning",
            "w:characterSpacingControl",
            "w:printTwoOnOne",
            "w:strictFirstAndLastChars",
            "w:noLineBreaksAfter",
            "w:noLineBreaksBefore",
            "w:savePreviewPicture",
            "w:doNotValidateAgainstSchema",
            "w:saveInvalidXml",
            "w:ignoreMixedContent",
            "w:alwaysShowPlaceholderText",
            "w:doNotDemarcateInvalidXml",
            "w:saveXmlDataOnly",
            "w:useXSLTWhenSaving",
            "w:saveThroughXslt",
            "w:showXMLTags",
            "w:alwaysMergeEmptyNamespace",
            "w:updateFields",
            "w:hdrShapeDefaults",
            "w:footnotePr",
            "w:endnotePr",
            "w:compat",
            "w:docVars",
            "w:rsids",
            "m:mathPr",
            "w:attachedSchema",
            "w:themeFontLang",
            "w:clrSchemeMapping",
            "w:doNotIncludeSubdocsInStats",
            "w:doNotAutoCompressPictures",
            "w:forceUpgrade",
            "w:captions",
            "w:readModeInkLockDown",
            "w:smartTagType",
            "sl:schemaLibrary",
            "w:shapeDefaults",
            "w:doNotEmbedSmartTags",
            "w:decimalSymbol",
            "w:listSeparator",
        ],
    ),
];

/// A piece of the XML: an element with its children, or anything else kept verbatim.
enum Node<'a> {
    Element {
        name: &'a str,
        open: &'a str,
        children: Vec<Node<'a>>,
        close: &'a str,
    },
    Verbatim(&'a str),
}

/// Elements whose `w:pPr` is CT_PPrGeneral: paragraph properties without the paragraph mark's
/// run properties (`w:rPr`), which only a paragraph's own `w:pPr` may carry.
const GENERAL_PPR_PARENTS: &[&str] = &["w:style", "w:pPrDefault", "w:lvl"];

/// Rewrites `xml` so that it conforms to the schema: every empty `w:rPr` dropped, the
/// [`UNDECLARED_ATTRIBUTES`] dropped, and the
/// children of every element listed in [`ORDERS`] in schema order.
pub fn conform(part: &'static str, xml: &[u8]) -> Result<Vec<u8>, DocxError> {
    let err = |reason: String| DocxError::Patch { part, reason };
    let text = std::str::from_utf8(xml).map_err(|e| err(e.to_string()))?;
    let mut pos = 0;
    let nodes = parse_children(text, &mut pos, None).map_err(err)?;
    let mut out = String::with_capacity(text.len());
    for node in &nodes {
        write(node, &mut out);
    }
    Ok(out.into_bytes())
}

/// Reads nodes until the end tag of `parent` (or the end of the text at the top level).
fn parse_children<'a>(
    text: &'a str,
    pos: &mut usize,
    parent: Option<&str>,
) -> Result<Vec<Node<'a>>, String> {
    let mut nodes = Vec::new();
    while *pos < text.len() {
        let rest = &text[*pos..];
        if !rest.starts_with('<') {
            let len = rest.find('<').unwrap_or(rest.len());
            nodes.push(Node::Verbatim(&rest[..len]));
            *pos += len;
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = if rest.starts_with("<!--") { "-->" } else { ">" };
            let len = rest.find(end).ok_or("unclosed declaration")? + end.len();
            nodes.push(Node::Verbatim(&rest[..len]));
            *pos += len;
        } else if let Some(after) = rest.strip_prefix("</") {
            let len = after.find('>').ok_or("unclosed end tag")? + 3;
            let name = after[..len - 3].trim();
            return match parent {
                Some(p) if p == name => Ok(nodes),
                _ => Err(format!("unexpected </{name}>")),
            };
        } else {
            let len = tag_len(rest).ok_or("unclosed start tag")?;
            let open = &rest[..len];
            let name = open[1..]
                .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .next()
                .unwrap_or_default();
            *pos += len;
            if open.ends_with("/>") {
                nodes.push(Node::Element {
                    name,
                    open,
                    children: Vec::new(),
                    close: "",
                });
                continue;
            }
            let children = parse_children(text, pos, Some(name))?;
            let close_len = text[*pos..].find('>').ok_or("unclosed end tag")? + 1;
            let close = &text[*pos..*pos + close_len];
            *pos += close_len;
            let children = drop_disallowed(name, parent, children)?;
            nodes.push(Node::Element {
                name,
                open,
                children: reorder(name, children),
                close,
            });
        }
    }
    match parent {
        None => Ok(nodes),
        Some(p) => Err(format!("<{p}> not closed")),
    }
}

/// The children of `name` (whose parent is `parent`) without the elements the schema does not
/// allow there: empty `w:rPr` anywhere; an `w:rPr` in CT_PPrGeneral is an error.
fn drop_disallowed<'a>(
    name: &str,
    parent: Option<&str>,
    mut children: Vec<Node<'a>>,
) -> Result<Vec<Node<'a>>, String> {
    children.retain(|child| !is_empty_element(child, "w:rPr"));
    let general = name == "w:pPr" && parent.is_some_and(|p| GENERAL_PPR_PARENTS.contains(&p));
    if general
        && children
            .iter()
            .any(|c| matches!(c, Node::Element { name: "w:rPr", .. }))
    {
        return Err(format!(
            "w:rPr with content in the w:pPr of {} (CT_PPrGeneral has no w:rPr)",
            parent.unwrap_or_default()
        ));
    }
    Ok(children)
}

/// Whether `node` is a `tag` element with no element children (white space at most).
fn is_empty_element(node: &Node, tag: &str) -> bool {
    match node {
        Node::Element { name, children, .. } if *name == tag => children
            .iter()
            .all(|c| matches!(c, Node::Verbatim(s) if s.trim().is_empty())),
        _ => false,
    }
}

/// Length of the start tag at the head of `s`, quotes respected.
fn tag_len(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn reorder<'a>(name: &str, mut children: Vec<Node<'a>>) -> Vec<Node<'a>> {
    let Some((_, order)) = ORDERS.iter().find(|(n, _)| *n == name) else {
        return children;
    };
    let rank = |node: &Node| match node {
        Node::Element { name, .. } => order.iter().position(|o| o == name).unwrap_or(order.len()),
        // White space between children stays with what follows it.
        Node::Verbatim(_) => order.len(),
    };
    // A markup-compatibility block stands where the element of its first Choice belongs.
    let rank = |node: &Node| match alternate_content_element(node) {
        Some(name) => order.iter().position(|o| *o == name).unwrap_or(order.len()),
        None => rank(node),
    };
    children.sort_by_key(rank);
    children
}

/// The name of the first element in the first `mc:Choice` of an `mc:AlternateContent`.
fn alternate_content_element<'a>(node: &Node<'a>) -> Option<&'a str> {
    let Node::Element {
        name: "mc:AlternateContent",
        children,
        ..
    } = node
    else {
        return None;
    };
    children.iter().find_map(|choice| match choice {
        Node::Element {
            name: "mc:Choice",
            children,
            ..
        } => children.iter().find_map(|c| match c {
            Node::Element { name, .. } => Some(*name),
            Node::Verbatim(_) => None,
        }),
        _ => None,
    })
}

/// Attributes docx-rs writes where the schema declares none: `w:type` on a table grid's
/// `w:gridCol` (CT_TblGridCol has only `w:w`, always in twips; the validator's
/// Sch_UndeclaredAttribute). Dropped when the element is written.
const UNDECLARED_ATTRIBUTES: &[(&str, &str)] = &[("w:gridCol", "w:type")];

/// `open` without the attribute `attribute` (`name="value"`, with the whitespace before it).
fn without_attribute(open: &str, attribute: &str) -> String {
    let needle = format!(" {attribute}=\"");
    let Some(at) = open.find(&needle) else {
        return open.to_string();
    };
    let value_start = at + needle.len();
    let Some(len) = open[value_start..].find('"') else {
        return open.to_string();
    };
    format!("{}{}", &open[..at], &open[value_start + len + 1..])
}

fn write(node: &Node, out: &mut String) {
    match node {
        Node::Verbatim(s) => out.push_str(s),
        Node::Element {
            name,
            open,
            children,
            close,
        } => {
            match UNDECLARED_ATTRIBUTES.iter().find(|(n, _)| n == name) {
                Some((_, attribute)) => out.push_str(&without_attribute(open, attribute)),
                None => out.push_str(open),
            }
            for child in children {
                write(child, out);
            }
            out.push_str(close);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(xml: &str) -> String {
        String::from_utf8(conform("test", xml.as_bytes()).unwrap()).unwrap()
    }

    /// CT_TblGridCol declares `w:w` only: docx-rs's `w:type="dxa"` on a grid column is the
    /// validator's Sch_UndeclaredAttribute.
    #[test]
    fn grid_columns_carry_no_undeclared_type() {
        let xml = r#"<w:tblGrid><w:gridCol w:w="2580" w:type="dxa" /><w:gridCol w:w="3137" w:type="dxa"/></w:tblGrid><w:tblW w:w="8844" w:type="dxa" />"#;
        assert_eq!(
            canon(xml),
            r#"<w:tblGrid><w:gridCol w:w="2580" /><w:gridCol w:w="3137"/></w:tblGrid><w:tblW w:w="8844" w:type="dxa" />"#
        );
    }

    #[test]
    fn run_and_paragraph_properties_come_out_in_schema_order() {
        let xml = r#"<?xml version="1.0"?><w:p><w:pPr><w:rPr><w:b /></w:rPr><w:jc w:val="both" /><w:ind w:firstLine="632" /><w:spacing w:line="579" /><w:keepNext /></w:pPr><w:r><w:rPr><w:sz w:val="32" /><w:b /><w:rFonts w:eastAsia="仿宋_GB2312" /></w:rPr><w:t>a&lt;b</w:t></w:r></w:p>"#;
        assert_eq!(
            canon(xml),
            r#"<?xml version="1.0"?><w:p><w:pPr><w:keepNext /><w:spacing w:line="579" /><w:ind w:firstLine="632" /><w:jc w:val="both" /><w:rPr><w:b /></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312" /><w:b /><w:sz w:val="32" /></w:rPr><w:t>a&lt;b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn sections_styles_and_settings_are_ordered_and_unknown_children_kept() {
        let xml = r#"<w:sectPr><w:pgSz w:w="11906" /><w:docGrid w:type="lines" /><w:footerReference w:type="even" r:id="a>b" /></w:sectPr><w:style><w:name w:val="N" /><w:rPr><w:b /></w:rPr><w:pPr /><w:x:ext /><w:basedOn w:val="Normal" /></w:style><w:settings><w:compat><w:useFELayout /></w:compat><w:evenAndOddHeaders /><w:zoom /></w:settings>"#;
        assert_eq!(
            canon(xml),
            r#"<w:sectPr><w:footerReference w:type="even" r:id="a>b" /><w:pgSz w:w="11906" /><w:docGrid w:type="lines" /></w:sectPr><w:style><w:name w:val="N" /><w:basedOn w:val="Normal" /><w:pPr /><w:rPr><w:b /></w:rPr><w:x:ext /></w:style><w:settings><w:zoom /><w:evenAndOddHeaders /><w:compat><w:useFELayout /></w:compat></w:settings>"#
        );
    }

    /// CT_PPrGeneral, the `w:pPr` of a style, of the document defaults and of a numbering
    /// level, has no `w:rPr` (the validator's Sch_InvalidElementContentExpectingComplex); a
    /// paragraph's own `w:pPr` (CT_PPr) may carry the paragraph mark's. Empty ones go everywhere.
    #[test]
    fn ct_ppr_general_holds_no_rpr_and_empty_rpr_go_everywhere() {
        let xml = concat!(
            r#"<w:styles><w:docDefaults><w:pPrDefault><w:pPr><w:rPr /></w:pPr></w:pPrDefault></w:docDefaults>"#,
            r#"<w:style><w:pPr><w:rPr></w:rPr><w:jc w:val="both" /></w:pPr><w:rPr><w:b /></w:rPr></w:style></w:styles>"#,
            r#"<w:numbering><w:lvl><w:pPr><w:rPr /><w:ind w:left="420" /></w:pPr><w:rPr /></w:lvl></w:numbering>"#,
            r#"<w:p><w:pPr><w:rPr><w:b /></w:rPr></w:pPr><w:r><w:rPr /><w:t>x</w:t></w:r></w:p>"#
        );
        assert_eq!(
            canon(xml),
            concat!(
                r#"<w:styles><w:docDefaults><w:pPrDefault><w:pPr></w:pPr></w:pPrDefault></w:docDefaults>"#,
                r#"<w:style><w:pPr><w:jc w:val="both" /></w:pPr><w:rPr><w:b /></w:rPr></w:style></w:styles>"#,
                r#"<w:numbering><w:lvl><w:pPr><w:ind w:left="420" /></w:pPr></w:lvl></w:numbering>"#,
                r#"<w:p><w:pPr><w:rPr><w:b /></w:rPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#
            )
        );
        // Content there would be lost: an error, not a silent drop.
        let err = conform(
            "word/styles.xml",
            br#"<w:style><w:pPr><w:rPr><w:b /></w:rPr></w:pPr></w:style>"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("CT_PPrGeneral"), "{err}");
    }

    #[test]
    fn a_markup_compatibility_block_stands_where_its_choice_belongs() {
        let xml = r#"<w:pPr><w:ind w:firstLine="632" /><mc:AlternateContent><mc:Choice Requires="w15"><w:overflowPunct w:val="0" /></mc:Choice><mc:Fallback><w:overflowPunct w:val="1" /></mc:Fallback></mc:AlternateContent><w:keepNext /></w:pPr>"#;
        assert_eq!(
            canon(xml),
            r#"<w:pPr><w:keepNext /><mc:AlternateContent><mc:Choice Requires="w15"><w:overflowPunct w:val="0" /></mc:Choice><mc:Fallback><w:overflowPunct w:val="1" /></mc:Fallback></mc:AlternateContent><w:ind w:firstLine="632" /></w:pPr>"#
        );
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        assert!(conform("test", b"<w:p><w:r></w:p>").is_err());
        assert!(conform("test", b"<w:p").is_err());
    }
}
