//! Composing a report's Markdown from facts and figures with tera (helper A).
