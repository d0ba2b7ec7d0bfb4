//! Atomic output.
