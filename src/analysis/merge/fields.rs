//! Field-level three-way merge of serde values: objects field by field, lists as sets.

use serde_json::{Map, Value as Json};

/// A field both sides changed to different values.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FieldConflict {
    /// The field's path, e.g. "end" or "horizon.start".
    pub path: String,
    /// Its value in the base (none when both sides added the item).
    pub base: Option<Json>,
    /// Our value.
    pub ours: Json,
    /// Their value.
    pub theirs: Json,
}

/// Merges one value: the side that changed wins; objects are merged field by field and lists
/// as sets; different changes to anything else are a conflict that keeps ours.
pub(super) fn merge_value(
    path: &str,
    base: Option<&Json>,
    ours: &Json,
    theirs: &Json,
    found: &mut Vec<FieldConflict>,
) -> Json {
    if ours == theirs || base == Some(theirs) {
        return ours.clone();
    }
    if base == Some(ours) {
        return theirs.clone();
    }
    match (ours, theirs) {
        (Json::Object(o), Json::Object(t)) => Json::Object(merge_object(
            path,
            base.and_then(Json::as_object),
            o,
            t,
            found,
        )),
        (Json::Array(o), Json::Array(t)) => Json::Array(merge_set(
            base.and_then(Json::as_array).map(Vec::as_slice),
            o,
            t,
        )),
        _ => {
            found.push(FieldConflict {
                path: path.to_owned(),
                base: base.cloned(),
                ours: ours.clone(),
                theirs: theirs.clone(),
            });
            ours.clone()
        }
    }
}

/// Every field of an object merged on its own (fields are the same on all sides: one type).
fn merge_object(
    path: &str,
    base: Option<&Map<String, Json>>,
    ours: &Map<String, Json>,
    theirs: &Map<String, Json>,
    found: &mut Vec<FieldConflict>,
) -> Map<String, Json> {
    let mut out = Map::new();
    for (key, our) in ours {
        let field = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let their = theirs.get(key).unwrap_or(&Json::Null);
        let base = base.and_then(|b| b.get(key));
        out.insert(key.clone(), merge_value(&field, base, our, their, found));
    }
    for (key, their) in theirs {
        if !ours.contains_key(key) {
            out.insert(key.clone(), their.clone());
        }
    }
    out
}

/// A list merged as a set: ours in our order without what they removed, then what they added
/// in their order. Two additions never conflict.
pub(super) fn merge_set<T: PartialEq + Clone>(
    base: Option<&[T]>,
    ours: &[T],
    theirs: &[T],
) -> Vec<T> {
    let in_base = |x: &T| base.is_some_and(|b| b.contains(x));
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| !in_base(x) || theirs.contains(x))
        .cloned()
        .collect();
    for x in theirs {
        if !in_base(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// A value as a conflict keeps it: text as it is, anything else as compact JSON.
pub fn value_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// `item` with the field at `path` set from `text` (as [`value_text`] writes it).
pub(super) fn with_field<T>(item: &T, path: &str, text: &str) -> Result<T, String>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let json = serde_json::to_value(item).map_err(|e| e.to_string())?;
    let typed = serde_json::from_str::<Json>(text)
        .ok()
        .filter(|v| !v.is_string());
    let mut last_error = format!("no field {path}");
    for value in typed.into_iter().chain([Json::String(text.to_owned())]) {
        let mut candidate = json.clone();
        let Some(slot) = path
            .split('.')
            .try_fold(&mut candidate, |v, key| v.get_mut(key))
        else {
            return Err(last_error);
        };
        *slot = value;
        match serde_json::from_value(candidate) {
            Ok(item) => return Ok(item),
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(last_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(base: Json, ours: Json, theirs: Json) -> (Json, Vec<FieldConflict>) {
        let mut found = Vec::new();
        let merged = merge_value("", Some(&base), &ours, &theirs, &mut found);
        (merged, found)
    }

    #[test]
    fn fields_changed_on_different_sides_both_arrive() {
        let (merged, found) = run(
            json!({"a": 1, "b": 1}),
            json!({"a": 2, "b": 1}),
            json!({"a": 1, "b": 3}),
        );
        assert_eq!(merged, json!({"a": 2, "b": 3}));
        assert!(found.is_empty());
    }

    #[test]
    fn nested_fields_conflict_with_their_path() {
        let (merged, found) = run(
            json!({"h": {"start": "x"}}),
            json!({"h": {"start": "y"}}),
            json!({"h": {"start": "z"}}),
        );
        assert_eq!(merged, json!({"h": {"start": "y"}}));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "h.start");
    }

    #[test]
    fn sets_keep_our_order_and_append_their_additions() {
        let (merged, found) = run(
            json!(["a", "b", "c"]),
            json!(["c", "a", "b", "x"]),
            json!(["a", "y", "c", "z"]),
        );
        assert_eq!(merged, json!(["c", "a", "x", "y", "z"]));
        assert!(found.is_empty());
    }

    #[test]
    fn text_values_are_plain_and_others_json() {
        assert_eq!(value_text(&json!("2028-06")), "2028-06");
        assert_eq!(value_text(&json!(450)), "450");
        assert_eq!(value_text(&json!(["a", "b"])), r#"["a","b"]"#);
        assert_eq!(value_text(&Json::Null), "null");
    }
}
