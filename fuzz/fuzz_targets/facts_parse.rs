//! The facts parser on any bytes: a located Chinese error or a facts file, never a panic, and
//! in time bounded by the input's size (libFuzzer's -timeout catches a hang).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = workreport::facts::parse(data, "fuzz.yaml") {
        // Rendering the messages is part of the path a clerk sees.
        let _ = e.to_string();
    }
});
