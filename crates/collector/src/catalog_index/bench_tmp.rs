use std::time::Instant;

use super::pinyin_keys::PinyinKeys;
use super::{CatalogIndex, SearchQuery, synthetic_catalog};

#[test]
#[ignore]
fn bench_tmp() {
    let started = Instant::now();
    let mut items = synthetic_catalog(100_000);
    if let Ok(groups) = std::env::var("DISTINCT") {
        let groups: usize = groups.parse().unwrap();
        // Worst case: every name distinct, so no match is shared.
        let places = ["五华", "盘龙", "官渡", "西山", "呈贡", "晋宁", "安宁", "宜良", "嵩明", "富民"];
        items = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mut value = serde_json::to_value(item).unwrap();
                let district = i / 496 % groups;
                let name = format!("{}（{}{}号）", item.name(), places[district % 10], district / 10);
                value["name"] = serde_json::Value::from(name);
                mingjing_domain::catalog::CatalogItem::from_value(&value).unwrap()
            })
            .collect();
    }
    let generated = started.elapsed();
    let started = Instant::now();
    let index = CatalogIndex::build(&items);
    let built = started.elapsed();
    println!("generate {generated:?} build {built:?}");
    let mut seed: u64 = 0x1234_5678;
    let mut next = |bound: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % bound
    };
    let mut queries = Vec::new();
    let kinds = ["zh-sub", "zh-full", "py", "initials", "code", "basic", "empty", "keyword", "zh-1", "py-short"];
    for i in 0..1000 {
        let item = &items[next(items.len())];
        let name: Vec<char> = item.name().as_str().chars().collect();
        let keys = PinyinKeys::of(item.name().as_str());
        let kind = kinds[i % kinds.len()];
        let q = match kind {
            "zh-sub" => {
                let len = 2 + next(3);
                let start = next(name.len().saturating_sub(len).max(1));
                name[start..(start + len).min(name.len())].iter().collect()
            }
            "zh-full" => item.name().as_str().to_owned(),
            "zh-1" => name[next(name.len())].to_string(),
            "py" => {
                let len = 4 + next(9);
                let start = next(keys.full.len().saturating_sub(len).max(1));
                keys.full.get(start..(start + len).min(keys.full.len())).unwrap_or("").to_owned()
            }
            "py-short" => keys.full.get(..2).unwrap_or("").to_owned(),
            "initials" => {
                let len = 2 + next(4);
                keys.initials.chars().take(len).collect()
            }
            "code" => item.implementation_code().as_str()[..10 + next(22)].to_owned(),
            "basic" => item.basic_code().as_str()[..6 + next(7)].to_owned(),
            "empty" => String::new(),
            _ => item.keywords().first().map(|k| k.as_str().to_owned()).unwrap_or_default(),
        };
        let mut query = SearchQuery { q: Some(q), page: 1 + next(3) as u32, per_page: 20, ..SearchQuery::default() };
        if next(5) == 0 {
            query.item_type = Some(item.item_type().code().to_owned());
        }
        if next(5) == 0 {
            query.dept = Some(item.department().name().as_str().to_owned());
        }
        queries.push((kind, query));
    }
    // Warm up.
    for _ in 0..8 {
        for (_, query) in &queries {
            std::hint::black_box(index.search(query));
        }
    }
    let mut times = Vec::new();
    let mut per_kind: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let mut totals = 0u64;
    for (kind, query) in &queries {
        let started = Instant::now();
        let page = std::hint::black_box(index.search(query));
        let micros = started.elapsed().as_secs_f64() * 1e6;
        totals += u64::from(page.total);
        times.push(micros);
        per_kind.entry(kind).or_default().push(micros);
    }
    let pct = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    };
    println!(
        "all: p50 {:.0}us p99 {:.0}us max {:.0}us mean total {}",
        pct(&mut times, 0.5),
        pct(&mut times, 0.99),
        pct(&mut times, 1.0),
        totals / 1000
    );
    for (kind, mut v) in per_kind {
        println!(
            "{kind:10} p50 {:.0}us p99 {:.0}us max {:.0}us",
            pct(&mut v, 0.5),
            pct(&mut v, 0.99),
            pct(&mut v, 1.0)
        );
    }
}

#[test]
#[ignore]
fn bench_tmp_candidates() {
    let items = synthetic_catalog(100_000);
    let index = CatalogIndex::build(&items);
    for q in [
        "qi", "sh", "qiye", "qysl", "dengji", "xuke", "xk", "zheng", "hefa", "zh", "jianshe", "jsgc", "许", "证",
        "登记",
    ] {
        let needles = super::query::Needles::new(Some(q)).unwrap();
        let text = index.text_signatures.iter().filter(|s| s.covers(&needles.text_signature)).count();
        let pinyin = if needles.pinyin.is_empty() {
            0
        } else {
            index.pinyin_signatures.iter().filter(|s| s.covers(&needles.pinyin_signature)).count()
        };
        let total = index.search(&SearchQuery::text(q)).total;
        let lattices = index.terms.len();
        println!("{q:8} text-candidates {text:6} pinyin-candidates {pinyin:6} matches {total:6} lattices {lattices}");
    }
}
