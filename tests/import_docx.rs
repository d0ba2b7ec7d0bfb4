//! `workreport import`: DOCX files as Word-like producers make them — LibreOffice from plain
//! text, pandoc with a reference document, the program itself, and one made by hand with
//! direct formatting instead of styles — become the program's Markdown, which builds.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use workreport::document::{plain_text, Block, Document, HeadingKind};
use workreport::import::import_docx;

/// (kind, level, text) of every heading.
fn headings(doc: &Document) -> Vec<(HeadingKind, u8, String)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.kind, h.level, plain_text(&h.text))),
            _ => None,
        })
        .collect()
}

/// The imported Markdown read back as the build reads it.
fn reread(doc: &Document) -> Document {
    let md = workreport::markdown::render(doc);
    workreport::markdown::parse(&workreport::diag::SourceFile::new("i.md", md.as_str()))
        .unwrap_or_else(|e| panic!("{e}\n{md}"))
}

const TEXT_REPORT: &str = "云溪镇第三届人民代表大会第六次会议文件（三）
云溪镇人民代表大会主席团工作报告
——在云溪镇第三届人民代表大会第六次会议上
镇人大主席　陈晓岚
（2025年2月12日）
各位代表：
受镇人民代表大会主席团委托，我向大会报告工作，请予审议。
一、坚持政治引领，筑牢履职根基

主席团全年开展集体学习9次，引导代表把学习体会转化为履职本领。
（一）突出重点开展视察
围绕山区道路养护组织代表视察6次，提出意见建议23条。
二、加强自身建设
分批组织代表参加履职培训。
";

#[test]
fn a_docx_libreoffice_made_from_text_is_read_by_its_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("report.txt");
    std::fs::write(&txt, TEXT_REPORT).unwrap();
    let status = Command::new("soffice")
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&txt)
        .env("HOME", dir.path())
        .output();
    let docx = dir.path().join("report.docx");
    if !status.is_ok_and(|o| o.status.success()) || !docx.exists() {
        support::tool_missing("LibreOffice (soffice)");
        return;
    }
    let imported = import_docx(&std::fs::read(&docx).unwrap()).unwrap();
    let doc = imported.document;
    assert_eq!(
        doc.meta.session_mark.as_deref(),
        Some("云溪镇第三届人民代表大会第六次会议文件（三）")
    );
    assert_eq!(doc.meta.title, "云溪镇人民代表大会主席团工作报告");
    assert_eq!(
        doc.meta.subtitle.as_deref(),
        Some("——在云溪镇第三届人民代表大会第六次会议上")
    );
    assert_eq!(doc.meta.speaker.as_deref(), Some("镇人大主席　陈晓岚"));
    assert_eq!(doc.meta.date_line.as_deref(), Some("（2025年2月12日）"));
    assert_eq!(doc.meta.salutation.as_deref(), Some("各位代表："));
    use HeadingKind::Section;
    assert_eq!(
        headings(&doc),
        [
            (Section, 1, "一、坚持政治引领，筑牢履职根基".into()),
            (Section, 2, "（一）突出重点开展视察".into()),
            (Section, 1, "二、加强自身建设".into()),
        ]
    );
    assert!(
        imported.notes.iter().any(|n| n.contains("删去空段落 1 个")),
        "{:?}",
        imported.notes
    );
    assert_eq!(reread(&doc), doc);
}

#[test]
fn a_docx_pandoc_made_with_a_reference_document_keeps_parts_and_lead_ins() {
    let dir = tempfile::tempdir().unwrap();
    // The program's own DOCX as the reference document, as a clerk's office template would be.
    let reference = dir.path().join("reference.docx");
    let doc = Document {
        meta: workreport::document::Meta {
            title: "参考".into(),
            ..Default::default()
        },
        blocks: vec![Block::paragraph("参考文档。")],
    };
    std::fs::write(&reference, workreport::write::docx::render(&doc).unwrap()).unwrap();
    // HTML keeps a bold lead-in exact (pandoc's Markdown would need a space after `**`).
    let html = dir.path().join("report.html");
    std::fs::write(
        &html,
        "<html><head><title>云溪镇人民代表大会主席团工作报告</title></head><body>\
         <p>各位代表：</p>\
         <h2>2024年工作回顾</h2><h3>一、坚持政治引领</h3>\
         <p><strong>政治自觉不断强化。</strong>主席团全年开展集体学习9次。</p>\
         <h4>（一）突出重点开展视察</h4><p>组织代表视察6次。</p>\
         <ol start=\"3\"><li>会后召开交办会；</li><li>按时答复代表。</li></ol>\
         <h2>2025年工作安排</h2><h3>一、加强代表联系</h3><p>推动代表进站接待选民。</p>\
         </body></html>",
    )
    .unwrap();
    let docx = dir.path().join("report.docx");
    let ran = Command::new("pandoc")
        .arg(&html)
        .args(["-s", "-o"])
        .arg(&docx)
        .arg(format!("--reference-doc={}", reference.display()))
        .status();
    if !ran.is_ok_and(|s| s.success()) {
        support::tool_missing("pandoc");
        return;
    }
    let doc = import_docx(&std::fs::read(&docx).unwrap())
        .unwrap()
        .document;
    assert_eq!(doc.meta.title, "云溪镇人民代表大会主席团工作报告");
    assert_eq!(doc.meta.salutation.as_deref(), Some("各位代表："));
    use HeadingKind::*;
    assert_eq!(
        headings(&doc),
        [
            (Part, 1, "2024年工作回顾".into()),
            (Section, 1, "一、坚持政治引领".into()),
            (Section, 2, "（一）突出重点开展视察".into()),
            (Part, 1, "2025年工作安排".into()),
            (Section, 1, "一、加强代表联系".into()),
        ]
    );
    let lead_in = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) if plain_text(&p.text).starts_with("政治自觉") => Some(p),
            _ => None,
        })
        .unwrap();
    assert!(lead_in.text[0].strong && lead_in.text[0].text == "政治自觉不断强化。");
    assert!(!lead_in.text[1].strong);
    let list = doc
        .blocks
        .iter()
        .find(|b| matches!(b, Block::List(_)))
        .expect("the list");
    assert_eq!(
        list.paragraphs(),
        ["3.会后召开交办会；", "4.按时答复代表。"]
    );
    assert_eq!(reread(&doc), doc);
}

/// A DOCX as a clerk's Word makes it without styles: every look set directly on the runs.
fn hand_made_docx() -> Vec<u8> {
    let run = |text: &str, props: &str| {
        format!("<w:r><w:rPr>{props}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    };
    let para = |ppr: &str, runs: &str| format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>");
    let fang = "<w:rFonts w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/>";
    let hei = "<w:rFonts w:eastAsia=\"黑体\"/><w:sz w:val=\"32\"/>";
    let title = "<w:rFonts w:eastAsia=\"方正小标宋简体\"/><w:sz w:val=\"44\"/>";
    let bold = "<w:b/><w:rFonts w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/>";
    let center = "<w:jc w:val=\"center\"/>";
    let list =
        |level: u8| format!("<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr>");
    let body = [
        para(center, &run("云溪镇人民代表大会主席团", title)),
        para(center, &run("2024年工作报告", title)),
        para("", ""),
        para("", &run("各位代表：", fang)),
        para("", &run("　　受主席团委托，我向大会报告工作。", fang)),
        para("", &run("一、\t依法履职", hei)),
        para("", &(run("工作机制日益健全。", bold) + &run("修订主席团工作规则。", fang))),
        para(&list(0), &run("召开交办会；", fang)),
        para(&list(1), &run("当面听取意见；", fang)),
        para(&list(0), &run("按时答复代表。", fang)),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>类别</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>件数</w:t></w:r></w:p></w:tc></w:tr>\
         <w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>合计8件</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            .to_string(),
        para("", "<w:r><w:drawing/></w:r>"),
        para("", &(run("分页前", fang) + "<w:r><w:br w:type=\"page\"/></w:r>" + &run("分页后的段落。", fang))),
    ]
    .concat();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let numbering = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
        <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/></w:lvl></w:abstractNum>\
        <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default();
    for (name, text) in [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"),
        ("word/document.xml", document.as_str()),
        ("word/numbering.xml", numbering),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_hand_made_docx_with_direct_formatting_is_read_by_its_looks() {
    let imported = import_docx(&hand_made_docx()).unwrap();
    let doc = &imported.document;
    // Two title lines in 小标宋 are one title; the indent's full-width spaces go.
    assert_eq!(doc.meta.title, "云溪镇人民代表大会主席团2024年工作报告");
    assert_eq!(doc.meta.salutation.as_deref(), Some("各位代表："));
    assert_eq!(
        plain_text(match &doc.blocks[0] {
            Block::Paragraph(p) => &p.text,
            other => panic!("{other:?}"),
        }),
        "受主席团委托，我向大会报告工作。"
    );
    // The tab after a typed number goes; the heading is level 1 by its number.
    assert_eq!(
        headings(doc),
        [(HeadingKind::Section, 1, "一、依法履职".into())]
    );
    let Block::Paragraph(lead_in) = &doc.blocks[2] else {
        panic!("{:?}", doc.blocks[2])
    };
    assert!(lead_in.text[0].strong && !lead_in.text[1].strong);
    // Word's numbering: a list with its numbers, the bullet nested under the first item.
    assert_eq!(
        doc.blocks[3].paragraphs(),
        ["1.召开交办会；", "·当面听取意见；", "2.按时答复代表。"]
    );
    assert!(matches!(doc.blocks[4], Block::Table(_)));
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::PageBreak(_))));
    let notes = imported.notes.join("\n");
    for expected in [
        "图片 1 处",
        "合并单元格（已拆开） 1 处",
        "删去编号后多余的空白 1 处",
        "删去空段落",
    ] {
        assert!(notes.contains(expected), "{expected}: {notes}");
    }
    assert_eq!(reread(doc), *doc);
}

#[test]
fn the_cli_imports_next_to_the_input_and_never_writes_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("去年报告.docx");
    std::fs::write(&docx, hand_made_docx()).unwrap();
    let bin = env!("CARGO_BIN_EXE_workreport");
    let run = |args: &[&str]| {
        Command::new(bin)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["import", "去年报告.docx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = dir.path().join("去年报告.md");
    let written = std::fs::read(&md).unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("未能导入：图片 1 处"));
    // Again: refused, the file untouched.
    std::fs::write(&md, "手改过的内容").unwrap();
    let out = run(&["import", "去年报告.docx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("已存在，不会覆盖"));
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "手改过的内容");
    // Never over the input, --force or not.
    let before = std::fs::read(&docx).unwrap();
    let out = run(&["import", "去年报告.docx", "-o", "去年报告.docx", "--force"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("就是输入文件"));
    assert_eq!(std::fs::read(&docx).unwrap(), before);
    // --force replaces the Markdown, which then builds.
    let out = run(&["import", "去年报告.docx", "--force"]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(&md).unwrap(), written);
    let out = run(&["build", "去年报告.md", "-o", "out", "--to", "docx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(Path::new(&dir.path().join("out")).exists());
    // Something that is no DOCX is refused in Chinese, and nothing is written.
    std::fs::write(dir.path().join("假的.docx"), "不是压缩包").unwrap();
    let out = run(&["import", "假的.docx"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("不是 DOCX 文件") && !err.contains("Zip"),
        "{err}"
    );
    assert!(!dir.path().join("假的.md").exists());
}
