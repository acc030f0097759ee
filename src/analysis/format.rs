//! Numbers as every layer writes them: grouped thousands, signed differences and money, each
//! form in one place so the CLI, the exports, the slides and the editor say the same.

/// Digits of `n` with `separator` between each group of three.
fn grouped(n: u128, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// `1234567` → `"1,234,567"`: printed text (CLI, exports, comparison sentences).
pub fn thousands(n: impl Into<u128>) -> String {
    grouped(n.into(), ',')
}

/// `1234567` → `"1 234 567"` with narrow no-break spaces: the editor's canvas and inspector.
pub fn thousands_narrow(n: u64) -> String {
    grouped(n.into(), '\u{202F}')
}

/// A signed difference with grouped thousands: "+1,200", "−40", "±0".
pub fn signed(n: i64) -> String {
    match n {
        d if d > 0 => format!("+{}", thousands(d.unsigned_abs())),
        d if d < 0 => format!("−{}", thousands(d.unsigned_abs())),
        _ => "±0".to_owned(),
    }
}

/// Money in full as "1,250,000 EUR" (no code when `currency` is empty): reports and exports.
pub fn money(amount: u64, currency: &str) -> String {
    let out = thousands(amount);
    if currency.is_empty() {
        out
    } else {
        format!("{out} {currency}")
    }
}

/// Money short with its code: "1.25 bn EUR", "310.0 m EUR", "900 EUR": presentation slides.
pub fn money_short(amount: u64, currency: &str) -> String {
    let value = amount as f64;
    if value >= 1e9 {
        format!("{:.2} bn {currency}", value / 1e9)
    } else if value >= 1e6 {
        format!("{:.1} m {currency}", value / 1e6)
    } else {
        format!("{amount} {currency}")
    }
}

/// Money short with the currency's sign: "€20.0 M", "$1.25 bn", "950 CHF": comparisons.
pub fn money_symbol(amount: u128, currency: &str) -> String {
    let value = amount as f64;
    let number = if value >= 1e9 {
        format!("{:.2} bn", value / 1e9)
    } else if value >= 1e6 {
        format!("{:.1} M", value / 1e6)
    } else if value >= 1e4 {
        format!("{:.1} k", value / 1e3)
    } else {
        amount.to_string()
    };
    match currency {
        "EUR" => format!("€{number}"),
        "USD" => format!("${number}"),
        "GBP" => format!("£{number}"),
        "JPY" | "CNY" => format!("¥{number}"),
        "" => number,
        code => format!("{number} {code}"),
    }
}

/// A difference in money with its sign, as [`money_symbol`]: "+€6.0 M", "−€20.0 M", "±0".
pub fn signed_money_symbol(delta: i128, currency: &str) -> String {
    match delta {
        d if d > 0 => format!("+{}", money_symbol(d.unsigned_abs(), currency)),
        d if d < 0 => format!("−{}", money_symbol(d.unsigned_abs(), currency)),
        _ => "±0".to_owned(),
    }
}

/// Money as a screen reader says it: "450 million EUR", "1.25 billion EUR", "900 EUR".
pub fn money_spoken(amount: u64, currency: &str) -> String {
    let value = amount as f64;
    let number = match value {
        v if v >= 1e9 => format!("{} billion", round_figure(v / 1e9)),
        v if v >= 1e6 => format!("{} million", round_figure(v / 1e6)),
        _ => amount.to_string(),
    };
    if currency.is_empty() {
        number
    } else {
        format!("{number} {currency}")
    }
}

/// Up to two decimals, without trailing zeros: 450.0 -> "450", 1.25 -> "1.25".
fn round_figure(v: f64) -> String {
    let text = format!("{v:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_by_three() {
        assert_eq!(thousands(1_234_567u32), "1,234,567");
        assert_eq!(thousands(999u32), "999");
        assert_eq!(thousands(1_000u32), "1,000");
        assert_eq!(thousands(0u32), "0");
        assert_eq!(thousands(u128::MAX).matches(',').count(), 12);
        assert_eq!(thousands_narrow(450_000_000), "450\u{202F}000\u{202F}000");
        assert_eq!(thousands_narrow(999), "999");
    }

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(signed(1200), "+1,200");
        assert_eq!(signed(-40), "−40");
        assert_eq!(signed(-1_234_567), "−1,234,567");
        assert_eq!(signed(0), "±0");
        assert_eq!(signed(i64::MIN), "−9,223,372,036,854,775,808");
        assert_eq!(signed_money_symbol(6_000_000, "EUR"), "+€6.0 M");
        assert_eq!(signed_money_symbol(-20_000_000, "EUR"), "−€20.0 M");
        assert_eq!(signed_money_symbol(0, "EUR"), "±0");
    }

    #[test]
    fn money_in_full_groups_thousands() {
        assert_eq!(money(450_000_000, "EUR"), "450,000,000 EUR");
        assert_eq!(money(999, ""), "999");
        assert_eq!(money(0, "EUR"), "0 EUR");
    }

    #[test]
    fn short_money_rounds_to_millions_and_billions() {
        assert_eq!(money_short(1_250_000_000, "EUR"), "1.25 bn EUR");
        assert_eq!(money_short(310_000_000, "EUR"), "310.0 m EUR");
        assert_eq!(money_short(1_049_999, "EUR"), "1.0 m EUR");
        assert_eq!(money_short(999_999, "EUR"), "999999 EUR");
        assert_eq!(money_short(900, "EUR"), "900 EUR");
        assert_eq!(money_symbol(1_250_000_000, "USD"), "$1.25 bn");
        assert_eq!(money_symbol(20_000_000, "EUR"), "€20.0 M");
        assert_eq!(money_symbol(12_500, "GBP"), "£12.5 k");
        assert_eq!(money_symbol(950, "CHF"), "950 CHF");
        assert_eq!(money_symbol(2_000_000, ""), "2.0 M");
    }

    #[test]
    fn spoken_money_says_millions_and_billions() {
        assert_eq!(money_spoken(450_000_000, "EUR"), "450 million EUR");
        assert_eq!(money_spoken(1_250_000_000, "EUR"), "1.25 billion EUR");
        assert_eq!(money_spoken(12_500_000, ""), "12.5 million");
        assert_eq!(money_spoken(900, "EUR"), "900 EUR");
    }
}
