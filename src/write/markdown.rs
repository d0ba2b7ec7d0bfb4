//! The Markdown writer: the document model back to the report's editable source. It lives with
//! the reader in [`crate::markdown`], which alone knows the dialect both speak.

pub use crate::markdown::render;
