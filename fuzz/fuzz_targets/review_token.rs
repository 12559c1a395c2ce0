#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mingjing_collector::fuzzing::review_token(data));
