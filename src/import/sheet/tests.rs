//! Tests of the spreadsheet import, on grids and files made in the tests.

use super::rows::link_code;
use super::*;
use crate::import::draft::{self, Lag, LagUnit, LinkKind};

#[test]
fn headers_in_four_languages_are_recognised() {
    let cases = [
        ("Project name", Column::Title),
        ("Project manager", Column::Owner),
        ("Budget (EUR)", Column::Budget),
        ("budget_EUR", Column::Budget),
        ("Coût (€)", Column::Budget),
        ("Date de début", Column::Start),
        ("Enddatum", Column::End),
        ("Fecha de fin", Column::End),
        ("Depends on", Column::After),
        ("Vorgänger", Column::After),
        ("Workstream", Column::Layer),
        ("Ref.", Column::Id),
    ];
    for (header, column) in cases {
        assert_eq!(recognise(header), Some(column), "{header}");
    }
    for other in ["Total", "Notes", "Months"] {
        assert_ne!(recognise(other), Some(Column::Title), "{other}");
    }
}

#[test]
fn amounts_in_the_usual_formats() {
    assert_eq!(amount("€1,234.50"), Some(1234.5));
    assert_eq!(amount("1.234,50 €"), Some(1234.5));
    assert_eq!(amount("1 234 567"), Some(1_234_567.0));
    assert_eq!(amount("CHF 3'000"), Some(3000.0));
    assert_eq!(amount("(2,000)"), Some(-2000.0));
    assert_eq!(amount("2.5M"), Some(2_500_000.0));
    assert_eq!(amount("12,5"), Some(12.5));
    assert_eq!(amount("450000000"), Some(450_000_000.0));
    assert_eq!(amount("to be decided"), None);
    assert_eq!(amount("n/a"), None);
}

#[test]
fn predecessor_codes_carry_type_and_lag() {
    assert_eq!(
        link_code("12FS+3 days"),
        ("12".into(), LinkKind::FinishStart, Lag::days(3.0))
    );
    assert_eq!(
        link_code("Design SS-2d"),
        ("Design".into(), LinkKind::StartStart, Lag::days(-2.0))
    );
    assert_eq!(
        link_code("7FF"),
        ("7".into(), LinkKind::FinishFinish, Lag::default())
    );
    assert_eq!(
        link_code("cluster-1"),
        ("cluster-1".into(), LinkKind::FinishStart, Lag::default())
    );
    assert_eq!(
        link_code("Staff"),
        ("Staff".into(), LinkKind::FinishStart, Lag::default())
    );
}

#[test]
fn lags_keep_the_unit_they_are_written_in() {
    let lag = |amount, unit, elapsed| Lag {
        amount,
        unit,
        elapsed,
    };
    assert_eq!(link_code("4FS+50%").2, lag(50.0, LagUnit::Percent, false));
    assert_eq!(link_code("4SS-25e%").2, lag(-25.0, LagUnit::Percent, true));
    assert_eq!(link_code("4FS+2w").2, lag(2.0, LagUnit::Weeks, false));
    assert_eq!(link_code("4FS+3ed").2, lag(3.0, LagUnit::Days, true));
    assert_eq!(link_code("4FS+1 mo").2, lag(1.0, LagUnit::Months, false));
    assert_eq!(
        link_code("4FS+50%").2.describe().as_deref(),
        Some("a lag of 50% of the predecessor's duration")
    );
    assert_eq!(
        link_code("4SS-25e%").2.describe().as_deref(),
        Some("a lead of 25% of the predecessor's elapsed duration")
    );
    assert_eq!(
        link_code("4FS+3ed").2.describe().as_deref(),
        Some("a lag of 3 elapsed days")
    );
    assert_eq!(link_code("4FS").2.describe(), None);
}

#[test]
fn ligatures_whose_capitals_are_longer_never_split_a_character() {
    // "ﬀ" (3 bytes) upper-cases to "FF" (2 bytes): offsets found in an upper-cased copy
    // would fall inside it.
    assert_eq!(
        link_code("ﬀ FS+2d"),
        ("ﬀ".into(), LinkKind::FinishStart, Lag::days(2.0))
    );
    assert_eq!(link_code("ﬀﬀ").0, "ﬀﬀ");
}

#[test]
fn the_header_is_found_below_a_title_and_a_blank_row() {
    let text = |s: &str| Cell::Text(s.into());
    let grid = Grid {
        sheet: "Plan".into(),
        first_row: 1,
        rows: vec![
            vec![text("National AI programme 2026")],
            vec![],
            vec![
                text("Ref"),
                text("Project"),
                text("Start"),
                text("End"),
                text("Cost (€)"),
            ],
            vec![
                text("A1"),
                text("Cluster"),
                text("01/03/2026"),
                text("31/12/2027"),
                text("€ 1,500,000"),
            ],
            vec![
                Cell::Empty,
                text("Total"),
                Cell::Empty,
                Cell::Empty,
                Cell::Number(1_500_000.0),
            ],
        ],
    };
    let header = find_header(&grid, &ColumnMapping::default()).unwrap();
    assert_eq!(header.row, 2);
    let mut report = ImportReport::default();
    let draft = draft_of(&grid, &header, &mut report);
    assert_eq!(draft.currency.as_deref(), Some("EUR"));
    assert_eq!(draft.tasks.len(), 2);
    assert_eq!(draft.tasks[0].reference.as_deref(), Some("A1"));
    assert_eq!(draft.tasks[0].cost, Some(1_500_000.0));
    let plan = draft::build(draft, &mut report);
    assert_eq!(plan.investments.len(), 1);
    assert!(
        report.skipped.iter().any(|s| s.contains("row 5 \"Total\"")),
        "{report}"
    );
}

#[test]
fn a_chosen_column_overrides_the_recognised_one() {
    let text = |s: &str| Cell::Text(s.into());
    let row = vec![text("Name"), text("Start"), text("Programme")];
    let mut mapping = ColumnMapping::default();
    mapping.set(Column::Layer, "Programme");
    let header = header_of(0, &row, &mapping);
    assert_eq!(header.index(Column::Layer), Some(2));
    mapping.set(Column::Start, "");
    assert_eq!(header_of(0, &row, &mapping).index(Column::Start), None);
}
