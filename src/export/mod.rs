//! Draws a layout scene to PDF, SVG and PNG, and writes CSV.
