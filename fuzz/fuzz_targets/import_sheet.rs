//! Fuzz target: any bytes read as a CSV file and as a workbook (xlsx, xls, ods) either fail
//! with an error or give a plan that saves and loads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stackplan::import::{Format, ImportOptions, import_bytes};
use stackplan::io::{load_str, to_ron};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Csv, Format::Workbook] {
        let Ok(imported) = import_bytes(format, data, "fuzz", &ImportOptions::default()) else {
            continue;
        };
        let text = to_ron(&imported.plan);
        match load_str(&text) {
            Ok(back) => assert_eq!(back, imported.plan, "the imported plan loads differently"),
            Err(e) => panic!("the imported plan does not load: {e}\n{text}"),
        }
    }
});
