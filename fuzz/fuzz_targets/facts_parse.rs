//! The facts parser on any bytes: a located Chinese error or a facts file, never a panic, and
//! in time bounded by the input's size (libFuzzer's -timeout catches a hang).
#![no_main]

use libfuzzer_sys::fuzz_target;

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
    |data: &[u8]| {
        if let Err(e) = workreport::facts::parse(data, "fuzz.yaml") {
            // Rendering the messages is part of the path a clerk sees.
            let _ = e.to_string();
        }
    }
);
