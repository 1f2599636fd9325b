//! # sitrep-lexicon: the world as data, compiled into matchers
//!
//! (Placeholder: the loader lands in the lexicon issue.)

use sitrep_core::Outlet;

/// The compiled lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {}

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl Lexicon {
    /// The lexicon built into the binary.
    pub fn load_default() -> Result<Lexicon, LexiconError> {
        Ok(Lexicon {})
    }

    /// The outlet a URL belongs to.
    pub fn outlet_for_url(&self, url: &str) -> Option<Outlet> {
        let _ = url;
        None
    }
}
