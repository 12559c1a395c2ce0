//! How the lookup words limits, visits, dates and fees, in the widget's language.

use mingjing_domain::calendar::{LimitUnit, TimeLimit};
use mingjing_domain::catalog::{FeeStandard, Fen, ItemType};
use serde_json::Value;

use crate::i18n::{Lang, LookupMessages};

/// `3 个工作日`, `24 小时`.
pub fn limit(m: &LookupMessages, limit: TimeLimit) -> String {
    let n = limit.amount;
    match limit.unit {
        LimitUnit::WorkingDays if n == 1 => m.lk_working_day_one.to_owned(),
        LimitUnit::NaturalDays if n == 1 => m.lk_natural_day_one.to_owned(),
        LimitUnit::Hours if n == 1 => m.lk_hour_one.to_owned(),
        LimitUnit::WorkingDays => m.lk_working_days(n),
        LimitUnit::NaturalDays => m.lk_natural_days(n),
        LimitUnit::Hours => m.lk_hours(n),
    }
}

/// The visits code of a summary (`zero`, `one`, `two`, `many`) in words.
pub fn visits(m: &LookupMessages, code: &str) -> &'static str {
    match code {
        "zero" => m.lk_visits_zero,
        "one" => m.lk_visits_one,
        "two" => m.lk_visits_two,
        _ => m.lk_visits_many,
    }
}

pub fn item_type(lang: Lang, item_type: ItemType) -> &'static str {
    match lang {
        Lang::ZhCn => item_type.name_zh(),
        Lang::En => item_type.name_en(),
    }
}

/// The day of the week of a date, in the widget's language.
pub fn weekday(m: &LookupMessages, date: time::Date) -> &'static str {
    let index = usize::from(date.weekday().number_days_from_monday());
    m.lk_weekdays.split(',').nth(index).unwrap_or_default()
}

pub fn fee_standard(m: &LookupMessages, standard: &FeeStandard) -> String {
    match standard {
        FeeStandard::AmountFen(fen) => m.lk_yuan(&fen.yuan()),
        FeeStandard::Formula(text) => text.as_str().to_owned(),
    }
}

/// A recorded old or new value of a tracked field, as stored in the interchange format: the
/// fee list, or a time limit.
pub fn change_value(m: &LookupMessages, field: &str, value: &Value) -> String {
    if field == "fees" {
        let fees = value.as_array().map(Vec::as_slice).unwrap_or_default();
        if fees.is_empty() {
            return m.lk_free.to_owned();
        }
        let parts: Vec<String> = fees
            .iter()
            .map(|fee| {
                let name = fee["name"].as_str().unwrap_or_default();
                let standard =
                    match (fee["amount_fen"].as_u64().and_then(|f| Fen::new(f).ok()), fee["formula"].as_str()) {
                        (Some(fen), _) => m.lk_yuan(&fen.yuan()),
                        (None, Some(formula)) => formula.to_owned(),
                        (None, None) => String::new(),
                    };
                format!("{name} {standard}").trim().to_owned()
            })
            .collect();
        return parts.join("；");
    }
    let parsed: Option<TimeLimit> = value
        .get("amount")
        .and_then(Value::as_u64)
        .and_then(|amount| u32::try_from(amount).ok())
        .zip(value.get("unit").and_then(Value::as_str).and_then(unit))
        .map(|(amount, unit)| TimeLimit { amount, unit });
    parsed.map_or_else(|| "—".to_owned(), |l| limit(m, l))
}

fn unit(code: &str) -> Option<LimitUnit> {
    match code {
        "working_days" => Some(LimitUnit::WorkingDays),
        "natural_days" => Some(LimitUnit::NaturalDays),
        "hours" => Some(LimitUnit::Hours),
        _ => None,
    }
}
