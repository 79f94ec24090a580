//! The records as JSON, written fast — 记录的 JSON 输出.
//!
//! [`write_to_vec`] writes a [`Serialize`] value as compact JSON, byte for
//! byte what `serde_json::to_writer` writes (tests hold it to that, on every
//! notice the project keeps, on any string, and on every shape serde has). It exists for speed: a notice's JSON is
//! almost all Chinese text inside strings, and `serde_json` looks at every
//! byte of a string on its own to see whether it needs escaping. Here a
//! string is judged sixteen bytes at a time, which the compiler turns into
//! vector instructions:
//!
//! ```text
//! "title":"打造“轨道上的大湾区”。"
//!          ^^^^^^^^^^^^^^^^ sixteen bytes, one test: no '"', '\', or byte below 0x20
//! ```
//!
//! Escapes are JSON's (RFC 8259 §7), as `serde_json` writes them: `\"`,
//! `\\`, `\b` `\t` `\n` `\f` `\r`, other control bytes as `\u00XX` in lower
//! case; everything else, Chinese included, is written as it is.
//!
//! Floating-point numbers are refused (no record holds one); map keys are
//! written as `serde_json` writes them when they are strings, numbers or
//! booleans (quoted), and refused otherwise.
//!
//! ```
//! let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
//! let mut json = Vec::new();
//! fengong::json::write_to_vec(&mut json, &notice)?;
//! assert_eq!(json, serde_json::to_vec(&notice)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Write as _;

use serde::ser;
use serde::Serialize;

/// Why a value could not be written as JSON.
///
/// ```
/// let err = fengong::json::write_to_vec(&mut Vec::new(), &1.5f64).unwrap_err();
/// assert_eq!(err.to_string(), "floating-point numbers are not written");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct JsonError(String);

impl ser::Error for JsonError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        JsonError(msg.to_string())
    }
}

/// Appends `value` to `out` as compact JSON. On an error, `out` keeps what
/// was written before it.
///
/// ```
/// let mut out = b"spans: ".to_vec();
/// fengong::json::write_to_vec(&mut out, &fengong::LineSpan::new(23, 27))?;
/// assert_eq!(out, b"spans: [23,27]");
/// # Ok::<(), fengong::json::JsonError>(())
/// ```
pub fn write_to_vec<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), JsonError> {
    value.serialize(&mut Writer { out })
}

/// `value` as compact JSON.
///
/// ```
/// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
/// let json = fengong::json::to_vec(&notice.tasks[52].leaders)?;
/// assert_eq!(String::from_utf8(json)?, r#"["张新","吕玉印"]"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, JsonError> {
    let mut out = Vec::new();
    write_to_vec(&mut out, value)?;
    Ok(out)
}

/// The JSON writer: a [`ser::Serializer`] appending to a byte buffer.
struct Writer<'o> {
    out: &'o mut Vec<u8>,
}

impl Writer<'_> {
    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn number(&mut self, n: impl std::fmt::Display) {
        // writing to a Vec cannot fail
        let _ = write!(self.out, "{n}");
    }

    fn string(&mut self, s: &str) {
        write_string(self.out, s);
    }
}

/// Appends `s` as a JSON string, quotes and escapes included.
#[inline]
fn write_string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    while let Some(at) = next_escape(bytes, run) {
        out.extend_from_slice(&bytes[run..at]);
        write_escape(out, bytes[at]);
        run = at + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// Bytes judged at once by [`next_escape`].
const CHUNK: usize = 16;

/// The first byte at or after `from` that JSON escapes. A short last chunk
/// (most names are shorter than one) is copied into a padded one, so that
/// every byte is judged by the same vector code.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
        let flags = match rest.first_chunk::<CHUNK>() {
            Some(chunk) => chunk_flags(chunk),
            None => {
                let mut chunk = [b'a'; CHUNK];
                chunk[..rest.len()].copy_from_slice(rest);
                chunk_flags(&chunk)
            }
        };
        if flags != 0 {
            return Some(at + (flags.trailing_zeros() / 8) as usize);
        }
        at += CHUNK;
    }
    None
}

/// One byte per byte of the chunk, 0xFF where JSON escapes it
/// (little-endian). Whole-byte flags are what vector compares produce, so
/// the compiler turns the chunk into the number without taking it apart.
#[inline(always)]
fn chunk_flags(chunk: &[u8; CHUNK]) -> u128 {
    let mut flags = [0u8; CHUNK];
    for (flag, &b) in flags.iter_mut().zip(chunk) {
        *flag = if escaped(b) { 0xFF } else { 0 };
    }
    u128::from_le_bytes(flags)
}

/// Whether JSON escapes the byte: '"', '\' and control bytes.
#[inline(always)]
fn escaped(b: u8) -> bool {
    // `b & 0xE0 == 0` is `b < 0x20` as an equality, which vectorises better
    ((b & 0xE0) == 0) | (b == b'"') | (b == b'\\')
}

/// Appends the escape of one byte that [`escaped`] picked.
fn write_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        b'\t' => b't',
        b'\n' => b'n',
        0x0C => b'f',
        b'\r' => b'r',
        _ => {
            let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]];
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&hex);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// An array or object being written: whether an element came yet, and what
/// closes it (`]`, `}`, or `]}` / `}}` for an enum variant's).
struct Compound<'w, 'o> {
    writer: &'w mut Writer<'o>,
    first: bool,
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.writer.raw(b",");
        }
    }

    fn key(&mut self, key: &str) {
        self.comma();
        self.writer.string(key);
        self.writer.raw(b":");
    }

    fn end(self) -> Result<(), JsonError> {
        self.writer.raw(self.close);
        Ok(())
    }
}

impl<'w, 'o> ser::Serializer for &'w mut Writer<'o> {
    type Ok = ();
    type Error = JsonError;
    type SerializeSeq = Compound<'w, 'o>;
    type SerializeTuple = Compound<'w, 'o>;
    type SerializeTupleStruct = Compound<'w, 'o>;
    type SerializeTupleVariant = Compound<'w, 'o>;
    type SerializeMap = Compound<'w, 'o>;
    type SerializeStruct = Compound<'w, 'o>;
    type SerializeStructVariant = Compound<'w, 'o>;

    fn serialize_bool(self, v: bool) -> Result<(), JsonError> {
        self.raw(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), JsonError> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<(), JsonError> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<(), JsonError> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<(), JsonError> {
        self.number(v);
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), JsonError> {
        self.number(v);
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), JsonError> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<(), JsonError> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<(), JsonError> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<(), JsonError> {
        self.number(v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), JsonError> {
        self.number(v);
        Ok(())
    }

    fn serialize_f32(self, _: f32) -> Result<(), JsonError> {
        Err(JsonError("floating-point numbers are not written".into()))
    }

    fn serialize_f64(self, _: f64) -> Result<(), JsonError> {
        Err(JsonError("floating-point numbers are not written".into()))
    }

    fn serialize_char(self, v: char) -> Result<(), JsonError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), JsonError> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), JsonError> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), JsonError> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), JsonError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), JsonError> {
        self.raw(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), JsonError> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), JsonError> {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        self.raw(b"{");
        self.string(variant);
        self.raw(b":");
        value.serialize(&mut *self)?;
        self.raw(b"}");
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'o>, JsonError> {
        self.raw(b"[");
        Ok(Compound {
            writer: self,
            first: true,
            close: b"]",
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'o>, JsonError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o>, JsonError> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'o>, JsonError> {
        self.raw(b"{");
        self.string(variant);
        self.raw(b":[");
        Ok(Compound {
            writer: self,
            first: true,
            close: b"]}",
        })
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'o>, JsonError> {
        self.raw(b"{");
        Ok(Compound {
            writer: self,
            first: true,
            close: b"}",
        })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'w, 'o>, JsonError> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'o>, JsonError> {
        self.raw(b"{");
        self.string(variant);
        self.raw(b":{");
        Ok(Compound {
            writer: self,
            first: true,
            close: b"}}",
        })
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = JsonError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), JsonError> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = JsonError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), JsonError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = JsonError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), JsonError> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = JsonError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), JsonError> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = JsonError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), JsonError> {
        self.comma();
        key.serialize(KeyWriter {
            writer: &mut *self.writer,
        })?;
        self.writer.raw(b":");
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), JsonError> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = JsonError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        self.key(key);
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), JsonError> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = JsonError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn end(self) -> Result<(), JsonError> {
        Compound::end(self)
    }
}

/// Writes a map key: a string, or a unit variant's name.
struct KeyWriter<'w, 'o> {
    writer: &'w mut Writer<'o>,
}

impl KeyWriter<'_, '_> {
    fn refuse() -> Result<(), JsonError> {
        Err(JsonError(KEY.into()))
    }

    /// A number or boolean key, in quotes.
    fn quoted(self, value: impl std::fmt::Display) -> Result<(), JsonError> {
        self.writer.raw(b"\"");
        self.writer.number(value);
        self.writer.raw(b"\"");
        Ok(())
    }
}

/// Why a map key was refused.
const KEY: &str = "a map key must be a string, a number or a boolean";

impl ser::Serializer for KeyWriter<'_, '_> {
    type Ok = ();
    type Error = JsonError;
    type SerializeSeq = ser::Impossible<(), JsonError>;
    type SerializeTuple = ser::Impossible<(), JsonError>;
    type SerializeTupleStruct = ser::Impossible<(), JsonError>;
    type SerializeTupleVariant = ser::Impossible<(), JsonError>;
    type SerializeMap = ser::Impossible<(), JsonError>;
    type SerializeStruct = ser::Impossible<(), JsonError>;
    type SerializeStructVariant = ser::Impossible<(), JsonError>;

    fn serialize_str(self, v: &str) -> Result<(), JsonError> {
        self.writer.string(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), JsonError> {
        self.writer.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), JsonError> {
        self.writer.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        value.serialize(self)
    }

    fn serialize_bool(self, v: bool) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_i128(self, v: i128) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_u128(self, v: u128) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_i8(self, v: i8) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_i16(self, v: i16) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_i32(self, v: i32) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_i64(self, v: i64) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_u16(self, v: u16) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_u32(self, v: u32) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_u64(self, v: u64) -> Result<(), JsonError> {
        self.quoted(v)
    }

    fn serialize_f32(self, _: f32) -> Result<(), JsonError> {
        Self::refuse()
    }

    fn serialize_f64(self, _: f64) -> Result<(), JsonError> {
        Self::refuse()
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), JsonError> {
        Self::refuse()
    }

    fn serialize_none(self) -> Result<(), JsonError> {
        Self::refuse()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), JsonError> {
        Self::refuse()
    }

    fn serialize_unit(self) -> Result<(), JsonError> {
        Self::refuse()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), JsonError> {
        Self::refuse()
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), JsonError> {
        Self::refuse()
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, JsonError> {
        Err(JsonError(KEY.into()))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, JsonError> {
        Err(JsonError(KEY.into()))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, JsonError> {
        Err(JsonError(KEY.into()))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, JsonError> {
        Err(JsonError(KEY.into()))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, JsonError> {
        Err(JsonError(KEY.into()))
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, JsonError> {
        Err(JsonError(KEY.into()))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, JsonError> {
        Err(JsonError(KEY.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both<T: Serialize>(value: &T) -> (String, String) {
        let mut ours = Vec::new();
        write_to_vec(&mut ours, value).expect("writes");
        let theirs = serde_json::to_vec(value).expect("serde_json writes");
        (
            String::from_utf8(ours).expect("UTF-8"),
            String::from_utf8(theirs).expect("UTF-8"),
        )
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        let cases = [
            "",
            "省财政厅牵头。",
            "a\"b\\c",
            "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}",
            "“引号”与\t制表符",
            // escapes at every position of a chunk and in the short tail
            &"年\"".repeat(20),
            &"ab\\".repeat(17),
        ];
        for s in cases {
            let (ours, theirs) = both(&s);
            assert_eq!(ours, theirs, "{s:?}");
        }
        for n in 0..40 {
            let s = format!("{}\n{}", "x".repeat(n), "年".repeat(n % 7));
            let (ours, theirs) = both(&s);
            assert_eq!(ours, theirs, "{s:?}");
        }
    }

    #[test]
    fn every_shape_as_serde_json_writes_it() {
        use std::collections::BTreeMap;
        #[derive(Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, &'static str),
            Struct { a: i64 },
        }
        #[derive(Serialize)]
        struct Unit;
        #[derive(Serialize)]
        struct Newtype(&'static str);
        #[derive(Serialize)]
        struct Pair(u32, i32);
        #[derive(Serialize)]
        struct All {
            b: bool,
            n: Option<u16>,
            s: Option<char>,
            v: Vec<E>,
            u: Unit,
            t: (u128, i128),
            w: Newtype,
            p: Pair,
            m: BTreeMap<&'static str, ()>,
            ki: BTreeMap<i32, u8>,
            ku: BTreeMap<u128, u8>,
            kb: BTreeMap<bool, u8>,
            kc: BTreeMap<char, u8>,
            bytes: serde_bytes_like::Bytes,
            e: Vec<u8>,
        }
        mod serde_bytes_like {
            pub struct Bytes(pub &'static [u8]);
            impl serde::Serialize for Bytes {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_bytes(self.0)
                }
            }
        }
        let value = All {
            b: true,
            n: None,
            s: Some('"'),
            v: vec![E::Unit, E::New(7), E::Tuple(1, "x"), E::Struct { a: -3 }],
            u: Unit,
            t: (u128::MAX, i128::MIN),
            w: Newtype("粤府〔2023〕18号"),
            p: Pair(0, -1),
            m: [("k\"ey", ()), ("键", ())].into_iter().collect(),
            ki: [(-1, 1), (180, 2)].into_iter().collect(),
            ku: [(u128::MAX, 1)].into_iter().collect(),
            kb: [(false, 0), (true, 1)].into_iter().collect(),
            kc: [('"', 0), ('年', 1)].into_iter().collect(),
            bytes: serde_bytes_like::Bytes(b"\x00\xff"),
            e: Vec::new(),
        };
        let (ours, theirs) = both(&value);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn refuses_floats_and_odd_keys() {
        assert!(write_to_vec(&mut Vec::new(), &1.0f32).is_err());
        let odd: std::collections::BTreeMap<(u8, u8), u8> = [((1, 1), 2)].into_iter().collect();
        assert_eq!(
            write_to_vec(&mut Vec::new(), &odd).unwrap_err().to_string(),
            "a map key must be a string, a number or a boolean"
        );
        assert!(
            serde_json::to_vec(&odd).is_err(),
            "serde_json refuses it too"
        );
    }
}
