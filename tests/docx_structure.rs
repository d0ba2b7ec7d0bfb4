//! The DOCX read back: page setup, style sheet, paragraph styles and texts, footers, properties.

mod docx_common;

use docx_common::*;
use workreport::write::docx::render;

#[test]
fn dump_for_inspection() {
    let bytes = render(&sample_report()).expect("renders");
    if let Some(path) = std::env::var_os("DOCX_DUMP") {
        std::fs::write(path, &bytes).unwrap();
    }
}
