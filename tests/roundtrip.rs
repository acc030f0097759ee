//! Property tests: every valid plan survives save → load unchanged, and loading never panics,
//! whatever the bytes.

use proptest::prelude::*;
use stackplan::io::{load_bytes, load_str, to_ron};
use stackplan::model::{
    Assessment, Colour, Confidence, ControlLevel, Dependency, Evidence, FORMAT, Horizon,
    Investment, Layer, Milestone, Month, Roadmap, Shared, Stop, StopView,
};

/// Text that stresses the writer: any character, with quotes, backslashes, line ends, control
/// characters and invisible formatting characters much more likely than by chance.
fn text() -> impl Strategy<Value = String> {
    let tricky = prop_oneof![
        Just('"'),
        Just('\\'),
        Just('\n'),
        Just('\r'),
        Just('\t'),
        Just('\u{0}'),
        Just('\u{1b}'),
        Just('\u{7f}'),
        Just('\u{85}'),
        Just('\u{feff}'),
        Just('\u{2028}'),
        Just('\u{202e}'),
        Just('{'),
        Just('}'),
        Just('('),
        Just(')'),
        Just('/'),
        Just('*'),
        Just('#'),
        Just('r'),
    ];
    let c = prop_oneof![3 => any::<char>(), 2 => tricky, 2 => proptest::char::range('a', 'z')];
    proptest::collection::vec(c, 0..24).prop_map(|cs| cs.into_iter().collect())
}

fn month() -> impl Strategy<Value = Month> {
    (1i32..=9999, 1u32..=12).prop_map(|(y, m)| Month::new(y, m).unwrap())
}

fn ids() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(text(), 0..4)
}

fn control() -> impl Strategy<Value = ControlLevel> {
    proptest::sample::select(ControlLevel::ALL.to_vec())
}

fn layer() -> impl Strategy<Value = Layer> {
    (text(), text(), any::<(u8, u8, u8)>(), text()).prop_map(
        |(id, name, (r, g, b), description)| Layer {
            id,
            name,
            colour: Colour::rgb(r, g, b),
            description,
        },
    )
}

fn confidence() -> impl Strategy<Value = Confidence> {
    proptest::sample::select(Confidence::ALL.to_vec())
}

fn evidence() -> impl Strategy<Value = Vec<Evidence>> {
    let one =
        (text(), month(), confidence(), text()).prop_map(|(source, date, confidence, note)| {
            Evidence {
                source,
                date,
                confidence,
                note,
            }
        });
    proptest::collection::vec(one, 0..3)
}

fn assessment() -> impl Strategy<Value = Vec<Assessment>> {
    let one =
        (text(), any::<u8>(), evidence()).prop_map(|(objective, level, evidence)| Assessment {
            objective,
            level,
            evidence,
        });
    proptest::collection::vec(one, 0..3)
}

fn dependency() -> impl Strategy<Value = Dependency> {
    (
        (text(), text(), text(), text(), text()),
        control(),
        any::<u8>(),
        text(),
        evidence(),
        assessment(),
    )
        .prop_map(
            |(
                (id, name, layer, controller, jurisdiction),
                control,
                criticality,
                notes,
                evidence,
                assessment,
            )| Dependency {
                id,
                name,
                layer,
                controller,
                jurisdiction,
                control,
                criticality,
                notes,
                evidence,
                assessment,
            },
        )
}

fn investment() -> impl Strategy<Value = Investment> {
    let budget = prop_oneof![any::<u64>(), Just(0), Just(u64::MAX)];
    (
        text(),
        text(),
        text(),
        month(),
        month(),
        budget,
        text(),
        text(),
        ids(),
    )
        .prop_map(
            |(id, title, layer, start, end, budget, owner, notes, after)| Investment {
                id,
                title,
                layer,
                start,
                end,
                budget,
                owner,
                notes,
                after,
            },
        )
}

fn milestone() -> impl Strategy<Value = Milestone> {
    (
        (text(), text(), month(), text()),
        (ids(), ids(), ids()),
        text(),
        evidence(),
    )
        .prop_map(
            |((id, title, month, layer), (needs, removes, introduces), notes, evidence)| {
                Milestone {
                    id,
                    title,
                    month,
                    layer,
                    needs,
                    removes,
                    introduces,
                    notes,
                    evidence,
                }
            },
        )
}

fn stop() -> impl Strategy<Value = Stop> {
    (
        text(),
        month(),
        month(),
        ids(),
        proptest::option::of(text()),
        text(),
        proptest::bool::ANY,
    )
        .prop_map(
            |(title, from, to, layers, focus, notes, sovereignty)| Stop {
                title,
                from,
                to,
                layers,
                focus,
                notes,
                view: if sovereignty {
                    StopView::Sovereignty
                } else {
                    StopView::Chart
                },
            },
        )
}

/// Any plan the model can hold; references need not resolve (that is a check, not a load error).
fn roadmap() -> impl Strategy<Value = Roadmap> {
    use proptest::collection::vec;
    let header = (text(), text(), text(), text(), month(), month());
    let items = (
        vec(layer(), 0..4),
        vec(dependency(), 0..4),
        vec(investment(), 0..5),
        vec(milestone(), 0..4),
        vec(stop(), 0..3),
    );
    (header, items).prop_map(
        |(
            (title, owner, notes, currency, start, end),
            (layers, dependencies, investments, milestones, stops),
        )| {
            Roadmap {
                format: FORMAT,
                title,
                owner,
                notes,
                currency,
                horizon: Horizon { start, end },
                layers,
                dependencies: Shared::all(dependencies),
                investments: Shared::all(investments),
                milestones: Shared::all(milestones),
                stops,
                conflicts: Vec::new(),
            }
        },
    )
}

/// The example plans and a few broken ones: starting points for mutations.
fn seed_files() -> &'static [Vec<u8>] {
    static SEEDS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(read_seed_files)
}

fn read_seed_files() -> Vec<Vec<u8>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    ["roadmaps", "tests/broken"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

/// One change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    /// Flip bits of the byte at a position (taken modulo the length).
    Flip(usize, u8),
    /// Cut the file at a position.
    Truncate(usize),
    /// Insert bytes at a position.
    Insert(usize, Vec<u8>),
    /// Remove a run of bytes.
    Delete(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragments = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..8),
        proptest::sample::select(vec![
            b"(".to_vec(),
            b"[".to_vec(),
            b")".to_vec(),
            b"\"".to_vec(),
            b"\\".to_vec(),
            b",".to_vec(),
            b"\\u{".to_vec(),
            b"99999999999999999999999".to_vec(),
            b"-1".to_vec(),
            b"Some(".to_vec(),
            b"r#\"".to_vec(),
            b"/*".to_vec(),
            b"//".to_vec(),
            b"\xEF\xBB\xBF".to_vec(),
            b"\r\n".to_vec(),
            "é路".as_bytes().to_vec(),
        ]),
    ];
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), fragments).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
    match m {
        Mutation::Flip(i, x) => {
            if !bytes.is_empty() {
                let i = i % bytes.len();
                bytes[i] ^= x;
            }
        }
        Mutation::Truncate(i) => bytes.truncate(at(*i, bytes.len())),
        Mutation::Insert(i, b) => {
            let i = at(*i, bytes.len());
            bytes.splice(i..i, b.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let i = at(*i, bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
    }
}

/// Whatever loads must also save and load back to the same plan.
fn assert_stable_if_loaded(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(plan) = load_bytes(bytes) {
        let text = to_ron(&plan);
        let back = load_str(&text);
        prop_assert!(back.is_ok(), "saved text does not load: {:?}", back.err());
        prop_assert_eq!(back.ok(), Some(plan));
    }
    Ok(())
}

/// 512 cases per property; set `PROPTEST_CASES` for a longer run.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    ProptestConfig::with_cases(cases.unwrap_or(512))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_plan_round_trips_exactly(plan in roadmap()) {
        let text = to_ron(&plan);
        let back = load_str(&text);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.as_ref().err(), text);
        let back = back.unwrap();
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(to_ron(&back), text);
    }

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        assert_stable_if_loaded(&bytes)?;
    }

    #[test]
    fn loading_mutated_files_never_panics(
        pick in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = pick.get(seed_files()).clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        assert_stable_if_loaded(&bytes)?;
    }
}

/// A plan with one stop of each view, as a person might write it.
const STOPS: &str = r##"Roadmap(
    format: 2,
    title: "Stops",
    horizon: (start: "2026-01", end: "2030-12"),
    layers: [Layer(id: "compute", name: "Compute", colour: "#3B82F6")],
    stops: [
        Stop(title: "Old chart stop", from: "2026-01", to: "2027-12"),
        Stop(title: "Who holds the keys", from: "2026-01", to: "2030-12",
            layers: ["compute"], notes: "Say it slowly.", view: Sovereignty),
    ],
)"##;

#[test]
fn a_sovereignty_stop_is_saved_and_loaded_and_older_stops_stay_charts() {
    let plan = load_str(STOPS).unwrap();
    let views: Vec<StopView> = plan.stops.iter().map(|s| s.view).collect();
    assert_eq!(views, [StopView::Chart, StopView::Sovereignty]);
    let text = to_ron(&plan);
    assert_eq!(
        text.matches("view: Sovereignty").count(),
        1,
        "only the sovereignty stop names its view:\n{text}"
    );
    assert!(!text.contains("view: Chart"), "{text}");
    let back = load_str(&text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(to_ron(&back), text);
    assert_eq!(back.stops[1].layers, ["compute"]);
    assert_eq!(back.stops[1].notes, "Say it slowly.");
    let odd = STOPS.replace("view: Sovereignty", "view: Heatmap");
    let err = load_str(&odd).unwrap_err().to_string();
    assert!(err.contains("Heatmap"), "{err}");
}
