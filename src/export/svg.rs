//! SVG of the chart from our own writer: text stays text, every item carries its id.

use std::fmt::Write;

use super::ExportOptions;
use crate::analysis::Analysis;
use crate::layout::{self, Anchor, Item, Rgba, Scene, Shape, Stroke, Tag, TextRun, Weight};
use crate::model::Roadmap;

/// Font families asked for, in order; viewers fall back to their own.
const FONT_FAMILY: &str = "'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans Arabic', \
                           'Noto Sans Devanagari', sans-serif";

/// The chart of `plan` as an SVG document.
pub fn write(plan: &Roadmap, analysis: &Analysis, options: &ExportOptions) -> String {
    let scene = layout::layout(plan, analysis.spans(), &options.chart_view(plan, analysis));
    scene_to_svg(&scene, plan)
}

/// Draws `scene` of `plan` as an SVG document; shapes carry their item's full title as a
/// tooltip, so every title is searchable even where the label was shortened.
pub fn scene_to_svg(scene: &Scene, plan: &Roadmap) -> String {
    let titles = Titles::new(plan);
    let mut out = String::with_capacity(200 + scene.items.len() * 160);
    let (w, h) = (scene.width.ceil(), scene.height.ceil());
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&plan.title));
    let _ = writeln!(out, r##"<rect width="{w}" height="{h}" fill="#FFFFFF"/>"##);
    let mut clip = 0usize;
    for item in &scene.items {
        write_item(&mut out, item, &mut clip, &titles);
    }
    out.push_str("</svg>\n");
    out
}

/// Writes one item as an SVG element.
fn write_item(out: &mut String, item: &Item, clip: &mut usize, titles: &Titles) {
    let attrs = tag_attrs(&item.tag);
    let close = match titles.of(&item.tag) {
        Some(t) if !matches!(item.shape, Shape::Text(_)) => {
            format!("><title>{}</title></", escape(t))
        }
        _ => String::new(),
    };
    match &item.shape {
        Shape::Rect {
            rect,
            fill,
            stroke,
            radius,
        } => {
            let _ = write!(
                out,
                r#"<rect{attrs} x="{}" y="{}" width="{}" height="{}""#,
                num(rect.x),
                num(rect.y),
                num(rect.w),
                num(rect.h)
            );
            if *radius > 0.0 {
                let _ = write!(
                    out,
                    r#" rx="{}""#,
                    num(radius.min(rect.w / 2.0).min(rect.h / 2.0))
                );
            }
            paint(out, *fill, *stroke);
            end(out, &close, "rect");
        }
        Shape::Diamond {
            centre,
            half,
            fill,
            stroke,
        } => {
            let (x, y, d) = (centre.x, centre.y, *half);
            let _ = write!(
                out,
                r#"<polygon{attrs} points="{},{} {},{} {},{} {},{}""#,
                num(x),
                num(y - d),
                num(x + d),
                num(y),
                num(x),
                num(y + d),
                num(x - d),
                num(y)
            );
            paint(out, *fill, *stroke);
            end(out, &close, "polygon");
        }
        Shape::Line { points, stroke } => {
            let _ = write!(out, r#"<polyline{attrs} points="{}""#, points_attr(points));
            paint(out, None, Some(*stroke));
            end(out, &close, "polyline");
        }
        Shape::Polygon {
            points,
            fill,
            stroke,
        } => {
            let _ = write!(out, r#"<polygon{attrs} points="{}""#, points_attr(points));
            paint(out, *fill, *stroke);
            end(out, &close, "polygon");
        }
        Shape::Text(run) => write_text(out, run, &attrs, clip),
    }
}

/// Closes an element, with its tooltip when `close` holds one.
fn end(out: &mut String, close: &str, element: &str) {
    if close.is_empty() {
        out.push_str("/>\n");
    } else {
        let _ = writeln!(out, "{close}{element}>");
    }
}

/// Full titles of investments, milestones and dependencies by id.
struct Titles<'a> {
    by_id: std::collections::HashMap<&'a str, &'a str>,
}

impl<'a> Titles<'a> {
    fn new(plan: &'a Roadmap) -> Titles<'a> {
        let investments = plan
            .investments
            .iter()
            .map(|i| (i.id.as_str(), i.title.as_str()));
        let milestones = plan
            .milestones
            .iter()
            .map(|m| (m.id.as_str(), m.title.as_str()));
        let dependencies = plan
            .dependencies
            .iter()
            .map(|d| (d.id.as_str(), d.name.as_str()));
        Titles {
            by_id: investments.chain(milestones).chain(dependencies).collect(),
        }
    }

    fn of(&self, tag: &Tag) -> Option<&'a str> {
        match tag {
            Tag::Investment(id) | Tag::Milestone(id) | Tag::Dependency(id) => {
                self.by_id.get(id.as_str()).copied()
            }
            _ => None,
        }
    }
}

/// Writes a text run, clipped to its maximum width.
fn write_text(out: &mut String, run: &TextRun, attrs: &str, clip: &mut usize) {
    if run.text.is_empty() {
        return;
    }
    let anchor = match run.anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    };
    let bounds = run.bounds();
    let clip_x = match run.anchor {
        Anchor::Start => run.pos.x,
        Anchor::Middle => run.pos.x - run.max_width / 2.0,
        Anchor::End => run.pos.x - run.max_width,
    };
    let needs_clip = layout::text::width(&run.text, run.size) > run.max_width * 0.98;
    if needs_clip {
        *clip += 1;
        let _ = write!(
            out,
            r#"<clipPath id="c{clip}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
            num(clip_x),
            num(bounds.y - run.size * 0.3),
            num(run.max_width),
            num(run.size * 1.6)
        );
    }
    let _ = write!(
        out,
        r#"<text{attrs} x="{}" y="{}" font-size="{}" fill="{}""#,
        num(run.pos.x),
        num(run.pos.y),
        num(run.size),
        run.colour.hex()
    );
    if run.colour.a < 255 {
        let _ = write!(out, r#" fill-opacity="{}""#, num(run.colour.opacity()));
    }
    if run.anchor != Anchor::Start {
        let _ = write!(out, r#" text-anchor="{anchor}""#);
    }
    if run.weight == Weight::Bold {
        out.push_str(r#" font-weight="bold""#);
    }
    if needs_clip {
        let _ = write!(out, r#" clip-path="url(#c{clip})""#);
    }
    let _ = writeln!(out, ">{}</text>", escape(&run.text));
}

/// The `id` and `class` attributes naming what an item draws.
fn tag_attrs(tag: &Tag) -> String {
    let (class, id) = match tag {
        Tag::Chrome => ("chrome", None),
        Tag::Ruler => ("ruler", None),
        Tag::Grid => ("grid", None),
        Tag::Lane(id) => ("lane", Some(id.clone())),
        Tag::DependencyLane => ("dependency-lane", None),
        Tag::Investment(id) => ("investment", Some(id.clone())),
        Tag::Density(layer) => ("density", Some(layer.clone())),
        Tag::Milestone(id) => ("milestone", Some(id.clone())),
        Tag::Dependency(id) => ("dependency", Some(id.clone())),
        Tag::Link { from, to } => ("link", Some(format!("{from}→{to}"))),
        Tag::Removal {
            dependency,
            milestone,
        } => ("removal", Some(format!("{dependency}→{milestone}"))),
        Tag::Resize { id, .. } => ("handle", Some(id.clone())),
        Tag::LinkHandle(id) => ("handle", Some(id.clone())),
        Tag::Cursor => ("cursor", None),
        Tag::Legend => ("legend", None),
        Tag::Ghost(id) => ("ghost", Some(id.clone())),
        Tag::Shock => ("shock", None),
    };
    match id {
        Some(id) => format!(r#" class="{class}" data-id="{}""#, escape(&id)),
        None => format!(r#" class="{class}""#),
    }
}

/// Fill and stroke attributes.
fn paint(out: &mut String, fill: Option<Rgba>, stroke: Option<Stroke>) {
    match fill {
        Some(c) => {
            let _ = write!(out, r#" fill="{}""#, c.hex());
            if c.a < 255 {
                let _ = write!(out, r#" fill-opacity="{}""#, num(c.opacity()));
            }
        }
        None => out.push_str(r#" fill="none""#),
    }
    if let Some(s) = stroke {
        let _ = write!(
            out,
            r#" stroke="{}" stroke-width="{}""#,
            s.colour.hex(),
            num(s.width)
        );
        if s.colour.a < 255 {
            let _ = write!(out, r#" stroke-opacity="{}""#, num(s.colour.opacity()));
        }
        if s.dashed {
            let _ = write!(
                out,
                r#" stroke-dasharray="{} {}""#,
                num(s.width * 3.0),
                num(s.width * 2.0)
            );
        }
    }
}

/// Points as "x,y x,y …".
fn points_attr(points: &[layout::Point]) -> String {
    let mut s = String::with_capacity(points.len() * 12);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", num(p.x), num(p.y));
    }
    s
}

/// A number with at most two decimals and no trailing zeros.
fn num(v: f32) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_owned()
    }
}

/// Text escaped for XML content and attribute values; control characters dropped.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&apos;"),
            c if c.is_control() && c != '\t' => {}
            c => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(3.25), "3.25");
        assert_eq!(num(3.5), "3.5");
        assert_eq!(num(f32::NAN), "0");
    }

    #[test]
    fn markup_in_titles_is_escaped() {
        assert_eq!(
            escape("R&D <fast> \"x\"\u{1}"),
            "R&amp;D &lt;fast&gt; &quot;x&quot;"
        );
    }
}
