//! The menu bar and the keyboard shortcuts, both read from [`Command`].

use egui::{Button, Event, Panel};

use super::action::{Action, Actions, Context};
use super::commands::{Command, Scope};

/// The commands whose shortcuts were pressed this frame (consuming those keys).
/// `typing` says whether a text field has the keyboard (it keeps all but a few keys);
/// `canvas_keys` whether plain keys (arrows, Tab, Delete) belong to the canvas.
pub fn pressed_commands(ctx: &egui::Context, typing: bool, canvas_keys: bool) -> Vec<Command> {
    let mut by_specificity: Vec<Command> = Command::ALL
        .into_iter()
        .filter(|c| c.scope() == Scope::Editor)
        .collect();
    by_specificity.sort_by_key(|c| {
        std::cmp::Reverse(c.shortcut().map_or(0, |s| modifier_count(s.modifiers)))
    });
    let mut pressed = Vec::new();
    for command in by_specificity {
        if typing && !command.works_while_typing() {
            continue;
        }
        if command.is_canvas_key() && !canvas_keys {
            continue;
        }
        let hit = ctx.input_mut(|i| command.shortcuts().any(|s| i.consume_shortcut(&s)));
        if hit {
            pressed.push(command);
        }
    }
    if !typing {
        // The platform turns Ctrl+C / Ctrl+V into clipboard events rather than key presses.
        ctx.input(|i| {
            for event in &i.events {
                match event {
                    Event::Copy if !pressed.contains(&Command::Copy) => pressed.push(Command::Copy),
                    Event::Paste(_) if !pressed.contains(&Command::Paste) => {
                        pressed.push(Command::Paste)
                    }
                    _ => {}
                }
            }
        });
    }
    pressed
}

/// The presentation's commands whose keys were pressed this frame, each as often as it was
/// pressed (consuming those keys).
pub fn pressed_in_presentation(ctx: &egui::Context) -> Vec<Command> {
    let mut pressed = Vec::new();
    ctx.input_mut(|i| {
        for command in Command::ALL {
            if command.scope() != Scope::Presentation {
                continue;
            }
            for shortcut in command.shortcuts() {
                while i.consume_shortcut(&shortcut) {
                    pressed.push(command);
                }
            }
        }
    });
    pressed
}

fn modifier_count(m: egui::Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command || m.mac_cmd)
}

/// The menu bar across the top of the window.
pub fn menu_bar_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu_ui(cx, ui, out));
            ui.menu_button("Edit", |ui| edit_menu_ui(cx, ui, out));
            ui.menu_button("View", |ui| view_menu_ui(cx, ui, out));
            ui.separator();
            toolbar_ui(cx, ui, out);
        });
    });
}

fn file_menu_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    for command in [Command::New, Command::Open, Command::Import] {
        command_button_ui(ui, out, command, None, true);
    }
    ui.menu_button("Open recent", |ui| {
        if cx.recent.is_empty() {
            ui.label("No recent files");
        }
        for path in cx.recent {
            if ui.button(path.display().to_string()).clicked() {
                out.push(Action::OpenPath(path.clone()));
                ui.close();
            }
        }
    });
    ui.separator();
    for command in [
        Command::Save,
        Command::SaveAs,
        Command::Export,
        Command::ExportHandout,
    ] {
        command_button_ui(ui, out, command, None, true);
    }
    ui.separator();
    command_button_ui(ui, out, Command::CompareWith, None, true);
    let saved = cx.document.path().is_some();
    command_button_ui(ui, out, Command::CompareWithSaved, None, saved);
    if cx.compared.is_some() {
        command_button_ui(ui, out, Command::StopComparing, None, true);
    }
    ui.separator();
    command_button_ui(ui, out, Command::Quit, None, true);
}

fn edit_menu_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    let undo = cx.document.undo_label().map(|l| format!("Undo {l}"));
    let redo = cx.document.redo_label().map(|l| format!("Redo {l}"));
    let has_undo = undo.is_some();
    let has_redo = redo.is_some();
    command_button_ui(ui, out, Command::Undo, undo, has_undo);
    command_button_ui(ui, out, Command::Redo, redo, has_redo);
    ui.separator();
    let selected = cx.view.selection.is_some();
    for command in [Command::Copy, Command::Duplicate, Command::Delete] {
        command_button_ui(ui, out, command, None, selected);
    }
    command_button_ui(ui, out, Command::SelectAll, None, true);
    command_button_ui(ui, out, Command::Paste, None, cx.can_paste);
    command_button_ui(ui, out, Command::Find, None, true);
    ui.separator();
    for command in [Command::AddInvestment, Command::AddMilestone] {
        command_button_ui(ui, out, command, None, true);
    }
}

fn view_menu_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    for command in [Command::Fit, Command::ZoomIn, Command::ZoomOut] {
        command_button_ui(ui, out, command, None, true);
    }
    ui.separator();
    let collapsed = !cx.view.collapsed.is_empty();
    let all = cx.plan().layers.len();
    let can_collapse = all > cx.view.collapsed.len();
    command_button_ui(ui, out, Command::CollapseLanes, None, can_collapse);
    command_button_ui(ui, out, Command::ExpandLanes, None, collapsed);
    ui.separator();
    let panels = cx.view.panels;
    for (command, shown) in [
        (Command::ToggleRegister, panels.register),
        (Command::ToggleInspector, panels.inspector),
        (Command::ToggleChecks, panels.checks),
        (Command::ToggleExposure, panels.exposure),
        (Command::ToggleStops, panels.stops),
    ] {
        let verb = if shown { "Hide" } else { "Show" };
        let text = format!("{verb} {}", command.label().to_lowercase());
        command_button_ui(ui, out, command, Some(text), true);
    }
}

/// The few buttons beside the menus.
fn toolbar_ui(cx: &Context, ui: &mut egui::Ui, out: &mut Actions) {
    for command in [
        Command::Undo,
        Command::Redo,
        Command::Fit,
        Command::AddInvestment,
        Command::AddMilestone,
        Command::Present,
    ] {
        let enabled = match command {
            Command::Undo => cx.document.undo_label().is_some(),
            Command::Redo => cx.document.redo_label().is_some(),
            _ => true,
        };
        let tip = shortcut_text(ui.ctx(), command).map_or_else(
            || command.label().to_owned(),
            |s| format!("{} ({s})", command.label()),
        );
        let resp = ui
            .add_enabled(enabled, Button::new(command.label()).small())
            .on_hover_text(tip);
        if resp.clicked() {
            out.run(command);
        }
    }
    if let Some(job) = cx.export {
        ui.separator();
        super::export::progress_ui(job, ui);
    } else if !cx.status.is_empty() {
        ui.separator();
        ui.weak(cx.status);
    }
}

fn shortcut_text(ctx: &egui::Context, command: Command) -> Option<String> {
    command.shortcut().map(|s| ctx.format_shortcut(&s))
}

/// A menu entry for `command`, with its shortcut; runs the command when clicked.
fn command_button_ui(
    ui: &mut egui::Ui,
    out: &mut Actions,
    command: Command,
    text: Option<String>,
    enabled: bool,
) {
    let text = text.unwrap_or_else(|| command.label().to_owned());
    let button = match shortcut_text(ui.ctx(), command) {
        Some(shortcut) => Button::new(text).shortcut_text(shortcut),
        None => Button::new(text),
    };
    let resp = ui.add_enabled(enabled, button);
    if resp.clicked() {
        out.run(command);
        ui.close();
    }
}
