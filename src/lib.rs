//! Stackplan: a desktop editor for national AI sovereignty roadmaps.
//!
//! Layers, each depending only on those before it: [`model`] ← [`analysis`] ← [`layout`] ←
//! [`export`] and [`io`]; [`ui`] (feature `gui`) is the only one that knows
//! egui.

pub mod analysis;
pub mod assess;
pub mod cli;
pub mod export;
pub mod generate;
pub mod import;
pub mod io;
pub mod layout;
pub mod merge_driver;
pub mod model;
#[cfg(feature = "gui")]
pub mod ui;
