//! # sitrep-coder: who did what to whom, how sure, according to whom
//!
//! (Placeholder: the coder lands in the event-coder issue.)

use sitrep_core::Document;
use sitrep_lexicon::Lexicon;

/// Adds mentions, quotes and events to `doc`.
pub fn code_document(lexicon: &Lexicon, doc: &mut Document) {
    if let Some(url) = doc.url.clone() {
        doc.outlet = lexicon.outlet_for_url(&url);
    }
}
