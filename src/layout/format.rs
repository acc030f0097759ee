//! Numbers as every output prints them: thousands grouped with commas, money with its
//! currency code.

/// `1234567` → `"1,234,567"`.
pub fn thousands(n: impl Into<u128>) -> String {
    let digits = n.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Money as "1,250,000 EUR" (no code when `currency` is empty).
pub fn money(amount: u64, currency: &str) -> String {
    let out = thousands(amount);
    if currency.is_empty() {
        out
    } else {
        format!("{out} {currency}")
    }
}

/// A signed difference with grouped thousands: "+1,200", "−40", "±0".
pub fn signed(n: i64) -> String {
    match n {
        d if d > 0 => format!("+{}", thousands(d.unsigned_abs())),
        d if d < 0 => format!("−{}", thousands(d.unsigned_abs())),
        _ => "±0".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(450_000_000, "EUR"), "450,000,000 EUR");
        assert_eq!(money(999, ""), "999");
        assert_eq!(money(0, "EUR"), "0 EUR");
        assert_eq!(thousands(1_234_567u32), "1,234,567");
        assert_eq!(thousands(u128::MAX).matches(',').count(), 12);
    }

    #[test]
    fn differences_carry_their_sign() {
        assert_eq!(signed(1200), "+1,200");
        assert_eq!(signed(-40), "−40");
        assert_eq!(signed(0), "±0");
    }
}
