//! English inflection for patterns: `accuse+` must match "accused" and
//! `sanction~` "sanctions" without the lexicon listing every form.
//!
//! Regular rules cover most verbs; `verbs.tsv` lists the irregular ones
//! (and any whose regular forms the rules get wrong). Both British and
//! American doubling of a final `l` are produced ("cancelled", "canceled").

use std::collections::HashMap;

/// Which form of a verb a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    Base,
    Third,
    Past,
    Participle,
    Gerund,
}

/// Irregular or hand-corrected forms, from `verbs.tsv`.
#[derive(Debug, Clone, Default)]
pub struct Irregular {
    pub third: Vec<String>,
    pub past: Vec<String>,
    pub participle: Vec<String>,
    pub gerund: Vec<String>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// True for a one-syllable word ending consonant-vowel-consonant (not w,
/// x, y), whose final consonant doubles: ban → banned, stop → stopping.
fn doubles(w: &[u8]) -> bool {
    let n = w.len();
    if n < 3 {
        return false;
    }
    let (a, b, c) = (w[n - 3], w[n - 2], w[n - 1]);
    let cvc = !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !matches!(c, b'w' | b'x' | b'y');
    let vowel_groups = w.iter().enumerate().filter(|(i, c)| is_vowel(**c) && (*i == 0 || !is_vowel(w[i - 1]))).count();
    cvc && vowel_groups == 1
}

/// True for a word of several syllables ending vowel + `l` (cancel, label),
/// which British English doubles and American English does not.
fn doubles_l(w: &[u8]) -> bool {
    let n = w.len();
    n >= 4 && w[n - 1] == b'l' && is_vowel(w[n - 2]) && !is_vowel(w[n - 3])
}

fn third(lemma: &str) -> String {
    let b = lemma.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &lemma[..n - 1])
    } else if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || (lemma.ends_with('o') && n >= 2 && !is_vowel(b[n - 2]))
    {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    }
}

fn past(lemma: &str) -> Vec<String> {
    let b = lemma.as_bytes();
    let n = b.len();
    if lemma.ends_with('e') {
        vec![format!("{lemma}d")]
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        vec![format!("{}ied", &lemma[..n - 1])]
    } else if doubles(b) {
        vec![format!("{lemma}{}ed", b[n - 1] as char)]
    } else if doubles_l(b) {
        vec![format!("{lemma}led"), format!("{lemma}ed")]
    } else {
        vec![format!("{lemma}ed")]
    }
}

fn gerund(lemma: &str) -> Vec<String> {
    let b = lemma.as_bytes();
    let n = b.len();
    if lemma.ends_with("ie") {
        vec![format!("{}ying", &lemma[..n - 2])]
    } else if lemma.ends_with('e')
        && !lemma.ends_with("ee")
        && !lemma.ends_with("ye")
        && !lemma.ends_with("oe")
        && n > 2
    {
        vec![format!("{}ing", &lemma[..n - 1])]
    } else if doubles(b) {
        vec![format!("{lemma}{}ing", b[n - 1] as char)]
    } else if doubles_l(b) {
        vec![format!("{lemma}ling"), format!("{lemma}ing")]
    } else {
        vec![format!("{lemma}ing")]
    }
}

/// Every form of `lemma` with the form it is, irregular forms first
/// replacing the regular ones they cover.
pub fn verb_forms(lemma: &str, irregular: &HashMap<String, Irregular>) -> Vec<(String, VerbForm)> {
    let lemma = lemma.to_lowercase();
    let irr = irregular.get(&lemma);
    let pick = |given: Option<&Vec<String>>, regular: Vec<String>| match given {
        Some(v) if !v.is_empty() => v.clone(),
        _ => regular,
    };
    let mut out = vec![(lemma.clone(), VerbForm::Base)];
    for f in pick(irr.map(|i| &i.third), vec![third(&lemma)]) {
        out.push((f, VerbForm::Third));
    }
    let past_forms = pick(irr.map(|i| &i.past), past(&lemma));
    let participles = match irr {
        Some(i) if !i.participle.is_empty() => i.participle.clone(),
        Some(i) if !i.past.is_empty() => i.past.clone(),
        _ => past(&lemma),
    };
    for f in past_forms {
        out.push((f, VerbForm::Past));
    }
    for f in participles {
        out.push((f, VerbForm::Participle));
    }
    for f in pick(irr.map(|i| &i.gerund), gerund(&lemma)) {
        out.push((f, VerbForm::Gerund));
    }
    out
}

/// Singular and plural of a noun (regular rules; irregular plurals are
/// written as alternatives in the pattern).
pub fn noun_forms(noun: &str) -> Vec<String> {
    let noun = noun.to_lowercase();
    let b = noun.as_bytes();
    let n = b.len();
    let plural = if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &noun[..n - 1])
    } else if noun.ends_with('s')
        || noun.ends_with('x')
        || noun.ends_with('z')
        || noun.ends_with("ch")
        || noun.ends_with("sh")
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    };
    if plural == noun {
        vec![noun]
    } else {
        vec![noun, plural]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(l: &str) -> Vec<String> {
        verb_forms(l, &HashMap::new()).into_iter().map(|(f, _)| f).collect()
    }

    #[test]
    fn regular_verbs() {
        assert_eq!(forms("accuse"), ["accuse", "accuses", "accused", "accused", "accusing"]);
        assert_eq!(forms("deny"), ["deny", "denies", "denied", "denied", "denying"]);
        assert_eq!(forms("ban"), ["ban", "bans", "banned", "banned", "banning"]);
        assert_eq!(forms("visit"), ["visit", "visits", "visited", "visited", "visiting"]);
        assert_eq!(forms("attack"), ["attack", "attacks", "attacked", "attacked", "attacking"]);
        assert_eq!(forms("agree"), ["agree", "agrees", "agreed", "agreed", "agreeing"]);
        assert_eq!(forms("touch"), ["touch", "touches", "touched", "touched", "touching"]);
        assert!(forms("cancel").contains(&"cancelled".to_string()));
        assert!(forms("cancel").contains(&"canceled".to_string()));
        assert_eq!(forms("tie")[4], "tying");
    }

    #[test]
    fn irregular_forms_replace_regular_ones() {
        let mut irr = HashMap::new();
        irr.insert(
            "hold".to_string(),
            Irregular { past: vec!["held".into()], participle: vec!["held".into()], ..Default::default() },
        );
        let f = verb_forms("hold", &irr);
        assert!(f.contains(&("held".to_string(), VerbForm::Past)));
        assert!(f.contains(&("held".to_string(), VerbForm::Participle)));
        assert!(!f.iter().any(|(w, _)| w == "holded"));
        assert!(f.contains(&("holding".to_string(), VerbForm::Gerund)));
    }

    #[test]
    fn nouns() {
        assert_eq!(noun_forms("sanction"), ["sanction", "sanctions"]);
        assert_eq!(noun_forms("ally"), ["ally", "allies"]);
        assert_eq!(noun_forms("crash"), ["crash", "crashes"]);
    }
}
