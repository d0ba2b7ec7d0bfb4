//! The checks of a loaded facts file that need its figures or read its prose: the first rules
//! of the proofreader (issue #11). Each finding is a [`Diagnostic`] with a rule code, at the
//! file:line:column of the field it is about ([`crate::facts::Places`]).
//!
//! The facts loader ([`crate::facts`]) checks shape only; these run after it, in `check`,
//! `build` and `stats`:
//! - [`figures`]: 上年 / 上年上半年 names that are no countable figure, figures that contradict
//!   each other (a record solving more problems than it collected, more delegates than the
//!   township has, a half above its year);
//! - [`narrative`]: `{figure}` references (syntax, unknown names, with the names of the
//!   period the text is read in), leftover placeholders, doubled braces, half-width punctuation.

pub mod figures;
pub mod narrative;

use std::path::Path;

use crate::diag::Diagnostics;
use crate::facts::{self, Loaded};

/// Reads the facts file at `path` and runs every check on it: the loader's and these, all
/// findings of one run together (errors stop the run, warnings ride along in
/// [`Loaded::warnings`]).
pub fn load(path: &Path) -> Result<Loaded, Diagnostics> {
    facts::load_with(path, &self::facts)
}

/// [`load`] for the bytes of a facts file named `file_name`.
pub fn parse(bytes: &[u8], file_name: &str) -> Result<Loaded, Diagnostics> {
    facts::parse_with(bytes, file_name, &self::facts)
}

/// Every finding of these checks on `loaded`, in file order.
pub fn facts(loaded: &Loaded) -> Diagnostics {
    let mut found = figures::check(loaded);
    found.extend(narrative::check(loaded));
    found.sort_by_place();
    found
}
