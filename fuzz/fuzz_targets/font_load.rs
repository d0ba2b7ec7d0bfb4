//! Font loading on any bytes named as a face's font file (as the facts file's 字体 does): the
//! font set either refuses it with an error naming the file, or loads it and sets a line of
//! text with it into a PDF, cutting the subset; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use workreport::diag::SourceFile;
use workreport::fonts::{FontOptions, FontSet};
use workreport::style::Face;

fn scratch() -> &'static std::path::Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

fuzz_target!(
    init: {
        // libFuzzer's panic hook aborts at once; a panic that guard::catch turns into an
        // error (as the program's own hook lets it) is no crash. Any other panic still is.
        let libfuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !workreport::guard::is_caught() {
                libfuzzer_hook(info)
            }
        }));
    },
    |data: &[u8]| {
    let path = scratch().join("font.otf");
    std::fs::write(&path, data).unwrap();
    let opts = FontOptions {
        overrides: BTreeMap::from([(Face::FangSong, path)]),
        allow_missing_glyphs: true,
        ..FontOptions::default()
    };
    let Ok(fonts) = FontSet::shipped(&opts) else {
        return;
    };
    let sample = SourceFile::new("fuzz.md", "---\n标题: 报告\n---\n\n正文一二三，2024年。\n");
    let doc = workreport::markdown::parse(&sample).expect("the sample parses");
    let _ = workreport::write::pdf::render(&doc, &fonts);
});
