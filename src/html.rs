//! The article text of a web page.
//!
//! Provincial portals publish the notice as an HTML article page: navigation,
//! a header, scripts, styles and a footer around an article body made of
//! paragraphs (`<p style="text-indent:2em">…</p>`) and an annex `<table>`.
//! [`article_text`] turns such a page into the same plain-text shape as a
//! notice saved as text: one paragraph per line, a blank line between
//! paragraphs, and each table row as one line of tab-separated cells.
//! [`looks_like_html`] tells, by content alone, whether a text is HTML.
//!
//! Parsing uses `scraper` (html5ever), so malformed markup is repaired the way
//! a browser would repair it. Neither function panics on any input.

use html5ever::{namespace_url, ns};
use scraper::{Html, Node, Selector};

mod budget;
mod tag;
pub use budget::{
    ATTRIBUTES_BASE, ATTRIBUTES_PER_BYTE, CLASS_BYTES_BASE, CLASS_BYTES_PER_BYTE, ELEMENTS_BASE,
    ELEMENTS_PER_BYTE, MAX_FORMATTING_ATTRIBUTES, MAX_MARKER_ELEMENTS, MAX_NAMES_PER_BUCKET,
    MAX_OPEN_ELEMENTS, STACK_VISITS_BASE, STACK_VISITS_PER_BYTE,
};

/// True when `text` looks like an HTML document or fragment (detect by content, never by file name):
/// after leading whitespace/BOM, starts with `<!doctype html`, `<html`, `<head`, `<body`, `<div`, `<p` or `<table` (ASCII case-insensitive), or contains `<html` / `<body` / `<p ` / `<p>` within the first 4 KiB.
pub fn looks_like_html(text: &str) -> bool {
    const STARTS: [&[u8]; 7] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<div",
        b"<p",
        b"<table",
    ];
    const CONTAINS: [&[u8]; 4] = [b"<html", b"<body", b"<p ", b"<p>"];
    const WINDOW: usize = 4 * 1024;

    let head = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .as_bytes();
    if STARTS.iter().any(|p| starts_with_ignore_case(head, p)) {
        return true;
    }
    let window = &text.as_bytes()[..text.len().min(WINDOW)];
    memchr::memchr_iter(b'<', window).any(|i| {
        CONTAINS
            .iter()
            .any(|needle| starts_with_ignore_case(&window[i..], needle))
    })
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// The article's text, one paragraph per line with a blank line between paragraphs; each table row as one line of its cells' texts joined by '\t' (an empty cell stays as an empty string, so a row whose first cell is empty starts with '\t'), with a blank line before and after the table.
///
/// Details:
///
/// - The article root is the first element matching `article`, `.article`,
///   `#zoom`, `.content`, `#content` or `main` (tried in that order, ignoring
///   matches inside `script`/`style`/`nav`/`header`/`footer`/`noscript`/
///   `iframe`/`template`), else `body`.
/// - Those same elements are skipped inside the root.
/// - Block elements (`p`, `h1`–`h6`, `div`, `li`, `section`, …) delimit
///   paragraphs; text directly inside a `div` is a paragraph too. `<br>`
///   starts a new line within the paragraph. Empty lines and empty
///   paragraphs are dropped.
/// - Each line is trimmed of ASCII whitespace and U+00A0 at both ends;
///   interior spaces are kept exactly. A line break in the HTML source (not
///   a `<br>`, outside `<pre>`) is a soft break: it disappears together with
///   the ASCII spaces around it when next to a CJK character, and becomes a
///   single space between other characters.
/// - A table cell's lines (from `<br>` or `<p>`s inside it) are joined by a
///   single space, and a tab inside a cell becomes a space, so each row stays
///   one line. Rows whose cells are all empty are dropped. `rowspan` and
///   `colspan` add no cells. A nested table's text becomes part of the
///   enclosing cell. A `<caption>` becomes a paragraph before the table.
/// - SVG and MathML elements, even those of HTML's names (`<svg><td>`),
///   begin no paragraph, line, cell or table: their text runs on where it
///   stands.
/// - The result ends with a newline, or is empty when there is no text.
/// - A page whose markup would make tree building or the article's search
///   slow is refused with an [`HtmlError`], by counts of html5ever's work
///   while it builds the tree: the elements it holds open, the formatting
///   elements it holds and their attributes, the elements, attributes and
///   classes it makes, the long names it meets, and each tag's attributes
///   before it reads them.
pub fn article_text(html: &str) -> Result<String, HtmlError> {
    let doc = budget::parse(html)?;
    let Some(root) = article_root(&doc) else {
        return Ok(String::new());
    };

    let mut walker = Walker::default();
    // Iterative pre-order walk (html5ever does not bound nesting depth, so
    // recursion could overflow the stack on hostile input).
    let mut node = *root;
    let mut entered = walker.open(node.value());
    loop {
        if entered {
            if let Some(child) = node.first_child() {
                node = child;
                entered = walker.open(node.value());
                continue;
            }
            walker.close(node.value());
        }
        loop {
            if node.id() == root.id() {
                return Ok(walker.finish());
            }
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                entered = walker.open(node.value());
                break;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    walker.close(node.value());
                }
                None => return Ok(walker.finish()),
            }
        }
    }
}

/// Why a page is refused: html5ever's work in building its tree would
/// outgrow the page.
///
/// Each limit is checked while html5ever reads the page, so a refusal
/// costs at most a piece of the page past the limit.
///
/// ```
/// use fengong::html::{article_text, HtmlError, MAX_OPEN_ELEMENTS};
///
/// // each <div> looks for an open <p> through all the elements before it
/// let nested = "<div>".repeat(MAX_OPEN_ELEMENTS);
/// assert!(matches!(
///     article_text(&nested),
///     Err(HtmlError::TooManyStackVisits { .. })
/// ));
/// // nesting with text between the tags costs less, up to a point
/// let nested = "<span>各地区各部门要认真贯彻落实".repeat(2 * MAX_OPEN_ELEMENTS);
/// assert!(matches!(
///     article_text(&nested),
///     Err(HtmlError::TooDeep { limit: MAX_OPEN_ELEMENTS, .. })
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HtmlError {
    /// Elements nested deeper than any article page needs: more than
    /// [`MAX_OPEN_ELEMENTS`] held open by html5ever (its stack of open
    /// elements and its list of active formatting elements).
    #[error("HTML nested deeper than {limit} elements (at byte {offset})")]
    TooDeep {
        /// The nesting limit, [`MAX_OPEN_ELEMENTS`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
    /// Too many formatting elements (`<b>`, `<font>`, …) left open: more
    /// than [`MAX_OPEN_FORMATTING`] held by html5ever.
    #[error("more than {limit} formatting elements left open in the HTML (at byte {offset})")]
    TooManyOpenFormatting {
        /// The limit, [`MAX_OPEN_FORMATTING`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
    /// Formatting elements left open with too many attributes in all: more
    /// than [`MAX_FORMATTING_ATTRIBUTES`].
    #[error(
        "formatting elements left open with more than {limit} attributes in the HTML (at byte {offset})"
    )]
    TooManyFormattingAttributes {
        /// The limit, [`MAX_FORMATTING_ATTRIBUTES`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
    /// A tag with more attributes than [`MAX_ATTRIBUTES`], or more merged
    /// into `<html>` and `<body>` from their later tags.
    #[error("an HTML tag with more than {limit} attributes (at byte {offset})")]
    TooManyAttributes {
        /// The limit.
        limit: usize,
        /// Where the tag starts; for merged attributes, the end of the
        /// piece of the page whose reading passed the limit.
        offset: usize,
    },
    /// More attributes given to the elements built than the page's length
    /// accounts for: formatting elements of many attributes reopened in
    /// paragraph after paragraph.
    #[error("HTML that builds more than {limit} attributes from its first {offset} bytes")]
    TooManyAttributesBuilt {
        /// The limit at that point: [`ATTRIBUTES_PER_BYTE`] per byte read,
        /// plus [`ATTRIBUTES_BASE`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
    /// More bytes of `class` values given to the elements built than the
    /// page's length accounts for: a formatting element of a long `class`
    /// reopened in paragraph after paragraph.
    #[error("HTML that builds more than {limit} bytes of classes from its first {offset} bytes")]
    TooManyClassBytesBuilt {
        /// The limit at that point: [`CLASS_BYTES_PER_BYTE`] per byte
        /// read, plus [`CLASS_BYTES_BASE`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
    /// More distinct names of eight bytes or more given to tags,
    /// attributes and classes in one bucket of the process's table of
    /// names than [`MAX_NAMES_PER_BUCKET`]: names chosen to collide.
    #[error("HTML with more than {limit} distinct long names of tags, attributes and classes sharing a bucket of the names' table in its first {offset} bytes")]
    TooManyNames {
        /// The limit, [`MAX_NAMES_PER_BUCKET`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
    /// More markers possibly left in html5ever's list of active formatting
    /// elements than [`MAX_MARKER_ELEMENTS`], by `object`, `applet`,
    /// `marquee` and `template` elements not closed by their own end tags,
    /// and by table cells popped by `</template>`. (Pages whose markers
    /// cost more than their length allows are refused first, with
    /// [`HtmlError::TooManyStackVisits`].)
    #[error(
        "HTML that may leave more than {limit} markers (of object, applet, marquee and template elements left unclosed, or cells inside templates) in its first {offset} bytes"
    )]
    TooManyMarkerElements {
        /// The limit, [`MAX_MARKER_ELEMENTS`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
    /// Elements held open deeper than the page's length accounts for: more
    /// visits to them (the elements held, and the markers left among them,
    /// times the places where html5ever may walk them) than
    /// [`STACK_VISITS_PER_BYTE`] per byte read, plus [`STACK_VISITS_BASE`].
    /// Each tag of a page that nests deeper and deeper looks through the
    /// stack: `<div><div><div>…`; each misnested `<a>` after `<object>`s
    /// that a `<table>` popped looks through the markers they left.
    #[error("HTML held open too deep for its length: more than {limit} visits to its open elements from its first {offset} bytes")]
    TooManyStackVisits {
        /// The limit at that point: [`STACK_VISITS_PER_BYTE`] per byte
        /// read, plus [`STACK_VISITS_BASE`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
    /// More elements built than the page's length accounts for:
    /// formatting elements reopened in paragraph after paragraph.
    #[error("HTML that builds more than {limit} elements from its first {offset} bytes")]
    TooManyElements {
        /// The limit at that point: [`ELEMENTS_PER_BYTE`] per byte read,
        /// plus [`ELEMENTS_BASE`].
        limit: usize,
        /// The end of the piece of the page whose reading passed it.
        offset: usize,
    },
}

/// The nesting limit of the scan of the tags before parsing, which is gone.
///
/// That scan counted the elements it thought open, and its model of the
/// HTML standard's tree building was rough: 300 table cells that each
/// leave a `<span>` open were refused as nested 300 deep, though `</td>`
/// closes the span. Nesting is now limited by the walks over the elements
/// html5ever holds open, [`STACK_VISITS_PER_BYTE`], and by
/// [`MAX_OPEN_ELEMENTS`], counted in html5ever itself.
#[deprecated(note = "no longer a limit: see `STACK_VISITS_PER_BYTE` and `MAX_OPEN_ELEMENTS`")]
pub const MAX_DEPTH: usize = 256;

/// More formatting elements (`<b>`, `<font>`, …) than this in html5ever's
/// list of active formatting elements are refused (with any on top of the
/// stack of open elements next to it).
///
/// html5ever compares each formatting start tag with every element of its
/// name in that list, and reopens each element of the list that is not open
/// in every later paragraph. An older notice leaves four or five open
/// (`<font>`, `<b>`, `<u>`, `<i>`); the list keeps at most three alike, and
/// html5ever clears what a table cell added at its end.
pub const MAX_OPEN_FORMATTING: usize = 64;

/// Elements whose content is raw text, not tags (outside SVG and MathML;
/// `noscript` as html5ever parses, with scripting on).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// More attributes than this in one tag, or merged into `<html>` and
/// `<body>` from their later tags, are refused: html5ever's tokenizer
/// checks each attribute's name against all the tag's earlier ones, and
/// scraper inserts merged ones in order.
pub const MAX_ATTRIBUTES: usize = 256;

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "noscript", "iframe", "template",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "legend",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
];

/// Table-structure elements: inside a nested table they separate lines.
const TABLE_PARTS: &[&str] = &[
    "caption", "colgroup", "thead", "tbody", "tfoot", "tr", "td", "th",
];

fn is_skipped_element(node: &Node) -> bool {
    node.as_element()
        .is_some_and(|e| SKIPPED.contains(&e.name()))
}

/// The candidates for the article's root, tried in this order.
const ROOTS: [&str; 7] = [
    "article", ".article", "#zoom", ".content", "#content", "main", "body",
];

/// The first element matching the first of [`ROOTS`] that matches outside
/// the skipped elements (in the order scraper made the elements), else the
/// root element.
fn article_root(doc: &Html) -> Option<scraper::ElementRef<'_>> {
    let mut skipped = Skipped::default();
    for css in ROOTS {
        let Ok(selector) = Selector::parse(css) else {
            continue;
        };
        let found = doc
            .select(&selector)
            .find(|el| !skipped.covers(doc, el.id()));
        if found.is_some() {
            return found;
        }
    }
    Some(doc.root_element())
}

/// The skipped elements, and the nodes inside them, among those whose
/// ancestors were looked through. A page may nest thousands of candidates
/// deep inside a `<nav>`; each ancestor is looked at once. (A node found
/// outside ends the search: that answer is not kept.)
#[derive(Default)]
struct Skipped {
    covered: std::collections::HashSet<budget::Handle>,
}

impl Skipped {
    /// Is the node `id` of `doc` a skipped element or inside one?
    fn covers(&mut self, doc: &Html, id: budget::Handle) -> bool {
        let mut path = Vec::new();
        let mut at = doc.tree.get(id);
        while let Some(node) = at {
            if self.covered.contains(&node.id()) {
                break;
            }
            path.push(node.id());
            if is_skipped_element(node.value()) {
                break;
            }
            at = node.parent();
        }
        if at.is_none() {
            return false;
        }
        self.covered.extend(path);
        true
    }
}

/// Text being gathered for one paragraph or one table cell: raw lines, split
/// at `<br>` (and, inside cells, at block boundaries).
#[derive(Default)]
struct Buffer {
    lines: Vec<String>,
}

impl Buffer {
    fn push_text(&mut self, text: &str, pre: bool) {
        if pre {
            let mut parts = text.split('\n');
            if let Some(first) = parts.next() {
                self.current().push_str(first);
            }
            for part in parts {
                self.lines.push(part.to_owned());
            }
        } else {
            self.current().push_str(text);
        }
    }

    fn current(&mut self) -> &mut String {
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        let last = self.lines.len() - 1;
        &mut self.lines[last]
    }

    fn line_break(&mut self) {
        // An empty first line is dropped later anyway; make sure the break
        // separates what came before from what comes after.
        self.current();
        self.lines.push(String::new());
    }

    /// The finished, trimmed, non-empty lines; empties the buffer.
    fn take_lines(&mut self) -> Vec<String> {
        std::mem::take(&mut self.lines)
            .into_iter()
            .map(|raw| trim_line(&soft_breaks(&raw)).to_owned())
            .filter(|line| !line.is_empty())
            .collect()
    }
}

/// Trim ASCII whitespace and U+00A0 from both ends.
fn trim_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\u{A0}')
}

/// Replace each run of ASCII whitespace that contains a source line break
/// (`\n` or `\r`) by nothing when it touches a CJK character (or the start or
/// end of the text), else by one space. Other whitespace is kept as is.
fn soft_breaks(raw: &str) -> String {
    if !raw.contains(['\n', '\r']) {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find(['\n', '\r']) {
        let before = &rest[..pos];
        let kept = before.trim_end_matches(|c: char| c.is_ascii_whitespace());
        out.push_str(kept);
        let after = rest[pos..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let prev = out.chars().next_back();
        let next = after.chars().next();
        if let (Some(p), Some(n)) = (prev, next) {
            if !is_wide(p) && !is_wide(n) {
                out.push(' ');
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// East Asian wide characters (CJK ideographs, kana, full-width forms and
/// CJK punctuation), next to which a source line break is not a space.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{A4CF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

enum Block {
    Paragraph(Vec<String>),
    Table(Vec<String>),
}

/// State of the outermost table being read.
#[derive(Default)]
struct Table {
    rows: Vec<String>,
    row: Option<Vec<String>>,
    cell: Option<Buffer>,
    caption: Option<Buffer>,
    captions: Vec<String>,
}

impl Table {
    fn finish_cell(&mut self) {
        if let Some(mut cell) = self.cell.take() {
            let text = cell.take_lines().join(" ").replace('\t', " ");
            self.row.get_or_insert_with(Vec::new).push(text);
        }
    }

    fn finish_row(&mut self) {
        self.finish_cell();
        if let Some(row) = self.row.take() {
            if row.iter().any(|c| !c.is_empty()) {
                self.rows.push(row.join("\t"));
            }
        }
    }

    fn finish_caption(&mut self) {
        if let Some(mut caption) = self.caption.take() {
            self.captions.extend(caption.take_lines());
        }
    }

    /// Where text inside the table goes right now, if anywhere.
    fn sink(&mut self) -> Option<&mut Buffer> {
        self.cell.as_mut().or(self.caption.as_mut())
    }
}

/// The name by which an element shapes the text: an HTML element's own, and
/// none for an SVG or MathML one, whose text runs on in the line it is in
/// (`<svg><td>` is no cell, `<math><section>` no paragraph). The tags that
/// leave SVG and MathML (`<table>`, `<p>`, `<br>`, `<div>`, …) make HTML
/// elements, which do shape it.
fn shaping_name(element: &scraper::node::Element) -> &str {
    if element.name.ns == ns!(html) {
        element.name()
    } else {
        ""
    }
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    paragraph: Buffer,
    /// Open `<table>` elements (nested ones included).
    table_depth: usize,
    table: Table,
    /// Open `<pre>` elements.
    pre_depth: usize,
}

impl Walker {
    /// Handle an opening node; false means "do not descend into it".
    fn open(&mut self, node: &Node) -> bool {
        match node {
            Node::Text(text) => {
                let pre = self.pre_depth > 0;
                if self.table_depth > 0 {
                    if let Some(sink) = self.table.sink() {
                        sink.push_text(text, pre);
                    }
                } else {
                    self.paragraph.push_text(text, pre);
                }
                true
            }
            Node::Element(element) => {
                if SKIPPED.contains(&element.name()) {
                    return false;
                }
                let name = shaping_name(element);
                if name == "pre" {
                    self.pre_depth += 1;
                }
                if self.table_depth == 0 {
                    match name {
                        "table" => {
                            self.flush_paragraph();
                            self.table = Table::default();
                            self.table_depth = 1;
                        }
                        "br" => self.paragraph.line_break(),
                        _ if BLOCKS.contains(&name) => self.flush_paragraph(),
                        _ => {}
                    }
                } else if self.table_depth == 1 {
                    match name {
                        "table" => {
                            self.table_depth += 1;
                            self.break_in_table();
                        }
                        "tr" => {
                            self.table.finish_row();
                            self.table.row = Some(Vec::new());
                        }
                        "td" | "th" => {
                            self.table.finish_cell();
                            self.table.cell = Some(Buffer::default());
                        }
                        "caption" => {
                            self.table.finish_caption();
                            self.table.caption = Some(Buffer::default());
                        }
                        "br" => self.break_in_table(),
                        _ if BLOCKS.contains(&name) => self.break_in_table(),
                        _ => {}
                    }
                } else {
                    if name == "table" {
                        self.table_depth += 1;
                    }
                    if name == "table"
                        || name == "br"
                        || BLOCKS.contains(&name)
                        || TABLE_PARTS.contains(&name)
                    {
                        self.break_in_table();
                    }
                }
                true
            }
            _ => true,
        }
    }

    /// Handle the end of a node that [`Walker::open`] descended into.
    fn close(&mut self, node: &Node) {
        let Node::Element(element) = node else {
            return;
        };
        let name = shaping_name(element);
        if name == "pre" {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        match self.table_depth {
            0 => {
                if BLOCKS.contains(&name) {
                    self.flush_paragraph();
                }
            }
            1 => match name {
                "table" => self.end_table(),
                "tr" => self.table.finish_row(),
                "td" | "th" => self.table.finish_cell(),
                "caption" => self.table.finish_caption(),
                _ if BLOCKS.contains(&name) => self.break_in_table(),
                _ => {}
            },
            _ => {
                if name == "table" {
                    self.table_depth -= 1;
                }
                if name == "table" || BLOCKS.contains(&name) || TABLE_PARTS.contains(&name) {
                    self.break_in_table();
                }
            }
        }
    }

    /// The outermost table's end: its caption becomes a paragraph, then its
    /// rows a block.
    fn end_table(&mut self) {
        self.table.finish_row();
        self.table.finish_caption();
        self.table_depth = 0;
        let table = std::mem::take(&mut self.table);
        if !table.captions.is_empty() {
            self.blocks.push(Block::Paragraph(table.captions));
        }
        if !table.rows.is_empty() {
            self.blocks.push(Block::Table(table.rows));
        }
    }

    fn break_in_table(&mut self) {
        if let Some(sink) = self.table.sink() {
            sink.line_break();
        }
    }

    fn flush_paragraph(&mut self) {
        let lines = self.paragraph.take_lines();
        if !lines.is_empty() {
            self.blocks.push(Block::Paragraph(lines));
        }
    }

    fn finish(mut self) -> String {
        // The walk closes every element it opens, the root last, so no
        // table is open here; should one be, its rows are kept.
        if self.table_depth > 0 {
            self.end_table();
        }
        self.flush_paragraph();
        let mut out = String::new();
        for block in &self.blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            let lines = match block {
                Block::Paragraph(lines) | Block::Table(lines) => lines,
            };
            for line in lines {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>广东省人民政府门户网站</title>
<style>p { text-indent: 2em; } .content { color: #333; }</style>
<script>var nav = "<p>不是正文</p>";</script>
</head>
<body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></nav>
<header><div class="logo">广东省人民政府</div></header>
<div class="article">
  <h1>广东省人民政府关于印发2023年省《政府工作报告》工作任务分工方案的通知</h1>
  <p style="text-indent:2em">各地级以上市人民政府，<span>省政府各部门、各直属机构</span>：</p>
  <p style="text-indent:2em">&nbsp;实施&ldquo;粤菜师傅&rdquo;&ldquo;广东技工&rdquo;工程，<strong>新增</strong>技能人才 2023 年 <span style="font-family:宋体">30 万人</span>。&nbsp;</p>
  <p style="text-indent:2em">&nbsp;</p>
  <table border="1">
    <tbody>
      <tr><td rowspan="2"><p><span>一</span></p></td><td><p>1</p></td><td><p>实现技工院校招生规模 19 万人以上。</p></td><td>王 曦</td></tr>
      <tr><td></td><td><p>2</p></td><td>开展&ldquo;南粤家政&rdquo;培训 16 万人次以上。</td><td>王 曦</td></tr>
    </tbody>
  </table>
  <script>document.write("<p>广告</p>");</script>
</div>
<footer><p>主办：广东省人民政府办公厅</p></footer>
</body>
</html>
"#;

    #[test]
    fn article_page() {
        let expected = "广东省人民政府关于印发2023年省《政府工作报告》工作任务分工方案的通知\n\
\n\
各地级以上市人民政府，省政府各部门、各直属机构：\n\
\n\
实施“粤菜师傅”“广东技工”工程，新增技能人才 2023 年 30 万人。\n\
\n\
一\t1\t实现技工院校招生规模 19 万人以上。\t王 曦\n\
\t2\t开展“南粤家政”培训 16 万人次以上。\t王 曦\n";
        assert_eq!(article_text(PAGE).unwrap(), expected);
    }

    #[test]
    fn table_between_paragraphs() {
        let html = "<body><p>前</p><table><tr><td>a</td><td>b</td></tr>\
                    <tr><td></td><td>c</td></tr></table><p>后</p></body>";
        assert_eq!(article_text(html).unwrap(), "前\n\na\tb\n\tc\n\n后\n");
    }

    #[test]
    fn br_splits_lines_and_interior_spaces_are_kept() {
        let html =
            "<div id=\"zoom\"><p>第一行&nbsp;<br/>&nbsp;&nbsp;第二行  有  空格<br><br>三</p>\
                    <p>a\u{a0}b</p></div>";
        assert_eq!(
            article_text(html).unwrap(),
            "第一行\n第二行  有  空格\n三\n\na\u{a0}b\n"
        );
    }

    #[test]
    fn source_line_breaks_are_soft() {
        let html = "<article><p>\n    工作措施：编制河套\n    深港科技创新合作区\n  </p>\
                    <p>Hello\n   world</p><pre>x  y\nz</pre></article>";
        assert_eq!(
            article_text(html).unwrap(),
            "工作措施：编制河套深港科技创新合作区\n\nHello world\n\nx  y\nz\n"
        );
        // a CJK character on either side is enough to drop the break
        let html = "<p>中文\n  abc</p><p>abc  \r\n中文</p>";
        assert_eq!(article_text(html).unwrap(), "中文abc\n\nabc中文\n");
        // inside <pre> to its end, past the elements closed within it
        let html = "<pre>a<b>x</b>\n  y</pre><p>p\nq</p>";
        assert_eq!(article_text(html).unwrap(), "ax\ny\n\np q\n");
    }

    #[test]
    fn div_text_and_nested_blocks() {
        let html = "<main><div>直接文字<p>段落</p>尾巴</div><div><div>  </div></div>\
                    <ul><li>甲</li><li>乙</li></ul></main>";
        assert_eq!(
            article_text(html).unwrap(),
            "直接文字\n\n段落\n\n尾巴\n\n甲\n\n乙\n"
        );
    }

    #[test]
    fn root_selection_order() {
        // `#zoom` wins over `.content` and `#content`, whatever the order in
        // the document.
        let html = "<body><div class=\"content\">甲</div><div id=\"zoom\">乙</div>\
                    <div id=\"content\">丙</div></body>";
        assert_eq!(article_text(html).unwrap(), "乙\n");
        // No candidate: the whole body, minus skipped elements.
        let html = "<body><nav>导航</nav><p>正文</p><noscript>请启用</noscript>\
                    <iframe src=\"x\"></iframe><footer>页脚</footer></body>";
        assert_eq!(article_text(html).unwrap(), "正文\n");
        // A candidate inside a skipped element does not count.
        let html = "<body><header><div class=\"content\">页眉</div></header>\
                    <div class=\"content\">正文</div></body>";
        assert_eq!(article_text(html).unwrap(), "正文\n");
        // thousands of candidates nested inside one, and the one outside
        let nested = "<div class=\"content\">".repeat(2_000);
        let html = format!("<body><nav>{nested}导航</nav><div class=\"content\">正文</div>");
        assert_eq!(article_text(&html).unwrap(), "正文\n");
        let html = format!("<body><div class=\"content\"><p>正文</p><nav>{nested}导航</nav>");
        assert_eq!(article_text(&html).unwrap(), "正文\n");
    }

    #[test]
    fn cells_with_several_lines_and_nested_tables() {
        let html = "<table><caption>附件</caption>\
                    <tr><th>序号</th><th>责任单位</th></tr>\
                    <tr><td>1</td><td><p>省教育厅</p><p>朱孔军</p>李壁亮<br>x\ty</td></tr>\
                    <tr><td></td><td></td></tr>\
                    <tr><td>2</td><td><table><tr><td>内</td><td>表</td></tr></table></td></tr>\
                    </table>";
        assert_eq!(
            article_text(html).unwrap(),
            "附件\n\n序号\t责任单位\n1\t省教育厅 朱孔军 李壁亮 x y\n2\t内 表\n"
        );
    }

    #[test]
    fn trailing_empty_cells_are_kept() {
        let html = "<table><tr><td>a</td><td></td><td> </td></tr></table>";
        assert_eq!(article_text(html).unwrap(), "a\t\t\n");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        assert_eq!(article_text("").unwrap(), "");
        assert_eq!(article_text("   ").unwrap(), "");
        assert_eq!(article_text("纯文本").unwrap(), "纯文本\n");
        assert_eq!(
            article_text("<p>未闭合<p>第二段<td>孤立单元格").unwrap(),
            "未闭合\n\n第二段孤立单元格\n"
        );
        let _ = article_text("<table><tr><td><table><td></tr></table></table></td>");
        let _ = article_text("<<<>>></p></div></table></tr><br></br>&amp&#0;&#xD800;");
        let _ = article_text("<script>never closed <p>");
        // end tags of templates never opened, before and after one
        assert_eq!(
            article_text("</template><p>段</p></template><template></template></template>")
                .unwrap(),
            "段\n"
        );
        let _ = article_text("<pre>\n\n\n</pre><pre></pre>");
        let deep = "<div>".repeat(10_000) + "深" + &"</div>".repeat(10_000);
        // refused at the end of the ninth 1 KB piece: each <div> looks
        // through those before it, 1,847 elements held and 1.9 million
        // visits charged
        assert_eq!(
            article_text(&deep),
            Err(HtmlError::TooManyStackVisits {
                limit: STACK_VISITS_PER_BYTE * 9 * 1024 + STACK_VISITS_BASE,
                offset: 9 * 1024
            })
        );
        let nested = "<div>".repeat(500) + "深" + &"</div>".repeat(500);
        assert_eq!(article_text(&nested).unwrap(), "深\n");
        // closed formatting and unclosed paragraphs do not count
        let fine = "<p><b>粗</b><i>斜</i>".repeat(1_000);
        assert_eq!(
            article_text(&fine).unwrap(),
            vec!["粗斜"; 1_000].join("\n\n") + "\n"
        );
        // what a plain counter of tags would miss: self-closed divs, stray
        // end tags, raw text
        let refused = |html: String| {
            matches!(
                article_text(&html),
                Err(HtmlError::TooManyStackVisits { .. })
            )
        };
        assert!(refused("<div/>".repeat(3_000)));
        assert!(refused("<div></span>".repeat(3_000)));
        assert!(refused("<div><script></script>".repeat(3_000)));
        // formatting elements left open are read as html5ever reads them:
        // reopened in the next paragraph, kept when a div's end passes them;
        // more than MAX_OPEN_FORMATTING held are refused
        let open_bold = |n: usize| {
            (0..n)
                .map(|i| format!("<b id=\"b{i}\">"))
                .collect::<String>()
        };
        let page = |n: usize| format!("<p>{}</p><p>x</p>", open_bold(n));
        assert_eq!(article_text(&page(16)).unwrap(), "x\n");
        assert!(matches!(
            article_text(&page(100)),
            Err(HtmlError::TooManyOpenFormatting {
                limit: MAX_OPEN_FORMATTING,
                offset: 1024
            })
        ));
        let bold_in_divs: String = (0..3)
            .map(|i| format!("<div><b id=\"{i}\">{i}</div>"))
            .collect();
        assert_eq!(article_text(&bold_in_divs).unwrap(), "0\n\n1\n\n2\n");
        // a tag of more attributes than the tokenizer reads in linear time,
        // also where a quoted '>' or a '--!>' comment would hide it
        let attributes: String = (0..=MAX_ATTRIBUTES).map(|i| format!(" a{i}=1")).collect();
        for opening in ["", "<p title=\">\">", "<!----!>"] {
            let page = format!("{opening}<div{attributes}>");
            assert_eq!(
                article_text(&page),
                Err(HtmlError::TooManyAttributes {
                    limit: MAX_ATTRIBUTES,
                    offset: opening.len()
                }),
                "{opening}"
            );
        }
        let within: String = (0..MAX_ATTRIBUTES).map(|i| format!(" a{i}=1")).collect();
        assert_eq!(
            article_text(&format!("<div{within}>x")),
            Ok("x\n".to_string())
        );
        // a well-formed page of many siblings is fine
        assert!(article_text(&"<div><p>段</p><svg><path/></svg></div>".repeat(2_000)).is_ok());
        let deep_tables = "<table><tr><td>".repeat(2_000) + "表";
        let _ = article_text(&deep_tables);
    }

    #[test]
    fn cells_that_leave_elements_open_are_read() {
        // an annex table typed carelessly: each cell leaves a <b> or a
        // <span> open, and html5ever closes it at the cell's end (a scan
        // before parsing refused these as 70 formatting elements left open
        // and as nesting 300 deep)
        for (open, count) in [("<b>", 70), ("<span>", 300)] {
            let cells: String = (1..=count)
                .map(|i| format!("<tr><td>{open}{i}</td><td>{open}省教育厅</td></tr>"))
                .collect();
            let rows: String = (1..=count).map(|i| format!("{i}\t省教育厅\n")).collect();
            let page = format!("<p>附件</p><table>{cells}</table>");
            assert_eq!(
                article_text(&page).unwrap(),
                format!("附件\n\n{rows}"),
                "{open}"
            );
        }
        // and paragraphs that leave a <span> open, closed by each <p>'s end
        let paragraphs: String = (1..=300).map(|i| format!("<p><span>第{i}段</p>")).collect();
        let text = article_text(&paragraphs).unwrap();
        assert_eq!(text.lines().filter(|l| !l.is_empty()).count(), 300);
        assert!(text.starts_with("第1段\n\n第2段\n") && text.ends_with("第300段\n"));
    }

    #[test]
    fn older_notices_that_leave_formatting_open_are_read() {
        // each paragraph's <font> left open: the line break after `</p>`
        // reopens it outside the paragraph, where it stays, one more each
        // time (2,000 nested fonts; 512 open elements were refused before)
        let paragraphs: String = (1..=2_000)
            .map(|i| format!("<p><font face=仿宋_GB2312 size=4 color=#000000>{i}．各地区各部门要认真贯彻落实</p>\n"))
            .collect();
        let page = format!("<html><body>\n{paragraphs}</body></html>");
        let text = article_text(&page).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2_000);
        assert_eq!(lines[1_999], "2000．各地区各部门要认真贯彻落实");
        // the same, indented with &nbsp; and with CRLF line ends: each run
        // of text looks for the newest fonts only, a few deep
        let paragraphs: String = (1..=2_500)
            .map(|i| format!("<font face=\"仿宋_GB2312\" size=\"4\">\r\n<p style=\"line-height:150%\">&nbsp;&nbsp;&nbsp;&nbsp;{i}．各地区各部门要认真贯彻落实</p>\r\n"))
            .collect();
        let text = article_text(&format!("<html><body>\r\n{paragraphs}")).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2_500);
        assert_eq!(lines[2_499], "2500．各地区各部门要认真贯彻落实");
        // a minified annex under a <b> and a <font> of long styles, left open
        let head = "<div class=\"TRS_Editor\"><p class=MsoNormal>\
            <b style='mso-bidi-font-weight:normal'><font style='font-size:16.0pt;\
            font-family:仿宋_GB2312;mso-hansi-font-family:宋体;color:black'>附件：责任单位名单</p>";
        let page = format!("{head}{}</div>", "<p>省教育厅</p>".repeat(3_000));
        let text = article_text(&page).unwrap();
        assert_eq!(text.lines().filter(|l| *l == "省教育厅").count(), 3_000);
        assert!(text.starts_with("附件：责任单位名单\n"));
    }

    #[test]
    fn pages_of_many_objects_and_templates_are_read() {
        // an older video page: a Flash <object> per clip (more than 64
        // such elements were refused before their markers were charged)
        let clips: String = (0..200)
            .map(|i| {
                format!(
                    "<p><object classid=\"clsid:D27CDB6E-AE6D-11cf-96B8-444553540000\">\
                     <param name=\"movie\" value=\"/video/{i}.swf\"><embed src=\"/video/{i}.swf\">\
                     </object></p><p>第{i}段视频：会议现场</p>\n"
                )
            })
            .collect();
        let page = format!("<html><body><div id=\"zoom\"><p>全省工作会议召开。</p>\n{clips}</div>");
        let text = article_text(&page).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 201);
        assert_eq!(
            (lines[0], lines[200]),
            ("全省工作会议召开。", "第199段视频：会议现场")
        );
        // a portal's list, a badge in a <template x-if> per item, beside
        // the notice (each template closes, and leaves no marker)
        let items: String = (0..2_000)
            .map(|i| format!("<li><template x-if=\"item{i}.new\"><span>新</span></template><a href=\"/art/{i}.html\">关于做好第{i}项工作的通知</a></li>"))
            .collect();
        let page = format!("<div class=\"content\"><p>各市、县人民政府，省政府各部门：</p><p>现将方案印发给你们，请认真贯彻落实。</p></div><aside><ul>{items}</ul></aside>");
        let text = article_text(&page).unwrap();
        assert_eq!(
            text,
            "各市、县人民政府，省政府各部门：\n\n现将方案印发给你们，请认真贯彻落实。\n"
        );
        // a table of 500 rows, each with a badge in a <template x-if>, and
        // rows made by <template x-for>: their cells close before the
        // template does, and leave no marker
        let rows: String = (1..=500)
            .map(|i| format!("<tr><td>{i}</td><td>省教育厅<template x-if=\"open\"><span>详情</span></template></td></tr>\n"))
            .collect();
        let loops =
            "<template x-for=\"item in list\"><tr><td x-text=\"item.a\"></td></tr></template>\n";
        let page = format!("<p>附件</p><table>{rows}{}</table>", loops.repeat(500));
        let text = article_text(&page).unwrap();
        let expected: String = (1..=500).map(|i| format!("{i}\t省教育厅\n")).collect();
        assert_eq!(text, format!("附件\n\n{expected}"));
    }

    #[test]
    fn html_detection() {
        assert!(looks_like_html("<!DOCTYPE html><html><body></body></html>"));
        assert!(looks_like_html("<!doctype HTML>"));
        assert!(looks_like_html("  <html>"));
        assert!(looks_like_html("\u{FEFF}\n<HTML lang=\"zh\">"));
        assert!(looks_like_html("<p>x</p>"));
        assert!(looks_like_html("<table><tr><td>1</td></tr></table>"));
        assert!(looks_like_html("<div class=\"content\">"));
        assert!(looks_like_html(
            "标题\n<P style=\"text-indent:2em\">正文</P>"
        ));
        assert!(looks_like_html("前言 <body>"));
        assert!(!looks_like_html(include_str!(
            "../fixtures/guangdong-2023.txt"
        )));
        assert!(!looks_like_html("a < b > c"));
        assert!(!looks_like_html(""));
        assert!(!looks_like_html("   \n"));
        assert!(!looks_like_html("<"));
        assert!(!looks_like_html("x <pre>"));
        // Only the first 4 KiB are searched: a '<p>' after 2,000 bytes is
        // found, one after 6,000 is not.
        assert!(looks_like_html(&("a".repeat(2_000) + "<p>x</p>")));
        let late = "文".repeat(2_000) + "<p>x</p>";
        assert!(!looks_like_html(&late));
        // The tags only looked for at the start, after whitespace and a BOM.
        assert!(looks_like_html("  \n<div>正文</div>"));
        assert!(looks_like_html(
            "\u{FEFF}<table><tr><td>1</td></tr></table>"
        ));
        assert!(looks_like_html("\r\n\t<head>"));
    }

    #[test]
    fn blocks_break_lines_in_cells_and_inline_elements_do_not() {
        // In a cell a block's start and end each begin a line, an inline
        // element neither; the cell's lines are then joined by a space.
        let html = "<table><tr><td>a<p>b</p>c</td><td>x<span>y</span>z</td></tr></table>";
        assert_eq!(article_text(html).unwrap(), "a b c\txyz\n");
        // The same in a table inside a cell, and in one inside that: each
        // <br>, block and table (its start and end) begins a line, and what
        // follows the outer table is a paragraph of its own again.
        let html = "<table><tr><td>a<table><tr><td>\
                    b<br>c<p>d</p>e<span>f</span>g\
                    <table><tr><td>h</td></tr></table>i\
                    </td></tr></table>j</td><td>k</td></tr></table><p>后</p>";
        assert_eq!(article_text(html).unwrap(), "a b c d efg h i j\tk\n\n后\n");
        // a row or a cell whose end tag is left out ends at the next one
        let html = "<table><tr><td>a<td>b<tr><td>c</table><p>后</p>";
        assert_eq!(article_text(html).unwrap(), "a\tb\nc\n\n后\n");
    }

    #[test]
    fn text_html5ever_moves_is_read_where_it_lands() {
        // (page, its text)
        let cases: &[(&str, &str)] = &[
            // text inside a table but outside its cells goes before it
            (
                "<div><table>前<tr><td>a</td></tr></table>后</div>",
                "前\n\na\n\n后\n",
            ),
            // a <b> ended inside the block it encloses is split around it
            ("<p>甲<b>乙<div>丙</b>丁</div></p>", "甲乙\n\n丙丁\n"),
            (
                "<p>1<a href=x>2<table><tr><td>3</a>4</td></tr></table>5</a>6</p>",
                "12\n\n34\n\n56\n",
            ),
            // SVG and MathML elements of HTML's names shape nothing: an SVG
            // <td> is no cell (the <br> leaves the SVG and is HTML's)
            (
                "<table><tr><td>前<svg><td>中</td><br/></svg>后</td><td>x</td></tr></table>",
                "前中 后\tx\n",
            ),
            // a MathML <tr> and <td> are no row or cell; the <table> and <p>
            // leave the MathML, and are HTML's ('表' goes before its table)
            (
                "<table><tr><td>前<math><tr><td>中</td></tr><table>表</table>\
                 <p>段</p></math>后</td></tr></table><p>尾</p>",
                "前中表 段 后\n\n尾\n",
            ),
            (
                "<p>前<math><section>甲</section><section>乙</section></math>后</p>",
                "前甲乙后\n",
            ),
            // what is skipped is skipped in SVG too
            (
                "<p>前<svg><style>.a{fill:red}</style><script>x()</script></svg>后</p>",
                "前后\n",
            ),
            // a <frameset> the page may still have takes the place of <body>
            ("<div><title>正文</title></div><frameset>", ""),
            // CDATA in SVG is text
            ("<p><svg><![CDATA[文字]]></svg></p>", "文字\n"),
            // scraper marks no <annotation-xml> as an HTML integration
            // point, so a <textarea> in one is MathML and its markup is
            // read as markup
            (
                "<p><math><annotation-xml encoding=\"text/html\">\
                 <textarea><b>粗</b></textarea></annotation-xml></math></p>",
                "粗\n",
            ),
        ];
        for &(html, text) in cases {
            assert_eq!(article_text(html).as_deref(), Ok(text), "{html}");
        }
    }
}
