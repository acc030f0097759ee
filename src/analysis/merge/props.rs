//! Properties of the merge on random plans and random edits: edits that do not overlap merge
//! into exactly the plan both edit sets make; overlapping edits of one field conflict; the
//! merged plan always saves and loads back.

use proptest::prelude::*;

use super::*;
use crate::generate::large_plan;
use crate::io::{load_str, to_ron};
use crate::model::{Colour, Investment, Milestone, Stop};

/// What one edit does.
#[derive(Debug, Clone, Copy)]
enum Op {
    AddInvestment,
    AddMilestone,
    DeleteInvestment,
    DeleteMilestone,
    DeleteDependency,
    Move,
    Redate,
    Relink,
    Rename,
    Recolour,
    AddStop,
    EditStop,
    DeleteStop,
    PlanField,
}

/// One edit: an operation on the `target`-th item the side owns, by `amount`.
#[derive(Debug, Clone, Copy)]
struct Edit {
    op: Op,
    target: usize,
    amount: i32,
}

fn edit() -> impl Strategy<Value = Edit> {
    use Op::*;
    let op = prop::sample::select(vec![
        AddInvestment,
        AddMilestone,
        DeleteInvestment,
        DeleteMilestone,
        DeleteDependency,
        Move,
        Redate,
        Relink,
        Rename,
        Recolour,
        AddStop,
        EditStop,
        DeleteStop,
        PlanField,
    ]);
    (op, 0..1000usize, -12..=12i32).prop_map(|(op, target, amount)| Edit { op, target, amount })
}

/// Which side makes an edit: each side edits only the base items it owns (even or odd
/// positions), so the two edit sets never overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Ours,
    Theirs,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }

    /// The id of the `target`-th item of `items` this side owns.
    fn owned<T: Item>(self, items: &[T], target: usize) -> Option<&str> {
        let parity = usize::from(self == Side::Theirs);
        let owned: Vec<&T> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, item)| item)
            .collect();
        (!owned.is_empty()).then(|| owned[target % owned.len()].key())
    }
}

/// A random base plan: a generated plan of a few dozen items with four stops.
fn base_plan() -> impl Strategy<Value = Roadmap> {
    (20..60usize, any::<u64>()).prop_map(|(items, seed)| {
        let mut plan = large_plan(items, seed);
        plan.stops = (0..4)
            .map(|k| Stop {
                title: format!("Stop {k}"),
                from: plan.horizon.start,
                to: plan.horizon.end,
                layers: Vec::new(),
                focus: None,
                notes: String::new(),
                view: crate::model::StopView::Chart,
            })
            .collect();
        plan
    })
}

/// Applies one side's edit to `plan`; the targets are chosen among the items of `base`.
fn apply(plan: &mut Roadmap, base: &Roadmap, side: Side, n: usize, edit: Edit) {
    let Edit { op, target, amount } = edit;
    let tag = format!("{}-{n}", side.name());
    let layer = base.layers[target % base.layers.len()].id.clone();
    let month = base.horizon.start.plus(target as i32 % 100);
    match op {
        Op::AddInvestment => plan.investments.push(
            Investment {
                id: tag.clone(),
                title: format!("New {tag}"),
                layer,
                start: month,
                end: month.plus(amount.abs()),
                budget: target as u64 * 1000,
                owner: side.name().into(),
                notes: String::new(),
                after: base
                    .investments
                    .first()
                    .map(|i| i.id.clone())
                    .into_iter()
                    .collect(),
            }
            .into(),
        ),
        Op::AddMilestone => plan.milestones.push(
            Milestone {
                removes: base
                    .dependencies
                    .first()
                    .map(|d| d.id.clone())
                    .into_iter()
                    .collect(),
                ..Milestone::new(tag.clone(), format!("New {tag}"), month, layer)
            }
            .into(),
        ),
        Op::DeleteInvestment => {
            if let Some(id) = side.owned(&base.investments, target) {
                plan.investments.retain(|i| i.id != id);
            }
        }
        Op::DeleteMilestone => {
            if let Some(id) = side.owned(&base.milestones, target) {
                plan.milestones.retain(|m| m.id != id);
            }
        }
        Op::DeleteDependency => {
            if let Some(id) = side.owned(&base.dependencies, target) {
                plan.dependencies.retain(|d| d.id != id);
            }
        }
        Op::Move => {
            let id = side.owned(&base.investments, target);
            if let Some(i) = plan
                .investments
                .iter_mut()
                .find(|i| Some(i.id.as_str()) == id)
            {
                i.start = i.start.plus(amount);
                i.end = i.end.plus(amount);
                i.layer = layer;
            }
        }
        Op::Redate => {
            let id = side.owned(&base.milestones, target);
            if let Some(m) = plan
                .milestones
                .iter_mut()
                .find(|m| Some(m.id.as_str()) == id)
            {
                m.month = m.month.plus(amount);
            }
        }
        Op::Relink => {
            let id = side.owned(&base.investments, target);
            let other = base.investments[(target / 7) % base.investments.len()]
                .id
                .clone();
            if let Some(i) = plan
                .investments
                .iter_mut()
                .find(|i| Some(i.id.as_str()) == id)
                && !i.after.contains(&other)
            {
                i.after.push(other);
            }
        }
        Op::Rename => {
            let id = side.owned(&base.milestones, target);
            if let Some(m) = plan
                .milestones
                .iter_mut()
                .find(|m| Some(m.id.as_str()) == id)
            {
                m.title = format!("Renamed by {tag}");
            }
        }
        Op::Recolour => {
            let id = side.owned(&base.layers, target);
            if let Some(l) = plan.layers.iter_mut().find(|l| Some(l.id.as_str()) == id) {
                let [r, g, b, _] = (target as u32).wrapping_mul(2_654_435_761).to_le_bytes();
                l.colour = Colour::rgb(r, g, b);
            }
        }
        Op::AddStop => plan.stops.push(Stop {
            title: format!("Stop {tag}"),
            from: month,
            to: month.plus(12),
            layers: vec![layer],
            focus: None,
            notes: String::new(),
            view: crate::model::StopView::Chart,
        }),
        Op::EditStop => {
            let id = side.owned(&base.stops, target);
            if let Some(s) = plan.stops.iter_mut().find(|s| Some(s.title.as_str()) == id) {
                s.notes = format!("Notes by {tag}");
                s.from = s.from.plus(amount.abs());
            }
        }
        Op::DeleteStop => {
            if let Some(id) = side.owned(&base.stops, target) {
                plan.stops.retain(|s| s.title != id);
            }
        }
        Op::PlanField => match side {
            Side::Ours => plan.title = format!("Title by {tag}"),
            Side::Theirs => plan.owner = format!("Owner by {tag}"),
        },
    }
}

fn apply_all(plan: &mut Roadmap, base: &Roadmap, side: Side, edits: &[Edit]) {
    for (n, &edit) in edits.iter().enumerate() {
        apply(plan, base, side, n, edit);
    }
}

/// The merged plan saves and loads back as itself.
fn assert_loads(plan: &Roadmap) -> Result<(), TestCaseError> {
    let text = to_ron(plan);
    let back = load_str(&text);
    prop_assert!(back.is_ok(), "{:?}", back.as_ref().err());
    let back = back.ok();
    prop_assert_eq!(back.as_ref(), Some(plan));
    Ok(())
}

/// 64 cases per property (fast CI); set `PROPTEST_CASES` for a longer run.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    ProptestConfig::with_cases(cases.unwrap_or(64))
}

/// A field of some item (or of the plan) that both sides set to different values.
#[derive(Debug, Clone, Copy)]
enum Field {
    Title,
    InvestmentEnd,
    InvestmentBudget,
    InvestmentNotes,
    MilestoneMonth,
    DependencyControl,
    LayerColour,
    StopNotes,
}

/// Sets `field` of the `target`-th item to a value that depends on `value` (never the
/// generated plan's own value: those are all different from what `value` gives).
fn set(
    plan: &mut Roadmap,
    field: Field,
    target: usize,
    value: u32,
) -> (ConflictKind, String, &'static str) {
    let pick = |len: usize| target % len.max(1);
    let end = plan.horizon.end;
    match field {
        Field::Title => {
            plan.title = format!("Title {value}");
            (ConflictKind::Plan, String::new(), "title")
        }
        Field::InvestmentEnd => {
            let k = pick(plan.investments.len());
            let i = &mut plan.investments[k];
            i.end = end.plus(1 + value as i32 % 24);
            (ConflictKind::Investment, i.id.clone(), "end")
        }
        Field::InvestmentBudget => {
            let k = pick(plan.investments.len());
            let i = &mut plan.investments[k];
            i.budget = 7 + u64::from(value);
            (ConflictKind::Investment, i.id.clone(), "budget")
        }
        Field::InvestmentNotes => {
            let k = pick(plan.investments.len());
            let i = &mut plan.investments[k];
            i.notes = format!("Note {value}");
            (ConflictKind::Investment, i.id.clone(), "notes")
        }
        Field::MilestoneMonth => {
            let k = pick(plan.milestones.len());
            let m = &mut plan.milestones[k];
            m.month = end.plus(1 + value as i32 % 24);
            (ConflictKind::Milestone, m.id.clone(), "month")
        }
        Field::DependencyControl => {
            let k = pick(plan.dependencies.len());
            let d = &mut plan.dependencies[k];
            // Generated dependencies are never Domestic; two sides choose two levels.
            d.control = if value.is_multiple_of(2) {
                crate::model::ControlLevel::Domestic
            } else {
                match d.control {
                    crate::model::ControlLevel::BlackBox => crate::model::ControlLevel::Licensed,
                    _ => crate::model::ControlLevel::BlackBox,
                }
            };
            (ConflictKind::Dependency, d.id.clone(), "control")
        }
        Field::LayerColour => {
            let k = pick(plan.layers.len());
            let l = &mut plan.layers[k];
            l.colour = Colour::rgb(1, (value % 200) as u8, 2);
            (ConflictKind::Layer, l.id.clone(), "colour")
        }
        Field::StopNotes => {
            let k = pick(plan.stops.len());
            let s = &mut plan.stops[k];
            s.notes = format!("Stop note {value}");
            (ConflictKind::Stop, s.title.clone(), "notes")
        }
    }
}

fn field() -> impl Strategy<Value = Field> {
    use Field::*;
    prop::sample::select(vec![
        Title,
        InvestmentEnd,
        InvestmentBudget,
        InvestmentNotes,
        MilestoneMonth,
        DependencyControl,
        LayerColour,
        StopNotes,
    ])
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn edits_that_do_not_overlap_merge_into_both_edit_sets_applied(
        base in base_plan(),
        ours_edits in prop::collection::vec(edit(), 0..12),
        theirs_edits in prop::collection::vec(edit(), 0..12),
    ) {
        let mut ours = base.clone();
        apply_all(&mut ours, &base, Side::Ours, &ours_edits);
        let mut theirs = base.clone();
        apply_all(&mut theirs, &base, Side::Theirs, &theirs_edits);
        let mut both = ours.clone();
        apply_all(&mut both, &base, Side::Theirs, &theirs_edits);

        let merged = merge(&base, &ours, &theirs);
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(&merged.plan, &both);
        assert_loads(&merged.plan)?;
    }

    #[test]
    fn one_field_set_to_two_values_is_always_one_conflict(
        base in base_plan(),
        field in field(),
        target in 0..1000usize,
        (a, b) in (0..1000u32, 0..1000u32).prop_filter("two values", |(a, b)| a % 24 != b % 24 && a % 2 != b % 2 && a % 200 != b % 200),
    ) {
        let mut ours = base.clone();
        let (kind, id, name) = set(&mut ours, field, target, a);
        let mut theirs = base.clone();
        set(&mut theirs, field, target, b);
        let merged = merge(&base, &ours, &theirs);
        prop_assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
        let conflict = &merged.conflicts[0];
        prop_assert_eq!((conflict.kind, conflict.id.as_str(), conflict.field.as_str()), (kind, id.as_str(), name));
        prop_assert_eq!(&merged.plan.conflicts, &merged.conflicts);
        let mut kept = merged.plan.clone();
        prop_assert!(resolve(&mut kept, conflict, &Choice::Ours).is_ok());
        prop_assert_eq!(&kept, &ours);
        let mut resolved = merged.plan.clone();
        prop_assert!(resolve(&mut resolved, conflict, &Choice::Theirs).is_ok());
        prop_assert_eq!(&resolved, &theirs);
        assert_loads(&merged.plan)?;
    }

    #[test]
    fn deleted_on_one_side_and_changed_on_the_other_is_always_a_conflict(
        base in base_plan(),
        target in 0..1000usize,
        value in 0..1000u32,
        we_delete in any::<bool>(),
    ) {
        let mut changed = base.clone();
        let (_, id, _) = set(&mut changed, Field::InvestmentBudget, target, value);
        let mut deleted = base.clone();
        deleted.investments.retain(|i| i.id != id);
        let (ours, theirs) = if we_delete { (&deleted, &changed) } else { (&changed, &deleted) };
        let merged = merge(&base, ours, theirs);
        prop_assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
        prop_assert!(merged.conflicts[0].is_whole_item());
        let mut kept = merged.plan.clone();
        kept.conflicts.clear();
        prop_assert_eq!(&kept, ours);
        assert_loads(&merged.plan)?;
    }
}
