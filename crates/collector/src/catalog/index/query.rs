//! What a search asks for, and the query text prepared once for comparing with every item.

use super::pinyin_keys::pinyin_needle;
use super::signature::Signature;

/// The most results one page may hold; larger requests get this many.
pub const MAX_PER_PAGE: u32 = 50;

/// The page size when the caller does not choose one.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// One search of the catalogue, as `GET /api/v1/services?q=&dept=&type=&page=` asks it.
///
/// Blank strings count as absent. The index clamps `per_page` to 1..=[`MAX_PER_PAGE`] and
/// treats page 0 as page 1, so any value is safe to pass on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words to find: Chinese, pinyin, pinyin initials or a code. Absent lists every item.
    pub q: Option<String>,
    /// A department's exact name or its credit code.
    pub dept: Option<String>,
    /// A two-letter type code such as `XK`, in either case.
    pub item_type: Option<String>,
    /// The page wanted, counting from 1.
    pub page: u32,
    pub per_page: u32,
}

impl SearchQuery {
    /// The first page of results for `q`, with no filters.
    pub fn text(q: &str) -> Self {
        Self { q: Some(q.to_owned()), ..Self::default() }
    }
}

impl Default for SearchQuery {
    fn default() -> Self {
        Self { q: None, dept: None, item_type: None, page: 1, per_page: DEFAULT_PER_PAGE }
    }
}

/// The query text in the forms the item keys are stored in.
#[derive(Debug)]
pub(super) struct Needles {
    /// Trimmed and lowercased, for names and keywords.
    pub(super) text: String,
    /// Without spaces or apostrophes, ü as v, for the pinyin keys; empty when nothing is left.
    pub(super) pinyin: String,
    /// Uppercased, when the query could be the start of a code: only ASCII letters and
    /// digits, no longer than an implementation code.
    pub(super) code: Option<String>,
    pub(super) text_signature: Signature,
    pub(super) pinyin_signature: Signature,
}

impl Needles {
    /// `None` when there is nothing to look for, which lists everything.
    pub(super) fn new(q: Option<&str>) -> Option<Self> {
        let visible: String = q?.chars().filter(|ch| !ch.is_control()).collect();
        let text = visible.trim().to_lowercase();
        if text.is_empty() {
            return None;
        }
        let pinyin = pinyin_needle(&text);
        let code_like = text.len() <= 31 && text.bytes().all(|byte| byte.is_ascii_alphanumeric());
        let code = code_like.then(|| text.to_ascii_uppercase());
        let text_signature = Signature::of(&text);
        let pinyin_signature = Signature::of(&pinyin);
        Some(Self { text, pinyin, code, text_signature, pinyin_signature })
    }
}

/// A present, non-blank filter value, trimmed.
pub(super) fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_queries_list_everything() {
        assert!(Needles::new(None).is_none());
        assert!(Needles::new(Some("  \t ")).is_none());
    }

    #[test]
    fn a_query_is_trimmed_and_lowercased_for_each_key() {
        let needles = Needles::new(Some("  Qi Ye'She ")).unwrap();
        assert_eq!(needles.text, "qi ye'she");
        assert_eq!(needles.pinyin, "qiyeshe");
        assert_eq!(needles.code, None);
        let code = Needles::new(Some("0010300")).unwrap();
        assert_eq!(code.code.as_deref(), Some("0010300"));
        assert_eq!(Needles::new(Some("qysl")).unwrap().code.as_deref(), Some("QYSL"));
    }
}
