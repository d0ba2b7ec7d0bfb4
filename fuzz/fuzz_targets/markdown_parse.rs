//! The Markdown reader on any text: a document or a located error, never a panic; a document
//! it reads is written back by the Markdown writer and read again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workreport::diag::SourceFile;

fuzz_target!(|text: &str| {
    if let Ok(doc) = workreport::markdown::parse(&SourceFile::new("fuzz.md", text)) {
        let again = workreport::write::markdown::render(&doc);
        let _ = workreport::markdown::parse(&SourceFile::new("again.md", again));
    }
});
