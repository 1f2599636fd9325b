//! HTML character references left in plain text (`&eacute;`, `&#8217;`).
//!
//! Text copied out of HTML often keeps its entities. Only the unambiguous
//! form is decoded: `&` + name or number + `;`, with a name from HTML 4's
//! list (plus `&apos;`), or an all-capitals version of a lower-case name
//! (`&EACUTE;` → `É`, as databases that upper-case text produce). Bare
//! `&amp` without a semicolon, or `AT&T;`, stay as they are. Lines holding
//! a `<` are left alone: they are markup, not text that was escaped.

use crate::edits::Edit;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Names of the Latin-1 characters U+00A0..=U+00FF, in order.
const LATIN1_NAMES: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy",
    "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
    "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
    "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
    "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
    "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
    "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

/// Greek capitals U+0391..=U+03A9 (U+03A2 is unassigned) and small letters U+03B1..=U+03C9.
const GREEK: [&str; 24] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi",
    "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
];

/// The other HTML 4 entities, and `apos`.
const OTHERS: [(&str, u32); 103] = [
    ("quot", 34),
    ("amp", 38),
    ("apos", 39),
    ("lt", 60),
    ("gt", 62),
    ("OElig", 338),
    ("oelig", 339),
    ("Scaron", 352),
    ("scaron", 353),
    ("Yuml", 376),
    ("fnof", 402),
    ("circ", 710),
    ("tilde", 732),
    ("sigmaf", 962),
    ("thetasym", 977),
    ("upsih", 978),
    ("piv", 982),
    ("ensp", 8194),
    ("emsp", 8195),
    ("thinsp", 8201),
    ("zwnj", 8204),
    ("zwj", 8205),
    ("lrm", 8206),
    ("rlm", 8207),
    ("ndash", 8211),
    ("mdash", 8212),
    ("lsquo", 8216),
    ("rsquo", 8217),
    ("sbquo", 8218),
    ("ldquo", 8220),
    ("rdquo", 8221),
    ("bdquo", 8222),
    ("dagger", 8224),
    ("Dagger", 8225),
    ("bull", 8226),
    ("hellip", 8230),
    ("permil", 8240),
    ("prime", 8242),
    ("Prime", 8243),
    ("lsaquo", 8249),
    ("rsaquo", 8250),
    ("oline", 8254),
    ("frasl", 8260),
    ("euro", 8364),
    ("image", 8465),
    ("weierp", 8472),
    ("real", 8476),
    ("trade", 8482),
    ("alefsym", 8501),
    ("larr", 8592),
    ("uarr", 8593),
    ("rarr", 8594),
    ("darr", 8595),
    ("harr", 8596),
    ("crarr", 8629),
    ("lArr", 8656),
    ("uArr", 8657),
    ("rArr", 8658),
    ("dArr", 8659),
    ("hArr", 8660),
    ("forall", 8704),
    ("part", 8706),
    ("exist", 8707),
    ("empty", 8709),
    ("nabla", 8711),
    ("isin", 8712),
    ("notin", 8713),
    ("ni", 8715),
    ("prod", 8719),
    ("sum", 8721),
    ("minus", 8722),
    ("lowast", 8727),
    ("radic", 8730),
    ("prop", 8733),
    ("infin", 8734),
    ("ang", 8736),
    ("and", 8743),
    ("or", 8744),
    ("cap", 8745),
    ("cup", 8746),
    ("int", 8747),
    ("there4", 8756),
    ("sim", 8764),
    ("cong", 8773),
    ("asymp", 8776),
    ("ne", 8800),
    ("equiv", 8801),
    ("le", 8804),
    ("ge", 8805),
    ("sub", 8834),
    ("sup", 8835),
    ("nsub", 8836),
    ("sube", 8838),
    ("supe", 8839),
    ("oplus", 8853),
    ("otimes", 8855),
    ("perp", 8869),
    ("sdot", 8901),
    ("lceil", 8968),
    ("rceil", 8969),
    ("lfloor", 8970),
    ("rfloor", 8971),
    ("loz", 9674),
];

/// Card suits and angle brackets (HTML5 values for `lang`/`rang`).
const MORE: [(&str, u32); 6] =
    [("lang", 0x27E8), ("rang", 0x27E9), ("spades", 9824), ("clubs", 9827), ("hearts", 9829), ("diams", 9830)];

fn table() -> &'static HashMap<String, char> {
    static T: OnceLock<HashMap<String, char>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for (i, name) in LATIN1_NAMES.iter().enumerate() {
            m.insert(name.to_string(), char::from(0xA0 + i as u8));
        }
        for (i, name) in GREEK.iter().enumerate() {
            let upper = 0x391 + i as u32 + u32::from(i >= 17);
            let lower = 0x3B1 + i as u32 + u32::from(i >= 17);
            // Capital names are the small names with an initial capital.
            if let Some(c) = char::from_u32(upper) {
                m.insert(capitalise(name), c);
            }
            if let Some(c) = char::from_u32(lower) {
                m.insert(name.to_string(), c);
            }
        }
        for (name, cp) in OTHERS.iter().chain(MORE.iter()) {
            if let Some(c) = char::from_u32(*cp) {
                m.insert(name.to_string(), c);
            }
        }
        m
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The text a reference `&...;` stands for (without `&` and `;`), if known.
fn resolve(body: &str) -> Option<String> {
    if let Some(num) = body.strip_prefix('#') {
        let cp = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()?
        } else {
            if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            num.parse::<u32>().ok()?
        };
        return Some(numeric_char(cp).to_string());
    }
    let t = table();
    if let Some(c) = t.get(body) {
        return Some(c.to_string());
    }
    // An all-capitals form of a lower-case name: &EACUTE; → É.
    if body.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        let lower = body.to_ascii_lowercase();
        if let Some(c) = t.get(lower.as_str()) {
            return Some(c.to_uppercase().collect());
        }
    }
    None
}

/// What a numeric reference means in HTML: C1 numbers are Windows-1252,
/// invalid ones U+FFFD.
fn numeric_char(cp: u32) -> char {
    if (0x80..=0x9F).contains(&cp) {
        return crate::charmap::Charmap::Windows1252.decode_byte(cp as u8);
    }
    if cp == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(cp).unwrap_or('\u{FFFD}')
}

/// The edits that decode the character references in `line`.
pub(crate) fn unescape(line: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    if line.contains('<') {
        return edits;
    }
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'&', &bytes[i..]) {
        let start = i + off;
        let mut j = start + 1;
        if bytes.get(j) == Some(&b'#') {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && j - name_start < 25 && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        if j > name_start && j - name_start <= 24 && bytes.get(j) == Some(&b';') {
            if let Some(after) = resolve(&line[start + 1..j]) {
                edits.push(Edit { start, end: j + 1, after, rule: "html-entity".to_string() });
                i = j + 1;
                continue;
            }
        }
        i = start + 1;
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::splice;

    fn un(s: &str) -> String {
        splice(s, &unescape(s))
    }

    #[test]
    fn named_numeric_and_capitalised_references() {
        assert_eq!(un("P&eacute;rez &amp; co"), "Pérez & co");
        assert_eq!(un("it&#x2019;s &#8220;x&#8221;"), "it’s “x”");
        assert_eq!(un("P&EACUTE;REZ"), "PÉREZ");
        assert_eq!(un("&Omega; &omega; &Sigma;"), "Ω ω Σ");
        assert_eq!(un("&#150;"), "–");
        assert_eq!(un("10&frac14;"), "10¼");
    }

    #[test]
    fn ambiguous_or_unknown_references_stay() {
        for s in ["AT&T; said", "S&P 500", "&amp without semicolon", "&nosuch;", "&#xZZ;", "<b>&amp;</b>"] {
            assert_eq!(un(s), s);
        }
    }
}
