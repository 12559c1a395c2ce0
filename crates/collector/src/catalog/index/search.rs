//! Answering a search: rank each distinct name once, then make one pass over the items in
//! tie-break order, dropping each match into its rank's list, so the results come out
//! sorted without sorting.

use mingjing_domain::catalog::{ItemType, SearchPage};

use super::buffers::TermView;
use super::lattice::Spelling;
use super::query::{MAX_PER_PAGE, Needles, SearchQuery, given};
use super::signature::Signature;
use super::{CatalogIndex, Facets};

/// How well an item matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    /// The whole name, its whole pinyin or initials, or a whole code.
    Exact,
    /// The start of the name, its pinyin or its initials.
    Prefix,
    /// Anywhere else: inside the name, pinyin or initials, a keyword, or the start of a code.
    Other,
    /// No match.
    Miss,
}

impl CatalogIndex {
    pub fn search(&self, query: &SearchQuery) -> SearchPage {
        let per_page = query.per_page.clamp(1, MAX_PER_PAGE);
        let page = query.page.max(1);
        let Some(filter) = self.filter(query) else {
            return SearchPage { total: 0, page, per_page, items: Vec::new(), source: self.source.clone() };
        };
        let needles = Needles::new(query.q.as_deref());
        let code_hits = needles.as_ref().and_then(|needles| self.code_hits(needles));
        let term_ranks: Option<Vec<Rank>> = needles
            .as_ref()
            .map(|needles| (0..).zip(&self.terms).map(|(terms, _)| self.term_rank(terms, needles)).collect());

        // An item at place k of its rank's list is at least at place k overall, so no list
        // needs more than the items up to the end of the requested page.
        let skip = (page as usize - 1).saturating_mul(per_page as usize);
        let wanted = skip.saturating_add(per_page as usize);
        let mut ranked: [Vec<u32>; 3] = Default::default();
        let mut total: u32 = 0;
        for (position, facets) in (0..).zip(&self.facets) {
            if !filter.admits(facets) {
                continue;
            }
            let mut rank = match &term_ranks {
                None => Rank::Other,
                Some(ranks) => ranks.get(facets.terms as usize).copied().unwrap_or(Rank::Miss),
            };
            if rank > Rank::Exact
                && let Some(needles) = &needles
                && code_hits.as_ref().is_some_and(|hits| hits.contains(position))
            {
                rank = rank.min(self.code_rank(position, needles));
            }
            // A miss has no list.
            let Some(list) = ranked.get_mut(rank as usize) else { continue };
            total += 1;
            if list.len() < wanted {
                list.push(position);
            }
        }
        let items = ranked
            .iter()
            .flatten()
            .skip(skip)
            .take(per_page as usize)
            .filter_map(|&position| self.summaries.get(position as usize))
            .cloned()
            .collect();
        SearchPage { total, page, per_page, items, source: self.source.clone() }
    }

    /// The filters of `query`, or `None` when they rule out every item (an unknown type or
    /// department).
    fn filter(&self, query: &SearchQuery) -> Option<Filter> {
        let item_type = match given(query.item_type.as_deref()) {
            None => None,
            Some(code) => Some(*ItemType::ALL.iter().find(|item_type| item_type.code().eq_ignore_ascii_case(code))?),
        };
        let departments = match given(query.dept.as_deref()) {
            None => None,
            Some(dept) => {
                let matching = (0..)
                    .zip(&self.departments)
                    .filter(|(_, (name, credit_code))| name == dept || credit_code.eq_ignore_ascii_case(dept));
                let positions: Vec<u32> = matching.map(|(position, _)| position).collect();
                if positions.is_empty() {
                    return None;
                }
                Some(positions)
            }
        };
        Some(Filter { item_type, departments })
    }

    /// The items whose implementation or basic code starts with the query, found by
    /// binary search; `None` when there are none, which is the usual case.
    fn code_hits(&self, needles: &Needles) -> Option<PositionSet> {
        let prefix = needles.code.as_deref()?;
        let by_code = starting_with(&self.by_code, prefix, |position| self.code(position));
        let by_basic_code = starting_with(&self.by_basic_code, prefix, |position| self.basic_code(position));
        if by_code.is_empty() && by_basic_code.is_empty() {
            return None;
        }
        let mut hits = PositionSet::new(self.summaries.len());
        by_code.iter().chain(by_basic_code).for_each(|&position| hits.insert(position));
        Some(hits)
    }

    /// How well the name and keywords at `terms` match. The sketches decide most names;
    /// the text is read only for the rest, cheapest checks first.
    fn term_rank(&self, terms: u32, needles: &Needles) -> Rank {
        let at = terms as usize;
        let covers = |signatures: &[Signature], wanted| signatures.get(at).is_some_and(|s| s.covers(wanted));
        let text = covers(&self.text_signatures, &needles.text_signature);
        let pinyin = !needles.pinyin.is_empty() && covers(&self.pinyin_signatures, &needles.pinyin_signature);
        if !(text || pinyin) {
            return Rank::Miss;
        }
        let Some(terms) = self.terms.get(at).map(|terms| self.buffers.terms(terms)) else { return Rank::Miss };
        let rank = if text { text_rank(terms, &needles.text) } else { Rank::Miss };
        if pinyin && rank > Rank::Exact { pinyin_rank(terms, &needles.pinyin, rank) } else { rank }
    }

    /// How well the item's codes match, for an item whose code starts with the query.
    fn code_rank(&self, position: u32, needles: &Needles) -> Rank {
        let code = needles.code.as_deref().unwrap_or_default();
        let exact = self.code(position) == code || self.basic_code(position) == code;
        if exact { Rank::Exact } else { Rank::Other }
    }
}

fn text_rank(terms: TermView<'_>, query: &str) -> Rank {
    let name = terms.name();
    if name == query {
        Rank::Exact
    } else if name.as_bytes().first() == query.as_bytes().first() && name.starts_with(query) {
        Rank::Prefix
    } else if contains(name, query) || contains(terms.keywords(), query) {
        Rank::Other
    } else {
        Rank::Miss
    }
}

/// The better of `known` and the pinyin keys' rank. A rank is tried only when it would
/// improve on `known` and the shape of the name's spellings allows it, and the default
/// readings are tried before every reading is walked.
fn pinyin_rank(terms: TermView<'_>, needle: &str, known: Rank) -> Rank {
    let (full, initials, lattice, shape) = (terms.full(), terms.initials(), terms.lattice(), terms.shape());
    let bytes = needle.as_bytes();
    // Every path spells initials of the same length, one per character.
    let (initials_whole, initials_fit) = (bytes.len() == initials.len(), bytes.len() <= initials.len());
    let walk = |walk: &dyn Fn(Spelling) -> bool, initials_fit: bool| {
        !lattice.is_empty() && (walk(Spelling::Full) || (initials_fit && walk(Spelling::Initials)))
    };
    let exact = (shape.may_spell(bytes.len()) || initials_whole)
        && (full == needle || initials == needle || walk(&|spelling| lattice.spells(bytes, spelling), initials_whole));
    if exact {
        return Rank::Exact;
    }
    if known <= Rank::Prefix {
        return known;
    }
    let prefix = bytes.first().is_some_and(|&first| shape.may_start_with(first))
        && (full.starts_with(needle)
            || initials.starts_with(needle)
            || walk(&|spelling| lattice.starts_with(bytes, spelling), initials_fit));
    if prefix {
        return Rank::Prefix;
    }
    if known == Rank::Other
        || contains(full, needle)
        || contains(initials, needle)
        || walk(&|spelling| lattice.contains(bytes, spelling), initials_fit)
    {
        Rank::Other
    } else {
        Rank::Miss
    }
}

/// Whether `needle` occurs in `haystack`. Names and keys are short, and for them a plain
/// scan that checks a candidate's first and last bytes before the rest beats the standard
/// library's search, which prepares the needle anew on every call.
fn contains(haystack: &str, needle: &str) -> bool {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let (Some(&first), Some(&last)) = (needle.first(), needle.last()) else { return true };
    let Some(starts) = haystack.len().checked_sub(needle.len()) else { return false };
    let end = needle.len() - 1;
    (0..=starts)
        .any(|at| haystack[at] == first && haystack[at + end] == last && haystack.get(at..=at + end) == Some(needle))
}

/// The run of `sorted` (positions ordered by `code`) whose codes start with `prefix`.
fn starting_with<'a>(sorted: &'a [u32], prefix: &str, code: impl Fn(u32) -> &'a str) -> &'a [u32] {
    let start = sorted.partition_point(|&position| code(position) < prefix);
    let rest = sorted.get(start..).unwrap_or_default();
    let length = rest.partition_point(|&position| code(position).starts_with(prefix));
    rest.get(..length).unwrap_or_default()
}

/// The filters of one search.
#[derive(Debug)]
struct Filter {
    item_type: Option<ItemType>,
    /// Positions in the department list; usually one, more when a name has several codes.
    departments: Option<Vec<u32>>,
}

impl Filter {
    fn admits(&self, facets: &Facets) -> bool {
        self.item_type.is_none_or(|item_type| facets.item_type == item_type)
            && self.departments.as_ref().is_none_or(|departments| departments.contains(&facets.department))
    }
}

/// A set of item positions, one bit each.
#[derive(Debug)]
struct PositionSet(Vec<u64>);

impl PositionSet {
    fn new(capacity: usize) -> Self {
        Self(vec![0; capacity.div_ceil(64)])
    }

    fn insert(&mut self, position: u32) {
        if let Some(word) = self.0.get_mut(position as usize / 64) {
            *word |= 1 << (position % 64);
        }
    }

    fn contains(&self, position: u32) -> bool {
        self.0.get(position as usize / 64).is_some_and(|word| word & (1 << (position % 64)) != 0)
    }
}
