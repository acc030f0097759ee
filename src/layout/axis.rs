//! Chart axes: round value ticks for a y scale and year steps for a time axis.

/// Round tick values from 0 to at least `max`, about `room` of them at most: steps of 1, 2 or
/// 5 times a power of ten. The last tick is the top of the scale.
pub fn value_ticks(max: u32, room: usize) -> Vec<u32> {
    let max = max.max(1);
    let room = room.max(1) as u64;
    let step = steps()
        .find(|&s| u64::from(max).div_ceil(s) <= room)
        .unwrap_or(u64::from(max));
    let top = u64::from(max).div_ceil(step) * step;
    (0..=top / step)
        .map(|i| u32::try_from(i * step).unwrap_or(u32::MAX))
        .collect()
}

/// 1, 2, 5, 10, 20, 50, …
fn steps() -> impl Iterator<Item = u64> {
    (0..10u32).flat_map(|p| [1, 2, 5].map(|m| m * 10u64.pow(p)))
}

/// Years between labels on a time axis of `years` years and `width` units, each label
/// needing `label` units: 1, 2, 5 or 10.
pub fn year_step(years: i32, width: f32, label: f32) -> i32 {
    let fit = (width / label.max(1.0)).floor().max(1.0) as i32;
    [1, 2, 5, 10]
        .into_iter()
        .find(|s| years.max(1) / s <= fit)
        .unwrap_or(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_ticks_are_round_and_reach_the_maximum() {
        assert_eq!(value_ticks(57, 6), [0, 10, 20, 30, 40, 50, 60]);
        assert_eq!(value_ticks(57, 4), [0, 20, 40, 60]);
        assert_eq!(value_ticks(3, 6), [0, 1, 2, 3]);
        assert_eq!(value_ticks(0, 6), [0, 1]);
        assert_eq!(value_ticks(120, 5), [0, 50, 100, 150]);
    }

    #[test]
    fn year_labels_thin_out_when_they_would_crowd() {
        assert_eq!(year_step(10, 740.0, 30.0), 1);
        assert_eq!(year_step(10, 200.0, 30.0), 2);
        assert_eq!(year_step(40, 200.0, 30.0), 10);
    }
}
