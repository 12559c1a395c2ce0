//! The review form's state and the actions that change it.

use std::rc::Rc;

use mingjing_domain::review::{Channel, ContactRequest, DimensionRequest, ReviewRequest};
use yew::Reducible;

/// Where the form is in its life.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Editing,
    Sending,
    /// Stored; the receipt is the reviewer's to keep.
    Sent {
        receipt: String,
        verified: bool,
    },
    /// Saved on this device and waiting for the network.
    Queued,
}

/// A problem to show next to a field; `field` matches the domain's field names.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub rating: Option<u8>,
    pub dimensions: Vec<(String, u8)>,
    pub reasons: Vec<String>,
    pub comment: String,
    pub callback: bool,
    pub name: String,
    pub phone: String,
    pub problems: Vec<Problem>,
    pub phase: Phase,
    /// One key per review: a retry or a double click can never store it twice.
    pub key: String,
    /// Bumped on every change, so a kiosk's idle timer restarts.
    pub touched: u32,
}

pub enum Action {
    Rate(u8),
    RateDimension(String, u8),
    ToggleReason(String),
    Comment(String),
    Callback(bool),
    Name(String),
    Phone(String),
    Problems(Vec<Problem>),
    Sending,
    Sent {
        receipt: String,
        verified: bool,
    },
    Queued,
    /// Back to an empty form for the next review, with a new key.
    Reset(String),
}

impl Form {
    pub fn new(key: String) -> Self {
        Self {
            rating: None,
            dimensions: Vec::new(),
            reasons: Vec::new(),
            comment: String::new(),
            callback: false,
            name: String::new(),
            phone: String::new(),
            problems: Vec::new(),
            phase: Phase::Editing,
            key,
            touched: 0,
        }
    }

    pub fn is_poor(&self) -> bool {
        self.rating.is_some_and(|r| r <= 2)
    }

    pub fn problem(&self, field: &str) -> Option<&str> {
        self.problems.iter().find(|p| p.field == field).map(|p| p.message.as_str())
    }

    /// The request this form would send. Reasons only travel with a poor review.
    pub fn request(&self, site: &str, service: &str, channel: Channel, token: Option<&str>) -> ReviewRequest {
        let comment = self.comment.trim();
        ReviewRequest {
            site: site.to_owned(),
            service: service.to_owned(),
            rating: i64::from(self.rating.unwrap_or(0)),
            dimensions: self
                .dimensions
                .iter()
                .map(|(key, r)| DimensionRequest { key: key.clone(), rating: i64::from(*r) })
                .collect(),
            reasons: if self.is_poor() { self.reasons.clone() } else { Vec::new() },
            comment: (!comment.is_empty()).then(|| comment.to_owned()),
            channel,
            idempotency_key: self.key.clone(),
            token: token.map(str::to_owned),
            contact: self.callback.then(|| ContactRequest {
                name: self.name.clone(),
                phone: self.phone.clone(),
                consent: true,
            }),
        }
    }
}

impl Reducible for Form {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.touched = next.touched.wrapping_add(1);
        match action {
            Action::Rate(r) => {
                next.rating = Some(r);
                next.problems.retain(|p| p.field != "rating" && (r <= 2 || p.field != "reasons"));
            }
            Action::RateDimension(key, r) => match next.dimensions.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = r,
                None => next.dimensions.push((key, r)),
            },
            Action::ToggleReason(code) => {
                if let Some(i) = next.reasons.iter().position(|c| *c == code) {
                    next.reasons.remove(i);
                } else {
                    next.reasons.push(code);
                    next.problems.retain(|p| p.field != "reasons");
                }
            }
            Action::Comment(text) => {
                next.comment = text;
                next.problems.retain(|p| p.field != "comment" && p.field != "reasons");
            }
            Action::Callback(on) => {
                next.callback = on;
                if !on {
                    next.problems.retain(|p| !p.field.starts_with("contact"));
                }
            }
            Action::Name(v) => {
                next.name = v;
                next.problems.retain(|p| p.field != "contact.name");
            }
            Action::Phone(v) => {
                next.phone = v;
                next.problems.retain(|p| p.field != "contact.phone");
            }
            Action::Problems(problems) => {
                next.problems = problems;
                next.phase = Phase::Editing;
            }
            Action::Sending => next.phase = Phase::Sending,
            Action::Sent { receipt, verified } => {
                next.phase = Phase::Sent { receipt, verified };
                next.name.clear();
                next.phone.clear();
            }
            Action::Queued => {
                next.phase = Phase::Queued;
                next.name.clear();
                next.phone.clear();
            }
            Action::Reset(key) => next = Form::new(key),
        }
        Rc::new(next)
    }
}
