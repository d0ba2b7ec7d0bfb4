//! The narrative `{figure}` syntax on any text: every scan returns character indexes inside the
//! text, and filling never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use workreport::facts::narrative;

fuzz_target!(|text: &str| {
    let figures: BTreeMap<String, String> = [("建议.总数", "17"), ("会议.总数", "9"), ("a", "1")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let chars = text.chars().count();
    if let Ok(unknown) = narrative::unknown_references(text, &figures) {
        assert!(unknown.iter().all(|(at, _)| *at <= chars));
    }
    let _ = narrative::fill(text, &figures);
    for (at, _) in narrative::escaped_references(text, &figures) {
        assert!(at <= chars);
    }
    for (at, _) in narrative::placeholders(text) {
        assert!(at <= chars);
    }
    for (at, _) in narrative::halfwidth_punctuation(text) {
        assert!(at <= chars);
    }
});
