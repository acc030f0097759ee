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
    /// The selected item, if any: the one the inspector and the keyboard act on.
    pub selection: Option<Selection>,
    /// Every item selected when several are (Shift/Ctrl+click, rubber band), the primary
    /// `selection` among them; ignored unless it holds `selection`, so that code which sets
    /// `selection` alone selects one item.
    pub group: Vec<Selection>,
    /// Ids of the layers whose lanes are collapsed to one summary row.
    pub collapsed: Vec<String>,
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
            group: Vec::new(),
            collapsed: Vec::new(),
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

    /// Whether `id` is a selected item.
    pub fn is_selected(&self, id: &str) -> bool {
        self.selected().iter().any(|s| s.id == id)
    }

    /// Every selected item: the group when several are selected, else the selection alone.
    pub fn selected(&self) -> Vec<Selection> {
        match &self.selection {
            Some(primary) if self.group.len() > 1 && self.group.contains(primary) => {
                self.group.clone()
            }
            Some(primary) => vec![primary.clone()],
            None => Vec::new(),
        }
    }

    /// Selects `selection` alone (or nothing).
    pub fn select_only(&mut self, selection: Option<Selection>) {
        self.selection = selection;
        self.group.clear();
    }

    /// Adds `item` to the selection, or takes it out when it is selected (Shift/Ctrl+click).
    pub fn toggle(&mut self, item: Selection) {
        let mut all = self.selected();
        match all.iter().position(|s| *s == item) {
            Some(k) => {
                all.remove(k);
            }
            None => all.push(item.clone()),
        }
        let primary = if all.contains(&item) {
            Some(item)
        } else {
            all.last().cloned()
        };
        self.selection = primary;
        self.group = all;
    }

    /// Selects `items` (the last one primary), keeping what was selected when `add`.
    pub fn select_many(&mut self, items: Vec<Selection>, add: bool) {
        let mut all = if add { self.selected() } else { Vec::new() };
        for item in items {
            if !all.contains(&item) {
                all.push(item);
            }
        }
        self.selection = all.last().cloned();
        self.group = all;
    }

    /// Keeps only the selected items `exists` accepts.
    pub fn retain_selected(&mut self, exists: impl Fn(&Selection) -> bool) {
        let all: Vec<Selection> = self.selected().into_iter().filter(|s| exists(s)).collect();
        if self.selection.as_ref().is_some_and(|s| !exists(s)) {
            self.selection = all.last().cloned();
        }
        self.group = all;
    }

    /// Whether the lane of `layer` is collapsed to one summary row.
    pub fn is_collapsed(&self, layer: &str) -> bool {
        self.collapsed.iter().any(|l| l == layer)
    }

    /// Collapses the lane of `layer`, or expands it when it is collapsed.
    pub fn toggle_lane(&mut self, layer: &str) {
        match self.collapsed.iter().position(|l| l == layer) {
            Some(k) => {
                self.collapsed.remove(k);
            }
            None => self.collapsed.push(layer.to_owned()),
        }
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

    #[test]
    fn toggling_adds_and_removes_items_and_setting_the_selection_alone_selects_one() {
        let a = Selection::new(ItemKind::Investment, "a");
        let b = Selection::new(ItemKind::Milestone, "b");
        let mut v = ViewState::default();
        v.select_only(Some(a.clone()));
        v.toggle(b.clone());
        assert_eq!(v.selected(), vec![a.clone(), b.clone()]);
        assert_eq!(
            v.selection,
            Some(b.clone()),
            "the item clicked last is primary"
        );
        v.toggle(b.clone());
        assert_eq!(v.selected(), vec![a.clone()]);
        v.toggle(b.clone());
        v.selection = Some(Selection::new(ItemKind::Investment, "c"));
        assert_eq!(
            v.selected().len(),
            1,
            "a selection set alone drops the group"
        );
        v.select_many(vec![a.clone(), b.clone()], false);
        v.retain_selected(|s| s.id != "b");
        assert_eq!(v.selected(), vec![a.clone()]);
        assert_eq!(v.selection, Some(a));
    }
}
