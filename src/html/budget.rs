//! Parsing on a budget: html5ever given the page a piece at a time, in
//! step with a scan of its tags, and refused once its work outgrows the
//! page.
//!
//! html5ever repairs any markup, and some repairs cost more than the page
//! is long:
//!
//! ```text
//! <div a0 a1 a2 … a99999>            each name checked against all before it
//! <html a…><html a…><html a…>…      merged into the first <html>, in order
//! <p><rb><rb><rb>…                  a stack of open elements every tag walks
//! <svg><g><g>…</x></x></x>…         each </x> walks all the <g> for an <x>
//! <p><b id=0></p><p>x<p>x<p>x…      formatting elements reopened in each <p>
//! <b a0 … a255><b></b><b></b>…      each <b> compared with every <b> held
//! ```
//!
//! Which tags do that is the tree builder's business: whether `</td>`
//! closes a `<span>`, whether a `<b>` is reopened, whether `<title>` is
//! raw text. A scan that models it beforehand errs both ways (an earlier
//! one refused 300 cells that each leave a `<span>` open, and let the
//! `<rb>` stack pass). So [`parse`] watches html5ever itself:
//!
//! - **Attributes**, before html5ever reads them. The tags are read
//!   ([`next_stop`], with `tag`) where the tokenizer reads markup, and a
//!   tag of more than [`MAX_ATTRIBUTES`] is refused before html5ever is
//!   given it. Where the tokenizer reads text instead is the tree
//!   builder's choice (a `<title>` is raw text in `<head>`, ignored in
//!   `<select>`; `<![CDATA[` is a section only in SVG or MathML), so
//!   after each tag that may switch it the scan waits for html5ever to
//!   reach the tag's end and takes the tree builder's answer ([`Switches`]).
//!   Attributes merged into `<html>` and `<body>` are counted by the
//!   tree sink ([`Budgeted`]).
//! - **Open elements**, after each piece of [`PIECE`] bytes: the visits to
//!   the elements html5ever holds (its stack of open elements and its
//!   active formatting elements, through the tree builder's public
//!   `trace_handles`) at the places where it may walk them, and for the
//!   walks the page does not show ([`Visits`]), past
//!   [`STACK_VISITS_PER_BYTE`] per byte read, plus [`STACK_VISITS_BASE`],
//!   are refused, and so are more than [`MAX_OPEN_ELEMENTS`] held. The
//!   stack is counted itself, not the tree's depth: a `<template>`'s
//!   contents start a tree of their own and the adoption agency moves
//!   nodes under fresh ones.
//! - **Formatting elements held**, after each piece: more than
//!   [`MAX_OPEN_FORMATTING`] among the handles traced, or more than
//!   [`MAX_FORMATTING_ATTRIBUTES`] attributes on their tags, are refused.
//!   The tree sink notes each formatting element it makes ([`Held`]).
//! - **Elements and attributes made**, after each piece: more than
//!   [`ELEMENTS_PER_BYTE`] per byte read so far, plus [`ELEMENTS_BASE`],
//!   or more attributes than [`ATTRIBUTES_PER_BYTE`] per byte, plus
//!   [`ATTRIBUTES_BASE`], or more bytes of `class` values than
//!   [`CLASS_BYTES_PER_BYTE`] per byte, plus [`CLASS_BYTES_BASE`], are
//!   refused.
//! - **Long names**, after each piece: more than [`MAX_NAMES_PER_BUCKET`]
//!   distinct names of eight bytes or more for tags, attributes (noted
//!   from the tokens, in [`Switches`]) and classes in one bucket of the
//!   process's table of names are refused.
//! - **Markers**, which `trace_handles` does not show: each `<` is also
//!   charged the markers that the page's elements may have left in the
//!   list of active formatting elements ([`Budgeted::markers_possible`]),
//!   and more than [`MAX_MARKER_ELEMENTS`] of them are refused.
//!
//! The work before a refusal is bounded by one piece past the limit. A
//! fuzzer and seven attacks found the pages behind each rule: 134 KB pages
//! of 0.4–2.6 s, a 56 KB page of 7.4 s and 3 GB, 1–2 MB pages of 3–60 s,
//! a 1 MB page of 630 s, 1 MB pages of 1.2–2.5 GB, a 512 KB page of
//! 104 s (in scraper's selectors, after parsing), 1 MB pages of 6–41 s
//! (names sharing a bucket of the process's table of names), a 2 MB page
//! of 50 s (markers), a 1 MB page of 1.4 s (markers that cells inside
//! templates leave).

use std::cell::{Cell, Ref, RefCell};
use std::collections::hash_map::RandomState;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    TokenizerResult,
};
use html5ever::tree_builder::{
    ElementFlags, NextParserState, NodeOrText, QuirksMode, Tracer, TreeBuilder, TreeBuilderOpts,
    TreeSink,
};
use html5ever::{local_name, namespace_url, ns, Attribute, LocalName, QualName};
use scraper::{Html, HtmlTreeSink};

use super::{tag, HtmlError, MAX_ATTRIBUTES, MAX_OPEN_FORMATTING, RAW_TEXT};

/// How many elements html5ever may hold open: its stack of open elements
/// (`html` and `body` among them) and its list of active formatting
/// elements, counted together. A portal's article page holds a few dozen;
/// an older notice whose paragraphs each leave a `<font>` open holds one
/// more per paragraph. The work of walking them is bounded by
/// [`STACK_VISITS_PER_BYTE`]; this is a backstop on the cost of one walk
/// and of each check, which looks at all of them.
pub const MAX_OPEN_ELEMENTS: usize = 4096;

/// Visits to the elements html5ever holds open allowed per byte of the
/// page read, counted as the elements held times the places where the
/// tree builder may walk them: each `<` (a tag looks for an element in
/// scope, or for the element it ends; charged also for the markers the
/// list of active formatting elements may hold, which a misnested `<a>`
/// and the adoption agency walk, see [`MAX_MARKER_ELEMENTS`]), each `&`,
/// line break and NUL (each
/// starts a run of text, and a run of text looks for its formatting
/// elements among those open), each piece's start, and each formatting
/// element made again (reopened after a look through the whole stack, or
/// cloned by the adoption agency). Each tag of `</x>` against 500 open SVG
/// elements walks them all (1.0 s for html5ever alone on a 1 MB page, 1.6 s
/// with the checks; 2.1 s against a thousand). An older notice's
/// paragraph, some 100 bytes, four such places and a font reopened, nests
/// one `<font>` deeper, so it may hold some 2,600 of them.
pub const STACK_VISITS_PER_BYTE: usize = 64;

/// Visits allowed beyond [`STACK_VISITS_PER_BYTE`]: a short page may nest
/// deeper than its length allows (a page of bare `<div>`s is refused some
/// 1,850 deep).
pub const STACK_VISITS_BASE: usize = 1 << 20;

/// A node of the tree being built (scraper's handle).
pub(super) type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// How many bytes of the page html5ever is given at a time.
const PIECE: usize = 1024;

/// Elements allowed per byte of the page read: each start tag (three
/// bytes at least) makes one, html5ever adds a few of its own (`html`,
/// `head`, `body`, `tbody`, a `p` for a stray `</p>`), and each paragraph
/// of an older notice that leaves its `<font>`, `<b>`, `<u>` and `<i>` open
/// reopens them all, even a paragraph of one space (`<p> </p>`: five
/// elements in eight bytes). Formatting elements left open could make many
/// per byte: fifteen of them, reopened by each `<p>x`, made four per byte
/// (a 1 MB page of 31 took 3 s and 1.2 GB). At one per byte, a page can
/// still make scraper's tree 300 MB per MB.
pub const ELEMENTS_PER_BYTE: usize = 1;

/// Elements allowed beyond [`ELEMENTS_PER_BYTE`]: a short page's reopened
/// formatting elements.
pub const ELEMENTS_BASE: usize = 1024;

/// Attributes allowed on the elements made, per byte of the page read: a
/// tag's own take two bytes each (' a'), but a reopened formatting element
/// copies its tag's, so fifteen `<b>` of 256 attributes each, left open,
/// copied 3,840 in each later paragraph (a 345 KB page of them took 57 s
/// and 12 GB). An older notice's paragraphs reopen a `<font size=4 face=…>`.
pub const ATTRIBUTES_PER_BYTE: usize = 2;

/// Attributes allowed beyond [`ATTRIBUTES_PER_BYTE`]: a few tags of many
/// attributes at the start of a page.
pub const ATTRIBUTES_BASE: usize = 4 * MAX_ATTRIBUTES;

/// Bytes of `class` values given to the elements made, per byte of the
/// page read. A reopened formatting element shares its tag's values, but
/// the selectors that find the article split each copy's classes: a `<b>`
/// of one `class` of 250 KB, left open, then `<p>x` again and again, made
/// scraper split it in every copy (104 s for a 512 KB page). Other values
/// (a Word page's long `style`s) are shared and never read again.
pub const CLASS_BYTES_PER_BYTE: usize = 4;

/// Bytes of `class` values allowed beyond [`CLASS_BYTES_PER_BYTE`].
pub const CLASS_BYTES_BASE: usize = 16 * 1024;

/// How many distinct names of eight bytes or more for its tags, attributes
/// and classes a page may put in one bucket of the names' table.
///
/// html5ever and scraper keep such names in one table for the whole
/// process, of 4,096 buckets chosen by a hash with a fixed key, so names
/// can be made to share a bucket (one 8-byte name in 4,096 lands in bucket
/// 0): then each new name walks all the others (a `class` of 110,000 such
/// names took 21 s for a 1 MB page), and so does each look-up of the first
/// (4,096 of them, then a `<b class>` of the first reopened in every
/// paragraph, 6 s per MB). Names that do not collide on purpose spread
/// over the buckets: 10,000 of them put at most eight or so in one.
pub const MAX_NAMES_PER_BUCKET: usize = 64;

/// The buckets of the names' table (string_cache 0.8's dynamic set). Were
/// the table to have more, each bucket counted here would stand for
/// several, and the count would err on the safe side.
const NAME_BUCKETS: usize = 4096;

/// The bucket of the names' table a name of this hash there
/// (`Atom::get_hash`) falls in.
fn bucket_of(table_hash: u32) -> usize {
    table_hash as usize % NAME_BUCKETS
}

/// How many markers a page's elements may leave in html5ever's list of
/// active formatting elements, which `trace_handles` does not show. Each
/// `object`, `applet`, `marquee` and `template` puts one there, and so
/// does each table cell and caption; some sequences leave them when the
/// element closes (`<table><object><object>…<table>`, or cells popped by
/// `</template>`): a list of markers that each misnested `<a>`, and each
/// run of the adoption agency, walks twice (a 2 MB page of them took
/// 50 s). Each tag is charged the markers that may be left, with the
/// elements held ([`STACK_VISITS_PER_BYTE`]); this is a backstop on the
/// cost of one walk, as [`MAX_OPEN_ELEMENTS`] is. An article page leaves
/// none: its marquees, Flash `<object>`s and templates close.
pub const MAX_MARKER_ELEMENTS: usize = 4096;

/// How many attributes the formatting elements html5ever holds may have in
/// all (counted as [`MAX_OPEN_FORMATTING`] counts them). Each formatting
/// start tag is compared with every element of its name in the list of
/// active formatting elements, both attribute lists copied and sorted:
/// 250 `<b>` of 256 attributes each, left open, made each later `<b></b>`
/// cost milliseconds (630 s for a 1 MB page).
pub const MAX_FORMATTING_ATTRIBUTES: usize = 128;

/// Parses `html` as a document, refusing it once html5ever's work passes
/// a budget.
pub(super) fn parse(html: &str) -> Result<Html, HtmlError> {
    let sink = Budgeted {
        inner: HtmlTreeSink::new(Html::new_document()),
        elements: Cell::new(0),
        merged: Cell::new(0),
        attributes: Cell::new(0),
        attributes_allowed: Cell::new(ATTRIBUTES_BASE),
        class_bytes: Cell::new(0),
        marker_elements: Cell::new(0),
        cells_popped: Cell::new(0),
        markers_cleared: Cell::new(0),
        formatting: RefCell::new(HashMap::new()),
        names: RefCell::new(HashSet::new()),
        hasher: RandomState::new(),
        buckets: RefCell::new(Vec::new()),
        fullest: Cell::new(0),
        classes: RefCell::new(Vec::new()),
    };
    let switches = Switches {
        builder: TreeBuilder::new(sink, TreeBuilderOpts::default()),
        switched: Cell::new(None),
        unseen: Cell::new(0),
    };
    // the U+FEFF html5ever drops are dropped by the feeder (`Feeder::run`)
    let tokenizer_opts = TokenizerOpts {
        discard_bom: false,
        ..TokenizerOpts::default()
    };
    let mut feeder = Feeder {
        tokenizer: Tokenizer::new(switches, tokenizer_opts),
        input: BufferQueue::default(),
        fed: 0,
        next_check: PIECE,
        restarting: true,
        visits: Visits::default(),
    };
    let bytes = html.as_bytes();
    let mut scanned = 0;
    loop {
        match next_stop(html, scanned)? {
            Stop::End => break,
            Stop::Switch { end, name } => {
                feeder.feed_to(html, end)?;
                scanned = match feeder.tokenizer.sink.switched.take() {
                    Some(Switch::Raw) => tag::raw_text_end(bytes, end, name),
                    Some(Switch::Plaintext) => break,
                    None => end,
                };
            }
            Stop::Cdata { start } => {
                feeder.feed_to(html, start)?;
                let cdata = feeder
                    .tokenizer
                    .sink
                    .adjusted_current_node_present_but_not_in_html_namespace();
                scanned = tag::read(bytes, start, cdata).1;
            }
        }
    }
    feeder.feed_to(html, html.len())?;
    Ok(feeder.finish())
}

/// Where the scan of the tags must let html5ever catch up.
enum Stop<'a> {
    /// The end of the page.
    End,
    /// After a start tag that may switch the tokenizer to raw text.
    Switch { end: usize, name: &'a str },
    /// At a `<![CDATA[`, which is a section or a bogus comment as html5ever
    /// stands there.
    Cdata { start: usize },
}

/// Does a start tag of this name let the tree builder have the tokenizer
/// read raw text ([`RAW_TEXT`]) or, `plaintext`, nothing but text?
fn may_switch(name: &str) -> bool {
    name.eq_ignore_ascii_case("plaintext") || RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// Reads the tags from `from`, where the tokenizer reads markup, to the
/// next place html5ever must reach before reading on, refusing a tag of
/// more than [`MAX_ATTRIBUTES`] attributes before html5ever is given it.
fn next_stop(html: &str, from: usize) -> Result<Stop<'_>, HtmlError> {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        if bytes[start..].starts_with(b"<![CDATA[") {
            return Ok(Stop::Cdata { start });
        }
        let (markup, end) = tag::read(bytes, start, false);
        at = end;
        let tag::Markup::Tag(tag) = markup else {
            continue;
        };
        if tag.attributes > MAX_ATTRIBUTES {
            return Err(HtmlError::TooManyAttributes {
                limit: MAX_ATTRIBUTES,
                offset: start,
            });
        }
        let name = &html[tag.name.0..tag.name.1];
        if !tag.closing && may_switch(name) {
            return Ok(Stop::Switch { end, name });
        }
    }
    Ok(Stop::End)
}

/// How the tree builder last switched the tokenizer.
#[derive(Debug, Clone, Copy)]
enum Switch {
    /// To raw text (RCDATA, RAWTEXT or script data).
    Raw,
    /// To plain text, for the rest of the page.
    Plaintext,
}

/// The tree builder, as the tokenizer's sink, noting how it switches the
/// tokenizer and the formatting elements it makes again.
struct Switches {
    builder: TreeBuilder<Handle, Budgeted>,
    switched: Cell<Option<Switch>>,
    /// Walks through the whole stack that the places in the page do not
    /// show ([`Visits`]): one for each formatting element made for no start
    /// tag of its own (reopened, after a look through the stack for it, or
    /// cloned by the adoption agency), three or more for each end tag of a
    /// long name ([`long_end_walks`]), and two for each end tag of an
    /// element that puts a marker in the list ([`Switches::closing`]).
    unseen: Cell<usize>,
}

/// What the end tag of an element that puts a marker in the list of
/// active formatting elements finds before html5ever reads it.
struct Closing {
    /// The tag's name.
    name: LocalName,
    /// The HTML elements of that name open.
    open: usize,
    /// The cells and captions open above the last of them.
    cells_above: usize,
}

impl Switches {
    /// What html5ever holds, in the order `trace_handles` gives it ([`Held`]).
    fn held(&self) -> Vec<Handle> {
        let held = Held(RefCell::new(Vec::new()));
        self.builder.trace_handles(&held);
        held.0.into_inner()
    }

    /// Is this held element an HTML element of one of these names?
    fn named(&self, handle: &Handle, names: &[LocalName]) -> bool {
        let name = self.builder.sink.inner.elem_name(handle);
        name.ns == ns!(html) && names.contains(&name.local)
    }

    /// How many of these held elements are HTML elements of this name?
    fn count_named(&self, elements: &[Handle], name: &LocalName) -> usize {
        let own = std::slice::from_ref(name);
        elements.iter().filter(|h| self.named(h, own)).count()
    }

    /// Before an end tag of this name (`object`, `applet`, `marquee` or
    /// `template`): what it finds open. Only the stack holds such
    /// elements and cells. This look through what html5ever holds, and
    /// the one after the tag, are charged as two walks the page does not
    /// show (`unseen`).
    fn closing(&self, name: LocalName) -> Closing {
        let held = self.held();
        // the document comes first, and has no name
        let elements = held.get(1..).unwrap_or_default();
        let open = self.count_named(elements, &name);
        let cells = [local_name!("td"), local_name!("th"), local_name!("caption")];
        let own = std::slice::from_ref(&name);
        let cells_above = elements
            .iter()
            .rposition(|h| self.named(h, own))
            .map_or(0, |last| {
                let above = &elements[last..];
                above.iter().filter(|h| self.named(h, &cells)).count()
            });
        Closing {
            name,
            open,
            cells_above,
        }
    }

    /// After that end tag: if fewer elements of its name are open, its own
    /// rule closed one (no other rule the tag may reach pops one), popping
    /// the cells and captions above it and taking one marker away
    /// ([`Budgeted::markers_possible`]). Nothing else but the end of the
    /// page pops a cell without taking a marker away (the pops back to a
    /// table, a row or a table's body stop at a template). An SVG
    /// `<template>` is closed by `</template>` and leaves the HTML ones
    /// open.
    fn note_closed(&self, before: Closing) {
        let held = self.held();
        let open = self.count_named(held.get(1..).unwrap_or_default(), &before.name);
        if open < before.open {
            let sink = &self.builder.sink;
            let popped = sink.cells_popped.get().saturating_add(before.cells_above);
            sink.cells_popped.set(popped);
            sink.markers_cleared.set(sink.markers_cleared.get() + 1);
        }
    }
}

/// The walks through the whole stack an end tag of a name `len` bytes
/// long costs beyond its `<`: in SVG and MathML its walk compares the
/// whole name with each element's. Three for a long name (eight bytes or
/// more), and one more for each 32 bytes; none for a short one.
fn long_end_walks(len: usize) -> usize {
    if len < 8 {
        return 0;
    }
    3 + len / 32
}

impl TokenSink for Switches {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        let (mut own, mut long_end, mut closing) = (0, 0, None);
        if let Token::TagToken(tag) = &token {
            let names = tag.attrs.iter().map(|a| &a.name.local);
            self.builder.sink.note_names(names.chain([&tag.name]));
            let formatting = FORMATTING.contains(&&*tag.name);
            own = usize::from(tag.kind == TagKind::StartTag && formatting);
            if tag.kind == TagKind::EndTag {
                long_end = long_end_walks(tag.name.len());
                closing = is_marker_name(&tag.name).then(|| self.closing(tag.name.clone()));
            }
        }
        let made = || self.builder.sink.formatting.borrow().len();
        let before = made();
        let result = self.builder.process_token(token, line_number);
        let remade = (made() - before).saturating_sub(own);
        self.unseen.set(self.unseen.get() + remade + long_end);
        if let Some(closing) = closing {
            self.note_closed(closing);
            // the two looks through what html5ever holds
            self.unseen.set(self.unseen.get() + 2);
        }
        match result {
            TokenSinkResult::RawData(_) => self.switched.set(Some(Switch::Raw)),
            TokenSinkResult::Plaintext => self.switched.set(Some(Switch::Plaintext)),
            TokenSinkResult::Continue | TokenSinkResult::Script(_) => {}
        }
        result
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// html5ever, given the page a piece at a time, with the budget checked
/// after each piece.
struct Feeder {
    tokenizer: Tokenizer<Switches>,
    input: BufferQueue,
    /// Bytes given so far.
    fed: usize,
    /// Where the budget is next checked: a piece on from the last check
    /// (a tag where the scan waits for html5ever ends a piece early, and
    /// costs no check: `<select><xmp><xmp>…` made one every five bytes).
    next_check: usize,
    /// Whether html5ever, reading the page whole, would start reading
    /// afresh at the head of the input: at the page's start and after each
    /// script it has run.
    restarting: bool,
    /// Visits to the elements held, charged at each check.
    visits: Visits,
}

impl Feeder {
    /// Gives html5ever the page up to `to` (a character boundary), in
    /// pieces of at most [`PIECE`] bytes, checking the budget after a
    /// piece's worth and at the page's end.
    fn feed_to(&mut self, html: &str, to: usize) -> Result<(), HtmlError> {
        while self.fed < to {
            let end = piece_end(html, self.fed).min(to);
            let piece = &html[self.fed..end];
            let allowed = ATTRIBUTES_PER_BYTE * end + ATTRIBUTES_BASE;
            let sink = &self.tokenizer.sink.builder.sink;
            sink.attributes_allowed.set(allowed);
            self.input.push_back(StrTendril::from_slice(piece));
            self.visits.pieces += 1;
            self.run();
            self.fed = end;
            if self.fed >= self.next_check || self.fed == html.len() {
                self.next_check = self.fed + PIECE;
                self.check(html.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Lets the tokenizer read what it has been given. Each time html5ever
    /// is asked to read, it drops a U+FEFF at the head of its input: when a
    /// page is read whole, at its start and after each script. It is told
    /// not to, and those U+FEFF are dropped here, wherever the pieces end.
    fn run(&mut self) {
        loop {
            if self.restarting {
                let Some(head) = self.input.peek() else {
                    return;
                };
                if head == '\u{FEFF}' {
                    self.input.next();
                }
                self.restarting = false;
            }
            match self.tokenizer.feed(&self.input) {
                TokenizerResult::Script(_) => self.restarting = true,
                TokenizerResult::Done => return,
            }
        }
    }

    /// The budget, for the page given so far (of `html`).
    fn check(&mut self, html: &[u8]) -> Result<(), HtmlError> {
        let sink = &self.tokenizer.sink.builder.sink;
        let held = self.tokenizer.sink.held();
        within(held.len(), MAX_OPEN_ELEMENTS, self.fed, |limit, offset| {
            HtmlError::TooDeep { limit, offset }
        })?;
        let (list, end) = list_of(&held, sink);
        let listed: HashSet<&Handle> = held[list..end].iter().collect();
        let stack = held.get(1..list).unwrap_or_default();
        let now = Reach {
            held: held.len().saturating_add(sink.markers_possible()),
            text: text_reach(stack, &listed),
        };
        let unseen = self.tokenizer.sink.unseen.take();
        self.visits.charge(&html[..self.fed], now, unseen)?;
        let (formatting, attributes) = (listed.len(), attributes_of(&listed, sink));
        within(
            formatting,
            MAX_OPEN_FORMATTING,
            self.fed,
            |limit, offset| HtmlError::TooManyOpenFormatting { limit, offset },
        )?;
        within(
            attributes,
            MAX_FORMATTING_ATTRIBUTES,
            self.fed,
            |limit, offset| HtmlError::TooManyFormattingAttributes { limit, offset },
        )?;
        sink.check(self.fed)
    }

    /// The tree, once the whole page is given.
    fn finish(mut self) -> Html {
        self.run();
        self.tokenizer.end();
        self.tokenizer.sink.builder.sink.finish()
    }
}

/// The visits to the elements html5ever holds open, charged at each check
/// ([`STACK_VISITS_PER_BYTE`]).
///
/// Each `<` since the last check (a tag may look through the whole stack
/// for an element in scope, or for the one it ends, and through the whole
/// list of active formatting elements, markers and all, for a misnested
/// `<a>` or in the adoption agency), and each walk the page does not show
/// (`unseen`: see [`Switches`]), is charged the larger of the elements held then and
/// now, with the markers the list may hold. Each `&`, line break, NUL and
/// piece's start begins a run of text, which looks for the last element of
/// the list of active formatting elements among those open: it is charged
/// as deep as the deepest open element of that list lies ([`text_reach`]).
/// Nesting built and taken down between two checks is not seen: it is at
/// most the tags of two pieces deep (a check comes once a piece's worth
/// has been given since the last).
///
/// ```text
/// <svg><g><g><g>…</x></x></x>      each </x> looks down the whole stack
///                ^ 1 place        for an element of its name
/// <b><q><q><q>…\n\n\n              each line break, a run of text, looks
///              ^ 1 place          for the <b> under all the <q>s
/// <p><b><i>…</p><p>x<p>x          each run of text reopens the <b> and
///                  ^ 2 made again <i>, looking for each through the stack
/// ```
#[derive(Debug, Default)]
struct Visits {
    /// Visits charged so far.
    charged: u64,
    /// What the last check found.
    last: Reach,
    /// Where the last check was.
    checked_to: usize,
    /// Pieces given since the last check: each begins a run of text.
    pieces: usize,
}

/// What a check finds of the elements html5ever holds.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Reach {
    /// The elements held, and the markers that may be in the list of
    /// active formatting elements ([`Budgeted::markers_possible`]): a tag
    /// may walk both.
    held: usize,
    /// How deep a run of text looks ([`text_reach`]).
    text: usize,
}

impl Visits {
    /// Charges the page read since the last check (`read` is the page up
    /// to now) and the walks it does not show (`unseen`), by what this
    /// check found (`now`) and the last, and refuses it past
    /// [`STACK_VISITS_PER_BYTE`] per byte read.
    fn charge(&mut self, read: &[u8], now: Reach, unseen: usize) -> Result<(), HtmlError> {
        let (tags, texts) = walk_places(&read[self.checked_to..]);
        let tags = wide(tags + unseen).saturating_mul(wide(now.held.max(self.last.held)));
        let texts = wide(texts + self.pieces).saturating_mul(wide(now.text.max(self.last.text)));
        self.charged = self.charged.saturating_add(tags).saturating_add(texts);
        (self.last, self.checked_to, self.pieces) = (now, read.len(), 0);
        let limit = wide(STACK_VISITS_PER_BYTE)
            .saturating_mul(wide(read.len()))
            .saturating_add(wide(STACK_VISITS_BASE));
        if self.charged > limit {
            return Err(HtmlError::TooManyStackVisits {
                limit: usize::try_from(limit).unwrap_or(usize::MAX),
                offset: read.len(),
            });
        }
        Ok(())
    }
}

/// A count as 64 bits: the visits to 4,096 elements for each byte of a
/// page of 64 MiB or more pass 32.
fn wide(count: usize) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}

/// The places in `bytes` where html5ever's tree builder may walk the
/// elements it holds: the `<`s, and the bytes that begin a run of text of
/// their own (`&`, a line break, NUL).
fn walk_places(bytes: &[u8]) -> (usize, usize) {
    let tags = memchr::memchr_iter(b'<', bytes).count();
    let texts = bytes
        .iter()
        .filter(|&&b| matches!(b, b'&' | b'\n' | b'\r' | 0));
    (tags, texts.count())
}

/// How deep a run of text looks through the stack of open elements
/// (`stack`, bottom first): to the deepest element of the list of active
/// formatting elements (`listed`) that is open
/// (those that are not are reopened, and charged as made again), and at
/// least one. An older notice's fonts, nested one per paragraph, are looked
/// for only among the last few:
///
/// ```text
/// doc html body font₁ … font₁₄₈ font₁₄₉ font₁₅₀ p | font₁₄₈ font₁₄₉ font₁₅₀
///                       ^^^^^^^^^^^^^^^^^^^^^^^^^ 4 deep
/// ```
fn text_reach(stack: &[Handle], listed: &HashSet<&Handle>) -> usize {
    let deepest = stack.iter().position(|h| listed.contains(h));
    deepest.map_or(1, |at| stack.len() - at)
}

/// The elements the tree builder holds, in the order `trace_handles` gives
/// them: its document, its stack of open elements, its list of active
/// formatting elements, and its `head`, `form` and context elements (at
/// most one each). An element in two of them comes twice.
struct Held(RefCell<Vec<Handle>>);

impl Tracer for Held {
    type Handle = Handle;

    fn trace_handle(&self, handle: &Handle) {
        self.0.borrow_mut().push(*handle);
    }
}

/// Where html5ever's list of active formatting elements lies in what it
/// holds (`held`): from the first index to the second.
///
/// The list comes after the stack of open elements and before the `head`
/// and `form` elements, and holds formatting elements only, so it lies
/// within the run of formatting elements at the end. It also begins after
/// every element that comes twice (in the stack, then in the list). An
/// older notice whose paragraphs each leave a `<font>` open holds a stack
/// of fonts, of which the list keeps the last three:
///
/// ```text
/// doc html body font₁ … font₁₅₀ | font₁₄₈ font₁₄₉ font₁₅₀ | head
///               ^run^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
///                                ^list^^^^^^^^^^^^^^^^^^^^
/// ```
///
/// Formatting elements on top of the stack but not in the list, above
/// the last that is, are taken as in the list.
fn list_of(held: &[Handle], sink: &Budgeted) -> (usize, usize) {
    let made = sink.formatting.borrow();
    let mut end = held.len();
    // the document is first: it has no name
    while end > 1 && !made.contains_key(&held[end - 1]) {
        let name = sink.inner.elem_name(&held[end - 1]).local.clone();
        if name != local_name!("head") && name != local_name!("form") {
            break;
        }
        end -= 1;
    }
    let run_start = held[..end]
        .iter()
        .rposition(|h| !made.contains_key(h))
        .map_or(0, |p| p + 1);
    // a handle comes at most twice (the stack and the list hold none twice,
    // and `head` and `form` are not formatting elements); one whose first
    // place is before the run moves the list's start no further than the
    // run's, so only the run is looked through
    let run = &held[run_start..end];
    let mut first = HashMap::with_capacity(run.len());
    let mut after_twice = 0;
    for (at, handle) in (run_start..).zip(run) {
        if let Some(&seen) = first.get(handle) {
            after_twice = after_twice.max(seen + 1);
        } else {
            first.insert(handle, at);
        }
    }
    (run_start.max(after_twice).min(end), end)
}

/// The attributes of the tags of the formatting elements in html5ever's
/// list of active formatting elements (`listed`, as [`list_of`] finds it).
fn attributes_of(listed: &HashSet<&Handle>, sink: &Budgeted) -> usize {
    let made = sink.formatting.borrow();
    listed
        .iter()
        .map(|h| made.get(*h).copied().unwrap_or(0))
        .sum()
}

/// The formatting elements of the HTML standard: those html5ever keeps in
/// its list of active formatting elements.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Does this element put a marker in the list of active formatting
/// elements that it may leave there? (`td`, `th` and `caption` put one too,
/// and leave it only under one of these.)
fn leaves_marker(name: &QualName) -> bool {
    name.ns == ns!(html) && is_marker_name(&name.local)
}

/// Is this the name of an HTML element that puts a marker in the list of
/// active formatting elements and may leave it there?
fn is_marker_name(name: &LocalName) -> bool {
    let markers = [
        local_name!("object"),
        local_name!("applet"),
        local_name!("marquee"),
        local_name!("template"),
    ];
    markers.contains(name)
}

/// Is this an HTML formatting element?
fn is_formatting(name: &QualName) -> bool {
    name.ns == ns!(html) && FORMATTING.contains(&&*name.local)
}

/// Where the piece starting at `start` ends: [`PIECE`] bytes on, moved back
/// to a character boundary (a character is at most 4 bytes, so the piece
/// is never empty).
fn piece_end(html: &str, start: usize) -> usize {
    let mut end = (start + PIECE).min(html.len());
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// scraper's tree sink, counting the elements it makes (and noting the
/// formatting ones), the attributes it gives them, their classes, and the
/// attributes it merges.
pub(super) struct Budgeted {
    inner: HtmlTreeSink,
    /// Elements made.
    elements: Cell<usize>,
    /// Attributes of later `<html>` and `<body>` tags, merged into the
    /// first ones: scraper inserts each in order, so many cost it the
    /// square of their number.
    merged: Cell<usize>,
    /// Attributes given to the elements made: a reopened formatting
    /// element copies its tag's.
    attributes: Cell<usize>,
    /// Attributes allowed up to the end of the piece being read: see
    /// [`ATTRIBUTES_PER_BYTE`].
    attributes_allowed: Cell<usize>,
    /// Bytes of the `class` values given.
    class_bytes: Cell<usize>,
    /// Elements made that put a marker in the list of active formatting
    /// elements and may leave it there ([`MAX_MARKER_ELEMENTS`]).
    marker_elements: Cell<usize>,
    /// Table cells and captions open above a template that a `</template>`
    /// closed: each put a marker in the list, and `</template>` pops them
    /// all but takes one marker away ([`Budgeted::markers_possible`]).
    cells_popped: Cell<usize>,
    /// Elements that put a marker in the list closed by their own end
    /// tags, each taking a marker away ([`Switches::note_closed`]).
    markers_cleared: Cell<usize>,
    /// The formatting elements made, with their tags' attributes (those
    /// html5ever compares, even where they are not copied).
    formatting: RefCell<HashMap<Handle, usize>>,
    /// The long names given to tags, attributes and classes, as hashes.
    names: RefCell<HashSet<u64>>,
    /// The hash of those names: keyed at random, unlike the names' table.
    hasher: RandomState,
    /// How many of those names each bucket of the names' table holds
    /// (empty until the first).
    buckets: RefCell<Vec<usize>>,
    /// The most names in one bucket.
    fullest: Cell<usize>,
    /// The long classes, put in the names' table to learn their buckets
    /// and held there while the page is read: scraper puts them there
    /// again when a selector asks for an element's classes.
    classes: RefCell<Vec<LocalName>>,
}

impl Budgeted {
    /// Notes the names of a tag and its attributes: those of eight bytes
    /// or more, which the names' table holds.
    fn note_names<'a>(&self, names: impl Iterator<Item = &'a LocalName>) {
        for name in names.filter(|n| n.len() >= 8) {
            self.note_name(name, || name.get_hash());
        }
    }

    /// Notes a long name, and the bucket of the names' table it falls in
    /// (from its hash there, `table_hash`) if it is new.
    fn note_name(&self, name: &str, table_hash: impl FnOnce() -> u32) {
        if !self.names.borrow_mut().insert(self.hasher.hash_one(name)) {
            return;
        }
        let mut buckets = self.buckets.borrow_mut();
        if buckets.is_empty() {
            buckets.resize(NAME_BUCKETS, 0);
        }
        let bucket = &mut buckets[bucket_of(table_hash())];
        *bucket += 1;
        self.fullest.set(self.fullest.get().max(*bucket));
    }

    /// Notes the classes of an element: a selector that asks for a class
    /// splits them, and scraper puts each in the names' table.
    fn note_classes(&self, attrs: &[Attribute]) {
        let classes = attrs
            .iter()
            .filter(|a| a.name.local == local_name!("class"));
        let bytes = classes.clone().map(|a| a.value.len()).sum::<usize>();
        self.class_bytes.set(self.class_bytes.get() + bytes);
        for class in classes.flat_map(|a| a.value.split_ascii_whitespace()) {
            // past the limit the page is refused: each class put in the
            // table would walk the bucket (110,000 in one `class`: 21 s)
            if self.fullest.get() > MAX_NAMES_PER_BUCKET {
                return;
            }
            if class.len() >= 8 {
                self.note_name(class, || {
                    let atom = LocalName::from(class);
                    let hash = atom.get_hash();
                    self.classes.borrow_mut().push(atom);
                    hash
                });
            }
        }
    }

    /// How many markers html5ever's list of active formatting elements may
    /// hold beyond those of the cells open, which `trace_handles` does not
    /// show. Each element made that puts one there adds one; it may leave
    /// it there (an `<object>` popped by the next `<table>`, or by the
    /// `</td>` of its cell, which then takes the object's marker away and
    /// leaves the cell's). Each cell or caption open above a template that
    /// a `</template>` closes adds one: it pops them all and takes a single
    /// marker away ([`Switches::note_closed`]):
    ///
    /// ```text
    /// <template><td><table><td><table><td></template>
    /// ^^^^^^^^^^^^^^       ^^^^       ^^^^ 4 markers, 1 taken away: 3 left
    /// ```
    ///
    /// Each such element closed by its own end tag takes one away, as
    /// html5ever then does. Every other way a cell or caption closes takes
    /// a marker away too (or stops at a template). So a page's later tags
    /// are charged for the markers its earlier elements may have left, and
    /// not for those it closed.
    fn markers_possible(&self) -> usize {
        let made = self.marker_elements.get();
        let left = made.saturating_add(self.cells_popped.get());
        // each element is cleared at most once, after it is made
        left.saturating_sub(self.markers_cleared.get())
    }

    /// The elements made within budget for the page so far (`read` bytes)?
    fn check(&self, read: usize) -> Result<(), HtmlError> {
        within(self.merged.get(), MAX_ATTRIBUTES, read, |limit, offset| {
            HtmlError::TooManyAttributes { limit, offset }
        })?;
        let limit = ELEMENTS_PER_BYTE * read + ELEMENTS_BASE;
        within(self.elements.get(), limit, read, |limit, offset| {
            HtmlError::TooManyElements { limit, offset }
        })?;
        let limit = self.attributes_allowed.get();
        within(self.attributes.get(), limit, read, |limit, offset| {
            HtmlError::TooManyAttributesBuilt { limit, offset }
        })?;
        let limit = CLASS_BYTES_PER_BYTE * read + CLASS_BYTES_BASE;
        within(self.class_bytes.get(), limit, read, |limit, offset| {
            HtmlError::TooManyClassBytesBuilt { limit, offset }
        })?;
        within(
            self.fullest.get(),
            MAX_NAMES_PER_BUCKET,
            read,
            |limit, offset| HtmlError::TooManyNames { limit, offset },
        )?;
        let markers = self.markers_possible();
        within(markers, MAX_MARKER_ELEMENTS, read, |limit, offset| {
            HtmlError::TooManyMarkerElements { limit, offset }
        })
    }
}

/// `Ok` while `count` is within `limit`; past it, the error `refusal`
/// makes of the limit and the bytes read.
fn within(
    count: usize,
    limit: usize,
    read: usize,
    refusal: impl FnOnce(usize, usize) -> HtmlError,
) -> Result<(), HtmlError> {
    if count > limit {
        return Err(refusal(limit, read));
    }
    Ok(())
}

/// Every call goes to scraper's sink, but `create_element` and
/// `add_attrs_if_missing` count first; past their limits, attributes are
/// neither copied nor merged, as the page will be refused.
impl TreeSink for Budgeted {
    type Handle = Handle;
    type Output = Html;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: std::borrow::Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> Handle {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> Ref<'a, QualName> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.elements.set(self.elements.get() + 1);
        self.attributes.set(self.attributes.get() + attrs.len());
        let (formatting, count) = (is_formatting(&name), attrs.len());
        if leaves_marker(&name) {
            self.marker_elements.set(self.marker_elements.get() + 1);
        }
        // past the limit the page is refused: copying them is work wasted
        let handle = if self.attributes.get() > self.attributes_allowed.get() {
            self.inner.create_element(name, Vec::new(), flags)
        } else {
            self.note_classes(&attrs);
            self.inner.create_element(name, attrs, flags)
        };
        if formatting {
            self.formatting.borrow_mut().insert(handle, count);
        }
        handle
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn mark_script_already_started(&self, node: &Handle) {
        self.inner.mark_script_already_started(node);
    }

    fn pop(&self, node: &Handle) {
        self.inner.pop(node);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        self.merged.set(self.merged.get() + attrs.len());
        // past the limit the page is refused: merging them is work wasted
        if self.merged.get() <= MAX_ATTRIBUTES {
            // a class merged into <body> is split by the selectors too
            self.note_classes(&attrs);
            self.inner.add_attrs_if_missing(target, attrs);
        }
    }

    fn associate_with_form(
        &self,
        target: &Handle,
        form: &Handle,
        nodes: (&Handle, Option<&Handle>),
    ) {
        self.inner.associate_with_form(target, form, nodes);
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.inner.reparent_children(node, new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number);
    }

    fn complete_script(&self, node: &Handle) -> NextParserState {
        self.inner.complete_script(node)
    }

    /// No: scraper allows a shadow root and then attaches none, so each
    /// `<template shadowrootmode>` left a marker in the list of active
    /// formatting elements with no element made (a 2 MB page of them, then
    /// `<a>`s, took 9.5 s). Refused, each is a template like any other.
    fn allow_declarative_shadow_roots(&self, _intended_parent: &Handle) -> bool {
        false
    }

    fn attach_declarative_shadow(
        &self,
        location: &Handle,
        attrs: Vec<Attribute>,
    ) -> Result<(), String> {
        self.inner.attach_declarative_shadow(location, attrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages that made html5ever's work grow with the square of their
    /// length, as a fuzzer and attacks found them: `(name, opening,
    /// repeated)`. Each holds ever more elements open. (Formatting elements
    /// held are refused sooner: `formatting_elements_held_are_counted`.)
    const QUADRATIC: &[(&str, &str, &str)] = &[
        ("nested divs", "", "<div>"),
        ("comment ended by '--!>'", "<p><!----!>", "<div>"),
        ("quoted '>', '<!--'", "<div a=\">\" b=\"<!--\">", "<div>"),
        ("a custom element's name", "<p>", "<p-x>"),
        ("adoption agency", "<!----!>", "<a><b><div></a>"),
        ("a formatting end tag's name", "<p>", "<b id=x></b-x>"),
        ("rb outside ruby", "<p>", "<rb>"),
        ("li and dt inside each other", "<body>", "<li><dt>"),
        ("a div leaving SVG", "<p><svg>", "<div/>"),
        ("self-closed divs", "", "<div/>"),
        ("stray end tags", "", "<div></span>"),
    ];

    #[test]
    fn quadratic_pages_are_refused_while_parsing() {
        for &(name, opening, repeated) in QUADRATIC {
            let page = format!("{opening}{}", repeated.repeat(2 * MAX_OPEN_ELEMENTS));
            match parse(&page) {
                Err(HtmlError::TooManyStackVisits { limit, offset }) => {
                    assert_eq!(limit, STACK_VISITS_PER_BYTE * offset + STACK_VISITS_BASE);
                    assert_eq!(offset % PIECE, 0, "{name}: the end of a piece");
                    assert!(offset <= page.len(), "{name}");
                }
                other => panic!("{name}: {:?}", other.map(|_| "a tree")),
            }
        }
    }

    /// `(bytes, places where html5ever may walk the elements held)`.
    /// `(bytes, (tags, runs of text))`: the places where html5ever may walk
    /// the elements it holds.
    const WALK_PLACES: &[(&str, (usize, usize))] = &[
        ("", (0, 0)),
        ("各地区各部门要认真贯彻落实", (0, 0)),
        ("<p>x</p>", (2, 0)),
        ("a &amp; b", (0, 1)),
        ("一\n二\r\n三", (0, 3)),
        ("\0", (0, 1)),
        ("a > b < c", (1, 0)),
        ("&nbsp;&nbsp;<p>\r\n", (1, 4)),
    ];

    #[test]
    fn places_where_the_elements_held_may_be_walked() {
        for &(bytes, places) in WALK_PLACES {
            assert_eq!(walk_places(bytes.as_bytes()), places, "{bytes:?}");
        }
    }

    /// Checks in turn, `(page read so far, pieces given since the last
    /// check, elements held, how deep a run of text looks, walks unseen,
    /// visits charged by then)`.
    const CHARGES: &[(&str, usize, usize, usize, usize, u64)] = &[
        // two tags at 10 held, a line break and the piece at 2 deep
        ("<p>\nx</p>", 1, 10, 2, 0, 2 * 10 + 2 * 2),
        // held falls to 4: the tags since are charged at the 10 before
        ("<p>\nx</p><i>", 1, 4, 1, 0, 24 + 10 + 2),
        // a formatting element made again, at the 30 held now
        ("<p>\nx</p><i>y", 1, 30, 1, 1, 36 + 30 + 1),
        // no piece, nothing read: nothing charged
        ("<p>\nx</p><i>y", 0, 30, 1, 0, 67),
        // an end tag of a long name: three unseen walks more
        ("<p>\nx</p><i>y</abcdefgh>", 0, 5, 1, 3, 67 + 4 * 30),
    ];

    /// End tags' names, by length, and the walks of the stack they are
    /// charged beyond their `<`: `(bytes, walks)`.
    const LONG_ENDS: &[(usize, usize)] = &[(2, 0), (7, 0), (8, 3), (31, 3), (32, 4), (256, 11)];

    #[test]
    fn end_tags_of_long_names_are_charged_by_length() {
        for &(len, walks) in LONG_ENDS {
            assert_eq!(long_end_walks(len), walks, "{len} bytes");
        }
    }

    #[test]
    fn visits_are_charged_at_the_larger_of_two_checks() {
        let mut visits = Visits::default();
        for &(read, pieces, held, text, unseen, charged) in CHARGES {
            visits.pieces = pieces;
            let now = Reach { held, text };
            assert!(visits.charge(read.as_bytes(), now, unseen).is_ok());
            assert_eq!(visits.charged, charged, "{read:?}");
            assert_eq!((visits.last, visits.checked_to), (now, read.len()));
        }
        // past 64 visits per byte read, plus the base
        let page = "<".repeat(1024);
        let now = Reach {
            held: 1100,
            text: 1,
        };
        let refused = Err(HtmlError::TooManyStackVisits {
            limit: 64 * 1024 + STACK_VISITS_BASE,
            offset: 1024,
        });
        assert_eq!(Visits::default().charge(page.as_bytes(), now, 0), refused);
        let now = Reach {
            held: 1000,
            text: 1,
        };
        assert!(Visits::default().charge(page.as_bytes(), now, 0).is_ok());
    }

    #[test]
    fn visits_to_the_elements_held_are_counted() {
        // each </x> looks down the whole stack of SVG elements for one of
        // its name: 1 place in 4 bytes, so up to 256 held is within budget
        let svg = |held: usize| format!("<svg>{}{}", "<g>".repeat(held), "</x>".repeat(50_000));
        // each line break is a run of text that looks for the <b> below
        // the <q>s: 1 place a byte, so up to 64 held
        let lines = |held: usize| {
            let q = "<q>".repeat(held);
            format!("<body><b>{q}{}", "\n".repeat(200_000))
        };
        for page in [svg(300), lines(100)] {
            let Err(HtmlError::TooManyStackVisits { limit, offset }) = parse(&page) else {
                panic!("not refused for its visits: {}", &page[..20]);
            };
            assert_eq!(limit, STACK_VISITS_PER_BYTE * offset + STACK_VISITS_BASE);
            assert_eq!(offset % PIECE, 0);
        }
        let tree = parse(&svg(200)).expect("within budget");
        assert_eq!(
            tree.select(&scraper::Selector::parse("g").unwrap()).count(),
            200
        );
        let tree = parse(&lines(50)).expect("within budget");
        assert_eq!(
            tree.select(&scraper::Selector::parse("q").unwrap()).count(),
            50
        );
    }

    #[test]
    fn walks_the_page_does_not_show_are_counted() {
        // 60 formatting elements left open over 1,000 spans, reopened in
        // every paragraph: each after a look through the whole stack
        let spans = "<span title=各地区各部门要认真贯彻落实>".repeat(1_000);
        let bold: String = (0..60).map(|i| format!("<b id={i}>")).collect();
        let reopened = format!(
            "<body>{spans}<p>{bold}</p>{}",
            "<p>各地区要认真落实".repeat(5_000)
        );
        let closed = reopened.replace("</p>", &"</b>".repeat(60));
        // end tags of a long name against 600 open SVG elements
        let start = format!("<{}>", "a".repeat(16));
        let end = format!("</{}b>", "a".repeat(15));
        let long = format!("<svg>{}{}", start.repeat(600), end.repeat(10_000));
        let short = long.replace(&end, &format!("</x{}>", " ".repeat(15)));
        // and of a name of 96 bytes against 1,500: one walk more for each
        // 32 bytes (at four walks a tag they would pass, 61 visits a byte)
        let start = format!("<{}>", "a".repeat(96));
        let end = format!("</{}b>", "a".repeat(95));
        let longer = format!("<svg>{}{}", start.repeat(1_500), end.repeat(8_000));
        let pages = [
            ("reopened", &reopened),
            ("long names", &long),
            ("longer names", &longer),
        ];
        for (name, page) in pages {
            let Err(HtmlError::TooManyStackVisits { offset, .. }) = parse(page) else {
                panic!("{name}: not refused for its visits");
            };
            assert!(offset < page.len() / 2, "{offset}");
        }
        let text = |page| {
            parse(page)
                .expect("within budget")
                .root_element()
                .text()
                .count()
        };
        assert_eq!(text(&closed), 5_000);
        assert_eq!(text(&short), 0);
    }

    /// Where a tag of many attributes hides from a scan that guesses the
    /// tokenizer's state, as an attack found it: `(name, before, after)`.
    /// html5ever reads the tag, and the scan in step with it counts it.
    const HIDING_PLACES: &[(&str, &str, &str)] = &[
        (
            "script escapes",
            "<script><!--<script></script><!--</script>",
            "-->",
        ),
        ("comment opened by '<!--!>'", "<!--!><a b=\"-->", "\">"),
        ("plaintext in select", "<body><select><plaintext>", ""),
        ("title in select", "<body><select><title>", "</title>"),
        (
            "noscript in select",
            "<body><select><noscript>",
            "</noscript>",
        ),
        ("title in a frameset", "<frameset><title>", "</title>"),
        (
            "CDATA in foreignObject's p",
            "<svg><foreignObject><p><![CDATA[>",
            "]]>",
        ),
        (
            "CDATA after svg in select",
            "<body><select><svg><![CDATA[>",
            "]]>",
        ),
        (
            "style after SVG's font",
            "<body><svg><font x=1><style>",
            "</style>",
        ),
        (
            "style in MathML's title",
            "<body><math><title><style>",
            "</style>",
        ),
        (
            "style after a div leaves SVG",
            "<svg><div><style><!--</style>",
            "-->",
        ),
    ];

    #[test]
    fn tags_of_many_attributes_are_refused_where_html5ever_reads_them() {
        let attributes: String = (0..=MAX_ATTRIBUTES).map(|i| format!(" a{i}")).collect();
        let many = format!("<div{attributes}>");
        for &(name, before, after) in HIDING_PLACES {
            let page = format!("{before}{many}{after}");
            let refused = Err(HtmlError::TooManyAttributes {
                limit: MAX_ATTRIBUTES,
                offset: before.len(),
            });
            assert_eq!(parse(&page).map(|_| ()), refused, "{name}");
        }
        // where html5ever reads text, the same text is no tag
        for (before, after) in [("<script>", "</script>"), ("<!--", "-->"), ("<title>", "")] {
            let page = format!("{before}{many}{after}");
            assert!(parse(&page).is_ok(), "{before}");
        }
        let within: String = (0..MAX_ATTRIBUTES).map(|i| format!(" a{i}")).collect();
        assert!(parse(&format!("<div{within}>")).is_ok());
    }

    #[test]
    fn attributes_merged_into_html_and_body_are_counted() {
        // each later <html> or <body> tag's attributes are merged into the
        // first one's, and scraper inserts them in order
        for element in ["html", "body"] {
            let tags: String = (0..8)
                .map(|t| {
                    let names: String = (0..64)
                        .map(|i| format!(" a{:04}", 9999 - 64 * t - i))
                        .collect();
                    format!("<{element}{names}>")
                })
                .collect();
            let page = format!("<html><body><p>x</p>{tags}");
            let Err(HtmlError::TooManyAttributes { limit, offset }) = parse(&page) else {
                panic!("{element}: not refused");
            };
            assert_eq!((limit, offset % PIECE), (MAX_ATTRIBUTES, 0), "{element}");
            // four tags of 64 are within the limit
            let fewer = &tags[..tags.len() / 2];
            assert!(
                parse(&format!("<html><body><p>x</p>{fewer}")).is_ok(),
                "{element}"
            );
        }
    }

    #[test]
    fn paragraphs_that_reopen_formatting_elements_are_read() {
        // an older page: </p> left out, four formatting elements left open
        let open = "<p><font face=\"仿宋_GB2312\" size=4><b><u><i>一、总体要求";
        let paragraphs: String = (1..=1100)
            .map(|i| format!("<p>{i}. 各地区要认真落实"))
            .collect();
        let page = format!("<html><body>{open}{paragraphs}");
        let html = parse(&page).expect("read").root_element().html();
        assert_eq!(
            html.matches("<i>").count(),
            1101,
            "reopened in each paragraph"
        );
    }

    /// `count` formatting elements `<b>`, each with `attributes` attributes
    /// in all, distinct, left open in a paragraph.
    fn bold_left_open(count: usize, attributes: usize) -> String {
        (0..count)
            .map(|j| {
                let names: String = (1..attributes).map(|i| format!(" x{i}=1")).collect();
                format!("<b z={j}{names}>")
            })
            .collect()
    }

    #[test]
    fn attributes_copied_into_reopened_elements_are_counted() {
        // four <b> of 16 attributes each, left open: each `<p>x` copies
        // all 64
        let bold = bold_left_open(4, 16);
        let page = format!("<p>{bold}</p>{}", "<p>x".repeat(2000));
        let Err(HtmlError::TooManyAttributesBuilt { limit, offset }) = parse(&page) else {
            panic!("not refused for its attributes");
        };
        // two a byte read, and 1,024 besides
        assert_eq!(limit, 2 * offset + 1_024);
        assert!(offset < 2 * PIECE, "refused early: at byte {offset}");
        // a paragraph of fifty characters copies them within the budget
        let long = format!("<p>{}", "落".repeat(50));
        assert!(parse(&format!("<p>{bold}</p>{}", long.repeat(200))).is_ok());
    }

    #[test]
    fn reopened_formatting_elements_are_counted() {
        // fifteen <b> left open inside a paragraph (30 held), then reopened
        // in each of 20,000 paragraphs: 16 elements per 4 bytes
        let bold = bold_left_open(15, 1);
        let page = format!("<p>{bold}</p>{}", "<p>x".repeat(20_000));
        let Err(HtmlError::TooManyElements { limit, offset }) = parse(&page) else {
            panic!("not refused for its elements");
        };
        assert_eq!(offset % PIECE, 0);
        assert!(offset < 4 * PIECE, "refused early: at byte {offset}");
        assert_eq!(limit, ELEMENTS_PER_BYTE * offset + ELEMENTS_BASE);
    }

    #[test]
    fn class_bytes_copied_into_reopened_elements_are_counted() {
        // a <b> of one class of 20,000 names, left open: each `<p>x`
        // copies it, and scraper splits each copy's classes
        let class = "a ".repeat(20_000);
        let page = format!("<p><b class=\"{class}\"></p>{}", "<p>x".repeat(20_000));
        let Err(HtmlError::TooManyClassBytesBuilt { limit, offset }) = parse(&page) else {
            panic!("not refused for its class bytes");
        };
        // four a byte read, and 16 KiB besides
        assert_eq!(limit, 4 * offset + 16 * 1_024);
        assert!(
            offset < class.len() + 8 * PIECE,
            "refused early: at byte {offset}"
        );
        // a style of forty bytes, copied into paragraphs of thirty
        let style = "font-family:仿宋_GB2312;font-size:16pt";
        let paragraphs = "<p>各地区、各部门要认真落实".repeat(10_000);
        assert!(parse(&format!("<p><font style=\"{style}\">{paragraphs}")).is_ok());
    }

    /// `count` names of eight bytes that share the first bucket of the
    /// names' table, as an attacker finds them (one in 4,096 does).
    fn colliding_names(count: usize) -> Vec<String> {
        (0u32..)
            .map(|i| format!("n{i:07x}"))
            .filter(|name| bucket_of(LocalName::from(name.as_str()).get_hash()) == 0)
            .take(count)
            .collect()
    }

    #[test]
    fn long_names_sharing_a_bucket_are_counted() {
        // names that share a bucket, in classes, attribute names and tag
        // names; shorter ones, repeated ones and ones that spread are free
        let names = colliding_names(MAX_NAMES_PER_BUCKET + 1);
        // string_cache 0.8.9's hash: should this change, check that
        // `bucket_of` is still the bucket a name falls in
        assert_eq!(names[0], "n00001dc");
        let page = |names: &[String]| {
            [
                format!("<div class=\"{}\">x</div>", names.join(" ")),
                names.iter().map(|n| format!("<p {n}=1>x</p>")).collect(),
                names.iter().map(|n| format!("<{n}>x</{n}>")).collect(),
            ]
        };
        let [classes, attributes, tags] = page(&names);
        let merged = format!("<html><body><p>x</p><body class=\"{}\">", names.join(" "));
        let pages = [classes, attributes, tags, merged];
        for (name, page) in ["classes", "attributes", "tags", "merged"]
            .iter()
            .zip(pages)
        {
            let Err(HtmlError::TooManyNames { limit, offset }) = parse(&page) else {
                panic!("{name}: not refused for its names");
            };
            assert_eq!(
                (limit, offset),
                (MAX_NAMES_PER_BUCKET, page.len()),
                "{name}"
            );
        }
        let spread = (0..20_000)
            .map(|i| format!("<div class=\"block-{i:05} item\">x</div>"))
            .collect::<String>();
        let short = format!("<div class=\"{}\">x</div>", "a b c d e f g ".repeat(5000));
        let repeated = "<p class=\"MsoNormal\" data-original=x>x</p>".repeat(10_000);
        let within = page(&names[..MAX_NAMES_PER_BUCKET]);
        for page in within.iter().chain([&spread, &short, &repeated]) {
            assert!(parse(page).is_ok(), "{}", &page[..40]);
        }
    }

    /// Pages that leave markers in the list of active formatting elements,
    /// which `trace_handles` does not show: `(name, opening)`. Each `<a>`
    /// after them walks every marker twice.
    fn markers_left() -> [(&'static str, String); 4] {
        // <object>s moved out of a table, popped by the next <table>
        let objects = "<object>".repeat(100) + "<table>";
        // cells inside a template: </template> pops them all, and takes
        // one marker away
        let cells = "<template><td><table><td><table><td><table><td></template>";
        let captions = "<template><caption><table><caption><table><caption></template>";
        // a shadow root's template, which scraper does not attach
        let shadow = "<template shadowrootmode=open>";
        [
            (
                "objects",
                format!("<body><table>{}</table>", objects.repeat(20)),
            ),
            ("cells", format!("<body>{}", cells.repeat(100))),
            ("captions", format!("<body>{}", captions.repeat(100))),
            ("shadow roots", format!("<body>{}", shadow.repeat(100))),
        ]
    }

    #[test]
    fn markers_left_are_charged_with_the_elements_held() {
        // 300,000 <a>, 900 KB, are read alone
        let anchors = "<a>".repeat(300_000);
        assert!(parse(&format!("<body>{anchors}")).is_ok());
        // after 100 to 2,000 markers left (400 in 100 templates' cells or
        // captions),
        // refused a third of the way in: 64 visits per byte allow a few
        // hundred markers, each walked twice by each <a>
        for (name, opening) in markers_left() {
            let page = format!("{opening}{anchors}");
            let Err(HtmlError::TooManyStackVisits { limit, offset }) = parse(&page) else {
                panic!("{name}: not refused for its markers");
            };
            assert_eq!(limit, STACK_VISITS_PER_BYTE * offset + STACK_VISITS_BASE);
            assert!(offset < 300 * 1024, "{name}: at {offset}");
            // end tags that close nothing take no marker away
            let strays = "</marquee></object></td>".repeat(1_000);
            let page = format!("{opening}{strays}{anchors}");
            assert!(
                matches!(parse(&page), Err(HtmlError::TooManyStackVisits { .. })),
                "{name}: not refused after stray end tags"
            );
        }
        // more markers left than the backstop, with text enough between
        // them for their visits: 41 tables' 100 objects, 4,100 markers
        let objects = "<object>各地区要认真落实各地区要认真落实".repeat(100) + "<table>";
        let page = format!("<body><table>{}", objects.repeat(41));
        let Err(HtmlError::TooManyMarkerElements { limit, offset }) = parse(&page) else {
            panic!("objects: not refused by the backstop");
        };
        assert_eq!(limit, MAX_MARKER_ELEMENTS);
        assert!(offset > page.len() * 39 / 41, "{offset}");
        assert!(parse(&format!("<body><table>{}", objects.repeat(40))).is_ok());
        // more closed by their own end tags leave none: the <a>s after
        // them are charged as if they were not there
        let marquees = "<marquee></marquee>各地区要认真落实".repeat(5_000);
        let page = format!("<body>{marquees}{}", "<a>".repeat(30_000));
        assert!(parse(&page).is_ok());
        // a portal's marquees and embedded objects
        let page = "<marquee>通知公告</marquee><object data=x.swf></object>".repeat(3)
            + &"<p>各地区要认真落实</p>".repeat(100);
        assert!(parse(&page).is_ok());
    }

    #[test]
    fn formatting_elements_held_are_counted() {
        // `count` <b> of `attributes` each left open, then `<b></b>`s
        let bold = |count, attributes| {
            let open = bold_left_open(count, attributes);
            format!("<p>{open}</p>{}", "<b></b>".repeat(300))
        };
        let held = Some(HtmlError::TooManyOpenFormatting {
            limit: MAX_OPEN_FORMATTING,
            offset: PIECE,
        });
        let attributes = Some(HtmlError::TooManyFormattingAttributes {
            limit: MAX_FORMATTING_ATTRIBUTES,
            offset: PIECE,
        });
        // (case, page, refusal)
        let cases = [
            ("65 left open", bold(65, 1), held.clone()),
            ("63 left open", bold(63, 1), None),
            (
                "64 left open",
                format!("<p>{}</p>x<br>", bold_left_open(64, 1)),
                None,
            ),
            (
                "64 left open, none reopened",
                format!("<p>{}</p>", bold_left_open(64, 1)),
                None,
            ),
            (
                "65 left open in a form",
                format!("<form>{}", bold(65, 1)),
                held.clone(),
            ),
            (
                "64 left open in a form",
                format!("<form><p>{}</p>x<br>", bold_left_open(64, 1)),
                None,
            ),
            // 250 <b> of 256 attributes each made every later `<b></b>`
            // compare all of them (630 s for a 1 MB page)
            ("two of 65 attributes", bold(2, 65), attributes),
            ("two of 64 attributes", bold(2, 64), None),
            (
                "64 of two attributes",
                format!("<p>{}</p>x<br>", bold_left_open(64, 2)),
                None,
            ),
        ];
        for (case, page, refusal) in cases {
            assert_eq!(parse(&page).err(), refusal, "{case}");
        }
    }

    #[test]
    fn the_pieces_build_the_tree_one_parse_builds() {
        // the page shifted by 0–63 bytes: the pieces' ends sweep through
        // characters, tags, an entity and a CR LF, and the tree is always
        // the one html5ever builds from the page whole
        let cell = "<td>省教育厅&nbsp;朱孔军\r\n李壁亮</td>";
        let row = format!("<tr>{}</tr>\r\n", cell.repeat(7));
        let table = format!("<p>附件：</p><table>{}</table>", row.repeat(12));
        assert!(table.len() > 3 * PIECE);
        for shift in 0..64 {
            let page = " ".repeat(shift) + &table;
            let whole = Html::parse_document(&page).root_element().html();
            let pieces = parse(&page).expect("within budget");
            assert_eq!(pieces.root_element().html(), whole, "shifted by {shift}");
        }
        // U+FEFF where html5ever reading the page whole drops it (at the
        // start, after a script) or keeps it (after a <title>, whose text
        // begins a piece here, or at a piece's start)
        let head = format!("<meta>{}", "\r\n".repeat(PIECE / 2));
        let pages = [
            "\u{FEFF}<p>正文</p>".to_string(),
            "<p>a<script>x</script>\u{FEFF}B</p>".to_string(),
            "<head><title>\u{FEFF}通知</title></head><p>正文".to_string(),
            format!("<head>{head}\u{FEFF}<title>通知</title></head><p>正文"),
            format!(
                "<p>{}</p><script>x</script>\u{FEFF}<p>B",
                "正".repeat(PIECE / 3)
            ),
        ];
        for page in &pages {
            let whole = Html::parse_document(page).root_element().html();
            let pieces = parse(page).expect("within budget");
            assert_eq!(pieces.root_element().html(), whole, "{page:?}");
        }
        // a piece ends before a character it would cut: 中 is 3 bytes
        assert_eq!(piece_end(&"中".repeat(PIECE), 0), PIECE - 1);
        assert_eq!(piece_end(&"中".repeat(PIECE), PIECE - 1), 2 * PIECE - 2);
    }
}
