//! The pattern language of `patterns/*.tsv` and `cues.tsv`: words,
//! inflected verbs (`accuse+`), nouns (`sanction~`), alternatives
//! (`(on|against)`), optional parts (`[with]`), gaps (`*`) and slots
//! (`{R}`, `{A}`, `{X}`). See `lexicon/README.md`.
//!
//! Parsing expands every verb and noun into its forms once, at load time,
//! so matching is a set lookup per token.

use crate::inflect::{noun_forms, verb_forms, Irregular, VerbForm};
use std::collections::HashMap;

/// A noun-phrase slot in a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// `{R}`: the recipient.
    Recipient,
    /// `{A}`: the actor, when it is not the subject.
    Actor,
    /// `{X}`: any noun phrase that is not an actor.
    Other,
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// A literal word, lower case.
    Word(String),
    /// A verb and all its forms.
    Verb {
        lemma: String,
        forms: Vec<(String, VerbForm)>,
    },
    /// A noun, singular and plural.
    Noun {
        lemma: String,
        forms: Vec<String>,
    },
    /// One of several sequences.
    Alt(Vec<Vec<Elem>>),
    /// An optional sequence.
    Opt(Vec<Elem>),
    /// Up to four words, not crossing a clause boundary.
    Gap,
    Slot(Slot),
}

impl Elem {
    /// If this element is a single word-like atom, whether `word`
    /// (lower case) matches it, and as which verb form.
    pub fn matches_word(&self, word: &str) -> Option<Option<VerbForm>> {
        match self {
            Elem::Word(w) => (w == word).then_some(None),
            Elem::Verb { forms, .. } => forms.iter().find(|(f, _)| f == word).map(|(_, k)| Some(*k)),
            Elem::Noun { forms, .. } => forms.iter().any(|f| f == word).then_some(None),
            _ => None,
        }
    }

    /// The words that can begin this element (empty for gaps and slots).
    pub fn first_words(&self) -> Vec<String> {
        match self {
            Elem::Word(w) => vec![w.clone()],
            Elem::Verb { forms, .. } => forms.iter().map(|(f, _)| f.clone()).collect(),
            Elem::Noun { forms, .. } => forms.clone(),
            Elem::Alt(alts) => alts.iter().filter_map(|a| a.first()).flat_map(Elem::first_words).collect(),
            Elem::Opt(_) | Elem::Gap | Elem::Slot(_) => Vec::new(),
        }
    }

    fn is_lexical(&self) -> bool {
        match self {
            Elem::Verb { .. } | Elem::Noun { .. } => true,
            Elem::Alt(alts) => alts.iter().any(|a| a.first().is_some_and(Elem::is_lexical)),
            _ => false,
        }
    }
}

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The pattern as written.
    pub text: String,
    pub elems: Vec<Elem>,
    /// Index in `elems` of the trigger: the first verb or noun element
    /// (else the first word).
    pub trigger: usize,
}

impl Pattern {
    pub fn has_slot(&self, slot: Slot) -> bool {
        fn walk(e: &[Elem], s: Slot) -> bool {
            e.iter().any(|x| match x {
                Elem::Slot(y) => *y == s,
                Elem::Alt(a) => a.iter().any(|v| walk(v, s)),
                Elem::Opt(v) => walk(v, s),
                _ => false,
            })
        }
        walk(&self.elems, slot)
    }
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    irregular: &'a HashMap<String, Irregular>,
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    /// A sequence of elements up to one of `stops` (or the end).
    fn seq(&mut self, stops: &[u8]) -> Result<Vec<Elem>, String> {
        let mut out = Vec::new();
        loop {
            self.skip_ws();
            match self.s.get(self.pos) {
                None => return Ok(out),
                Some(c) if stops.contains(c) => return Ok(out),
                Some(_) => out.push(self.elem()?),
            }
        }
    }

    fn elem(&mut self) -> Result<Elem, String> {
        match self.s[self.pos] {
            b'(' => {
                self.pos += 1;
                let mut alts = Vec::new();
                loop {
                    let a = self.seq(b"|)")?;
                    if a.is_empty() {
                        return Err("an empty alternative in ( … )".into());
                    }
                    alts.push(a);
                    match self.s.get(self.pos) {
                        Some(b'|') => self.pos += 1,
                        Some(b')') => {
                            self.pos += 1;
                            break;
                        }
                        _ => return Err("an unclosed '('".into()),
                    }
                }
                Ok(Elem::Alt(alts))
            }
            b'[' => {
                self.pos += 1;
                let inner = self.seq(b"]")?;
                if self.s.get(self.pos) != Some(&b']') {
                    return Err("an unclosed '['".into());
                }
                self.pos += 1;
                if inner.is_empty() {
                    return Err("an empty [ ]".into());
                }
                Ok(Elem::Opt(inner))
            }
            b'*' => {
                self.pos += 1;
                Ok(Elem::Gap)
            }
            b'{' => {
                let end = self.text[self.pos..].find('}').ok_or("an unclosed '{'")? + self.pos;
                let name = &self.text[self.pos + 1..end];
                self.pos = end + 1;
                match name {
                    "R" => Ok(Elem::Slot(Slot::Recipient)),
                    "A" => Ok(Elem::Slot(Slot::Actor)),
                    "X" => Ok(Elem::Slot(Slot::Other)),
                    _ => Err(format!("unknown slot {{{name}}} (use {{R}}, {{A}} or {{X}})")),
                }
            }
            b')' | b']' | b'|' | b'}' => Err(format!("an unexpected '{}'", self.s[self.pos] as char)),
            _ => {
                let start = self.pos;
                while self.pos < self.s.len() && !b" \t()[]|{}*".contains(&self.s[self.pos]) {
                    self.pos += 1;
                }
                let word = &self.text[start..self.pos];
                let lower = word.to_lowercase();
                if let Some(lemma) = lower.strip_suffix('+') {
                    if lemma.is_empty() {
                        return Err("a '+' without a verb".into());
                    }
                    Ok(Elem::Verb { lemma: lemma.to_string(), forms: verb_forms(lemma, self.irregular) })
                } else if let Some(noun) = lower.strip_suffix('~') {
                    if noun.is_empty() {
                        return Err("a '~' without a noun".into());
                    }
                    Ok(Elem::Noun { lemma: noun.to_string(), forms: noun_forms(noun) })
                } else {
                    Ok(Elem::Word(lower.replace('’', "'")))
                }
            }
        }
    }
}

/// Parses a pattern, expanding verbs with `irregular` forms.
pub fn parse(text: &str, irregular: &HashMap<String, Irregular>) -> Result<Pattern, String> {
    let mut p = Parser { s: text.as_bytes(), text, pos: 0, irregular };
    let elems = p.seq(b"")?;
    if p.pos < text.len() {
        return Err(format!("unexpected '{}'", &text[p.pos..p.pos + 1]));
    }
    if elems.is_empty() {
        return Err("an empty pattern".into());
    }
    let trigger = elems
        .iter()
        .position(Elem::is_lexical)
        .or_else(|| elems.iter().position(|e| matches!(e, Elem::Word(_) | Elem::Alt(_))))
        .ok_or("a pattern needs at least one word")?;
    for s in [Slot::Recipient, Slot::Actor] {
        let n = count_slots(&elems, s);
        if n > 1 {
            return Err(format!("more than one {} slot", if s == Slot::Recipient { "{R}" } else { "{A}" }));
        }
    }
    Ok(Pattern { text: text.to_string(), elems, trigger })
}

fn count_slots(e: &[Elem], s: Slot) -> usize {
    e.iter()
        .map(|x| match x {
            Elem::Slot(y) => usize::from(*y == s),
            Elem::Alt(a) => a.iter().map(|v| count_slots(v, s)).max().unwrap_or(0),
            Elem::Opt(v) => count_slots(v, s),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern {
        parse(s, &HashMap::new()).unwrap()
    }

    #[test]
    fn parses_every_element_kind() {
        let pat = p("impose+ * sanction~ (on|against) {R}");
        assert_eq!(pat.trigger, 0);
        assert!(matches!(pat.elems[1], Elem::Gap));
        assert!(matches!(&pat.elems[2], Elem::Noun { lemma, .. } if lemma == "sanction"));
        assert!(matches!(&pat.elems[3], Elem::Alt(a) if a.len() == 2));
        assert_eq!(pat.elems[4], Elem::Slot(Slot::Recipient));
        assert!(pat.has_slot(Slot::Recipient));
        assert!(!pat.has_slot(Slot::Actor));
    }

    #[test]
    fn trigger_is_the_first_verb_or_noun() {
        assert_eq!(p("call+ on {R} to").trigger, 0);
        assert_eq!(p("[formally] accuse+ {R} of").trigger, 1);
        assert_eq!(p("talks between {A} and {R}").trigger, 0);
        let t = p("(meet+|talk+) with {R}");
        assert_eq!(t.trigger, 0);
        let words = t.elems[0].first_words();
        assert!(words.contains(&"meets".to_string()) && words.contains(&"talked".to_string()));
    }

    #[test]
    fn verbs_match_their_forms() {
        let pat = p("accuse+ {R} of");
        assert_eq!(pat.elems[0].matches_word("accused"), Some(Some(VerbForm::Past)));
        assert_eq!(pat.elems[0].matches_word("accusation"), None);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let irr = HashMap::new();
        assert!(parse("(on|against {R}", &irr).unwrap_err().contains("unclosed"));
        assert!(parse("accuse+ {Q}", &irr).unwrap_err().contains("unknown slot"));
        assert!(parse("meet+ {R} and {R}", &irr).unwrap_err().contains("more than one"));
        assert!(parse("", &irr).is_err());
        assert!(parse("{R} *", &irr).is_err());
        assert!(parse("a ) b", &irr).is_err());
    }
}
