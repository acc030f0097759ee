//! Lane colours, written as "#RRGGBB".

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An opaque sRGB colour, written "#RRGGBB".
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

/// Why a text is not a colour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid colour \"{text}\": expected \"#RRGGBB\", e.g. \"#3B82F6\"")]
pub struct ColourError {
    /// The text that was refused (shortened when very long).
    pub text: String,
}

impl Colour {
    /// A colour from its three channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

impl fmt::Debug for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Colour({self})")
    }
}

impl FromStr for Colour {
    type Err = ColourError;

    fn from_str(text: &str) -> Result<Colour, ColourError> {
        let refuse = || ColourError {
            text: text.chars().take(40).collect(),
        };
        let hex = text.strip_prefix('#').ok_or_else(refuse)?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(refuse());
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| refuse());
        Ok(Colour::rgb(channel(0)?, channel(2)?, channel(4)?))
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Colour, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_hex() {
        let c: Colour = "#3b82f6".parse().unwrap();
        assert_eq!(c, Colour::rgb(0x3B, 0x82, 0xF6));
        assert_eq!(c.to_string(), "#3B82F6");
    }

    #[test]
    fn refuses_other_forms() {
        for bad in ["3B82F6", "#3B82F", "#GGGGGG", "blue", "#3B82F6FF", "#ééé"] {
            assert!(bad.parse::<Colour>().is_err(), "{bad}");
        }
    }
}
