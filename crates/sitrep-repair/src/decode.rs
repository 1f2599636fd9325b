//! Bytes to text: which charset, and how sure.
//!
//! The order is the one browsers use, with one exception for mislabelled
//! pages:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE/BE) wins;
//! 2. then a charset declared by the container (HTTP header, `<meta>`,
//!    XML declaration, WARC record), looked up with `Encoding::for_label` —
//!    except that a declared legacy charset is overruled when the bytes are
//!    valid UTF-8 with multi-byte sequences in them, which text in a legacy
//!    charset practically never is (a page labelled ISO-8859-1 that is
//!    really UTF-8 is common);
//! 3. then UTF-8 when the bytes are valid UTF-8;
//! 4. then UTF-8 with the few bad bytes replaced, when the text is
//!    overwhelmingly UTF-8 (a truncated file, one stray Latin-1 byte);
//! 5. otherwise chardetng's guess from the byte statistics.
//!
//! Decoding never fails: malformed sequences become U+FFFD and the result
//! says so in [`Decoded::had_errors`].

use encoding_rs::{Encoding, UTF_8};

/// Decoded text and the charset it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding used ("UTF-8", "windows-1252").
    pub charset: &'static str,
    /// True when malformed sequences were replaced with U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`: a BOM wins, then `declared` (a charset label from the
/// container), then UTF-8 if the bytes are valid UTF-8, then detection.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return with(enc, &bytes[bom_len..]);
    }
    let valid_utf8 = std::str::from_utf8(bytes).ok();
    if let Some(enc) = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        // The "replacement" encoding (ISO-2022-KR and friends) would turn the
        // whole text into one U+FFFD: treat such a label as no label.
        if enc != encoding_rs::REPLACEMENT {
            let mislabelled_utf8 =
                enc != UTF_8 && valid_utf8.is_some_and(|s| !s.is_ascii()) && enc.is_ascii_compatible();
            if !mislabelled_utf8 {
                return with(enc, bytes);
            }
        }
    }
    if let Some(s) = valid_utf8 {
        return Decoded { text: s.to_string(), charset: UTF_8.name(), had_errors: false };
    }
    if mostly_utf8(bytes) {
        return with(UTF_8, bytes);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    with(enc, bytes)
}

fn with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), charset: enc.name(), had_errors }
}

/// True when invalid UTF-8 is still far more UTF-8 than not: at least four
/// valid multi-byte characters for each invalid byte.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    multibyte > 0 && multibyte >= 4 * invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins_over_everything() {
        let d = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", Some("windows-1252"));
        assert_eq!((d.text.as_str(), d.charset, d.had_errors), ("café", "UTF-8", false));
        let d = decode(b"\xFF\xFEh\x00i\x00", None);
        assert_eq!((d.text.as_str(), d.charset), ("hi", "UTF-16LE"));
    }

    #[test]
    fn declared_label_is_used() {
        let d = decode(b"caf\xE9 \x93quoted\x94", Some(" ISO-8859-1 "));
        assert_eq!((d.text.as_str(), d.charset), ("café “quoted”", "windows-1252"));
        let d = decode(b"\xCF\xF0\xE8\xE2\xE5\xF2", Some("cp1251"));
        assert_eq!(d.text, "Привет");
    }

    #[test]
    fn mislabelled_utf8_is_read_as_utf8() {
        let d = decode("Pyongyang’s".as_bytes(), Some("iso-8859-1"));
        assert_eq!((d.text.as_str(), d.charset), ("Pyongyang’s", "UTF-8"));
    }

    #[test]
    fn unknown_or_replacement_labels_are_ignored() {
        let d = decode("naïve".as_bytes(), Some("no-such-charset"));
        assert_eq!(d.text, "naïve");
        let d = decode(b"plain", Some("iso-2022-kr"));
        assert_eq!(d.text, "plain");
    }

    #[test]
    fn valid_utf8_then_detection() {
        assert_eq!(decode("Ångström".as_bytes(), None).charset, "UTF-8");
        let latin = b"Le caf\xE9 est tr\xE8s bon, la cr\xE8me br\xFBl\xE9e aussi. \xC0 bient\xF4t, d\xE9j\xE0 vu.";
        let d = decode(latin, None);
        assert_eq!(d.charset, "windows-1252");
        assert!(d.text.starts_with("Le café est très bon"));
        assert!(!d.had_errors);
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_keeps_utf8() {
        let mut bytes = "“Quoted” – naïve café ’s ".as_bytes().to_vec();
        bytes.push(0xFF);
        let d = decode(&bytes, None);
        assert_eq!(d.charset, "UTF-8");
        assert!(d.had_errors);
        assert!(d.text.starts_with("“Quoted” – naïve"));
        assert!(d.text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn empty_and_binary_input_never_panic() {
        assert_eq!(decode(b"", None).text, "");
        let junk: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let d = decode(&junk, None);
        assert!(!d.text.is_empty());
        let d = decode(&[0xC3], Some("utf-8"));
        assert!(d.had_errors);
    }
}
