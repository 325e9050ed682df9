//! Bytes to text: binary detection, UTF-8 with a Windows-1252 fallback, newline normalisation.

use crate::{Error, Result};

/// Decoded text plus a note when the bytes were not valid UTF-8.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// Magic numbers of formats that are certainly not articles.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7FELF", "executable"),
    (b"RIFF", "RIFF media file"),
    (b"\x1F\x8B", "gzip data without a .gz name"),
    (b"BZh", "bzip2 data"),
    (b"\xFD7zXZ", "xz data"),
    (b"SQLite format 3", "SQLite database"),
];

/// Rejects binary content, then decodes.
pub fn decode(input: &str, bytes: &[u8]) -> Result<Decoded> {
    if let Some(reason) = binary_reason(bytes) {
        return Err(Error::Binary {
            input: input.to_string(),
            reason,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, note) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let note = format!(
                "not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252",
                e.valid_up_to()
            );
            (cow.into_owned(), Some(note))
        }
    };
    Ok(Decoded {
        text: normalize_newlines(text),
        note,
    })
}

/// Names the binary format, or says why the bytes look binary; None for text.
pub fn binary_reason(bytes: &[u8]) -> Option<String> {
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(name.to_string());
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Some("contains NUL bytes".to_string());
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if head.len() >= 32 && controls * 10 > head.len() {
        return Some(format!(
            "{controls} control bytes in the first {}",
            head.len()
        ));
    }
    None
}

/// CRLF and lone CR become LF, so offsets agree whatever system wrote the file.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_without_note() {
        let d = decode("a.txt", "Gaza’s\r\nline".as_bytes()).unwrap();
        assert_eq!(d.text, "Gaza’s\nline");
        assert!(d.note.is_none());
    }

    #[test]
    fn windows_1252_falls_back_with_a_note() {
        let d = decode("a.txt", b"authorities\x92 actions \x93quoted\x94").unwrap();
        assert_eq!(d.text, "authorities’ actions “quoted”");
        assert!(d.note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn binary_is_rejected_with_the_input_name() {
        let err = decode("img.txt", b"\x89PNG\r\n\x1a\n....").unwrap_err();
        assert_eq!(err.to_string(), "img.txt: binary file (PNG image), skipped");
        let err = decode("x.txt", b"abc\0def").unwrap_err();
        assert!(err.to_string().contains("NUL"));
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode("a", b"\xEF\xBB\xBFHi").unwrap().text, "Hi");
    }
}
