//! GanttProject (`.gan`) → [`Draft`].
//!
//! Tasks nest inside their summary tasks; `meeting="true"` marks a milestone; a duration
//! counts working days (Monday–Friday); a `<depend id=… type=… difference=…>` inside a task
//! names a task that depends on it (type 1 start-start, 2 finish-start, 3 finish-finish,
//! 4 start-finish; difference is the lag in days).

use std::collections::HashMap;

use super::draft::{Draft, Kind, Lag, Link, LinkKind, Task};
use super::xml::{self, Element};
use super::{ImportError, ImportReport, date};

/// Parts of a `.gan` file the import does not need (baselines, calendars, view settings).
const SKIPPED: [&str; 5] = ["previous", "calendars", "view", "roles", "taskproperties"];

/// Reads a GanttProject file.
pub fn read(bytes: &[u8], report: &mut ImportReport) -> Result<Draft, ImportError> {
    let text = super::xml_text(bytes)?;
    let root = xml::parse(&text, &SKIPPED)?;
    if root.name != "project" {
        return Err(ImportError::NotThisFormat(format!(
            "this is not a GanttProject file: its root element is <{}>, not <project>",
            root.name
        )));
    }
    let mut draft = Draft {
        title: root.attr("name").unwrap_or_default().to_owned(),
        owner: root.attr("company").unwrap_or_default().to_owned(),
        notes: root
            .child("description")
            .map(|d| d.text.trim().to_owned())
            .unwrap_or_default(),
        ..Draft::default()
    };
    let owners = owners(&root);
    // Depth-first, in file order, without recursion: (element, parent index).
    let mut stack: Vec<(&Element, Option<usize>)> = root
        .child("tasks")
        .map(|t| t.all("task").map(|e| (e, None)).collect())
        .unwrap_or_default();
    stack.reverse();
    let mut manual_costs_only = 0;
    while let Some((element, parent)) = stack.pop() {
        let index = draft.tasks.len();
        let key = element.attr("id").unwrap_or_default().to_owned();
        let mut task = task(element, owners.get(key.as_str()));
        if element.attr("cost-calculated") == Some("true") {
            manual_costs_only += 1;
        }
        task.parent = parent;
        for depend in element.all("depend") {
            draft.links.push(dependant(depend, &key));
        }
        draft.tasks.push(task);
        let children: Vec<_> = element.all("task").map(|e| (e, Some(index))).collect();
        stack.extend(children.into_iter().rev());
    }
    report.read(format!("{} tasks from GanttProject", draft.tasks.len()));
    if manual_costs_only > 0 {
        report.skip(format!(
            "{manual_costs_only} tasks' costs calculated from resource rates (only costs typed into a task are read)"
        ));
    }
    Ok(draft)
}

/// One `<task>`.
fn task(element: &Element, owner: Option<&Vec<String>>) -> Task {
    let name = element.attr("name").unwrap_or_default().to_owned();
    let start = element.attr("start").and_then(date::text);
    let days: i64 = element
        .attr("duration")
        .and_then(|d| d.trim().parse().ok())
        .unwrap_or(0);
    let manual_cost = element.attr("cost-calculated") == Some("false");
    Task {
        key: element.attr("id").unwrap_or_default().to_owned(),
        place: format!("task \"{name}\""),
        title: name,
        kind: if element.attr("meeting") == Some("true") {
            Kind::Milestone
        } else {
            Kind::Work
        },
        start,
        end: start.map(|s| date::add_working_days(s, days.max(1))),
        cost: element
            .attr("cost-manual-value")
            .filter(|_| manual_cost)
            .and_then(|c| c.trim().parse().ok()),
        owner: owner.map(|o| o.join(", ")).unwrap_or_default(),
        notes: element
            .child("notes")
            .map(|n| n.text.trim().to_owned())
            .unwrap_or_default(),
        ..Task::default()
    }
}

/// A `<depend>` inside task `key`: the task it names depends on `key`.
fn dependant(depend: &Element, key: &str) -> Link {
    let kind = match depend.attr("type") {
        Some("1") => LinkKind::StartStart,
        Some("3") => LinkKind::FinishFinish,
        Some("4") => LinkKind::StartFinish,
        _ => LinkKind::FinishStart,
    };
    Link {
        from: key.to_owned(),
        to: depend.attr("id").unwrap_or_default().to_owned(),
        kind,
        lag: Lag::days(
            depend
                .attr("difference")
                .and_then(|d| d.trim().parse().ok())
                .unwrap_or(0.0),
        ),
    }
}

/// Resource names allocated to each task id, the responsible one first.
fn owners(root: &Element) -> HashMap<String, Vec<String>> {
    let names: HashMap<&str, &str> = root
        .child("resources")
        .into_iter()
        .flat_map(|r| r.all("resource"))
        .filter_map(|r| Some((r.attr("id")?, r.attr("name")?)))
        .collect();
    let mut by_task: HashMap<String, Vec<String>> = HashMap::new();
    let allocations = root
        .child("allocations")
        .into_iter()
        .flat_map(|a| a.all("allocation"));
    for a in allocations {
        let (Some(task), Some(name)) = (
            a.attr("task-id"),
            a.attr("resource-id").and_then(|r| names.get(r)),
        ) else {
            continue;
        };
        let list = by_task.entry(task.to_owned()).or_default();
        if list.iter().any(|n| n == name) {
            continue;
        }
        if a.attr("responsible") == Some("true") {
            list.insert(0, (*name).to_owned());
        } else {
            list.push((*name).to_owned());
        }
    }
    by_task
}
