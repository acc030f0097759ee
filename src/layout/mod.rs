//! Turns a roadmap and a view into a scene of positioned shapes and text.
