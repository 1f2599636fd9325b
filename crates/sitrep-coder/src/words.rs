//! A sentence as the coder sees it: tokens with their lower-case form and
//! a coarse tag from closed word classes (determiners, prepositions,
//! auxiliaries, modals, subordinators, pronouns, negation, punctuation).
//!
//! English has no usable offline part-of-speech model in Rust, and the
//! coder does not need one: the open classes it cares about (event verbs
//! and nouns, actor names) come from the lexicon, and the closed classes
//! that shape a clause are few enough to list here.

use sitrep_core::{Document, Span, TokenKind};
use std::borrow::Cow;

/// The closed word class of a token, or `Word` for everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Word,
    Det,
    Prep,
    /// and, or, but, nor
    Conj,
    /// that, which, who, because, while, if, …
    Sub,
    Pron,
    PossPron,
    Be,
    Have,
    Do,
    Modal,
    Neg,
    To,
    Comma,
    /// ; : ( ) and dashes: clause boundaries
    Break,
    /// . ! ?
    End,
    Quote,
    Num,
    /// The possessive clitic 's
    Poss,
    Adv,
}

/// One token of a sentence.
#[derive(Debug, Clone)]
pub struct Tok<'d> {
    pub span: Span,
    /// The token as written.
    pub text: &'d str,
    /// Lower case, curly apostrophes straightened.
    pub lower: Cow<'d, str>,
    pub tag: Tag,
    pub cap: bool,
}

impl Tok<'_> {
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }

    /// Tokens a noun phrase cannot contain.
    pub fn breaks_np(&self) -> bool {
        matches!(
            self.tag,
            Tag::Comma
                | Tag::Break
                | Tag::End
                | Tag::Quote
                | Tag::Sub
                | Tag::Be
                | Tag::Have
                | Tag::Do
                | Tag::Modal
                | Tag::To
        )
    }

    pub fn is_boundary(&self) -> bool {
        matches!(self.tag, Tag::Break | Tag::End | Tag::Quote)
    }
}

fn tag_of(lower: &str, text: &str, kind: TokenKind) -> Tag {
    match kind {
        TokenKind::Number => return Tag::Num,
        TokenKind::Url | TokenKind::Symbol => return Tag::Word,
        TokenKind::Punct => {
            return match text {
                "," => Tag::Comma,
                "." | "!" | "?" => Tag::End,
                "\"" | "“" | "”" | "``" | "''" | "«" | "»" => Tag::Quote,
                "'" | "‘" | "’" => Tag::Quote,
                ";" | ":" | "(" | ")" | "[" | "]" | "—" | "–" | "--" | "..." | "…" => Tag::Break,
                "-" => Tag::Break,
                _ => Tag::Word,
            }
        }
        TokenKind::Word => {}
    }
    match lower {
        "the" | "a" | "an" | "this" | "these" | "those" | "some" | "any" | "every" | "each" | "all" | "both"
        | "another" | "other" | "such" | "several" | "many" | "few" | "most" | "more" | "less" | "much" => Tag::Det,
        "his" | "her" | "its" | "their" | "our" | "my" | "your" => Tag::PossPron,
        "he" | "she" | "it" | "they" | "we" | "i" | "you" | "him" | "them" | "us" | "me" | "himself" | "herself"
        | "itself" | "themselves" => Tag::Pron,
        "of" | "in" | "on" | "at" | "by" | "for" | "with" | "from" | "into" | "against" | "over" | "under"
        | "between" | "among" | "amongst" | "about" | "during" | "near" | "across" | "through" | "toward"
        | "towards" | "upon" | "within" | "without" | "amid" | "amidst" | "despite" | "per" | "via" | "including"
        | "following" | "onto" | "inside" | "outside" | "along" | "alongside" | "around" | "behind" | "beyond"
        | "off" | "out" | "up" | "down" | "than" | "like" | "except" | "regarding" | "concerning" | "after"
        | "before" | "since" | "until" | "till" => Tag::Prep,
        "and" | "or" | "but" | "nor" | "yet" => Tag::Conj,
        "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "eleven"
        | "twelve" | "fifteen" | "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty"
        | "ninety" | "hundred" | "hundreds" | "thousand" | "thousands" | "million" | "millions" | "dozen"
        | "dozens" | "scores" => Tag::Num,
        "that" | "which" | "who" | "whom" | "whose" | "because" | "while" | "whereas" | "although" | "though"
        | "if" | "unless" | "when" | "whenever" | "where" | "whether" | "as" | "so" => Tag::Sub,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "'s_be" => Tag::Be,
        "has" | "have" | "had" | "having" => Tag::Have,
        "do" | "does" | "did" => Tag::Do,
        "will" | "would" | "shall" | "should" | "can" | "could" | "may" | "might" | "must" | "'ll" | "'d" | "ca"
        | "wo" | "cannot" => Tag::Modal,
        "not" | "n't" | "never" | "no" => Tag::Neg,
        "to" => Tag::To,
        "'s" => Tag::Poss,
        _ if lower.len() > 4 && lower.ends_with("ly") => Tag::Adv,
        "also" | "already" | "still" | "now" | "again" | "just" | "then" | "soon" | "once" | "even" | "jointly"
        | "eventually" | "reportedly" | "allegedly" | "repeatedly" | "formally" | "firmly" | "today" | "later"
        | "always" | "ever" | "often" | "further" | "together" | "immediately" | "quickly" | "swiftly" | "indeed"
        | "thus" | "therefore" | "instead" | "meanwhile" | "nonetheless" | "nevertheless" | "currently"
        | "recently" | "previously" | "initially" | "finally" | "subsequently" | "reluctantly" | "unilaterally" => {
            Tag::Adv
        }
        _ => Tag::Word,
    }
}

/// True for the closed-class words (determiners, prepositions,
/// conjunctions, subordinators, pronouns, auxiliaries, modals, negation,
/// common adverbs) that never join two names into one phrase.
pub fn is_function_word(lower: &str) -> bool {
    !matches!(tag_of(lower, lower, TokenKind::Word), Tag::Word | Tag::Num)
}

/// The tokens of the sentence `span` of `doc`.
pub fn sentence_tokens<'d>(doc: &'d Document, span: Span, first_token: usize) -> (Vec<Tok<'d>>, usize) {
    let mut out = Vec::new();
    let mut i = first_token;
    while i < doc.tokens.len() && doc.tokens[i].span.end <= span.start {
        i += 1;
    }
    while i < doc.tokens.len() && doc.tokens[i].span.start < span.end {
        let t = doc.tokens[i];
        let text = doc.slice(t.span);
        let lower: Cow<str> =
            if text.bytes().any(|b| b.is_ascii_uppercase()) || text.contains('’') || text.contains('‘') {
                Cow::Owned(text.to_lowercase().replace(['’', '‘'], "'"))
            } else {
                Cow::Borrowed(text)
            };
        let mut tag = tag_of(&lower, text, t.kind);
        // "Workers' Party", "countries' leaders": a plural possessive.
        if tag == Tag::Quote
            && matches!(text, "'" | "’")
            && out.last().is_some_and(|p: &Tok| p.span.end == t.span.start && p.text.ends_with('s'))
        {
            tag = Tag::Poss;
        }
        let cap = text.chars().next().is_some_and(char::is_uppercase);
        out.push(Tok { span: t.span, text, lower, tag, cap });
        i += 1;
    }
    (out, i)
}

/// Ordinals and adjectives that stand before a noun, never before a verb
/// ("the first launch", "a planned strike"): after a determiner, the word
/// that follows one of them is a noun.
pub const PRENOMINAL: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "next",
    "last",
    "latest",
    "final",
    "maiden",
    "initial",
    "planned",
    "scheduled",
    "upcoming",
    "successful",
    "failed",
    "recent",
    "previous",
    "possible",
    "alleged",
    "suspected",
    "joint",
    "fresh",
    "renewed",
    "massive",
    "major",
    "deadly",
];

/// Objects that make a verb of violence figurative: problems fought,
/// battled or combated, not enemies ("fighting corruption").
pub const NOT_A_TARGET: &[&str] = &[
    "corruption",
    "graft",
    "poverty",
    "hunger",
    "famine",
    "crime",
    "crimes",
    "inflation",
    "deflation",
    "recession",
    "unemployment",
    "disease",
    "diseases",
    "cancer",
    "malaria",
    "tuberculosis",
    "aids",
    "hiv",
    "ebola",
    "virus",
    "pandemic",
    "epidemic",
    "obesity",
    "illiteracy",
    "discrimination",
    "racism",
    "sexism",
    "fraud",
    "piracy",
    "pollution",
    "fire",
    "fires",
    "wildfire",
    "wildfires",
    "flames",
    "blaze",
    "drought",
    "floods",
    "climate",
    "misinformation",
    "disinformation",
    "extremism",
    "addiction",
    "drugs",
    "smuggling",
    "trafficking",
    "spam",
    "malware",
    "injury",
    "illness",
    "charges",
    "allegations",
    "extradition",
    "deportation",
    "ruling",
    "ban",
    "odds",
    "tears",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_closed_classes() {
        let doc = sitrep_text::build_text_document("The minister didn’t say that it will go to Moscow, he said.");
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let tags: Vec<(String, Tag)> = toks.iter().map(|t| (t.lower.to_string(), t.tag)).collect();
        assert!(tags.contains(&("the".into(), Tag::Det)));
        assert!(tags.contains(&("n't".into(), Tag::Neg)));
        assert!(tags.contains(&("that".into(), Tag::Sub)));
        assert!(tags.contains(&("will".into(), Tag::Modal)));
        assert!(tags.contains(&("to".into(), Tag::To)));
        assert!(tags.contains(&(",".into(), Tag::Comma)));
        assert!(toks.iter().any(|t| t.text == "Moscow" && t.cap));
    }
}
