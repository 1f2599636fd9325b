//! Tokens (words, numbers, punctuation, URLs) with byte offsets.

use sitrep_core::{Document, Span, Token, TokenKind};

/// Tokenizes `text[span]`. (Placeholder: whitespace and punctuation.)
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    let s = &text[span.start..span.end];
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() || c == '-' || c == '\'' {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(st) = start.take() {
                out.push(Token { span: Span::new(span.start + st, span.start + i), kind: TokenKind::Word });
            }
            if !c.is_whitespace() {
                out.push(Token {
                    span: Span::new(span.start + i, span.start + i + c.len_utf8()),
                    kind: TokenKind::Punct,
                });
            }
        }
    }
    if let Some(st) = start {
        out.push(Token { span: Span::new(span.start + st, span.end), kind: TokenKind::Word });
    }
    out
}

/// Fills `doc.tokens` for every sentence.
pub fn tokenize_document(doc: &mut Document) {
    let mut out = Vec::new();
    for s in &doc.sentences {
        out.extend(tokenize(&doc.text, s.span));
    }
    doc.tokens = out;
}
