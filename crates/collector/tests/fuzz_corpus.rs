//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) through the fuzz targets' entry
//! points, so every input a fuzzer kept, and every crash once fixed, stays a test.

fn replay(target: &str, entry: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no corpus in {}", dir.display());
    for input in inputs {
        let data = std::fs::read(&input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        entry(&data);
    }
}

#[test]
fn review_token_corpus() {
    replay("review_token", mingjing_collector::fuzzing::review_token);
}

#[test]
fn catalogue_corpus() {
    replay("catalogue", mingjing_collector::fuzzing::catalogue);
}

#[test]
fn request_body_corpus() {
    replay("request_body", mingjing_collector::fuzzing::request_body);
}
