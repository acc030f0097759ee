//! MS Project XML (MSPDI, as written by Project 2003–2019) → [`Draft`].
//!
//! Tasks come in outline order with an `OutlineLevel`; a task followed by deeper ones is a
//! summary. Costs are stored in hundredths of the currency; link lags in tenths of a minute of
//! the unit `LagFormat` names (working or elapsed time), or in per cent of the predecessor's
//! duration.

use std::collections::HashMap;

use super::draft::{Draft, Kind, Lag, LagUnit, Link, LinkKind, Task};
use super::xml::{self, Element};
use super::{ImportError, ImportReport, date};

/// Parts of an MSPDI file the import does not need (often most of its size).
const SKIPPED: [&str; 7] = [
    "Calendars",
    "TimephasedData",
    "Baseline",
    "ExtendedAttributes",
    "ExtendedAttribute",
    "OutlineCodes",
    "WBSMasks",
];

/// Reads an MSPDI file.
pub fn read(bytes: &[u8], report: &mut ImportReport) -> Result<Draft, ImportError> {
    let text = super::xml_text(bytes)?;
    let root = xml::parse(&text, &SKIPPED)?;
    if root.name != "Project" {
        return Err(ImportError::NotThisFormat(format!(
            "this XML file is not an MS Project file (MSPDI): its root element is <{}>, not <Project>",
            root.name
        )));
    }
    let calendar = WorkingTime::of(&root);
    let mut draft = Draft {
        title: root
            .text_of("Title")
            .or_else(|| root.text_of("Name").map(|n| n.trim_end_matches(".xml")))
            .unwrap_or_default()
            .to_owned(),
        owner: root
            .text_of("Company")
            .or_else(|| root.text_of("Author"))
            .unwrap_or_default()
            .to_owned(),
        currency: root.text_of("CurrencyCode").map(str::to_owned),
        ..Draft::default()
    };
    let owners = resource_names(&root);
    let mut outline: Vec<(u32, usize)> = Vec::new();
    let tasks = root
        .child("Tasks")
        .map(|t| t.all("Task").collect::<Vec<_>>());
    for element in tasks.unwrap_or_default() {
        let uid = element.text_of("UID").unwrap_or_default().to_owned();
        let level: u32 = element
            .text_of("OutlineLevel")
            .and_then(|l| l.parse().ok())
            .unwrap_or(1);
        if element.text_of("IsNull") == Some("1") {
            continue;
        }
        if uid == "0" || level == 0 {
            // The project summary task: the plan's own title and notes.
            if draft.title.is_empty() {
                draft.title = element.text_of("Name").unwrap_or_default().to_owned();
            }
            draft.notes = element.text_of("Notes").unwrap_or_default().to_owned();
            continue;
        }
        while outline.last().is_some_and(|&(l, _)| l >= level) {
            outline.pop();
        }
        let index = draft.tasks.len();
        let mut task = task(element, owners.get(uid.as_str()));
        task.parent = outline.last().map(|&(_, i)| i);
        outline.push((level, index));
        for link in element.all("PredecessorLink") {
            draft.links.push(predecessor(link, &uid, &calendar));
        }
        draft.tasks.push(task);
    }
    report.read(format!(
        "{} tasks from MS Project XML{}",
        draft.tasks.len(),
        draft
            .currency
            .as_deref()
            .map(|c| format!(", costs in {c}"))
            .unwrap_or_default()
    ));
    Ok(draft)
}

/// One `<Task>`.
fn task(element: &Element, owner: Option<&Vec<String>>) -> Task {
    let name = element.text_of("Name").unwrap_or_default().to_owned();
    let hundredths = |field| {
        element
            .text_of(field)
            .and_then(|c| c.parse::<f64>().ok())
            .map(|c| c / 100.0)
    };
    let cost = hundredths("Cost")
        .filter(|c| *c != 0.0)
        .or_else(|| hundredths("FixedCost"));
    Task {
        key: element.text_of("UID").unwrap_or_default().to_owned(),
        reference: None,
        place: format!("task \"{name}\""),
        title: name,
        kind: if element.text_of("Milestone") == Some("1") {
            Kind::Milestone
        } else {
            Kind::Work
        },
        start: element.text_of("Start").and_then(date::iso),
        end: element.text_of("Finish").and_then(date::iso),
        cost,
        owner: owner.map(|o| o.join(", ")).unwrap_or_default(),
        notes: element.text_of("Notes").unwrap_or_default().to_owned(),
        ..Task::default()
    }
}

/// The project's working time: how many minutes make a working day, week and month.
struct WorkingTime {
    minutes_per_day: f64,
    minutes_per_week: f64,
    days_per_month: f64,
}

impl WorkingTime {
    /// The project's `MinutesPerDay`, `MinutesPerWeek` and `DaysPerMonth` (MS Project's
    /// defaults where missing).
    fn of(root: &Element) -> WorkingTime {
        let number = |field, default| {
            root.text_of(field)
                .and_then(|m| m.parse::<f64>().ok())
                .filter(|m| *m > 0.0 && m.is_finite())
                .unwrap_or(default)
        };
        WorkingTime {
            minutes_per_day: number("MinutesPerDay", 480.0),
            minutes_per_week: number("MinutesPerWeek", 2400.0),
            days_per_month: number("DaysPerMonth", 20.0),
        }
    }

    /// Minutes in one `unit` of working (or, when `elapsed`, calendar) time.
    fn minutes(&self, unit: LagUnit, elapsed: bool) -> f64 {
        match (unit, elapsed) {
            (LagUnit::Minutes | LagUnit::Percent, _) => 1.0,
            (LagUnit::Hours, _) => 60.0,
            (LagUnit::Days, false) => self.minutes_per_day,
            (LagUnit::Days, true) => 1440.0,
            (LagUnit::Weeks, false) => self.minutes_per_week,
            (LagUnit::Weeks, true) => 10_080.0,
            (LagUnit::Months, false) => self.days_per_month * self.minutes_per_day,
            (LagUnit::Months, true) => 43_200.0,
        }
    }
}

/// The unit of an MSPDI `LagFormat` (3 m, 5 h, 7 d, 9 w, 11 mo, 19 %; one more for elapsed
/// time; 32 more when estimated) and whether it is elapsed time. Unknown or "null": days.
fn lag_format(code: Option<u32>) -> (LagUnit, bool) {
    let code = code.unwrap_or(7);
    let code = if code > 32 { code - 32 } else { code };
    match code {
        3 => (LagUnit::Minutes, false),
        4 => (LagUnit::Minutes, true),
        5 => (LagUnit::Hours, false),
        6 => (LagUnit::Hours, true),
        8 => (LagUnit::Days, true),
        9 => (LagUnit::Weeks, false),
        10 => (LagUnit::Weeks, true),
        11 => (LagUnit::Months, false),
        12 => (LagUnit::Months, true),
        19 => (LagUnit::Percent, false),
        20 => (LagUnit::Percent, true),
        _ => (LagUnit::Days, false),
    }
}

/// One `<PredecessorLink>` of task `uid`.
fn predecessor(link: &Element, uid: &str, calendar: &WorkingTime) -> Link {
    let kind = match link.text_of("Type") {
        Some("0") => LinkKind::FinishFinish,
        Some("2") => LinkKind::StartFinish,
        Some("3") => LinkKind::StartStart,
        _ => LinkKind::FinishStart,
    };
    let stored = link
        .text_of("LinkLag")
        .and_then(|l| l.parse::<f64>().ok())
        .filter(|l| l.is_finite())
        .unwrap_or(0.0);
    let (unit, elapsed) = lag_format(link.text_of("LagFormat").and_then(|f| f.parse().ok()));
    // A percentage is stored as it is; every other lag in tenths of a minute.
    let amount = if unit == LagUnit::Percent {
        stored
    } else {
        stored / 10.0 / calendar.minutes(unit, elapsed)
    };
    Link {
        from: link
            .text_of("PredecessorUID")
            .unwrap_or_default()
            .to_owned(),
        to: uid.to_owned(),
        kind,
        lag: Lag {
            amount,
            unit,
            elapsed,
        },
    }
}

/// The names of the resources assigned to each task, by task UID.
fn resource_names(root: &Element) -> HashMap<String, Vec<String>> {
    let names: HashMap<&str, &str> = root
        .child("Resources")
        .into_iter()
        .flat_map(|r| r.all("Resource"))
        .filter_map(|r| Some((r.text_of("UID")?, r.text_of("Name")?)))
        .collect();
    let mut by_task: HashMap<String, Vec<String>> = HashMap::new();
    let assignments = root
        .child("Assignments")
        .into_iter()
        .flat_map(|a| a.all("Assignment"));
    for a in assignments {
        let (Some(task), Some(name)) = (
            a.text_of("TaskUID"),
            a.text_of("ResourceUID").and_then(|r| names.get(r)),
        ) else {
            continue;
        };
        let list = by_task.entry(task.to_owned()).or_default();
        if !list.iter().any(|n| n == name) {
            list.push((*name).to_owned());
        }
    }
    by_task
}
