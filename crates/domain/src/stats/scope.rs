//! What a stats request covers: a site, maybe one service, and a period of whole days.

use time::Date;

use crate::api_error::FieldError;
use crate::review::parse_service_code;
use crate::site::SiteId;

/// What the figures cover: a valid site, maybe one service, and a period of whole days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsScope {
    pub site: SiteId,
    pub service: Option<String>,
    /// The first day counted, inclusive.
    pub from: Option<Date>,
    /// The last day counted, inclusive.
    pub to: Option<Date>,
}

impl StatsScope {
    /// Checks the query parameters. An empty `service`, `from` or `to` counts as absent,
    /// as an HTML form sends an empty field; `site` is required.
    pub fn parse(
        site: Option<&str>,
        service: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Self, FieldError> {
        let site = given(site).ok_or_else(|| FieldError::new("site", "required", "site is required"))?;
        let site = SiteId::parse(site)?;
        let service = given(service).map(parse_service_code).transpose()?;
        let from = given(from).map(|d| parse_day("from", d)).transpose()?;
        let to = given(to).map(|d| parse_day("to", d)).transpose()?;
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            return Err(FieldError::new("to", "before_from", "to must not be before from"));
        }
        Ok(Self { site, service, from, to })
    }
}

fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// A day written `YYYY-MM-DD`, and nothing else: no signs, no five-digit years.
fn parse_day(field: &str, raw: &str) -> Result<Date, FieldError> {
    crate::iso_date::parse(raw)
        .ok_or_else(|| FieldError::new(field, "invalid_date", format!("{field} must be a date such as 2026-01-31")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_names_the_field_that_is_wrong() {
        let field = |r: Result<StatsScope, FieldError>| r.unwrap_err().field;
        assert_eq!(field(StatsScope::parse(None, None, None, None)), "site");
        assert_eq!(field(StatsScope::parse(Some("Bad Site"), None, None, None)), "site");
        assert_eq!(field(StatsScope::parse(Some("demo"), Some("a b"), None, None)), "service");
        for bad in ["2026-02-30", "2026-2-01", "+999-01-01", "20260101", "2026-01-01T00:00"] {
            assert_eq!(field(StatsScope::parse(Some("demo"), None, Some(bad), None)), "from", "{bad}");
        }
        let reversed = StatsScope::parse(Some("demo"), None, Some("2026-02-01"), Some("2026-01-31"));
        assert_eq!(reversed.unwrap_err().rule, "before_from");
        let ok = StatsScope::parse(Some("demo"), Some(""), Some("2024-02-29"), Some("2024-02-29")).unwrap();
        assert_eq!((ok.service, ok.from, ok.to), (None, Some(time::macros::date!(2024 - 02 - 29)), ok.from));
    }
}
