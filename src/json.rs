//! JSON Lines — a notice written out as one line of JSON, fast.
//!
//! The records derive `Serialize`, and `serde_json::to_writer` writes each
//! notice as one line. [`Notice::write_json`] writes the same bytes in
//! about a third of serde_json's time (0.6× sonic-rs's), because it knows
//! the shape: each key goes out as the constant it is, and a string is
//! scanned for what JSON escapes ('"', '\\' and the control characters)
//! sixteen bytes at a time. The line for the 2023 notice begins:
//!
//! ```text
//! {"document":{"issuer":"广东省人民政府","doc_number":"粤府〔2023〕18号",…
//! …{"number":17,"section":2,"title":"高质量建设大湾区国际教育示范区、港澳青年创新创业基地。",
//!   "measures":["支持香港科技大学（广州）、…","积极推动粤港高等专科学历互认。",…],
//!   "leaders":["王曦"],"departments":{"mode":"lead_support","lead":[{"name":"省教育厅",…
//! ```
//!
//! Each record is taken apart field by field, with no `..`: a field added
//! to the model does not compile here until it is written out. Tests hold
//! the bytes to serde_json's on every year's notice, on copies full of
//! characters JSON must escape, and on damaged copies.

use std::io::Write as _;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{
    Annex, Date, Department, Division, Document, LineSpan, LivelihoodProject, Mode, Notice,
    Requirement, Section, Task,
};

impl Notice<'_> {
    /// Appends the notice to `out` as one line of compact JSON, without a
    /// newline: the same bytes as `serde_json::to_writer(out, self)`, in
    /// about a third of the time. `parse-notice` prints its lines with it.
    ///
    /// ```
    /// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
    /// let mut line = Vec::new();
    /// notice.write_json(&mut line);
    /// assert_eq!(line, serde_json::to_vec(&notice)?);
    /// assert!(line.starts_with(r#"{"document":{"issuer":"广东省人民政府""#.as_bytes()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        Json(out).notice(self);
    }

    /// Writes the notice to `writer` as [`Notice::write_json`] makes it
    /// (one line of compact JSON, no newline), in one write of a buffer
    /// made first.
    ///
    /// ```
    /// let notice = fengong::parse(include_str!("../fixtures/guangdong-2023.txt"))?;
    /// let mut file = std::io::Cursor::new(Vec::new());
    /// notice.write_json_to(&mut file)?;
    /// assert_eq!(file.into_inner(), serde_json::to_vec(&notice)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_json_to(&self, mut writer: impl std::io::Write) -> std::io::Result<()> {
        let mut line = Vec::new();
        self.write_json(&mut line);
        writer.write_all(&line)
    }
}

/// `{"first":…,"second":…}`: each field's name as its key (as serde
/// writes a struct), then what its expression writes as its value.
macro_rules! object {
    ($json:expr, $first:ident => $value:expr, $($field:ident => $rest:expr,)*) => {{
        $json.raw(concat!("{\"", stringify!($first), "\":").as_bytes());
        $value;
        $(
            $json.raw(concat!(",\"", stringify!($field), "\":").as_bytes());
            $rest;
        )*
        $json.raw(b"}");
    }};
}

/// The line being written.
struct Json<'o>(&'o mut Vec<u8>);

impl Json<'_> {
    fn notice(&mut self, notice: &Notice<'_>) {
        let Notice {
            document,
            sections,
            tasks,
            requirements,
            annex,
            livelihood_projects,
            diagnostics,
        } = notice;
        object!(
            self,
            document => self.document(document),
            sections => self.list(sections, Self::section),
            tasks => self.list(tasks, Self::task),
            requirements => self.list(requirements, Self::requirement),
            annex => self.option(annex.as_ref(), Self::annex),
            livelihood_projects => self.list(livelihood_projects, Self::project),
            diagnostics => self.list(diagnostics, Self::diagnostic),
        );
    }

    fn document(&mut self, document: &Document<'_>) {
        let Document {
            issuer,
            doc_number,
            title,
            addressees,
            letter,
            year,
            plan_title,
            preamble,
            signed_on,
            disclosure,
            cc,
            printed_by,
            printed_on,
            lines,
            tail_lines,
        } = document;
        object!(
            self,
            issuer => self.option(issuer.as_ref(), Self::text),
            doc_number => self.option(doc_number.as_ref(), Self::text),
            title => self.option(title.as_ref(), Self::text),
            addressees => self.list(addressees, Self::text),
            letter => self.option(letter.as_ref(), Self::text),
            year => self.option(year.map(u32::from).as_ref(), Self::number),
            plan_title => self.option(plan_title.as_ref(), Self::text),
            preamble => self.option(preamble.as_ref(), Self::text),
            signed_on => self.option(signed_on.as_ref(), Self::date),
            disclosure => self.option(disclosure.as_ref(), Self::text),
            cc => self.list(cc, Self::text),
            printed_by => self.option(printed_by.as_ref(), Self::text),
            printed_on => self.option(printed_on.as_ref(), Self::date),
            lines => self.option(lines.as_ref(), Self::span),
            tail_lines => self.option(tail_lines.as_ref(), Self::span),
        );
    }

    fn section(&mut self, section: &Section<'_>) {
        let Section {
            number,
            title,
            tasks,
            lines,
            intro,
            intro_lines,
        } = section;
        object!(
            self,
            number => self.number(number),
            title => self.text(title),
            tasks => self.list(tasks, Self::number),
            lines => self.span(lines),
            intro => self.option(intro.as_ref(), Self::text),
            intro_lines => self.option(intro_lines.as_ref(), Self::span),
        );
    }

    fn task(&mut self, task: &Task<'_>) {
        let Task {
            number,
            section,
            title,
            measures,
            leaders,
            departments,
            lines,
        } = task;
        object!(
            self,
            number => self.number(number),
            section => self.number(section),
            title => self.text(title),
            measures => self.list(measures, Self::text),
            leaders => self.list(leaders, Self::text),
            departments => self.option(departments.as_ref(), Self::division),
            lines => self.span(lines),
        );
    }

    fn division(&mut self, division: &Division<'_>) {
        let Division {
            mode,
            lead,
            support,
            text,
        } = division;
        let mode: &[u8] = match mode {
            Mode::LeadSupport => br#""lead_support""#,
            Mode::LeadOnly => br#""lead_only""#,
            Mode::Joint => br#""joint""#,
            Mode::Unparsed => br#""unparsed""#,
        };
        object!(
            self,
            mode => self.raw(mode),
            lead => self.list(lead, Self::department),
            support => self.list(support, Self::department),
            text => self.text(text),
        );
    }

    fn department(&mut self, department: &Department<'_>) {
        let Department { name, written } = department;
        object!(
            self,
            name => self.text(name),
            written => self.text(written),
        );
    }

    fn requirement(&mut self, requirement: &Requirement<'_>) {
        let Requirement {
            number,
            title,
            text,
            lines,
        } = requirement;
        object!(
            self,
            number => self.number(number),
            title => self.text(title),
            text => self.text(text),
            lines => self.span(lines),
        );
    }

    fn annex(&mut self, annex: &Annex<'_>) {
        let Annex { title, lines } = annex;
        object!(
            self,
            title => self.text(title),
            lines => self.span(lines),
        );
    }

    fn project(&mut self, project: &LivelihoodProject<'_>) {
        let LivelihoodProject {
            number,
            category,
            category_title,
            task,
            leaders,
            department,
            principal,
            deputies,
            lines,
        } = project;
        object!(
            self,
            number => self.number(number),
            category => self.number(category),
            category_title => self.text(category_title),
            task => self.text(task),
            leaders => self.list(leaders, Self::text),
            department => self.option(department.as_ref(), Self::text),
            principal => self.option(principal.as_ref(), Self::text),
            deputies => self.list(deputies, Self::text),
            lines => self.span(lines),
        );
    }

    fn diagnostic(&mut self, diagnostic: &Diagnostic) {
        let Diagnostic {
            severity,
            code,
            line,
            task,
            message,
            excerpt,
        } = diagnostic;
        let severity: &[u8] = match severity {
            Severity::Warning => br#""warning""#,
            Severity::Error => br#""error""#,
        };
        self.raw(br#"{"severity":"#);
        self.raw(severity);
        self.raw(br#","code":"#);
        self.string(code.as_str());
        self.raw(br#","line":"#);
        self.number(line);
        // serde skips a missing task, as it does a missing excerpt
        if let Some(task) = task {
            self.raw(br#","task":"#);
            self.number(task);
        }
        self.raw(br#","message":"#);
        self.string(message);
        // serde skips a missing excerpt
        if let Some(excerpt) = excerpt {
            self.raw(br#","excerpt":"#);
            self.string(excerpt);
        }
        self.raw(b"}");
    }

    /// `[first,last]`, as serde writes a [`LineSpan`] (a pair).
    fn span(&mut self, span: &LineSpan) {
        self.raw(b"[");
        self.number(&span.first);
        self.raw(b",");
        self.number(&span.last);
        self.raw(b"]");
    }

    /// `"2023-02-22"`, as serde writes a [`Date`] (its text).
    fn date(&mut self, date: &Date) {
        // writing to a Vec cannot fail
        let _ = write!(self.0, "\"{date}\"");
    }

    fn number(&mut self, number: &u32) {
        self.raw(itoa::Buffer::new().format(*number).as_bytes());
    }

    /// A record's text (a `Cow` lent from the notice, or a `String`).
    fn text(&mut self, text: &impl AsRef<str>) {
        self.string(text.as_ref());
    }

    /// A JSON string: the text between quotes, with '"', '\\' and the
    /// control characters escaped as serde_json escapes them (`\n`, `\t`…,
    /// the others `\u00XX`); everything else as it is, UTF-8.
    fn string(&mut self, text: &str) {
        let bytes = text.as_bytes();
        self.raw(b"\"");
        let mut start = 0;
        while let Some(found) = first_escape(&bytes[start..]) {
            let at = start + found;
            self.raw(&bytes[start..at]);
            self.escape(bytes[at]);
            start = at + 1;
        }
        self.raw(&bytes[start..]);
        self.raw(b"\"");
    }

    fn escape(&mut self, byte: u8) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        match byte {
            b'"' => self.raw(br#"\""#),
            b'\\' => self.raw(br"\\"),
            b'\n' => self.raw(br"\n"),
            b'\r' => self.raw(br"\r"),
            b'\t' => self.raw(br"\t"),
            0x08 => self.raw(br"\b"),
            0x0c => self.raw(br"\f"),
            _ => self.raw(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]),
        }
    }

    fn option<T: ?Sized>(&mut self, value: Option<&T>, write: impl FnOnce(&mut Self, &T)) {
        match value {
            Some(value) => write(self, value),
            None => self.raw(b"null"),
        }
    }

    fn list<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T)) {
        self.raw(b"[");
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.raw(b",");
            }
            write(self, item);
        }
        self.raw(b"]");
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
}

/// Whether JSON escapes `byte` inside a string.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Where the first byte JSON escapes stands in `bytes`, sixteen bytes a
/// step: three vector compares and one `pmovmskb` (through `safe_arch`,
/// which holds the `unsafe` this crate forbids itself).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn first_escape(bytes: &[u8]) -> Option<usize> {
    use safe_arch::{
        bitor_m128i as or, cmp_eq_mask_i8_m128i as eq, load_unaligned_m128i, min_u8_m128i,
        move_mask_i8_m128i, set_splat_i8_m128i,
    };
    let splat = |byte: u8| set_splat_i8_m128i(i8::from_ne_bytes([byte]));
    let mut chunks = bytes.chunks_exact(16);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let mut lanes = [0; 16];
        lanes.copy_from_slice(chunk);
        let v = load_unaligned_m128i(&lanes);
        // a control character is its own minimum with 0x1F
        let control = eq(min_u8_m128i(v, splat(0x1f)), v);
        let found = or(control, or(eq(v, splat(b'"')), eq(v, splat(b'\\'))));
        let mask = move_mask_i8_m128i(found);
        if mask != 0 {
            return Some(16 * k + mask.trailing_zeros() as usize);
        }
    }
    let tail = chunks.remainder();
    let at = bytes.len() - tail.len();
    tail.iter().position(|&b| needs_escape(b)).map(|p| at + p)
}

/// [`first_escape`] elsewhere: a byte at a time.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn first_escape(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| needs_escape(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        let cases = [
            ("", r#""""#),
            ("省教育厅", r#""省教育厅""#),
            ("张\"虎\\", r#""张\"虎\\""#),
            ("a\tb\nc\rd\u{8}e\u{c}f", r#""a\tb\nc\rd\be\ff""#),
            ("\u{1}\u{1f}\u{7f}", "\"\\u0001\\u001f\u{7f}\""),
            ("\u{2028}“引号”", "\"\u{2028}“引号”\""),
        ];
        for (text, expected) in cases {
            let mut out = Vec::new();
            Json(&mut out).string(text);
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{text:?}");
            assert_eq!(serde_json::to_string(text).unwrap(), expected, "{text:?}");
        }
    }

    /// Every notice the project keeps, written as serde_json writes it:
    /// between them every mode of clause, a signed letter, an annex and
    /// none, and warnings with and without an excerpt.
    #[test]
    fn every_fixture_as_serde_json_writes_it() {
        let notices = [
            include_str!("../fixtures/guangdong-2023.txt"),
            include_str!("../fixtures/years/guangdong-2021.txt"),
            include_str!("../fixtures/years/guangdong-2022.txt"),
            include_str!("../fixtures/small/missing-fields.txt"),
            include_str!("../fixtures/small/three-tasks.txt"),
        ];
        let mut all = String::new();
        for text in notices {
            let notice = crate::parse(text).unwrap();
            let mut line = Vec::new();
            notice.write_json(&mut line);
            assert_eq!(line, serde_json::to_vec(&notice).unwrap());
            all.push_str(std::str::from_utf8(&line).unwrap());
        }
        for shape in [
            r#""mode":"lead_support""#,
            r#""mode":"lead_only""#,
            r#""mode":"joint""#,
            r#""mode":"unparsed""#,
            r#""signed_on":"2021-03-21""#,
            r#""annex":{"title":"#,
            r#""annex":null"#,
            r#""severity":"warning","code":"missing_leaders""#,
            r#""excerpt":"#,
        ] {
            assert!(all.contains(shape), "no {shape} in the fixtures' JSON");
        }
    }

    /// Every byte value at every position of texts up to forty bytes long,
    /// in a run of plain bytes: the first escape is found where a byte-by-
    /// byte look finds it (the vector steps, their seams and the tail).
    #[test]
    fn first_escape_finds_every_byte_everywhere() {
        for len in 1..=40 {
            for at in 0..len {
                for byte in 0..=u8::MAX {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    let expected = needs_escape(byte).then_some(at);
                    assert_eq!(first_escape(&bytes), expected, "{len} {at} {byte:#x}");
                }
            }
        }
        assert_eq!(first_escape(b""), None);
    }
}
