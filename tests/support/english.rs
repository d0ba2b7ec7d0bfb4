//! Finding English in what the program tells a clerk: every message is Chinese, so an English
//! sentence in the output is another crate's message that slipped through untranslated.

/// Words that other crates' messages are made of and ours never use.
const TELLTALES: [&str; 12] = [
    "expected",
    "found",
    "invalid",
    "unknown",
    "missing",
    "while",
    "anchor",
    "escape",
    "deserializing",
    "panicked",
    "error",
    "column",
];

/// The first English sentence in `text`: three or more ASCII words in a row (`could not find
/// expected ':'`), or one word of [`TELLTALES`] standing alone. `None` when there is none.
pub fn english_sentence(text: &str) -> Option<String> {
    // A token: ASCII letters and digits, with `-`, `_` or `.` inside an identifier (a rule id
    // such as unknown-key, a file name such as missing-colon.yaml) counting as one token.
    let in_token = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    // Runs of tokens joined only by spaces and the punctuation English sentences use.
    let joins = |c: char| matches!(c, ' ' | '\'' | '`' | ',' | ':' | '"');
    for run in text.split(|c: char| !(in_token(c) || joins(c))) {
        // Words are tokens of letters only; anything else (a number, an identifier) breaks
        // the sentence.
        let mut in_a_row = 0;
        for token in run.split(|c: char| !in_token(c)).filter(|t| !t.is_empty()) {
            let word = token.len() >= 2 && token.chars().all(|c| c.is_ascii_alphabetic());
            in_a_row = if word { in_a_row + 1 } else { 0 };
            if in_a_row >= 3 {
                return Some(run.trim().to_string());
            }
            if TELLTALES.contains(&token.to_ascii_lowercase().as_str()) {
                return Some(format!("{token}（在“{}”中）", run.trim()));
            }
        }
    }
    None
}
