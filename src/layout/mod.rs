//! Page layout for the PDF: line breaking and pagination on the GB/T 9704 grid, kept apart from
//! PDF export so it can be tested on its own.

pub mod linebreak;
pub mod title;
