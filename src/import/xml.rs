//! A small element tree read with quick-xml, enough for MSPDI and GanttProject files:
//! local names, attributes and text; errors with line and column; never recursive.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::{ImportError, line_column};

/// Deepest nesting accepted; real files stay far below it.
const MAX_DEPTH: usize = 200;

/// One XML element: its local name, attributes, text and child elements.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Local name (no namespace prefix).
    pub name: String,
    /// Attributes by local name, in file order.
    pub attrs: Vec<(String, String)>,
    /// The element's own text (CDATA included), entity references resolved.
    pub text: String,
    /// Child elements in file order.
    pub children: Vec<Element>,
}

impl Element {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child named `name`, if it has any.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }
}

impl Drop for Element {
    // Dropping a deep tree recursively could overflow the stack; flatten it first.
    fn drop(&mut self) {
        let mut stack = std::mem::take(&mut self.children);
        while let Some(mut child) = stack.pop() {
            stack.append(&mut child.children);
        }
    }
}

/// Parses `text` into its root element. Elements named in `skip` are left out with all
/// they contain (large parts of a file that an import does not need).
pub fn parse(text: &str, skip: &[&str]) -> Result<Element, ImportError> {
    let mut reader = Reader::from_str(text);
    let error_at = |offset: u64, message: String| {
        let (line, column) = line_column(text.as_bytes(), offset as usize);
        ImportError::Xml {
            line,
            column,
            message,
        }
    };
    let mut stack: Vec<(Element, u64)> = Vec::new();
    let mut root = None;
    let mut skipping = 0usize;
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| error_at(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(_) if skipping > 0 => skipping += 1,
            Event::Empty(_) if skipping > 0 => {}
            Event::Start(start) => {
                let element = element(&start).map_err(|m| error_at(at, m))?;
                if skip.contains(&element.name.as_str()) {
                    skipping = 1;
                } else if stack.len() >= MAX_DEPTH {
                    return Err(error_at(
                        at,
                        format!("elements nested deeper than {MAX_DEPTH} levels"),
                    ));
                } else {
                    stack.push((element, at));
                }
            }
            Event::Empty(start) => {
                let element = element(&start).map_err(|m| error_at(at, m))?;
                if skip.contains(&element.name.as_str()) {
                    continue;
                }
                match stack.last_mut() {
                    Some((parent, _)) => parent.children.push(element),
                    None if root.is_none() => root = Some(element),
                    None => return Err(error_at(at, "a second root element".to_owned())),
                }
            }
            Event::End(_) if skipping > 0 => skipping -= 1,
            Event::End(_) => {
                let Some((element, _)) = stack.pop() else {
                    return Err(error_at(at, "a closing tag with no opening tag".to_owned()));
                };
                match stack.last_mut() {
                    Some((parent, _)) => parent.children.push(element),
                    None if root.is_none() => root = Some(element),
                    None => return Err(error_at(at, "a second root element".to_owned())),
                }
            }
            Event::Text(t) if skipping == 0 => push_text(&mut stack, &t.xml10_content()),
            Event::CData(c) if skipping == 0 => {
                push_text(&mut stack, &c.xml10_content());
            }
            Event::GeneralRef(r) if skipping == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match &*r {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        other => format!("&{other};"),
                    },
                    Err(e) => return Err(error_at(at, e.to_string())),
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((open, at)) = stack.last() {
        return Err(error_at(
            *at,
            format!(
                "the file ends inside <{}> opened here: it looks cut short",
                open.name
            ),
        ));
    }
    root.ok_or_else(|| error_at(0, "no XML element found".to_owned()))
}

fn push_text(stack: &mut [(Element, u64)], text: &str) {
    if let Some((element, _)) = stack.last_mut() {
        element.text.push_str(text);
    }
}

fn element(start: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let name = start.local_name().as_ref().to_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| format!("in <{name}>: {e}"))?;
        let key = attr.key.local_name().as_ref().to_owned();
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("in <{name}>, attribute {key}: {e}"))?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        text: String::new(),
        children: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_attributes_and_text_with_entities() {
        let root = parse(
            r#"<?xml version="1.0"?><p:Project xmlns:p="x"><Name a="1 &amp; 2">R&amp;D <![CDATA[<ok>]]></Name><Skip><Deep/></Skip><E/></p:Project>"#,
            &["Skip"],
        )
        .unwrap();
        assert_eq!(root.name, "Project");
        let name = root.child("Name").unwrap();
        assert_eq!(name.attr("a"), Some("1 & 2"));
        assert_eq!(name.text, "R&D <ok>");
        let names: Vec<_> = root.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Name", "E"]);
    }

    #[test]
    fn a_cut_short_file_names_the_open_element_and_its_line() {
        let err = parse("<Project>\n  <Tasks>\n    <Task><Name>A</Name>", &[]).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("line 3") && text.contains("<Task>"), "{text}");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "<a>".repeat(100_000);
        assert!(
            parse(&deep, &[])
                .unwrap_err()
                .to_string()
                .contains("deeper")
        );
    }
}
