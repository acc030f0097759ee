//! Fuzz target: any bytes either fail to load with an error or load into a plan that saves
//! and loads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stackplan::io::{load_bytes, load_str, to_ron};

fuzz_target!(|data: &[u8]| {
    let Ok(plan) = load_bytes(data) else {
        return;
    };
    let text = to_ron(&plan);
    match load_str(&text) {
        Ok(back) => assert_eq!(back, plan, "the saved plan loads differently"),
        Err(e) => panic!("the saved plan does not load: {e}\n{text}"),
    }
});
