//! Bytes to text, detecting the encoding.
//!
//! Notices reach us as raw bytes: usually UTF-8, sometimes UTF-8 with a byte
//! order mark, UTF-16 saved by a Windows editor, or GBK/GB18030 exported by an
//! older office suite. [`decode`] works out which one it is and returns the
//! text together with the [`Encoding`] it was read as.
//!
//! Detection order:
//!
//! 1. Empty input is [`DecodeError::Empty`].
//! 2. A byte order mark decides: `EF BB BF` is UTF-8, `FF FE` is UTF-16LE,
//!    `FE FF` is UTF-16BE. The mark is not part of the returned text.
//! 3. Otherwise (and for UTF-8 with a mark) the bytes must look like text: a
//!    NUL byte anywhere, or more than 1% C0 control bytes (other than tab,
//!    line feed, carriage return and form feed) in the first 8 KiB, means
//!    [`DecodeError::Binary`].
//! 4. Valid UTF-8 is borrowed as is; anything else is tried as GB18030 (a
//!    superset of GBK and GB2312).
//! 5. Text that is only whitespace is [`DecodeError::WhitespaceOnly`].
//!
//! The common case — valid UTF-8 without a byte order mark — does not
//! allocate. [`decode`] never panics.

use std::borrow::Cow;

use encoding_rs::DecoderResult;

/// Which encoding the input was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 starting with the byte order mark `EF BB BF` (stripped).
    Utf8Bom,
    /// UTF-16 little-endian, recognised by the byte order mark `FF FE`.
    Utf16Le,
    /// UTF-16 big-endian, recognised by the byte order mark `FE FF`.
    Utf16Be,
    /// GB18030 (which includes GBK and GB2312): used when the input is not
    /// valid UTF-8 and has no byte order mark.
    Gb18030,
}

impl Encoding {
    /// The encoding's name as messages give it.
    ///
    /// ```
    /// assert_eq!(fengong::Encoding::Utf16Be.name(), "UTF-16BE");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// Why the input could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input has no bytes at all.
    #[error("empty input")]
    Empty,
    /// The input decodes to nothing but whitespace (including U+3000 and
    /// byte order mark characters), or to nothing after its byte order mark.
    #[error("input is only whitespace")]
    WhitespaceOnly,
    /// The input looks like binary data (an image, an archive…), not text.
    #[error("binary data, not text (control byte at offset {offset})")]
    Binary {
        /// Byte offset of the first NUL byte, or of the first suspicious
        /// control byte when the input was judged binary by their density.
        offset: usize,
    },
    /// The input has no byte order mark and is neither valid UTF-8 nor
    /// valid GB18030.
    #[error("invalid UTF-8 at byte offset {offset}, and not GBK/GB18030 either")]
    InvalidEncoding {
        /// Byte offset where UTF-8 validation failed.
        offset: usize,
    },
    /// The input starts with a byte order mark and is not valid in the
    /// encoding the mark announces (no other encoding is tried).
    ///
    /// ```
    /// let bytes = b"\xFF\xFE\x00\xD8A\x00"; // UTF-16LE, an unpaired surrogate
    /// let err = fengong::decode::decode(bytes).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid UTF-16LE at byte offset 2, as its byte order mark announces");
    /// ```
    #[error("invalid {} at byte offset {offset}, as its byte order mark announces", encoding.name())]
    InvalidForMark {
        /// The encoding the mark announces.
        encoding: Encoding,
        /// Byte offset into the input (the mark included): where UTF-8
        /// validation failed, or for UTF-16 the first byte of the first
        /// malformed code unit sequence.
        offset: usize,
    },
}

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";
const BOM_UTF16LE: &[u8] = b"\xFF\xFE";
const BOM_UTF16BE: &[u8] = b"\xFE\xFF";

/// How many leading bytes the control-byte density check looks at.
const SNIFF_LEN: usize = 8 * 1024;

/// Decode `bytes` into text, detecting the encoding.
///
/// Returns the text (borrowed from `bytes` when it is UTF-8, with or without a
/// byte order mark; owned otherwise) and the [`Encoding`] it was read as. The
/// byte order mark, if any, is not part of the text. See the
/// [module documentation](self) for the detection rules.
///
/// # Errors
///
/// - [`DecodeError::Empty`] for zero bytes;
/// - [`DecodeError::Binary`] when the bytes look like binary data (never for
///   UTF-16 input);
/// - [`DecodeError::InvalidEncoding`] when the bytes are not valid in any
///   supported encoding;
/// - [`DecodeError::WhitespaceOnly`] when the text is only whitespace.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }

    let (text, encoding) = if let Some(body) = bytes.strip_prefix(BOM_UTF16LE) {
        let text = decode_utf16(encoding_rs::UTF_16LE, body, BOM_UTF16LE.len())?;
        (Cow::Owned(text), Encoding::Utf16Le)
    } else if let Some(body) = bytes.strip_prefix(BOM_UTF16BE) {
        let text = decode_utf16(encoding_rs::UTF_16BE, body, BOM_UTF16BE.len())?;
        (Cow::Owned(text), Encoding::Utf16Be)
    } else {
        check_not_binary(bytes)?;
        if let Some(body) = bytes.strip_prefix(BOM_UTF8) {
            match utf8(body) {
                Ok(text) => (Cow::Borrowed(text), Encoding::Utf8Bom),
                Err(e) => {
                    return Err(DecodeError::InvalidForMark {
                        encoding: Encoding::Utf8Bom,
                        offset: BOM_UTF8.len() + e.valid_up_to(),
                    })
                }
            }
        } else {
            match utf8(bytes) {
                Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
                Err(e) => {
                    match encoding_rs::GB18030
                        .decode_without_bom_handling_and_without_replacement(bytes)
                    {
                        Some(text) => (text, Encoding::Gb18030),
                        None => {
                            return Err(DecodeError::InvalidEncoding {
                                offset: e.valid_up_to(),
                            })
                        }
                    }
                }
            }
        }
    };

    if text.chars().all(is_blank) {
        return Err(DecodeError::WhitespaceOnly);
    }
    Ok((text, encoding))
}

/// The bytes as UTF-8 text. Valid input (the common case) is checked with
/// SIMD instructions by `simdutf8`, many times faster than the standard
/// library on Chinese text; invalid input is checked again by the standard
/// library, whose error says where the first bad byte is.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(_) => std::str::from_utf8(bytes),
    }
}

/// Whitespace for the "only whitespace" check: Unicode `White_Space`
/// (which includes U+3000 IDEOGRAPHIC SPACE and U+00A0) plus U+FEFF.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// A C0 control byte that does not occur in ordinary text.
fn is_suspicious_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)
}

/// Reject input containing a NUL byte, or whose first [`SNIFF_LEN`] bytes
/// are more than 1% suspicious control bytes.
fn check_not_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let mut count = 0usize;
    let mut first = None;
    for (i, &b) in head.iter().enumerate() {
        if is_suspicious_control(b) {
            count += 1;
            first.get_or_insert(i);
        }
    }
    // "More than 1%": count / len > 1 / 100, in integers.
    match first {
        Some(offset) if count * 100 > head.len() => Err(DecodeError::Binary { offset }),
        _ => Ok(()),
    }
}

/// Decode UTF-16 `body` (the input after its byte order mark) without
/// replacement; on malformed input report the offset, in the whole input
/// (`base` = length of the byte order mark), of the first bad sequence.
fn decode_utf16(
    encoding: &'static encoding_rs::Encoding,
    body: &[u8],
    base: usize,
) -> Result<String, DecodeError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    // UTF-16 never needs more than 3 UTF-8 bytes per 2 input bytes (plus a
    // little slack); the loop below copes if that estimate is ever short.
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len() / 2 * 3 + 4);
    let mut out = String::with_capacity(capacity);
    let mut consumed = 0usize;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&body[consumed..], &mut out, true);
        consumed += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(body.len() - consumed + 16),
            DecoderResult::Malformed(bad, after) => {
                let start = consumed
                    .saturating_sub(usize::from(after))
                    .saturating_sub(usize::from(bad));
                return Err(DecodeError::InvalidForMark {
                    encoding: if encoding == encoding_rs::UTF_16LE {
                        Encoding::Utf16Le
                    } else {
                        Encoding::Utf16Be
                    },
                    offset: base + start,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = include_str!("../fixtures/guangdong-2023.txt");

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut out = if little_endian {
            BOM_UTF16LE.to_vec()
        } else {
            BOM_UTF16BE.to_vec()
        };
        for unit in text.encode_utf16() {
            let bytes = if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        out
    }

    #[test]
    fn table_of_cases() {
        use DecodeError::*;
        use Encoding::*;
        let ok = |s: &str, e: Encoding| Ok((s.to_owned(), e));
        #[allow(clippy::type_complexity)]
        let cases: Vec<(&[u8], Result<(String, Encoding), DecodeError>)> = vec![
            (b"", Err(Empty)),
            (b"abc", ok("abc", Utf8)),
            ("分工方案\n".as_bytes(), ok("分工方案\n", Utf8)),
            (b"a\tb\r\nc\x0cd\n", ok("a\tb\r\nc\x0cd\n", Utf8)),
            (b"\xEF\xBB\xBFabc", ok("abc", Utf8Bom)),
            (b"\xEF\xBB\xBF", Err(WhitespaceOnly)),
            (b"\xEF\xBB\xBF\xEF\xBB\xBF \n", Err(WhitespaceOnly)),
            (
                b"\xEF\xBB\xBFab\xFF",
                Err(InvalidForMark {
                    encoding: Utf8Bom,
                    offset: 5,
                }),
            ),
            (b"\xEF\xBB\xBFa\0b", Err(Binary { offset: 4 })),
            (b"\xFF\xFEA\0", ok("A", Utf16Le)),
            (b"\xFE\xFF\0A", ok("A", Utf16Be)),
            (b"\xFF\xFE\0\0A\0", ok("\0A", Utf16Le)),
            (b"\xFF\xFE", Err(WhitespaceOnly)),
            (b"\xFF\xFE \0\x000", Err(WhitespaceOnly)),
            // Odd trailing byte.
            (
                b"\xFF\xFEA\0B",
                Err(InvalidForMark {
                    encoding: Utf16Le,
                    offset: 4,
                }),
            ),
            // Unpaired high surrogate followed by 'A'.
            (
                b"\xFF\xFEA\0\x00\xD8A\0",
                Err(InvalidForMark {
                    encoding: Utf16Le,
                    offset: 4,
                }),
            ),
            // Lone low surrogate.
            (
                b"\xFE\xFF\xDC\x00",
                Err(InvalidForMark {
                    encoding: Utf16Be,
                    offset: 2,
                }),
            ),
            // "中文" in GBK.
            (b"\xD6\xD0\xCE\xC4", ok("中文", Gb18030)),
            (b"abc\xD6\xD0\n", ok("abc中\n", Gb18030)),
            (b"abc\xFF\xFE\xFD", Err(InvalidEncoding { offset: 3 })),
            (b"ab\xD6", Err(InvalidEncoding { offset: 2 })),
            (b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", Err(Binary { offset: 8 })),
            (b"ab\0", Err(Binary { offset: 2 })),
            (b"\0", Err(Binary { offset: 0 })),
            // Control bytes without NUL: 2 of 4 bytes.
            (b"ab\x01\x02", Err(Binary { offset: 2 })),
            ("  \n\u{3000}\n".as_bytes(), Err(WhitespaceOnly)),
            (" \t\r\n\x0c".as_bytes(), Err(WhitespaceOnly)),
            ("\u{FEFF}\u{00A0}".as_bytes(), Err(WhitespaceOnly)),
            // GB18030 text that is only U+3000 (A1 A1).
            (b"\xA1\xA1\n", Err(WhitespaceOnly)),
        ];
        for (input, expected) in cases {
            let got = decode(input).map(|(t, e)| (t.into_owned(), e));
            assert_eq!(got, expected, "input {input:?}");
        }
    }

    #[test]
    fn control_byte_density_threshold() {
        // Exactly 1% is still text; just over 1% is binary.
        let mut text = vec![b'a'; 100];
        text[50] = 0x1B;
        assert!(decode(&text).is_ok());
        let mut binary = vec![b'a'; 99];
        binary[40] = 0x1B;
        assert_eq!(decode(&binary), Err(DecodeError::Binary { offset: 40 }));
        // Only the first 8 KiB count.
        let mut late = vec![b'a'; SNIFF_LEN];
        late.extend_from_slice(&[0x01; 200]);
        assert!(decode(&late).is_ok());
        // and all of them do: 100 control bytes at 2,000 of 10,000 are more
        // than 1% of the first 8,192
        let mut middle = vec![b'a'; 10_000];
        middle[2_000..2_100].fill(0x01);
        assert_eq!(decode(&middle), Err(DecodeError::Binary { offset: 2_000 }));
    }

    #[test]
    fn utf8_is_borrowed() {
        let bytes = FIXTURE.as_bytes();
        let (text, enc) = decode(bytes).unwrap();
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(enc, Encoding::Utf8);
        assert_eq!(text, FIXTURE);
    }

    #[test]
    fn round_trip_utf8_bom() {
        let mut bytes = BOM_UTF8.to_vec();
        bytes.extend_from_slice(FIXTURE.as_bytes());
        let (text, enc) = decode(&bytes).unwrap();
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(enc, Encoding::Utf8Bom);
        assert_eq!(text, FIXTURE);
    }

    #[test]
    fn round_trip_gb18030() {
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(FIXTURE);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Gb18030);
        assert_eq!(text, FIXTURE);
    }

    #[test]
    fn round_trip_utf16le() {
        let bytes = utf16(FIXTURE, true);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Utf16Le);
        assert_eq!(text, FIXTURE);
    }

    #[test]
    fn round_trip_utf16be() {
        let bytes = utf16(FIXTURE, false);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Utf16Be);
        assert_eq!(text, FIXTURE);
    }

    #[test]
    fn truncated_gb18030_reports_utf8_offset() {
        let (mut bytes, _, _) = encoding_rs::GB18030.encode("附件：分工");
        bytes.to_mut().pop();
        // Not UTF-8 from the first byte on, and no longer valid GB18030.
        assert_eq!(
            decode(&bytes),
            Err(DecodeError::InvalidEncoding { offset: 0 })
        );
    }

    #[test]
    fn never_panics_on_odd_inputs() {
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for a in 0..=255u8 {
            inputs.push(vec![a]);
            inputs.push(vec![0xFF, 0xFE, a]);
            inputs.push(vec![0xFE, 0xFF, a]);
            inputs.push(vec![0xEF, 0xBB, 0xBF, a]);
            for b in [0x00, 0x30, 0x7F, 0x80, 0xA1, 0xD8, 0xDC, 0xFE, 0xFF] {
                inputs.push(vec![a, b]);
                inputs.push(vec![0xFF, 0xFE, a, b, a]);
                inputs.push(vec![0x81, a, b, 0x30]);
            }
        }
        for input in &inputs {
            let _ = decode(input);
        }
    }

    #[test]
    fn errors_display() {
        assert_eq!(
            DecodeError::Binary { offset: 8 }.to_string(),
            "binary data, not text (control byte at offset 8)"
        );
        assert_eq!(
            DecodeError::InvalidEncoding { offset: 3 }.to_string(),
            "invalid UTF-8 at byte offset 3, and not GBK/GB18030 either"
        );
        let bom = DecodeError::InvalidForMark {
            encoding: Encoding::Utf8Bom,
            offset: 5,
        };
        assert_eq!(
            bom.to_string(),
            "invalid UTF-8 at byte offset 5, as its byte order mark announces"
        );
    }
}
