//! PDF writer (helper C).
