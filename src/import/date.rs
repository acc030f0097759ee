//! Dates as other programs write them: ISO date-times, Excel serial numbers and the text
//! dates people type ("31/03/2027", "März 2027", "2027-03").

use chrono::{Datelike, NaiveDate};

use crate::model::Month;

/// The month a date falls in.
pub fn month_of(date: NaiveDate) -> Option<Month> {
    Month::new(date.year(), date.month())
}

/// An ISO 8601 date or date-time, e.g. "2026-03-02T08:00:00" (the time is ignored).
pub fn iso(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let date = text.split(['T', ' ']).next()?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// The date of an Excel serial number (days since 1899-12-30, or since 1904-01-01).
pub fn excel_serial(serial: f64, since_1904: bool) -> Option<NaiveDate> {
    // Excel's dates run from 1900 to 9999; anything else is a number, not a date.
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = if since_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// A date typed as text in one of the common forms; `None` when it is not one.
///
/// Day-first ("31/03/2027", "31.03.2027") unless the first number cannot be a day of a
/// month-first date ("03/31/2027"); a month alone ("2027-03", "03/2027", "March 2027",
/// "mars 2027") is its first day; a year alone is January.
pub fn text(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches('.');
    if text.is_empty() || text.len() > 40 {
        return None;
    }
    if let Some(date) = iso(text) {
        return Some(date);
    }
    let parts: Vec<&str> = text
        .split(['/', '.', '-', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match (numbers.as_deref(), parts.as_slice()) {
        (Some(&[year]), _) if (1000..=9999).contains(&year) => ymd(year, 1, 1),
        (Some(&[a, b]), _) if a >= 1000 => ymd(a, b, 1),
        (Some(&[a, b]), _) if b >= 1000 => ymd(b, a, 1),
        (Some(&[a, b, c]), _) if a >= 1000 => ymd(a, b, c),
        (Some(&[a, b, c]), _) => {
            let year = if c < 100 { 2000 + c } else { c };
            if a > 12 || b <= 12 {
                ymd(year, b, a)
            } else {
                ymd(year, a, b)
            }
        }
        (None, [name, year]) => ymd(year.parse().ok()?, month_named(name)?, 1),
        (None, [a, b, year]) => {
            // "15 dic 2027" or "Dec 15 2027".
            let (day, name) = if a.parse::<u32>().is_ok() {
                (a, b)
            } else {
                (b, a)
            };
            ymd(year.parse().ok()?, month_named(name)?, day.parse().ok()?)
        }
        _ => None,
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The month (1–12) a name or abbreviation means, in English, French, German or Spanish.
fn month_named(name: &str) -> Option<u32> {
    const NAMES: [&[&str]; 12] = [
        &[
            "jan", "janv", "januar", "janvier", "enero", "ene", "jän", "jänner",
        ],
        &[
            "feb", "févr", "fevr", "février", "fevrier", "februar", "febrero",
        ],
        &["mar", "mars", "märz", "maerz", "marzo"],
        &["apr", "avr", "avril", "abr", "abril"],
        &["may", "mai", "mayo"],
        &["jun", "juin", "juni", "junio"],
        &["jul", "juil", "juillet", "juli", "julio"],
        &["aug", "août", "aout", "ago", "agosto"],
        &[
            "sep",
            "sept",
            "septembre",
            "september",
            "septiembre",
            "setiembre",
        ],
        &["oct", "octobre", "okt", "oktober", "octubre"],
        &["nov", "novembre", "november", "noviembre"],
        &[
            "dec",
            "déc",
            "décembre",
            "decembre",
            "dez",
            "dezember",
            "dic",
            "diciembre",
        ],
    ];
    const ENGLISH: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = name.trim_end_matches('.').to_lowercase();
    (0..12)
        .find(|&i| ENGLISH[i] == name || NAMES[i].contains(&name.as_str()))
        .map(|i| i as u32 + 1)
}

/// Adds `days` working days (Monday to Friday) to `start`, the way GanttProject counts a
/// task's duration; the result is the last working day of the task.
pub fn add_working_days(start: NaiveDate, days: i64) -> NaiveDate {
    use chrono::Weekday::{Sat, Sun};
    let mut date = start;
    // A duration of n working days ends on the n-th working day from the start.
    let mut left = days.clamp(0, 100_000) - 1;
    while left > 0 {
        date = date.succ_opt().unwrap_or(date);
        if !matches!(date.weekday(), Sat | Sun) {
            left -= 1;
        }
        if date == NaiveDate::MAX {
            break;
        }
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn reads_the_dates_people_type() {
        assert_eq!(text("2027-03-31"), d(2027, 3, 31));
        assert_eq!(text("31/03/2027"), d(2027, 3, 31));
        assert_eq!(text("31.03.2027"), d(2027, 3, 31));
        assert_eq!(text("03/31/2027"), d(2027, 3, 31));
        assert_eq!(
            text("02/03/2027"),
            d(2027, 3, 2),
            "day first when ambiguous"
        );
        assert_eq!(text("2027-03"), d(2027, 3, 1));
        assert_eq!(text("03/2027"), d(2027, 3, 1));
        assert_eq!(text("March 2027"), d(2027, 3, 1));
        assert_eq!(text("mars 2027"), d(2027, 3, 1));
        assert_eq!(text("März 2027"), d(2027, 3, 1));
        assert_eq!(text("15 dic 2027"), d(2027, 12, 15));
        assert_eq!(text("2027"), d(2027, 1, 1));
        for bad in ["", "Total", "12", "31/02/2027", "soon 2027", "1e9"] {
            assert_eq!(text(bad), None, "{bad}");
        }
    }

    #[test]
    fn excel_serials_count_from_1899_or_1904() {
        assert_eq!(excel_serial(46_112.0, false), d(2026, 3, 31));
        assert_eq!(excel_serial(46_112.75, false), d(2026, 3, 31));
        assert_eq!(excel_serial(44_650.0, true), d(2026, 3, 31));
        assert_eq!(excel_serial(-5.0, false), None);
        assert_eq!(excel_serial(f64::NAN, false), None);
    }

    #[test]
    fn working_days_skip_weekends() {
        // Friday 2026-01-02 + 3 working days: Fri, Mon, Tue.
        let friday = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        assert_eq!(
            add_working_days(friday, 3),
            NaiveDate::from_ymd_opt(2026, 1, 6).unwrap()
        );
        assert_eq!(add_working_days(friday, 1), friday);
        assert_eq!(add_working_days(friday, 0), friday);
    }
}
