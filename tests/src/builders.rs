//! The bodies the API tests send, written once: a review, a transaction and an observation,
//! each with the fields every request needs, and a method for each field a test varies.
//!
//! Each serializes to its JSON body, so it goes straight to [`crate::TestApp::post_json`]
//! or to reqwest's `json`.

use mingjing_collector::crypto::secret;
use mingjing_collector::storage::NewReview;
use serde::Serialize;
use serde_json::{Value, json};

use crate::app::TEST_SITE;

/// 企业设立登记 in the demo catalogue, the service most tests review.
pub const SERVICE: &str = "11530100MJ0001001W3001030001000";
/// The department the demo catalogue gives [`SERVICE`].
pub const DEPARTMENT: &str = "昆明市市场监督管理局";
/// The named reviewer, whose name and phone must not show where personal data is left out.
pub const NAME: &str = "王小明";
pub const PHONE: &str = "13912345678";

/// The comment of a poor review written by [`stored_review`].
pub const POOR_COMMENT: &str = "窗口排队两个小时没人管";

/// A review of [`SERVICE`] for [`TEST_SITE`] written straight to storage, through the
/// function the review route calls, for what the API cannot make: a review received on a
/// day in the past, or thousands of them quickly. A poor one (1 or 2) has a reason and
/// [`POOR_COMMENT`], and is followed up, due on `due_date`.
pub fn stored_review(rating: i64, created_at: i64, due_date: Option<&str>) -> NewReview {
    NewReview {
        receipt: secret::receipt_code(),
        site_id: TEST_SITE.to_owned(),
        service_code: SERVICE.to_owned(),
        rating,
        dimensions_json: "[]".to_owned(),
        reasons_json: if rating <= 2 { r#"["long_wait"]"# } else { "[]" }.to_owned(),
        comment: (rating <= 2).then(|| POOR_COMMENT.to_owned()),
        channel: 1,
        verified: false,
        idempotency_key: format!("stored-{}", secret::receipt_code()),
        created_at,
        transaction: None,
        contact_sealed: None,
        contact_phone_masked: None,
        follow_up_due: due_date.map(|d| mingjing_domain::iso_date::parse(d).expect("a test due date")),
    }
}

/// A review of `service` for [`TEST_SITE`], with no reason, comment, contact or token.
pub fn review(service: &str, rating: i64, key: &str) -> Review {
    Review(json!({ "site": TEST_SITE, "service": service, "rating": rating, "idempotency_key": key }))
}

/// A body for `POST /api/v1/reviews`.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Review(Value);

impl Review {
    pub fn site(self, site: &str) -> Self {
        self.set("site", site)
    }

    /// The reason every test gives for a poor rating.
    pub fn long_wait(self) -> Self {
        self.set("reasons", json!(["long_wait"]))
    }

    pub fn comment(self, comment: &str) -> Self {
        self.set("comment", comment)
    }

    /// The reviewer's contact with [`NAME`] and [`PHONE`], consenting to a call back.
    pub fn named(self) -> Self {
        self.contact(NAME)
    }

    /// A contact with this name and [`PHONE`], consenting to a call back.
    pub fn contact(self, name: &str) -> Self {
        self.set("contact", json!({ "name": name, "phone": PHONE, "consent": true }))
    }

    pub fn token(self, token: &str) -> Self {
        self.set("token", token)
    }

    /// Any other field, or a value the collector must refuse.
    pub fn set(mut self, field: &str, value: impl Into<Value>) -> Self {
        self.0[field] = value.into();
        self
    }

    /// The body as JSON, to break it in ways no setter can.
    pub fn into_json(self) -> Value {
        self.0
    }
}

/// Transaction `no` of [`SERVICE`] at [`TEST_SITE`], accepted on 2024-02-01 and completed a
/// day later.
pub fn transaction(no: &str) -> Transaction {
    Transaction(json!({
        "site": TEST_SITE, "service": SERVICE, "transaction_no": no,
        "accepted_at": "2024-02-01T09:00:00+08:00", "completed_at": "2024-02-02T09:00:00+08:00",
    }))
}

/// A body for `POST /api/v1/transactions`.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Transaction(Value);

impl Transaction {
    pub fn site(self, site: &str) -> Self {
        self.set("site", site)
    }

    /// When it was accepted and completed, as RFC 3339 times.
    pub fn between(self, accepted: &str, completed: &str) -> Self {
        self.set("accepted_at", accepted).completed(completed)
    }

    pub fn completed(self, completed: &str) -> Self {
        self.set("completed_at", completed)
    }

    /// The time limit the department promised.
    pub fn promised_working_days(self, days: i64) -> Self {
        self.set("promised_limit", json!({ "amount": days, "unit": "working_days" }))
    }

    pub fn overdue_reason(self, reason: &str) -> Self {
        self.set("overdue_reason", reason)
    }

    /// How long its review token stays valid.
    pub fn valid_days(self, days: i64) -> Self {
        self.set("valid_days", days)
    }

    fn set(mut self, field: &str, value: impl Into<Value>) -> Self {
        self.0[field] = value.into();
        self
    }
}

/// A mystery-shopping observation of [`SERVICE`] at [`DEPARTMENT`], made today at 10:30
/// China time, with no photos.
pub fn observation(key: &str) -> Observation {
    Observation(json!({
        "department": DEPARTMENT, "service": SERVICE, "place": "市政务服务中心一楼 A 区 12 号窗口",
        "observed_at": format!("{}T10:30", mingjing_domain::iso_date::format(today_in_china())),
        "method": "mystery_shopping", "chapter": "government", "article": 36,
        "description": "窗口要求提供清单外的无犯罪记录证明，张三亲历。", "photos": [],
        "idempotency_key": key,
    }))
}

/// A body for `POST /api/v1/supervisor/observations`.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Observation(Value);

impl Observation {
    /// Any field, or a value the collector must refuse.
    pub fn set(mut self, field: &str, value: impl Into<Value>) -> Self {
        self.0[field] = value.into();
        self
    }
}

/// Today's date in China, where every observation and due date is dated.
pub fn today_in_china() -> time::Date {
    time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8)).date()
}
