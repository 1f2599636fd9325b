//! Single-byte character maps that UTF-8 gets mistaken for.
//!
//! Mojibake is UTF-8 bytes decoded with a single-byte charset. To undo it we
//! encode the text back to bytes with that charset and decode the bytes as
//! UTF-8. This module holds the maps, built once from `encoding_rs` (plus
//! Latin-1 and code page 437, which the WHATWG set does not have).
//!
//! The Windows code pages are *sloppy* here, as in browsers: a byte the code
//! page leaves undefined stands for the C1 control of the same number, so
//! every byte decodes. Sloppy maps also let U+FFFD stand for byte 0x1A, so a
//! replacement character left by an earlier lossy decoder can be carried
//! through and the damaged sequence decoded as one U+FFFD.

use std::sync::OnceLock;

/// A charset that UTF-8 text is commonly misread as, in the order fixes are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Charmap {
    Latin1,
    Windows1252,
    Windows1251,
    Windows1250,
    Windows1253,
    Windows1254,
    Windows1257,
    Iso8859_2,
    MacRoman,
    Cp437,
}

impl Charmap {
    /// The order in which re-decoding is tried: the most common mix-ups first.
    pub const ORDER: [Charmap; 10] = [
        Charmap::Latin1,
        Charmap::Windows1252,
        Charmap::Windows1251,
        Charmap::Windows1250,
        Charmap::Windows1253,
        Charmap::Windows1254,
        Charmap::Windows1257,
        Charmap::Iso8859_2,
        Charmap::MacRoman,
        Charmap::Cp437,
    ];

    /// The maps whose lead and continuation letters are used to spot embedded
    /// UTF-8 mojibake (MacRoman, CP437 and ISO-8859-2 add too much noise).
    pub const CLUE_SOURCES: [Charmap; 7] = [
        Charmap::Latin1,
        Charmap::Windows1252,
        Charmap::Windows1250,
        Charmap::Windows1251,
        Charmap::Windows1253,
        Charmap::Windows1254,
        Charmap::Windows1257,
    ];

    /// The name used in repair rules (`utf8-as-windows-1252`).
    pub fn name(self) -> &'static str {
        match self {
            Charmap::Latin1 => "latin-1",
            Charmap::Windows1252 => "windows-1252",
            Charmap::Windows1251 => "windows-1251",
            Charmap::Windows1250 => "windows-1250",
            Charmap::Windows1253 => "windows-1253",
            Charmap::Windows1254 => "windows-1254",
            Charmap::Windows1257 => "windows-1257",
            Charmap::Iso8859_2 => "iso-8859-2",
            Charmap::MacRoman => "macintosh",
            Charmap::Cp437 => "cp437",
        }
    }

    /// Whether undefined bytes pass through as C1 controls and U+FFFD encodes as 0x1A.
    pub fn sloppy(self) -> bool {
        matches!(
            self,
            Charmap::Windows1252
                | Charmap::Windows1251
                | Charmap::Windows1250
                | Charmap::Windows1253
                | Charmap::Windows1254
                | Charmap::Windows1257
        )
    }

    fn index(self) -> usize {
        match self {
            Charmap::Latin1 => 0,
            Charmap::Windows1252 => 1,
            Charmap::Windows1251 => 2,
            Charmap::Windows1250 => 3,
            Charmap::Windows1253 => 4,
            Charmap::Windows1254 => 5,
            Charmap::Windows1257 => 6,
            Charmap::Iso8859_2 => 7,
            Charmap::MacRoman => 8,
            Charmap::Cp437 => 9,
        }
    }

    fn table(self) -> &'static Table {
        static TABLES: OnceLock<Vec<Table>> = OnceLock::new();
        let tables = TABLES.get_or_init(|| Charmap::ORDER.iter().map(|&c| Table::build(c)).collect());
        &tables[self.index()]
    }

    /// The character byte `b` stands for.
    pub fn decode_byte(self, b: u8) -> char {
        self.table().decode[b as usize]
    }

    /// The byte that stands for `c`, if this map has one.
    pub fn encode_char(self, c: char) -> Option<u8> {
        let cp = c as u32;
        if cp < 0x80 {
            // 0x1A is reserved for U+FFFD in the sloppy maps.
            if cp == 0x1A && self.sloppy() {
                return None;
            }
            return Some(cp as u8);
        }
        let t = self.table();
        t.encode.binary_search_by_key(&c, |&(ch, _)| ch).ok().map(|i| t.encode[i].1)
    }

    /// The bytes `text` was decoded from, if it could have come from this map.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            out.push(self.encode_char(c)?);
        }
        Some(out)
    }
}

struct Table {
    decode: [char; 256],
    /// (char, byte) for bytes 0x80..=0xFF (and 0x1A in sloppy maps), sorted by char.
    encode: Vec<(char, u8)>,
}

impl Table {
    fn build(map: Charmap) -> Table {
        let mut decode = ['\0'; 256];
        for (b, slot) in decode.iter_mut().enumerate().take(0x80) {
            *slot = char::from(b as u8);
        }
        for b in 0x80..=0xFFu8 {
            decode[b as usize] = high_byte(map, b);
        }
        if map.sloppy() {
            decode[0x1A] = '\u{FFFD}';
        }
        let mut encode: Vec<(char, u8)> = (0x80..=0xFFu8).map(|b| (decode[b as usize], b)).collect();
        if map.sloppy() {
            encode.push(('\u{FFFD}', 0x1A));
        }
        encode.sort_unstable();
        encode.dedup_by_key(|e| e.0);
        Table { decode, encode }
    }
}

/// What byte `b` (0x80..=0xFF) decodes to in `map`; undefined bytes become
/// the C1 control or Latin-1 letter of the same number (the "sloppy" rule).
fn high_byte(map: Charmap, b: u8) -> char {
    let encoding = match map {
        Charmap::Latin1 => return char::from(b),
        Charmap::Cp437 => return CP437_HIGH[(b - 0x80) as usize],
        Charmap::Windows1252 => encoding_rs::WINDOWS_1252,
        Charmap::Windows1251 => encoding_rs::WINDOWS_1251,
        Charmap::Windows1250 => encoding_rs::WINDOWS_1250,
        Charmap::Windows1253 => encoding_rs::WINDOWS_1253,
        Charmap::Windows1254 => encoding_rs::WINDOWS_1254,
        Charmap::Windows1257 => encoding_rs::WINDOWS_1257,
        Charmap::Iso8859_2 => encoding_rs::ISO_8859_2,
        Charmap::MacRoman => encoding_rs::MACINTOSH,
    };
    let bytes = [b];
    encoding
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .and_then(|s| s.chars().next())
        .unwrap_or(char::from(b))
}

/// Code page 437 (the IBM PC's), bytes 0x80..=0xFF.
const CP437_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', //
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', //
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', //
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩', //
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{A0}',
];

/// Decodes Windows-1252 strictly (undefined bytes are an error), as the
/// "Latin-1 meant as Windows-1252" fix needs.
pub fn decode_windows_1252_strict(bytes: &[u8]) -> Option<String> {
    if bytes.iter().any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)) {
        return None;
    }
    Some(bytes.iter().map(|&b| Charmap::Windows1252.decode_byte(b)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_maps_punctuation_and_keeps_undefined_as_c1() {
        assert_eq!(Charmap::Windows1252.decode_byte(0x92), '’');
        assert_eq!(Charmap::Windows1252.decode_byte(0x80), '€');
        assert_eq!(Charmap::Windows1252.decode_byte(0x9D), '\u{9D}');
        assert_eq!(Charmap::Windows1252.encode_char('’'), Some(0x92));
        assert_eq!(Charmap::Windows1252.encode_char('\u{9D}'), Some(0x9D));
        assert_eq!(Charmap::Windows1252.encode_char('\u{FFFD}'), Some(0x1A));
        assert_eq!(Charmap::Windows1252.encode_char('\u{1A}'), None);
    }

    #[test]
    fn latin1_is_identity_and_cannot_encode_curly_quotes() {
        assert_eq!(Charmap::Latin1.encode("é\u{80}"), Some(vec![0xE9, 0x80]));
        assert_eq!(Charmap::Latin1.encode("’"), None);
        assert_eq!(Charmap::Latin1.encode_char('\u{1A}'), Some(0x1A));
    }

    #[test]
    fn other_maps_round_trip_every_byte() {
        for map in Charmap::ORDER {
            for b in 0x80..=0xFFu8 {
                let c = map.decode_byte(b);
                assert_eq!(map.encode_char(c), Some(b), "{} byte {b:#x}", map.name());
            }
        }
        assert_eq!(Charmap::Cp437.decode_byte(0xB3), '│');
        assert_eq!(Charmap::MacRoman.decode_byte(0x8E), 'é');
        assert_eq!(Charmap::Windows1251.decode_byte(0xC0), 'А');
    }

    #[test]
    fn strict_1252_rejects_undefined_bytes() {
        assert_eq!(decode_windows_1252_strict(b"\x84a\x93").as_deref(), Some("„a“"));
        assert_eq!(decode_windows_1252_strict(b"\x81"), None);
    }
}
