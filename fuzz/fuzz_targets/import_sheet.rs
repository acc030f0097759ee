//! Fuzz target: any bytes read as a CSV file and as a workbook (xlsx, xls, ods) either fail
//! with an error or give a plan that saves and loads back unchanged.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use stackplan::import::{Format, ImportOptions, import_bytes};
use stackplan::io::{load_str, to_ron};

static CAUGHT_PANICS_ARE_ERRORS: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // calamine panics on some damaged workbooks; the importer catches that and reports the
    // file as damaged (`import::sheet::files::workbook_grids`). libfuzzer-sys's panic hook aborts even
    // on a caught panic, so it is replaced by a silent one: a panic that escapes the importer
    // still reaches libfuzzer-sys's own `catch_unwind`, which aborts, and counts as a crash.
    CAUGHT_PANICS_ARE_ERRORS.call_once(|| std::panic::set_hook(Box::new(|_| {})));
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
