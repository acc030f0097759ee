//! Rows into tasks: amounts, item kinds, predecessors with their link types and lags.

use super::*;
use crate::import::ImportReport;
use crate::import::draft::{Draft, Kind, Lag, LagUnit, Link, LinkKind, Task};

/// The currency a budget header or amount names ("budget_EUR", "Cost (€)", "$1,200").
fn currency_in(text: &str) -> Option<String> {
    for (sign, code) in [
        ("€", "EUR"),
        ("£", "GBP"),
        ("$", "USD"),
        ("¥", "JPY"),
        ("₹", "INR"),
    ] {
        if text.contains(sign) {
            return Some(code.to_owned());
        }
    }
    text.split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_owned)
}

/// A number written as an amount: "€1,234.50", "1.234,50 €", "(2,000)", "CHF 3'000", "2.5M".
pub fn amount(text: &str) -> Option<f64> {
    let text = text.trim();
    let negative = (text.starts_with('(') && text.ends_with(')')) || text.starts_with('-');
    let lower = text.to_lowercase();
    let scale = [
        ("bn", 1e9),
        ("mrd", 1e9),
        ("mio", 1e6),
        ("mn", 1e6),
        ("m", 1e6),
        ("k", 1e3),
    ]
    .into_iter()
    .find(|(suffix, _)| {
        lower
            .trim_end_matches([')', '.', ' '])
            .strip_suffix(suffix)
            .is_some_and(|rest| rest.ends_with(|c: char| c.is_ascii_digit() || c == ' '))
    })
    .map_or(1.0, |(_, s)| s);
    let digits: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    if digits.is_empty() || !digits.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // Anything but digits, separators, signs, spaces, a currency and a scale is not an amount.
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.chars().count() > 3 {
        return None;
    }
    let (last_dot, last_comma) = (digits.rfind('.'), digits.rfind(','));
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(if d > c { '.' } else { ',' }),
        (Some(p), None) | (None, Some(p)) => {
            let sep = if last_dot.is_some() { '.' } else { ',' };
            let once = digits.matches(sep).count() == 1;
            let after = digits.len() - p - 1;
            (once && after != 3).then_some(sep)
        }
        (None, None) => None,
    };
    let plain: String = digits
        .chars()
        .filter_map(|c| match c {
            '.' | ',' if Some(c) == decimal => Some('.'),
            '.' | ',' => None,
            c => Some(c),
        })
        .collect();
    let value: f64 = plain.parse().ok()?;
    Some(if negative { -value } else { value } * scale)
}

/// The rows below the header as tasks and links.
pub(super) fn draft_of(grid: &Grid, header: &Header, report: &mut ImportReport) -> Draft {
    let get = |row: &[Cell], column| header.index(column).and_then(|i| row.get(i)).cloned();
    let text = |row: &[Cell], column| get(row, column).map(|c| c.text()).unwrap_or_default();
    let mut draft = Draft::default();
    if let Some(i) = header.index(Column::Layer) {
        draft.group_source = format!("the \"{}\" column", header.names[i]);
    }
    draft.currency = header
        .index(Column::Budget)
        .and_then(|i| currency_in(&header.names[i]));
    for (offset, row) in grid.rows.iter().enumerate().skip(header.row + 1) {
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let number = grid.first_row + offset;
        let title = text(row, Column::Title);
        let place = if title.is_empty() {
            format!("row {number}")
        } else {
            format!("row {number} \"{title}\"")
        };
        if title.is_empty() {
            report.skip(format!("{place}: no title"));
            continue;
        }
        let reference = Some(text(row, Column::Id)).filter(|r| !r.is_empty());
        let date_of = |column| get(row, column).and_then(|c| c.date());
        let month = date_of(Column::Month);
        let kind_text = text(row, Column::Kind).to_lowercase();
        let milestone = is_milestone(&kind_text)
            || (month.is_some()
                && date_of(Column::Start).is_none()
                && date_of(Column::End).is_none());
        let budget_cell = get(row, Column::Budget).filter(|c| !c.is_empty());
        let cost = budget_cell.as_ref().and_then(Cell::number);
        if let Some(cell) = &budget_cell {
            if cost.is_none() {
                report.skip(format!(
                    "{place}: budget \"{}\" is not a number",
                    cell.text()
                ));
            } else if draft.currency.is_none()
                && let Cell::Text(t) = cell
            {
                draft.currency = currency_in(t);
            }
        }
        let key = reference.clone().unwrap_or_else(|| format!("row {number}"));
        for column in [Column::After, Column::Needs] {
            for (from, link_kind, lag) in predecessors(&text(row, column)) {
                draft.links.push(Link {
                    from,
                    to: key.clone(),
                    kind: link_kind,
                    lag,
                });
            }
        }
        draft.tasks.push(Task {
            key,
            reference,
            title,
            place,
            kind: if milestone {
                Kind::Milestone
            } else {
                Kind::Work
            },
            group: Some(text(row, Column::Layer)).filter(|g| !g.is_empty()),
            start: date_of(Column::Start).or(month),
            end: date_of(Column::End).or(month),
            cost,
            owner: text(row, Column::Owner),
            notes: text(row, Column::Notes),
            removes: ids(&text(row, Column::Removes)),
            introduces: ids(&text(row, Column::Introduces)),
            ..Task::default()
        });
    }
    draft
}

fn is_milestone(kind: &str) -> bool {
    const WORDS: [&str; 12] = [
        "milestone",
        "jalon",
        "meilenstein",
        "hito",
        "yes",
        "true",
        "x",
        "oui",
        "ja",
        "sí",
        "si",
        "◆",
    ];
    WORDS.contains(&kind.trim()) || kind.trim() == "1"
}

fn ids(text: &str) -> Vec<String> {
    text.split([';', ',', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The predecessors in an "after" cell: ids or titles separated by `;`, `,` or new lines,
/// each optionally in MS Project's form "12FS+3 days", "Design SS-2d".
fn predecessors(text: &str) -> Vec<(String, LinkKind, Lag)> {
    ids(text).into_iter().map(|p| link_code(&p)).collect()
}

pub(super) fn link_code(text: &str) -> (String, LinkKind, Lag) {
    let upper = text.to_ascii_uppercase();
    for (code, kind) in [
        ("FS", LinkKind::FinishStart),
        ("SS", LinkKind::StartStart),
        ("FF", LinkKind::FinishFinish),
        ("SF", LinkKind::StartFinish),
    ] {
        let Some(at) = upper.rfind(code) else {
            continue;
        };
        let (name, rest) = (&text[..at], &upper[at + 2..]);
        let rest = rest.trim();
        // The code follows a task number ("12FS") or a space ("Design SS"), never a word.
        if !name.ends_with(|c: char| c.is_ascii_digit() || c == ' ') {
            continue;
        }
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        if rest.is_empty() {
            return (name.to_owned(), kind, Lag::default());
        }
        if let Some(lag) = lag(rest) {
            return (name.to_owned(), kind, lag);
        }
    }
    (text.to_owned(), LinkKind::FinishStart, Lag::default())
}

/// "+3 DAYS", "-2D", "+1W", "+1 MO", "+4H", "+2ED" (elapsed), "+50%" → the lag as written.
fn lag(text: &str) -> Option<Lag> {
    let sign = match text.chars().next()? {
        '+' => 1.0,
        '-' => -1.0,
        _ => return None,
    };
    let body = text[1..].trim();
    let split = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(body.len());
    let value: f64 = body[..split].replace(',', ".").parse().ok()?;
    let written = body[split..].trim();
    let elapsed = written.starts_with('E');
    let unit = match written.trim_start_matches('E') {
        "" | "D" | "DAY" | "DAYS" | "J" | "T" => LagUnit::Days,
        "W" | "WK" | "WEEK" | "WEEKS" => LagUnit::Weeks,
        "MO" | "MON" | "MONTH" | "MONTHS" => LagUnit::Months,
        "H" | "HR" | "HOURS" => LagUnit::Hours,
        "M" | "MIN" | "MINUTES" => LagUnit::Minutes,
        "%" => LagUnit::Percent,
        _ => return None,
    };
    Some(Lag {
        amount: sign * value,
        unit,
        elapsed,
    })
}
