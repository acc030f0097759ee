//! Pure analysis of a roadmap: exposure, checks, budgets, paths.
