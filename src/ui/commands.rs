//! Every user action, named once with its menu text and keyboard shortcut.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A user action; menus, the toolbar and key handling all read this one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start a new, empty plan.
    New,
    /// Open a plan from a file.
    Open,
    /// Save the plan to its file.
    Save,
    /// Save the plan to a new file.
    SaveAs,
    /// Export the chart and report to PDF, SVG or PNG, or the tables to CSV.
    Export,
    /// Write the handout PDF: one page per presentation stop.
    ExportHandout,
    /// Import a plan from MS Project, GanttProject, a spreadsheet or CSV tables.
    Import,
    /// Compare the plan with another plan file.
    CompareWith,
    /// Compare the unsaved edits with the saved file.
    CompareWithSaved,
    /// End the comparison.
    StopComparing,
    /// Close the window.
    Quit,
    /// Take back the last edit.
    Undo,
    /// Do the last undone edit again.
    Redo,
    /// Remove the selected item and the links to it.
    Delete,
    /// Copy the selected item with a fresh id.
    Duplicate,
    /// Copy the selected item to the clipboard.
    Copy,
    /// Paste the copied item with a fresh id.
    Paste,
    /// Add an investment in the selected lane.
    AddInvestment,
    /// Add a milestone in the selected lane.
    AddMilestone,
    /// Zoom so that the whole plan fits.
    Fit,
    /// Zoom in around the centre.
    ZoomIn,
    /// Zoom out around the centre.
    ZoomOut,
    /// Show or hide the register panel.
    ToggleRegister,
    /// Show or hide the inspector panel.
    ToggleInspector,
    /// Show or hide the checks list.
    ToggleChecks,
    /// Show or hide the exposure chart.
    ToggleExposure,
    /// Show or hide the presentation stops.
    ToggleStops,
    /// Select the next item on the canvas.
    SelectNext,
    /// Select the previous item on the canvas.
    SelectPrevious,
    /// Move the selection a month earlier.
    NudgeEarlier,
    /// Move the selection a month later.
    NudgeLater,
    /// Move the selection a year earlier.
    NudgeYearEarlier,
    /// Move the selection a year later.
    NudgeYearLater,
    /// Put the keyboard focus in the inspector.
    FocusInspector,
    /// Clear the selection.
    Deselect,
    /// Present the plan's stops full screen.
    Present,
    /// Find items by title, owner, id or notes.
    Find,
    /// Select every investment and milestone on the canvas.
    SelectAll,
    /// Collapse every lane to one summary row.
    CollapseLanes,
    /// Expand every lane.
    ExpandLanes,
    /// Show the next stop (while presenting).
    NextStop,
    /// Show the previous stop (while presenting).
    PreviousStop,
    /// Show the first stop (while presenting).
    FirstStop,
    /// Show the last stop (while presenting).
    LastStop,
    /// Type a digit of the number of the stop to jump to (while presenting).
    StopDigit(u8),
    /// Jump to the stop whose number was typed (while presenting).
    JumpToStop,
    /// Show or hide the speaker notes (while presenting).
    ToggleNotes,
    /// Open or close the presenter window (while presenting).
    TogglePresenter,
    /// End the presentation.
    EndPresentation,
}

/// Where a command works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In the editor.
    Editor,
    /// While presenting.
    Presentation,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 58] = [
        Command::New,
        Command::Open,
        Command::Import,
        Command::Save,
        Command::SaveAs,
        Command::Export,
        Command::ExportHandout,
        Command::CompareWith,
        Command::CompareWithSaved,
        Command::StopComparing,
        Command::Quit,
        Command::Undo,
        Command::Redo,
        Command::Delete,
        Command::Duplicate,
        Command::Copy,
        Command::Paste,
        Command::AddInvestment,
        Command::AddMilestone,
        Command::Fit,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ToggleRegister,
        Command::ToggleInspector,
        Command::ToggleChecks,
        Command::ToggleExposure,
        Command::ToggleStops,
        Command::SelectNext,
        Command::SelectPrevious,
        Command::NudgeEarlier,
        Command::NudgeLater,
        Command::NudgeYearEarlier,
        Command::NudgeYearLater,
        Command::FocusInspector,
        Command::Deselect,
        Command::Present,
        Command::Find,
        Command::SelectAll,
        Command::CollapseLanes,
        Command::ExpandLanes,
        Command::NextStop,
        Command::PreviousStop,
        Command::FirstStop,
        Command::LastStop,
        Command::StopDigit(0),
        Command::StopDigit(1),
        Command::StopDigit(2),
        Command::StopDigit(3),
        Command::StopDigit(4),
        Command::StopDigit(5),
        Command::StopDigit(6),
        Command::StopDigit(7),
        Command::StopDigit(8),
        Command::StopDigit(9),
        Command::JumpToStop,
        Command::ToggleNotes,
        Command::TogglePresenter,
        Command::EndPresentation,
    ];

    /// The text shown in menus.
    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::Export => "Export…",
            Command::ExportHandout => "Export handout…",
            Command::Import => "Import…",
            Command::CompareWith => "Compare with…",
            Command::CompareWithSaved => "Compare with saved version",
            Command::StopComparing => "Stop comparing",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Delete => "Delete",
            Command::Duplicate => "Duplicate",
            Command::Copy => "Copy",
            Command::Paste => "Paste",
            Command::AddInvestment => "Add investment",
            Command::AddMilestone => "Add milestone",
            Command::Fit => "Fit",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ToggleRegister => "Register",
            Command::ToggleInspector => "Inspector",
            Command::ToggleChecks => "Checks",
            Command::ToggleExposure => "Exposure chart",
            Command::ToggleStops => "Stops",
            Command::SelectNext => "Select next item",
            Command::SelectPrevious => "Select previous item",
            Command::NudgeEarlier => "Move a month earlier",
            Command::NudgeLater => "Move a month later",
            Command::NudgeYearEarlier => "Move a year earlier",
            Command::NudgeYearLater => "Move a year later",
            Command::FocusInspector => "Edit in inspector",
            Command::Deselect => "Clear selection",
            Command::Present => "Present",
            Command::Find => "Find…",
            Command::SelectAll => "Select all",
            Command::CollapseLanes => "Collapse all lanes",
            Command::ExpandLanes => "Expand all lanes",
            Command::NextStop => "Next stop",
            Command::PreviousStop => "Previous stop",
            Command::FirstStop => "First stop",
            Command::LastStop => "Last stop",
            Command::StopDigit(_) => "Type a stop number",
            Command::JumpToStop => "Go to the stop typed",
            Command::ToggleNotes => "Speaker notes",
            Command::TogglePresenter => "Presenter window",
            Command::EndPresentation => "End the presentation",
        }
    }

    /// The keyboard shortcut, using egui's platform command modifier (Ctrl, or ⌘ on macOS);
    /// `None` for the few commands only the menus offer.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let (modifiers, key) = match self {
            Command::New => (cmd, Key::N),
            Command::Open => (cmd, Key::O),
            Command::Save => (cmd, Key::S),
            Command::SaveAs => (cmd_shift, Key::S),
            Command::Export => (cmd, Key::E),
            Command::Quit => (cmd, Key::Q),
            Command::Undo => (cmd, Key::Z),
            Command::Redo => (cmd_shift, Key::Z),
            Command::Delete => (Modifiers::NONE, Key::Delete),
            Command::Duplicate => (cmd, Key::D),
            Command::Copy => (cmd, Key::C),
            Command::Paste => (cmd, Key::V),
            Command::AddInvestment => (cmd, Key::I),
            Command::AddMilestone => (cmd, Key::M),
            Command::Fit => (Modifiers::NONE, Key::F),
            Command::ZoomIn => (cmd, Key::Plus),
            Command::ZoomOut => (cmd, Key::Minus),
            Command::ToggleRegister => (cmd, Key::Num1),
            Command::ToggleInspector => (cmd, Key::Num2),
            Command::ToggleChecks => (cmd, Key::Num3),
            Command::ToggleExposure => (cmd, Key::Num4),
            Command::SelectNext => (Modifiers::NONE, Key::Tab),
            Command::SelectPrevious => (Modifiers::SHIFT, Key::Tab),
            Command::NudgeEarlier => (Modifiers::NONE, Key::ArrowLeft),
            Command::NudgeLater => (Modifiers::NONE, Key::ArrowRight),
            Command::NudgeYearEarlier => (Modifiers::SHIFT, Key::ArrowLeft),
            Command::NudgeYearLater => (Modifiers::SHIFT, Key::ArrowRight),
            Command::FocusInspector => (Modifiers::NONE, Key::Enter),
            Command::Deselect => (Modifiers::NONE, Key::Escape),
            Command::Present => (Modifiers::NONE, Key::F5),
            Command::Find => (cmd, Key::F),
            Command::SelectAll => (cmd, Key::A),
            Command::NextStop => (Modifiers::NONE, Key::ArrowRight),
            Command::PreviousStop => (Modifiers::NONE, Key::ArrowLeft),
            Command::FirstStop => (Modifiers::NONE, Key::Home),
            Command::LastStop => (Modifiers::NONE, Key::End),
            Command::StopDigit(d) => (Modifiers::NONE, digit_key(d)?),
            Command::JumpToStop => (Modifiers::NONE, Key::Enter),
            Command::ToggleNotes => (Modifiers::NONE, Key::N),
            Command::TogglePresenter => (Modifiers::NONE, Key::P),
            Command::EndPresentation => (Modifiers::NONE, Key::Escape),
            Command::CollapseLanes
            | Command::ExpandLanes
            | Command::ExportHandout
            | Command::Import
            | Command::CompareWith
            | Command::CompareWithSaved
            | Command::StopComparing
            | Command::ToggleStops => return None,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// Other shortcuts that do the same (Ctrl+Y for redo, Backspace for delete, Space for
    /// the next stop).
    pub fn alternative_shortcuts(self) -> &'static [KeyboardShortcut] {
        const fn plain(key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(Modifiers::NONE, key)
        }
        const REDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)];
        const DELETE: [KeyboardShortcut; 1] = [plain(Key::Backspace)];
        const ZOOM_IN: [KeyboardShortcut; 1] =
            [KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals)];
        const NEXT: [KeyboardShortcut; 3] = [
            plain(Key::ArrowDown),
            plain(Key::PageDown),
            plain(Key::Space),
        ];
        const PREVIOUS: [KeyboardShortcut; 2] = [plain(Key::ArrowUp), plain(Key::PageUp)];
        match self {
            Command::Redo => &REDO,
            Command::Delete => &DELETE,
            Command::ZoomIn => &ZOOM_IN,
            Command::NextStop => &NEXT,
            Command::PreviousStop => &PREVIOUS,
            _ => &[],
        }
    }

    /// The shortcut and the alternatives.
    pub fn shortcuts(self) -> impl Iterator<Item = KeyboardShortcut> {
        self.shortcut()
            .into_iter()
            .chain(self.alternative_shortcuts().iter().copied())
    }

    /// Where the command works: presenting has keys of its own.
    pub fn scope(self) -> Scope {
        match self {
            Command::NextStop
            | Command::PreviousStop
            | Command::FirstStop
            | Command::LastStop
            | Command::StopDigit(_)
            | Command::JumpToStop
            | Command::ToggleNotes
            | Command::TogglePresenter
            | Command::EndPresentation => Scope::Presentation,
            _ => Scope::Editor,
        }
    }

    /// Whether the command works while a text field has the keyboard (the text field
    /// otherwise gets the key, e.g. Delete or Ctrl+Z in its own text).
    pub fn works_while_typing(self) -> bool {
        matches!(
            self,
            Command::New
                | Command::Open
                | Command::Save
                | Command::SaveAs
                | Command::Export
                | Command::Quit
                | Command::Find
        )
    }

    /// Whether the command acts on the canvas selection with a plain key, so only runs when
    /// the canvas (or nothing) has the keyboard focus. Function keys (F5 present) work
    /// whatever has the focus, as no widget uses them.
    pub fn is_canvas_key(self) -> bool {
        self.shortcut().is_some_and(|s| {
            !s.modifiers.command && !s.modifiers.ctrl && !is_function_key(s.logical_key)
        })
    }
}

/// The key of digit `d` (0–9).
fn digit_key(d: u8) -> Option<Key> {
    const DIGITS: [Key; 10] = [
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    DIGITS.get(usize::from(d)).copied()
}

/// Whether `key` is one of F1–F35.
fn is_function_key(key: Key) -> bool {
    key.name().len() > 1 && key.name().starts_with('F') && key.name()[1..].parse::<u8>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_is_global_and_fit_belongs_to_the_canvas() {
        assert!(!Command::Present.is_canvas_key());
        assert!(Command::Fit.is_canvas_key());
        assert!(Command::Delete.is_canvas_key());
        assert!(!Command::Save.is_canvas_key());
        assert!(!Command::Present.works_while_typing());
    }

    #[test]
    fn no_shortcut_is_defined_twice() {
        for scope in [Scope::Editor, Scope::Presentation] {
            let mut seen = Vec::new();
            for c in Command::ALL.into_iter().filter(|c| c.scope() == scope) {
                for s in c.shortcuts() {
                    assert!(!seen.contains(&s), "{c:?} reuses {s:?}");
                    seen.push(s);
                }
            }
        }
    }

    #[test]
    fn presenting_has_its_keys_in_the_table() {
        let keys = |c: Command| c.shortcuts().map(|s| s.logical_key).collect::<Vec<_>>();
        assert_eq!(
            keys(Command::NextStop),
            [Key::ArrowRight, Key::ArrowDown, Key::PageDown, Key::Space]
        );
        assert_eq!(keys(Command::StopDigit(7)), [Key::Num7]);
        assert_eq!(Command::EndPresentation.scope(), Scope::Presentation);
        assert_eq!(Command::NudgeLater.scope(), Scope::Editor);
    }

    #[test]
    fn every_command_has_a_label() {
        for c in Command::ALL {
            assert!(!c.label().is_empty());
        }
    }
}
