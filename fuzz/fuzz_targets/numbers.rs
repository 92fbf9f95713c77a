#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zhnews_fuzz::numbers(data));
