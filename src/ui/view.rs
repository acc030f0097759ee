//! The editor's view state in one struct (time window, zoom, selection, panels), so that
//! presentation mode can save and restore it.

use crate::model::{ItemKind, Month, Roadmap};

/// The item the user has selected.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Selection {
    /// What kind of item it is.
    pub kind: ItemKind,
    /// Its id.
    pub id: String,
}

impl Selection {
    /// A selection of the item `id` of `kind`.
    pub fn new(kind: ItemKind, id: &str) -> Selection {
        Selection {
            kind,
            id: id.to_owned(),
        }
    }
}

/// Which panels are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panels {
    /// Layers and dependency register (left).
    pub register: bool,
    /// Fields of the selection (right).
    pub inspector: bool,
    /// List of findings.
    pub checks: bool,
    /// Exposure chart (bottom).
    pub exposure: bool,
    /// Presentation stops (right).
    pub stops: bool,
}

impl Default for Panels {
    fn default() -> Panels {
        Panels {
            register: true,
            inspector: true,
            checks: true,
            exposure: true,
            stops: false,
        }
    }
}

/// Everything about how the plan is shown, apart from the plan itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewState {
    /// Month index (fractional) at the left edge of the time area.
    pub first_month: f32,
    /// Screen points per month.
    pub points_per_month: f32,
    /// Vertical scroll of the lanes, in points.
    pub scroll_y: f32,
    /// The selected item, if any.
    pub selection: Option<Selection>,
    /// The time cursor's month, if shown.
    pub cursor: Option<Month>,
    /// Whether the critical path of a selected milestone is outlined on the canvas.
    pub critical_path: bool,
    /// Which panels are shown.
    pub panels: Panels,
    /// Set when the next canvas frame should zoom to fit.
    pub fit_pending: bool,
    /// Set when the next canvas frame should scroll the selection into view.
    pub reveal_pending: bool,
    /// The width the view was last fitted to, while the user has not panned or zoomed since
    /// (so the view refits when the window or a panel changes size).
    pub fitted_width: Option<f32>,
}

impl Default for ViewState {
    fn default() -> ViewState {
        ViewState {
            first_month: 0.0,
            points_per_month: 8.0,
            scroll_y: 0.0,
            selection: None,
            cursor: None,
            critical_path: false,
            panels: Panels::default(),
            fit_pending: true,
            reveal_pending: false,
            fitted_width: None,
        }
    }
}

/// Smallest zoom, points per month.
pub const MIN_ZOOM: f32 = 0.05;
/// Largest zoom, points per month.
pub const MAX_ZOOM: f32 = 400.0;

impl ViewState {
    /// Screen x (relative to the time area's left edge) of the start of month index `m`.
    pub fn x_of(&self, month_index: f32) -> f32 {
        (month_index - self.first_month) * self.points_per_month
    }

    /// Month index (fractional) at screen x relative to the time area's left edge.
    pub fn month_at(&self, x: f32) -> f32 {
        self.first_month + x / self.points_per_month.max(MIN_ZOOM)
    }

    /// Shows the plan's whole horizon in `width` points.
    pub fn fit(&mut self, plan: &Roadmap, width: f32) {
        let start = plan.horizon.start.index() as f32;
        let months = (plan.horizon.start.months_until(plan.horizon.end) + 1).max(1) as f32;
        let margin = (months * 0.02).max(0.5);
        self.points_per_month =
            (width.max(50.0) / (months + 2.0 * margin)).clamp(MIN_ZOOM, MAX_ZOOM);
        self.first_month = start - margin;
        self.scroll_y = 0.0;
        self.fit_pending = false;
        self.fitted_width = Some(width);
    }

    /// Zooms by `factor` keeping the month under screen x `anchor_x` in place.
    pub fn zoom_around(&mut self, factor: f32, anchor_x: f32) {
        self.fitted_width = None;
        let anchor = self.month_at(anchor_x);
        self.points_per_month = (self.points_per_month * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.first_month = anchor - anchor_x / self.points_per_month;
    }

    /// Pans by a screen distance (positive dx moves the content right).
    pub fn pan(&mut self, dx: f32, dy: f32) {
        self.fitted_width = None;
        self.first_month -= dx / self.points_per_month.max(MIN_ZOOM);
        self.scroll_y = (self.scroll_y - dy).max(0.0);
    }

    /// Moves the window so that month index `m` is in view, near the left third.
    pub fn reveal(&mut self, month_index: f32, width: f32) {
        let x = self.x_of(month_index);
        if x < 0.0 || x > width {
            self.fitted_width = None;
            self.first_month = month_index - width / 3.0 / self.points_per_month.max(MIN_ZOOM);
        }
    }

    /// Whether `id` is the selected item.
    pub fn is_selected(&self, id: &str) -> bool {
        self.selection.as_ref().is_some_and(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_month_under_the_pointer() {
        let mut v = ViewState {
            first_month: 100.0,
            points_per_month: 10.0,
            ..ViewState::default()
        };
        let before = v.month_at(250.0);
        v.zoom_around(2.0, 250.0);
        assert!((v.month_at(250.0) - before).abs() < 1e-3);
        assert_eq!(v.points_per_month, 20.0);
    }
}
