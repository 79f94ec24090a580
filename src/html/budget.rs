//! Tree building on a budget: html5ever fed a piece at a time, refused
//! once the tree it builds grows too deep or too large for the page.
//!
//! html5ever repairs any markup, and some repairs cost more than the
//! page is long. Elements nested ever deeper make every later tag scan a
//! longer stack of open elements; formatting elements left open are
//! cloned into every later paragraph. The tag scan before parsing
//! (`guard`) refuses the plain forms of both, reading tags as the
//! tokenizer does (`tag`), but it models the tree builder only roughly,
//! and a fuzzer found pages whose tree it models otherwise:
//!
//! ```text
//! <p><rb><rb><rb>…                  <rb> closes <rb> only inside <ruby>
//! <li><dt><li><dt>…                 <li> closes no <li> across a <dt>
//! ```
//!
//! (134 KB of each took html5ever 1–2.6 s, four times as long at twice
//! the size.)
//!
//! So html5ever is also watched as it builds. [`parse`] gives it the page
//! in pieces of [`PIECE`] bytes and, after each, refuses the page when
//! html5ever holds more than [`MAX_OPEN_ELEMENTS`] elements (its stack of
//! open elements and its list of active formatting elements, counted
//! through the tree builder's public `trace_handles`), or when the tree
//! holds more elements than [`ELEMENTS_PER_TAG`] per '<' read so far (plus
//! [`ELEMENTS_BASE`]), counted by [`Budgeted`], scraper's own tree sink
//! with a counter beside it. The work before a refusal is bounded by one
//! piece past the limit.
//!
//! The stack is what each tag's scans walk, so it is counted itself: the
//! tree's depth is no measure of it, as a `<template>`'s contents start a
//! tree of their own and the adoption agency (for misnested formatting end
//! tags) moves nodes under fresh ones.

use std::cell::{Cell, Ref};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{
    ElementFlags, NextParserState, NodeOrText, QuirksMode, Tracer, TreeSink,
};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

use super::{HtmlError, MAX_DEPTH};

/// How many elements html5ever may hold open: twice the tag scan's
/// [`MAX_DEPTH`], as its stack also holds what the scan does not count
/// (`html`, `body`, and the elements whose end tags may be left out: `p`,
/// `li`, `tr`, `td`, …), and its list of active formatting elements is
/// counted with it.
pub const MAX_OPEN_ELEMENTS: usize = 2 * MAX_DEPTH;

/// A node of the tree being built (scraper's handle).
type Handle = <HtmlTreeSink as TreeSink>::Handle;

/// How many bytes of the page html5ever is given at a time.
const PIECE: usize = 1024;

/// Elements allowed per '<' read: each start tag makes one, and html5ever
/// adds a few of its own (`html`, `head`, `body`, `tbody`, a `p` for a
/// stray `</p>`, reopened formatting elements).
pub const ELEMENTS_PER_TAG: usize = 4;

/// Elements allowed beyond [`ELEMENTS_PER_TAG`]: a short page's reopened
/// formatting elements.
pub const ELEMENTS_BASE: usize = 1024;

/// Parses `html` as a document, refusing it once its tree passes either
/// budget.
pub(super) fn parse(html: &str) -> Result<Html, HtmlError> {
    let sink = Budgeted {
        inner: HtmlTreeSink::new(Html::new_document()),
        elements: Cell::new(0),
    };
    let mut parser = html5ever::driver::parse_document(sink, Default::default());
    let (mut read, mut tags) = (0, 0);
    while read < html.len() {
        let end = piece_end(html, read);
        let piece = &html[read..end];
        tags += memchr::memchr_iter(b'<', piece.as_bytes()).count();
        parser.process(StrTendril::from_slice(piece));
        read = end;
        let held = HeldOpen(Cell::new(0));
        parser.tokenizer.sink.trace_handles(&held);
        if held.0.get() > MAX_OPEN_ELEMENTS {
            return Err(HtmlError::TooDeep {
                limit: MAX_OPEN_ELEMENTS,
                offset: read,
            });
        }
        parser.tokenizer.sink.sink.check(tags, read)?;
    }
    Ok(parser.finish())
}

/// Counts the elements the tree builder holds: its document, its stack of
/// open elements, its active formatting elements, and its `head`, `form`
/// and context elements (at most one each).
struct HeldOpen(Cell<usize>);

impl Tracer for HeldOpen {
    type Handle = Handle;

    fn trace_handle(&self, _: &Handle) {
        self.0.set(self.0.get() + 1);
    }
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

/// scraper's tree sink, counting the elements it makes.
pub(super) struct Budgeted {
    inner: HtmlTreeSink,
    /// Elements made.
    elements: Cell<usize>,
}

impl Budgeted {
    /// The elements made within budget for the page so far (`read` bytes
    /// holding `tags` '<')?
    fn check(&self, tags: usize, read: usize) -> Result<(), HtmlError> {
        let limit = ELEMENTS_PER_TAG * tags + ELEMENTS_BASE;
        if self.elements.get() > limit {
            return Err(HtmlError::TooManyElements {
                limit,
                offset: read,
            });
        }
        Ok(())
    }
}

/// Every call goes to scraper's sink; `create_element` counts first.
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
        self.inner.create_element(name, attrs, flags)
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
        self.inner.add_attrs_if_missing(target, attrs);
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

    fn allow_declarative_shadow_roots(&self, intended_parent: &Handle) -> bool {
        self.inner.allow_declarative_shadow_roots(intended_parent)
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
    use super::super::guard;
    use super::*;

    /// Pages that made html5ever's work grow with the square of their
    /// length, as a fuzzer and an attack found them: `(name, opening,
    /// repeated, refused by the tag scan too)`. The budget refuses each on
    /// its own. The scan, which reads tags as the tokenizer does but models
    /// the tree builder only roughly, lets two pass.
    const QUADRATIC: &[(&str, &str, &str, bool)] = &[
        ("comment ended by '--!>'", "<p><!----!>", "<div>", true),
        (
            "quoted '>', '<!--'",
            "<div a=\">\" b=\"<!--\">",
            "<div>",
            true,
        ),
        ("a custom element's name", "<p>", "<p-x>", true),
        ("a formatting end tag's name", "<p>", "<b id=x></b-x>", true),
        ("template contents", "<!----!>", "<template><q><q><q>", true),
        ("adoption agency", "<!----!>", "<a><b><div></a>", true),
        ("rb outside ruby", "<p>", "<rb>", false),
        ("li and dt inside each other", "<body>", "<li><dt>", false),
        ("a div leaving SVG", "<p><svg>", "<div/>", true),
    ];

    #[test]
    fn quadratic_pages_are_refused_while_parsing() {
        for &(name, opening, repeated, scan_refuses) in QUADRATIC {
            let page = format!("{opening}{}", repeated.repeat(2 * MAX_OPEN_ELEMENTS));
            assert_eq!(guard(&page).is_err(), scan_refuses, "{name}: the scan");
            match parse(&page) {
                Err(HtmlError::TooDeep { limit, offset }) => {
                    assert_eq!(limit, MAX_OPEN_ELEMENTS, "{name}");
                    assert_eq!(offset % PIECE, 0, "{name}: the end of a piece");
                    assert!(offset <= page.len(), "{name}");
                }
                other => panic!("{name}: {:?}", other.map(|_| "a tree")),
            }
        }
    }

    #[test]
    fn reopened_formatting_elements_are_counted() {
        // 200 <b> left open inside a paragraph (within the limit of open
        // elements), then reopened in each of 20,000 paragraphs
        let bold: String = (0..200).map(|i| format!("<b id={i}></b-x>")).collect();
        let page = format!("<p>{bold}</p>{}", "<p>x".repeat(20_000));
        let Err(HtmlError::TooManyElements { limit, offset }) = parse(&page) else {
            panic!("not refused for its elements");
        };
        assert_eq!(offset % PIECE, 0);
        assert!(offset < page.len() / 10, "refused early: at byte {offset}");
        // the limit grows with the tags read: 4 per '<' and 1024
        let tags = page[..offset].matches('<').count();
        assert_eq!(limit, ELEMENTS_PER_TAG * tags + ELEMENTS_BASE);
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
        // a piece ends before a character it would cut: 中 is 3 bytes
        assert_eq!(piece_end(&"中".repeat(PIECE), 0), PIECE - 1);
        assert_eq!(piece_end(&"中".repeat(PIECE), PIECE - 1), 2 * PIECE - 2);
    }
}
