//! URLs in the text, and the document's own source URL.

use sitrep_core::Document;

/// Fills `doc.links`. (Placeholder: none.)
pub fn find_document_links(doc: &mut Document) {
    let _ = doc;
}
