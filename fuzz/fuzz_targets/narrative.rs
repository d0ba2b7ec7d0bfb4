//! The narrative `{figure}` syntax and the proofreader's rules on any text: every scan returns
//! character indexes inside the text, every finding a byte range on character boundaries with a
//! fix that applies, and filling never panics.
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
    for finding in workreport::check::rules::run(text) {
        let range = finding.range;
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        if let Some(fix) = finding.fix {
            let mut fixed = text.to_string();
            fixed.replace_range(range, &fix);
        }
    }
});
