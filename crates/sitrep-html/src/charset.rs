//! The charset a page declares about itself, found the way browsers find it.
//!
//! This is the HTML5 "prescan a byte stream to determine its encoding"
//! algorithm over the first 1024 bytes: `<meta charset=...>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">`, skipping
//! comments and other tags. The decoder (`sitrep-repair`) calls it before
//! falling back to detection.

/// How many bytes the prescan looks at (the HTML standard's limit).
const PRESCAN_LIMIT: usize = 1024;

/// The charset a page declares in its first 1024 bytes (`<meta charset>` or
/// `http-equiv` Content-Type), as the WHATWG encoding name (`UTF-8`,
/// `windows-1252`, `Shift_JIS`, ...). Unknown labels give `None`; a declared
/// UTF-16 gives `UTF-8` and `x-user-defined` gives `windows-1252`, as the
/// standard says (a page that says UTF-16 in ASCII is not UTF-16).
pub fn sniff_charset(bytes: &[u8]) -> Option<String> {
    let b = &bytes[..bytes.len().min(PRESCAN_LIMIT)];
    let mut i = 0usize;
    while i < b.len() {
        if starts_with_ci(&b[i..], b"<!--") {
            // Skip the comment; the closing `-->` may overlap the opening.
            match find(&b[i + 2..], b"-->") {
                Some(p) => i = i + 2 + p + 3,
                None => return None,
            }
        } else if starts_with_ci(&b[i..], b"<meta") && b.get(i + 5).is_some_and(|&c| is_space(c) || c == b'/') {
            i += 5;
            if let Some(found) = meta_charset(b, &mut i) {
                return Some(found);
            }
        } else if b[i] == b'<'
            && (b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic())
                || (b.get(i + 1) == Some(&b'/') && b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic())))
        {
            // An ordinary tag: skip its name, then its attributes.
            while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                i += 1;
            }
            while get_attribute(b, &mut i).is_some() {}
            i += 1;
        } else if starts_with_ci(&b[i..], b"<!") || starts_with_ci(&b[i..], b"</") || starts_with_ci(&b[i..], b"<?") {
            match b[i..].iter().position(|&c| c == b'>') {
                Some(p) => i += p + 1,
                None => return None,
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Reads the attributes of one `<meta` tag and returns its charset if it
/// declares one the standard accepts.
fn meta_charset(b: &[u8], i: &mut usize) -> Option<String> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    // None: no charset said; Some(false): from `charset`; Some(true): from `content`.
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<&'static encoding_rs::Encoding> = None;
    while let Some((name, value)) = get_attribute(b, i) {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" if value.eq_ignore_ascii_case(b"content-type") => got_pragma = true,
            b"content" if charset.is_none() => {
                if let Some(label) = charset_from_content(&value) {
                    charset = encoding_rs::Encoding::for_label(label);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = encoding_rs::Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    *i += 1;
    match need_pragma {
        None => return None,
        Some(true) if !got_pragma => return None,
        _ => {}
    }
    let enc = charset?;
    let enc = if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
        encoding_rs::UTF_8
    } else if enc == encoding_rs::X_USER_DEFINED {
        encoding_rs::WINDOWS_1252
    } else {
        enc
    };
    Some(enc.name().to_string())
}

/// The standard's "get an attribute": returns (lower-case name, value) and
/// moves `i` past it, or `None` at the tag's end.
fn get_attribute(b: &[u8], i: &mut usize) -> Option<(Vec<u8>, Vec<u8>)> {
    while *i < b.len() && (is_space(b[*i]) || b[*i] == b'/') {
        *i += 1;
    }
    if *i >= b.len() || b[*i] == b'>' {
        return None;
    }
    let mut name = Vec::new();
    loop {
        let c = *b.get(*i)?;
        if c == b'=' && !name.is_empty() {
            *i += 1;
            return Some((name, attribute_value(b, i)?));
        }
        if is_space(c) {
            break;
        }
        if c == b'/' || c == b'>' {
            return Some((name, Vec::new()));
        }
        name.push(c.to_ascii_lowercase());
        *i += 1;
    }
    while *i < b.len() && is_space(b[*i]) {
        *i += 1;
    }
    if b.get(*i) != Some(&b'=') {
        return Some((name, Vec::new()));
    }
    *i += 1;
    Some((name, attribute_value(b, i)?))
}

/// The value after `=`: quoted, or up to whitespace or `>`.
fn attribute_value(b: &[u8], i: &mut usize) -> Option<Vec<u8>> {
    while *i < b.len() && is_space(b[*i]) {
        *i += 1;
    }
    let c = *b.get(*i)?;
    let mut value = Vec::new();
    if c == b'"' || c == b'\'' {
        *i += 1;
        loop {
            let d = *b.get(*i)?;
            *i += 1;
            if d == c {
                return Some(value);
            }
            value.push(d.to_ascii_lowercase());
        }
    }
    if c == b'>' {
        return Some(value);
    }
    while let Some(&d) = b.get(*i) {
        if is_space(d) || d == b'>' {
            break;
        }
        value.push(d.to_ascii_lowercase());
        *i += 1;
    }
    Some(value)
}

/// The standard's "extract a character encoding from a meta element" for a
/// `content` value such as `text/html; charset=iso-8859-1`.
fn charset_from_content(v: &[u8]) -> Option<&[u8]> {
    let mut pos = 0usize;
    loop {
        let p = find(&v[pos..], b"charset")?;
        pos += p + 7;
        let mut j = pos;
        while j < v.len() && is_space(v[j]) {
            j += 1;
        }
        if v.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while j < v.len() && is_space(v[j]) {
            j += 1;
        }
        let c = *v.get(j)?;
        if c == b'"' || c == b'\'' {
            let rest = &v[j + 1..];
            let end = rest.iter().position(|&d| d == c)?;
            return Some(&rest[..end]);
        }
        let rest = &v[j..];
        let end = rest.iter().position(|&d| is_space(d) || d == b';').unwrap_or(rest.len());
        return Some(&rest[..end]);
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::sniff_charset;

    #[test]
    fn meta_charset_attribute() {
        let page = b"<!doctype html><html><head><meta charset=\"ISO-8859-1\"><title>x</title>";
        assert_eq!(sniff_charset(page).as_deref(), Some("windows-1252"));
        assert_eq!(sniff_charset(b"<meta charset=utf-8>").as_deref(), Some("UTF-8"));
        assert_eq!(sniff_charset(b"<META CHARSET='Shift_JIS'/>").as_deref(), Some("Shift_JIS"));
    }

    #[test]
    fn http_equiv_content_type() {
        let page = b"<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">";
        assert_eq!(sniff_charset(page).as_deref(), Some("KOI8-R"));
        // Attribute order does not matter.
        let page = b"<meta content='text/html;charset=windows-1251' http-equiv='content-type'>";
        assert_eq!(sniff_charset(page).as_deref(), Some("windows-1251"));
    }

    #[test]
    fn content_without_pragma_is_ignored() {
        let page = b"<meta content=\"text/html; charset=koi8-r\"><meta charset=gbk>";
        assert_eq!(sniff_charset(page).as_deref(), Some("GBK"));
    }

    #[test]
    fn comments_and_other_tags_are_skipped() {
        let page = b"<!-- <meta charset=koi8-r> --><p title='<meta charset=big5>'>x</p><meta charset=euc-kr>";
        assert_eq!(sniff_charset(page).as_deref(), Some("EUC-KR"));
    }

    #[test]
    fn utf16_and_user_defined_are_mapped() {
        assert_eq!(sniff_charset(b"<meta charset=utf-16le>").as_deref(), Some("UTF-8"));
        assert_eq!(sniff_charset(b"<meta charset=x-user-defined>").as_deref(), Some("windows-1252"));
    }

    #[test]
    fn only_the_first_1024_bytes_count() {
        let mut page = vec![b' '; 1100];
        page.extend_from_slice(b"<meta charset=koi8-r>");
        assert_eq!(sniff_charset(&page), None);
        let mut page = b"<meta charset=koi8-r>".to_vec();
        page.extend(std::iter::repeat_n(b'x', 5000));
        assert_eq!(sniff_charset(&page).as_deref(), Some("KOI8-R"));
    }

    #[test]
    fn nothing_declared_or_garbage() {
        assert_eq!(sniff_charset(b""), None);
        assert_eq!(sniff_charset(b"<html><head><title>x</title></head>"), None);
        assert_eq!(sniff_charset(b"<meta charset=no-such-charset>"), None);
        assert_eq!(sniff_charset(b"<meta charset=\"utf-8"), None);
        assert_eq!(sniff_charset(b"<!-- never closed <meta charset=utf-8>"), None);
        assert_eq!(sniff_charset(&[0xff, 0xfe, b'<', 0, b'm', 0]), None);
    }
}
