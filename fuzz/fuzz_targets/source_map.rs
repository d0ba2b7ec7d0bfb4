//! The YAML position map on any text: building it and asking it for positions never panics,
//! and every position it gives is inside the text, on a character boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workreport::facts::canonical_key;
use workreport::facts::source_map::SourceMap;

fuzz_target!(
    init: {
        // libFuzzer's panic hook aborts at once; a panic that guard::catch turns into an
        // error (the YAML parser's, as the program's own hook lets it) is no crash. Any other
        // panic still is.
        let libfuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !workreport::guard::is_caught() {
                libfuzzer_hook(info)
            }
        }));
    },
    |text: &str| {
    let map = SourceMap::build(text, &canonical_key);
    for path in [
        "单位",
        "单位.镇名",
        "会议[1].日期",
        "会议[2]",
        "回顾.部分[1].要点[2]",
        "上年.建议.总数",
        "字体.仿宋",
    ] {
        let mut found: Vec<_> = [map.locate(path), map.locate_key(path)]
            .into_iter()
            .flatten()
            .collect();
        // A place inside the value, as the checker asks for it: with the value's own text
        // (here the rest of its line, which holds a plain one-line value).
        if let Some(at) = map.locate(path) {
            if at.offset <= text.len() && text.is_char_boundary(at.offset) {
                let value = text[at.offset..].lines().next().unwrap_or("");
                let chars = value.chars().count();
                for inside in [0, 1, chars / 2, chars.saturating_sub(1)] {
                    found.extend(map.locate_inside(path, inside.min(chars), value));
                }
            }
        }
        for pos in found {
            assert!(pos.offset <= text.len(), "{path}: {pos:?}");
            assert!(text.is_char_boundary(pos.offset), "{path}: {pos:?}");
        }
    }
    let lines = text.lines().count() + 1;
    for line in [1, lines / 2 + 1, lines] {
        for column in [1, 2, 7] {
            let offset = map.offset_of(text, line, column);
            assert!(offset <= text.len() && text.is_char_boundary(offset));
            let _ = map.path_at(offset, false);
            let _ = map.path_at(offset, true);
        }
    }
}
);
