//! The eframe/egui editor: canvas, panels, inspector, presentation, commands and undo.
