//! Every collector endpoint the widgets call, by the method and path template the
//! collector's OpenAPI document gives it, with the query parameters a widget may send.
//!
//! This file uses nothing from the crate: the API tests include it with `#[path]` and check
//! every entry of [`ALL`] against `/api/v1/openapi.json`, so a route renamed in the
//! collector fails a test rather than a widget in a visitor's browser.

// Each bundle calls only its own widgets' endpoints, and the tests read them all through
// `ALL` without building URLs.
#![allow(dead_code)]

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    /// The path as the OpenAPI document writes it, with `{name}` for each path parameter.
    pub path: &'static str,
    /// The query parameters, in the order [`Endpoint::call_with_query`] takes their values.
    pub query: &'static [&'static str],
}

/// One request to make: the method and the whole URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub method: Method,
    pub url: String,
}

impl Endpoint {
    /// The request to the collector at `api`, with `path` filling the template's `{…}` in
    /// order, percent-encoded as `encodeURIComponent` does.
    pub fn call(&self, api: &str, path: &[&str]) -> Call {
        let mut url = String::from(api);
        let mut values = path.iter();
        let mut in_name = false;
        // Templates are ASCII, so bytes are characters.
        for b in self.path.bytes() {
            match b {
                b'{' => {
                    in_name = true;
                    encode(values.next().copied().unwrap_or_default(), &mut url);
                }
                b'}' => in_name = false,
                b if !in_name => url.push(char::from(b)),
                _ => {}
            }
        }
        Call { method: self.method, url }
    }

    /// Like [`Endpoint::call`], with `query` giving the query parameters' values in order.
    /// A blank or missing value is left out, as the collector reads it as absent.
    pub fn call_with_query(&self, api: &str, path: &[&str], query: &[Option<&str>]) -> Call {
        let mut call = self.call(api, path);
        let mut separator = '?';
        for (name, value) in self.query.iter().zip(query) {
            if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
                call.url.push(separator);
                call.url.push_str(name);
                call.url.push('=');
                encode(value, &mut call.url);
                separator = '&';
            }
        }
        call
    }
}

/// Appends `value` to `url`, percent-encoded but for the characters `encodeURIComponent`
/// leaves as they are.
fn encode(value: &str, url: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        if matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')')
        {
            url.push(char::from(b));
        } else {
            url.push('%');
            url.push(char::from(HEX[usize::from(b >> 4)]));
            url.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Declares each endpoint as a constant and lists them all in [`ALL`], so that none can be
/// left out of the test.
macro_rules! endpoints {
    ($($name:ident = $method:ident $path:literal $([$($query:literal),*])?;)*) => {
        $(pub const $name: Endpoint = Endpoint { method: Method::$method, path: $path, query: &[$($($query),*)?] };)*

        /// Every endpoint the widgets call.
        pub const ALL: &[Endpoint] = &[$($name),*];
    };
}

endpoints! {
    SITE_CONFIG = Get "/api/v1/sites/{site}/config";
    REVIEWS = Post "/api/v1/reviews";
    RECEIPT = Get "/api/v1/reviews/{receipt}";

    SERVICES = Get "/api/v1/services" ["per_page", "page", "q", "dept", "type"];
    SERVICE = Get "/api/v1/services/{code}" ["today"];
    DEPARTMENTS = Get "/api/v1/departments";
    INTERMEDIARY_SERVICES = Get "/api/v1/intermediary-services";
    CERTIFICATES = Get "/api/v1/certificates";

    STATS = Get "/api/v1/stats" ["site", "service", "from", "to", "dept"];
    SUPERVISION_STATS = Get "/api/v1/stats/supervision" ["site"];

    STAFF_SIGN_IN = Post "/api/v1/staff/session";
    STAFF_SIGN_OUT = Delete "/api/v1/staff/session";
    DESK_ME = Get "/api/v1/desk/me";
    DESK_REVIEWS = Get "/api/v1/desk/reviews" ["after"];
    DESK_REVIEW = Get "/api/v1/desk/reviews/{receipt}";
    DESK_REVEAL = Post "/api/v1/desk/reviews/{receipt}/reveal";
    DESK_REVIEW_STEP = Post "/api/v1/desk/reviews/{receipt}/steps";
    DESK_EXCLUSION = Post "/api/v1/desk/reviews/{receipt}/exclusion";
    DESK_EXCLUSION_DECISION = Post "/api/v1/desk/reviews/{receipt}/exclusion/decision";
    DESK_OBSERVATIONS = Get "/api/v1/desk/observations";
    DESK_OBSERVATION = Get "/api/v1/desk/observations/{id}";
    DESK_OBSERVATION_STEP = Post "/api/v1/desk/observations/{id}/steps";
    DESK_OBSERVATION_PHOTO = Get "/api/v1/desk/observations/{id}/photos/{photo}";
    DESK_AUDIT = Get "/api/v1/desk/audit" ["limit", "before"];

    SUPERVISOR_SIGN_IN = Post "/api/v1/supervisor/session";
    SUPERVISOR_SIGN_OUT = Delete "/api/v1/supervisor/session";
    SUPERVISOR_DASHBOARD = Get "/api/v1/supervisor/dashboard";
    SUPERVISOR_OBSERVATIONS = Get "/api/v1/supervisor/observations";
    SUPERVISOR_SUBMIT = Post "/api/v1/supervisor/observations";
    SUPERVISOR_OBSERVATION = Get "/api/v1/supervisor/observations/{id}";
    SUPERVISOR_FOLLOW_UP = Post "/api/v1/supervisor/observations/{id}/follow-up";
    SUPERVISOR_PHOTO_UPLOAD = Post "/api/v1/supervisor/photos";
    SUPERVISOR_PHOTO = Get "/api/v1/supervisor/photos/{id}";
    SUPERVISOR_REPORT = Get "/api/v1/supervisor/report.csv" ["year"];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_values_fill_the_template_in_order() {
        let call = DESK_OBSERVATION_PHOTO.call("http://c.example", &["12", "7"]);
        assert_eq!(
            call,
            Call { method: Method::Get, url: "http://c.example/api/v1/desk/observations/12/photos/7".into() }
        );
    }

    #[test]
    fn values_are_encoded_as_encode_uri_component_does() {
        let call = SERVICE.call_with_query("", &["a b/c"], &[Some("2026-01-02")]);
        assert_eq!(call.url, "/api/v1/services/a%20b%2Fc?today=2026-01-02");
        let call = SERVICES.call_with_query("", &[], &[Some("8"), None, Some("营业 执照"), Some("-_.!~*'()&=")]);
        assert_eq!(
            call.url,
            "/api/v1/services?per_page=8&q=%E8%90%A5%E4%B8%9A%20%E6%89%A7%E7%85%A7&dept=-_.!~*'()%26%3D"
        );
    }

    #[test]
    fn blank_query_values_are_left_out_and_the_rest_trimmed() {
        let call = STATS.call_with_query("", &[], &[Some("site-1"), Some("  "), None, Some(" 2026-01-01 "), Some("")]);
        assert_eq!(call.url, "/api/v1/stats?site=site-1&to=2026-01-01");
        assert_eq!(DESK_AUDIT.call_with_query("", &[], &[None, None]).url, "/api/v1/desk/audit");
    }
}
