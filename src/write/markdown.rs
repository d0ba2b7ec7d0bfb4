//! Markdown writer.
