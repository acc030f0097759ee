//! [`Shared`]: an item that copies of a plan share until one of them changes it.

use std::borrow::Borrow;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An item shared between copies of a plan (copy on write): cloning a plan of 10,000 items
/// copies 10,000 pointers, and changing an item through `&mut` copies only that item, and
/// only if another copy (an undo step, a worker) still holds it. Reads and writes look like
/// those of the item itself; the file holds the item alone.
#[derive(Clone)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// An item no copy shares yet.
    pub fn new(item: T) -> Shared<T> {
        Shared(Arc::new(item))
    }

    /// `items`, each shared on its own, as a plan holds them.
    pub fn all(items: impl IntoIterator<Item = T>) -> Vec<Shared<T>> {
        items.into_iter().map(Shared::new).collect()
    }

    /// Whether `a` and `b` are the very same item (not only equal ones).
    pub fn same(a: &Shared<T>, b: &Shared<T>) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(item: T) -> Shared<T> {
        Shared::new(item)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Borrow<T> for Shared<T> {
    fn borrow(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// The item to change: copied first if another copy of the plan holds it.
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    /// Equal items, and at once when both are the same item (most of a plan after an edit).
    fn eq(&self, other: &Shared<T>) -> bool {
        Shared::same(self, other) || *self.0 == *other.0
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Shared<T>, D::Error> {
        T::deserialize(deserializer).map(Shared::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_through_one_copy_leaves_the_other_as_it_was() {
        let first = vec![
            Shared::new(String::from("chips")),
            Shared::new("data".into()),
        ];
        let mut second = first.clone();
        assert!(Shared::same(&first[0], &second[0]));
        second[1].push_str("-centre");
        assert_eq!(*first[1], "data");
        assert_eq!(*second[1], "data-centre");
        assert!(
            Shared::same(&first[0], &second[0]),
            "the untouched item is still shared"
        );
        assert!(!Shared::same(&first[1], &second[1]));
    }

    #[test]
    fn equal_items_are_equal_whether_shared_or_not() {
        let a = Shared::new(vec![1, 2]);
        assert_eq!(a, a.clone());
        assert_eq!(a, Shared::new(vec![1, 2]));
        assert_ne!(a, Shared::new(vec![2, 1]));
    }

    #[test]
    fn the_file_holds_the_item_alone() {
        let item = Shared::new((String::from("x"), 3));
        let text = ron::to_string(&item).unwrap();
        assert_eq!(text, r#"("x",3)"#);
        let back: Shared<(String, i32)> = ron::from_str(&text).unwrap();
        assert_eq!(back, item);
    }
}
