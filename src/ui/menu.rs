//! The menu bar and the keyboard shortcuts, both read from [`Command`].

use egui::{Button, Event, Panel};

use super::app::StackplanApp;
use super::commands::Command;

/// The commands whose shortcuts were pressed this frame (consuming those keys).
/// `typing` says whether a text field has the keyboard (it keeps all but a few keys);
/// `canvas_keys` whether plain keys (arrows, Tab, Delete) belong to the canvas.
pub fn pressed_commands(ctx: &egui::Context, typing: bool, canvas_keys: bool) -> Vec<Command> {
    let mut by_specificity: Vec<Command> = Command::ALL.to_vec();
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
        let hit = ctx.input_mut(|i| {
            [command.shortcut(), command.alternative_shortcut()]
                .into_iter()
                .flatten()
                .any(|s| i.consume_shortcut(&s))
        });
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

fn modifier_count(m: egui::Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command || m.mac_cmd)
}

/// The menu bar across the top of the window.
pub fn menu_bar_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu_ui(app, ui));
            ui.menu_button("Edit", |ui| edit_menu_ui(app, ui));
            ui.menu_button("View", |ui| view_menu_ui(app, ui));
            ui.separator();
            toolbar_ui(app, ui);
        });
    });
}

fn file_menu_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    for command in [Command::New, Command::Open] {
        command_button_ui(app, ui, command, None, true);
    }
    if ui.button("Import…").clicked() {
        app.import();
        ui.close();
    }
    ui.menu_button("Open recent", |ui| {
        if app.recent.is_empty() {
            ui.label("No recent files");
        }
        for path in app.recent.clone() {
            if ui.button(path.display().to_string()).clicked() {
                app.open_path(path);
                ui.close();
            }
        }
    });
    ui.separator();
    for command in [Command::Save, Command::SaveAs, Command::Export] {
        command_button_ui(app, ui, command, None, true);
    }
    if ui.button("Export handout…").clicked() {
        super::stops::export_handout(app);
        ui.close();
    }
    ui.separator();
    if ui.button("Compare with…").clicked() {
        let request = super::files::FileRequest::compare(app.document().path());
        app.choose_file(request);
        ui.close();
    }
    let saved = app.document().path().is_some();
    if ui
        .add_enabled(saved, Button::new("Compare with saved version"))
        .clicked()
    {
        app.compare_with_saved();
        ui.close();
    }
    if app.comparing().is_some() && ui.button("Stop comparing").clicked() {
        app.stop_comparing();
        ui.close();
    }
    ui.separator();
    command_button_ui(app, ui, Command::Quit, None, true);
}

fn edit_menu_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    let undo = app.document().undo_label().map(|l| format!("Undo {l}"));
    let redo = app.document().redo_label().map(|l| format!("Redo {l}"));
    let has_undo = undo.is_some();
    let has_redo = redo.is_some();
    command_button_ui(app, ui, Command::Undo, undo, has_undo);
    command_button_ui(app, ui, Command::Redo, redo, has_redo);
    ui.separator();
    let selected = app.view().selection.is_some();
    for command in [Command::Copy, Command::Duplicate, Command::Delete] {
        command_button_ui(app, ui, command, None, selected);
    }
    command_button_ui(app, ui, Command::SelectAll, None, true);
    let can_paste = app.clip.is_some();
    command_button_ui(app, ui, Command::Paste, None, can_paste);
    command_button_ui(app, ui, Command::Find, None, true);
    ui.separator();
    for command in [Command::AddInvestment, Command::AddMilestone] {
        command_button_ui(app, ui, command, None, true);
    }
}

fn view_menu_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    for command in [Command::Fit, Command::ZoomIn, Command::ZoomOut] {
        command_button_ui(app, ui, command, None, true);
    }
    ui.separator();
    let collapsed = !app.view().collapsed.is_empty();
    let all = app.plan().layers.len();
    command_button_ui(
        app,
        ui,
        Command::CollapseLanes,
        None,
        all > app.view().collapsed.len(),
    );
    command_button_ui(app, ui, Command::ExpandLanes, None, collapsed);
    ui.separator();
    let panels = app.view().panels;
    for (command, shown) in [
        (Command::ToggleRegister, panels.register),
        (Command::ToggleInspector, panels.inspector),
        (Command::ToggleChecks, panels.checks),
        (Command::ToggleExposure, panels.exposure),
    ] {
        let verb = if shown { "Hide" } else { "Show" };
        command_button_ui(
            app,
            ui,
            command,
            Some(format!("{verb} {}", command.label().to_lowercase())),
            true,
        );
    }
    let verb = if panels.stops { "Hide" } else { "Show" };
    if ui.button(format!("{verb} stops")).clicked() {
        app.view_mut().panels.stops ^= true;
        ui.close();
    }
}

/// The few buttons beside the menus.
fn toolbar_ui(app: &mut StackplanApp, ui: &mut egui::Ui) {
    for command in [
        Command::Undo,
        Command::Redo,
        Command::Fit,
        Command::AddInvestment,
        Command::AddMilestone,
        Command::Present,
    ] {
        let enabled = match command {
            Command::Undo => app.document().undo_label().is_some(),
            Command::Redo => app.document().redo_label().is_some(),
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
            app.run(command);
        }
    }
    if let Some(job) = app.export_job() {
        ui.separator();
        super::export::progress_ui(job, ui);
    } else if !app.status.is_empty() {
        ui.separator();
        ui.weak(app.status.clone());
    }
}

fn shortcut_text(ctx: &egui::Context, command: Command) -> Option<String> {
    command.shortcut().map(|s| ctx.format_shortcut(&s))
}

/// A menu entry for `command`, with its shortcut; runs the command when clicked.
fn command_button_ui(
    app: &mut StackplanApp,
    ui: &mut egui::Ui,
    command: Command,
    text: Option<String>,
    enabled: bool,
) {
    let text = text.unwrap_or_else(|| command.label().to_owned());
    let shortcut = shortcut_text(ui.ctx(), command).unwrap_or_default();
    let resp = ui.add_enabled(enabled, Button::new(text).shortcut_text(shortcut));
    if resp.clicked() {
        app.run(command);
        ui.close();
    }
}
