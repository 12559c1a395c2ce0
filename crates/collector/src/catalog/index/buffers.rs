//! The index's strings, packed into two shared buffers so that 100,000 items are a few
//! large allocations rather than a million small ones.

use mingjing_domain::catalog::CatalogItem;

use super::lattice::Lattice;
use super::path_shape::PathShape;
use super::pinyin_keys::PinyinKeys;
use super::signature::Signature;

/// The shared buffers: all text, and all pinyin lattices.
#[derive(Debug, Default)]
pub(super) struct Buffers {
    text: String,
    lattices: Vec<u8>,
}

/// Where the searchable text of one distinct name-and-keywords sits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Terms {
    name: Span,
    keywords: Span,
    full: Span,
    initials: Span,
    lattice: Span,
    shape: PathShape,
}

/// Where an item's codes sit.
#[derive(Debug, Clone, Copy)]
pub(super) struct Codes {
    code: Span,
    basic_code: Span,
}

/// Joins keywords; queries have control characters removed, so none matches across two.
pub(super) const KEYWORD_SEPARATOR: &str = "\u{1f}";

impl Buffers {
    /// Stores a lowercased name and its lowercased, joined keywords with the name's pinyin
    /// keys, and returns where they are with sketches of the text and of the pinyin.
    pub(super) fn add_terms(&mut self, name: &str, keywords: &str) -> (Terms, Signature, Signature) {
        let pinyin = PinyinKeys::of(name);
        let mut text_signature = Signature::of(name);
        keywords.split(KEYWORD_SEPARATOR).for_each(|keyword| text_signature.add_text(keyword));
        let terms = Terms {
            name: self.push(name),
            keywords: self.push(keywords),
            full: self.push(&pinyin.full),
            initials: self.push(&pinyin.initials),
            lattice: Span::new(self.lattices.len(), pinyin.lattice.len()),
            shape: pinyin.shape,
        };
        self.lattices.extend_from_slice(&pinyin.lattice);
        (terms, text_signature, pinyin.signature)
    }

    pub(super) fn add_codes(&mut self, item: &CatalogItem) -> Codes {
        Codes {
            code: self.push(item.implementation_code().as_str()),
            basic_code: self.push(item.basic_code().as_str()),
        }
    }

    pub(super) fn terms<'a>(&'a self, terms: &'a Terms) -> TermView<'a> {
        TermView { buffers: self, terms }
    }

    pub(super) fn code(&self, codes: &Codes) -> &str {
        self.text(codes.code)
    }

    pub(super) fn basic_code(&self, codes: &Codes) -> &str {
        self.text(codes.basic_code)
    }

    fn text(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or_default()
    }

    fn push(&mut self, text: &str) -> Span {
        let span = Span::new(self.text.len(), text.len());
        self.text.push_str(text);
        span
    }
}

/// The text of one name and its keywords, cut out of the buffers only when asked for,
/// since most checks stop at the first string.
#[derive(Debug, Clone, Copy)]
pub(super) struct TermView<'a> {
    buffers: &'a Buffers,
    terms: &'a Terms,
}

impl<'a> TermView<'a> {
    /// The name, lowercased.
    pub(super) fn name(self) -> &'a str {
        self.buffers.text(self.terms.name)
    }

    /// The keywords, lowercased, joined by [`KEYWORD_SEPARATOR`].
    pub(super) fn keywords(self) -> &'a str {
        self.buffers.text(self.terms.keywords)
    }

    pub(super) fn full(self) -> &'a str {
        self.buffers.text(self.terms.full)
    }

    pub(super) fn initials(self) -> &'a str {
        self.buffers.text(self.terms.initials)
    }

    pub(super) fn shape(self) -> PathShape {
        self.terms.shape
    }

    pub(super) fn lattice(self) -> Lattice<'a> {
        Lattice::new(self.buffers.lattices.get(self.terms.lattice.range()).unwrap_or_default())
    }
}

/// A range of a buffer, in 32 bits to keep the records small.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn new(start: usize, length: usize) -> Self {
        let offset = |at: usize| u32::try_from(at).expect("the catalogue index holds under 4 GiB of text");
        Self { start: offset(start), end: offset(start + length) }
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}
