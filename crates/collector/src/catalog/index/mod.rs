//! The in-memory search index behind the public service lookup (`GET /api/v1/services`).
//!
//! The collector builds it from the imported items at start and after every import, then
//! answers every search from memory. Everything a search compares is prepared here once:
//! lowercased names and keywords, pinyin keys, and a sketch per distinct name that rules
//! most names out with a single comparison (see `signature.rs`).
//!
//! A query (trimmed, case-insensitive) matches an item when it is
//! - part of the item's name, or of one of its keywords;
//! - the implementation or basic code, or the start of one;
//! - part of the name's full pinyin (`qiyesheli` for 企业设立登记) or of its initials
//!   (`qysl`), in any reading of a polyphonic character.
//!
//! Results come best first: an exact name, pinyin, initials or code; then names that start
//! with the query (in characters, pinyin or initials); then every other match. Within each
//! rank shorter names come first, then lower implementation codes, so the order never
//! depends on the order of the import.

mod buffers;
mod lattice;
mod path_shape;
mod pinyin_keys;
mod query;
mod search;
mod signature;
mod synthetic;
#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap};

use mingjing_domain::catalog::{CatalogItem, CatalogSource, ItemType, Registers, ServiceSummary};

pub use query::{DEFAULT_PER_PAGE, MAX_PER_PAGE, SearchQuery};
pub use synthetic::synthetic_catalog;

use buffers::{Buffers, Codes, KEYWORD_SEPARATOR, Terms};
use signature::Signature;

/// The searchable catalogue. Build a new one after an import; it is never changed in place.
#[derive(Debug, Default)]
pub struct CatalogIndex {
    /// What the search loop reads for each item. Items are in tie-break order (shorter
    /// names, then lower codes), so a search that meets matches in this order needs no
    /// sort; an item's position indexes this and the next two vectors.
    facets: Vec<Facets>,
    codes: Vec<Codes>,
    summaries: Vec<ServiceSummary>,
    /// The text of each distinct name with its keywords. A province's catalogue repeats
    /// the same item in every county, so there are far fewer of these than items, and a
    /// search matches each only once. A term's position indexes the next two vectors.
    terms: Vec<Terms>,
    /// Sketches of each term's name and keywords.
    text_signatures: Vec<Signature>,
    /// Sketches of each term's pinyin keys, in every reading.
    pinyin_signatures: Vec<Signature>,
    buffers: Buffers,
    /// Item positions ordered by implementation code, for lookups and code-prefix searches.
    by_code: Vec<u32>,
    /// Item positions ordered by basic code, for basic-code-prefix searches.
    by_basic_code: Vec<u32>,
    /// Distinct (name, credit code) pairs, sorted.
    departments: Vec<(String, String)>,
    /// For each department, in the order of `departments`, its item positions in code
    /// order: a department's published figures sum its services' counts.
    department_items: Vec<Vec<u32>>,
    /// The intermediary services and certificates the items require (Arts. 35 and 36).
    registers: Registers,
    /// Who published the catalogue, and whether it is demonstration data.
    source: Option<CatalogSource>,
}

/// What the search loop needs of one item besides its codes.
#[derive(Debug, Clone, Copy)]
struct Facets {
    /// The position of the item's name and keywords in `CatalogIndex::terms`.
    terms: u32,
    /// The position of the item's department in the sorted department list.
    department: u32,
    item_type: ItemType,
}

impl CatalogIndex {
    pub fn build(items: &[CatalogItem]) -> CatalogIndex {
        let mut ordered: Vec<&CatalogItem> = items.iter().collect();
        ordered.sort_by_cached_key(|item| (item.name().as_str().chars().count(), item.implementation_code().clone()));
        let departments: Vec<(String, String)> =
            ordered.iter().map(|item| department_of(item)).collect::<BTreeSet<_>>().into_iter().collect();

        let mut index = CatalogIndex { departments, registers: Registers::build(items), ..CatalogIndex::default() };
        let mut known_terms: HashMap<(String, String), u32> = HashMap::new();
        for item in ordered {
            let name = item.name().as_str().to_lowercase();
            let keywords: Vec<String> = item.keywords().iter().map(|keyword| keyword.as_str().to_lowercase()).collect();
            let key = (name, keywords.join(KEYWORD_SEPARATOR));
            let terms = match known_terms.get(&key) {
                Some(&terms) => terms,
                None => {
                    let (terms, text, pinyin) = index.buffers.add_terms(&key.0, &key.1);
                    let position = to_u32(index.terms.len());
                    index.terms.push(terms);
                    index.text_signatures.push(text);
                    index.pinyin_signatures.push(pinyin);
                    known_terms.insert(key, position);
                    position
                }
            };
            let department = index.departments.binary_search(&department_of(item)).unwrap_or_default();
            index.facets.push(Facets { terms, department: to_u32(department), item_type: item.item_type() });
            index.codes.push(index.buffers.add_codes(item));
            index.summaries.push(ServiceSummary::from_item(item));
        }
        index.by_code = index.positions_by(Self::code);
        index.by_basic_code = index.positions_by(Self::basic_code);
        index.department_items = vec![Vec::new(); index.departments.len()];
        for &position in &index.by_code {
            let department = index.facets[position as usize].department as usize;
            index.department_items[department].push(position);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.summaries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.summaries.is_empty()
    }

    /// The departments that implement at least one item, as (name, credit code), sorted
    /// and without repeats, for the lookup's department filter.
    pub fn departments(&self) -> &[(String, String)] {
        &self.departments
    }

    /// The implementation codes of every item of the departments of this name (whatever
    /// their credit codes), sorted.
    pub fn codes_of_department(&self, name: &str) -> Vec<String> {
        let first = self.departments.partition_point(|(n, _)| n.as_str() < name);
        let mut codes: Vec<String> = self.departments[first..]
            .iter()
            .zip(&self.department_items[first..])
            .take_while(|((n, _), _)| n == name)
            .flat_map(|(_, items)| items.iter().map(|&position| self.code(position).to_owned()))
            .collect();
        codes.sort_unstable();
        codes
    }

    /// The same index, labelled with the catalogue's publisher.
    pub fn with_source(self, source: Option<CatalogSource>) -> Self {
        Self { source, ..self }
    }

    pub fn source(&self) -> Option<&CatalogSource> {
        self.source.as_ref()
    }

    /// The intermediary services and certificates that items require.
    pub fn registers(&self) -> &Registers {
        &self.registers
    }

    /// The item with this implementation code.
    pub fn get(&self, implementation_code: &str) -> Option<&ServiceSummary> {
        let at = self.by_code.binary_search_by(|&position| self.code(position).cmp(implementation_code)).ok()?;
        let position = *self.by_code.get(at)?;
        self.summaries.get(position as usize)
    }

    fn code(&self, position: u32) -> &str {
        self.codes.get(position as usize).map_or("", |codes| self.buffers.code(codes))
    }

    fn basic_code(&self, position: u32) -> &str {
        self.codes.get(position as usize).map_or("", |codes| self.buffers.basic_code(codes))
    }

    fn positions_by(&self, key: impl Fn(&Self, u32) -> &str) -> Vec<u32> {
        let mut positions: Vec<u32> = (0..).zip(&self.codes).map(|(position, _)| position).collect();
        positions.sort_by(|&a, &b| key(self, a).cmp(key(self, b)).then(a.cmp(&b)));
        positions
    }
}

fn department_of(item: &CatalogItem) -> (String, String) {
    let department = item.department();
    (department.name().as_str().to_owned(), department.credit_code().as_str().to_owned())
}

/// Positions are 32-bit to keep the per-item records small; no catalogue comes near 4 billion.
fn to_u32(position: usize) -> u32 {
    u32::try_from(position).expect("the catalogue index holds under 4 billion items")
}
