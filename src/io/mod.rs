//! Reading and writing roadmap files: RON with versions, migration and atomic saves.

mod load;
mod save;
mod v0;

pub use load::{LoadError, load_bytes, load_path, load_str};
pub use save::{SaveError, save_path, to_ron, write_atomically};

/// The example plan compiled into the binary, opened when no file is given.
pub const EXAMPLE_PLAN: &str = include_str!("../../roadmaps/sovereign-stack-2035.ron");

/// The bundled example plan, parsed.
pub fn example_plan() -> Result<crate::model::Roadmap, LoadError> {
    load_str(EXAMPLE_PLAN)
}
