//! The observation form's state and the actions that change it.

use std::rc::Rc;

use mingjing_domain::supervision::{Chapter, DESCRIPTION_MAX, Method, NewObservation, observed_minutes};
use yew::Reducible;

use super::draft::Draft;

/// A field of the draft that is typed or chosen as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Department,
    Place,
    ObservedAt,
    Method,
    Chapter,
    Article,
    Description,
}

/// Something the panel sees wrong before sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Department,
    Place,
    ObservedAt,
    Description,
}

impl Problem {
    /// The id of the form control it belongs to, for the summary's links.
    pub fn field_id(self) -> &'static str {
        match self {
            Problem::Department => "mj-sv-department",
            Problem::Place => "mj-sv-place",
            Problem::ObservedAt => "mj-sv-observed",
            Problem::Description => "mj-sv-description",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    /// What is typed so far, kept on this device as it changes.
    pub draft: Draft,
    /// The text in the service search box.
    pub service_query: String,
    /// The items the search found, as (code, name).
    pub services: Vec<(String, String)>,
    /// What the last attempt to submit found wrong.
    pub problems: Vec<Problem>,
    /// Why the collector did not take the last submission.
    pub failure: Option<String>,
    /// A submission is on its way.
    pub busy: bool,
}

pub enum Action {
    Set(Field, String),
    Photos(Vec<(i64, String)>),
    SearchService(String),
    ServicesFound(Vec<(String, String)>),
    /// The item chosen from the search, as (code, name).
    PickService((String, String)),
    ClearService,
    /// The submit button was pressed and [`FormState::check`] found these problems; with
    /// none, the draft is on its way.
    Checked(Vec<Problem>),
    /// The collector answered, or could not be reached; with the reason it was not taken.
    Finished {
        failure: Option<String>,
    },
}

impl FormState {
    /// The form over a saved draft, if any, with what it lacks filled in: a new
    /// idempotency key, the time now, and the first method and area.
    pub fn new(saved: Option<Draft>, key: String, now: String) -> Self {
        let mut draft = saved.unwrap_or_default();
        if draft.idempotency_key.is_empty() {
            draft.idempotency_key = key;
        }
        if draft.observed_at.is_empty() {
            draft.observed_at = now;
        }
        if draft.method.is_empty() {
            draft.method = Method::Open.as_str().to_owned();
        }
        if draft.chapter.is_empty() {
            draft.chapter = Chapter::Government.as_str().to_owned();
        }
        Self {
            draft,
            service_query: String::new(),
            services: Vec::new(),
            problems: Vec::new(),
            failure: None,
            busy: false,
        }
    }

    pub fn has_problem(&self, problem: Problem) -> bool {
        self.problems.contains(&problem)
    }

    /// The observation this draft sends.
    pub fn request(&self) -> NewObservation {
        let d = &self.draft;
        NewObservation {
            department: d.department.clone(),
            service: d.service.as_ref().map(|(code, _)| code.clone()),
            place: d.place.trim().to_owned(),
            observed_at: d.observed_at.clone(),
            method: Method::parse(&d.method).unwrap_or(Method::Open),
            chapter: Chapter::parse(&d.chapter).unwrap_or(Chapter::Government),
            article: d.article.parse().ok(),
            description: d.description.trim().to_owned(),
            photos: d.photos.iter().map(|(id, _)| *id).collect(),
            idempotency_key: d.idempotency_key.clone(),
        }
    }
}

impl FormState {
    /// The problems the panel can see before sending, at `now` in China
    /// (`YYYY-MM-DDTHH:MM`).
    pub fn check(&self, now: &str) -> Vec<Problem> {
        let d = &self.draft;
        let mut found = Vec::new();
        if d.department.is_empty() {
            found.push(Problem::Department);
        }
        if d.place.trim().is_empty() {
            found.push(Problem::Place);
        }
        if observed_minutes(&d.observed_at).is_none() || d.observed_at.as_str() > now {
            found.push(Problem::ObservedAt);
        }
        let length = d.description.trim().chars().count();
        if length == 0 || length > DESCRIPTION_MAX {
            found.push(Problem::Description);
        }
        found
    }
}

impl Reducible for FormState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let d = &mut next.draft;
        match action {
            Action::Set(field, value) => match field {
                Field::Department => {
                    // An item of another department no longer applies.
                    d.department = value;
                    d.service = None;
                }
                Field::Place => d.place = value,
                Field::ObservedAt => d.observed_at = value,
                Field::Method => d.method = value,
                Field::Chapter => d.chapter = value,
                Field::Article => d.article = value,
                Field::Description => d.description = value,
            },
            Action::Photos(photos) => d.photos = photos,
            Action::SearchService(query) => next.service_query = query,
            Action::ServicesFound(services) => next.services = services,
            Action::PickService(service) => {
                d.service = Some(service);
                next.services.clear();
            }
            Action::ClearService => d.service = None,
            Action::Checked(problems) => {
                next.busy = problems.is_empty();
                next.problems = problems;
                next.failure = None;
            }
            Action::Finished { failure } => {
                next.failure = failure;
                next.busy = false;
            }
        }
        Rc::new(next)
    }
}
