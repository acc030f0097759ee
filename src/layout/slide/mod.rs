//! A presentation stop laid out as a scene: the handout's printed page (and the audience's
//! chart on screen), so that the exporters and the audience view only draw.

mod print;
pub mod screen;

pub use print::pages as handout_pages;
