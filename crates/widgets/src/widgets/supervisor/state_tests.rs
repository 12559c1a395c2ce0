//! The observation form's reducer, without a browser.

use std::rc::Rc;

use mingjing_domain::supervision::{Chapter, Method};
use yew::Reducible;

use super::draft::Draft;
use super::state::{Action, Field, FormState, Problem};

const NOW: &str = "2026-03-02T10:00";

fn fresh() -> Rc<FormState> {
    Rc::new(FormState::new(None, "key-1".into(), NOW.into()))
}

fn after(form: Rc<FormState>, actions: impl IntoIterator<Item = Action>) -> Rc<FormState> {
    actions.into_iter().fold(form, Reducible::reduce)
}

/// A form with every required field filled in well.
fn complete() -> Rc<FormState> {
    after(
        fresh(),
        [
            Action::Set(Field::Department, "市场监管局".into()),
            Action::Set(Field::Place, " 政务大厅 3 号窗口 ".into()),
            Action::Set(Field::ObservedAt, "2026-03-02T09:30".into()),
            Action::Set(Field::Description, " 窗口无人 ".into()),
        ],
    )
}

#[test]
fn a_new_form_gets_a_key_the_time_now_and_the_first_method_and_area() {
    let form = fresh();
    assert_eq!(form.draft.idempotency_key, "key-1");
    assert_eq!(form.draft.observed_at, NOW);
    assert_eq!(form.draft.method, Method::Open.as_str());
    assert_eq!(form.draft.chapter, Chapter::Government.as_str());
    assert!(!form.busy && form.problems.is_empty() && form.failure.is_none());
}

#[test]
fn a_saved_draft_keeps_what_it_has() {
    let saved = Draft {
        place: "大厅".into(),
        observed_at: "2026-03-01T08:00".into(),
        method: Method::Covert.as_str().into(),
        idempotency_key: "saved-key".into(),
        ..Draft::default()
    };
    let form = FormState::new(Some(saved), "key-1".into(), NOW.into());
    assert_eq!(form.draft.idempotency_key, "saved-key", "a resend of the same draft keeps its key");
    assert_eq!((form.draft.place.as_str(), form.draft.observed_at.as_str()), ("大厅", "2026-03-01T08:00"));
    assert_eq!(form.draft.method, Method::Covert.as_str());
    assert_eq!(form.draft.chapter, Chapter::Government.as_str());
}

#[test]
fn each_field_is_set_and_another_department_drops_the_service() {
    let picked = after(complete(), [Action::PickService(("S1".into(), "营业执照".into()))]);
    assert_eq!(picked.draft.service, Some(("S1".into(), "营业执照".into())));
    let set = after(
        picked.clone(),
        [
            Action::Set(Field::Method, Method::Covert.as_str().into()),
            Action::Set(Field::Chapter, Chapter::Oversight.as_str().into()),
            Action::Set(Field::Article, "12".into()),
        ],
    );
    assert_eq!(set.draft.service, picked.draft.service);
    assert_eq!((set.draft.method.as_str(), set.draft.article.as_str()), (Method::Covert.as_str(), "12"));
    assert_eq!(set.draft.chapter, Chapter::Oversight.as_str());
    let moved = after(set, [Action::Set(Field::Department, "税务局".into())]);
    assert_eq!((moved.draft.department.as_str(), moved.draft.service.clone()), ("税务局", None));
}

#[test]
fn a_service_is_searched_picked_and_cleared() {
    let found = after(
        fresh(),
        [Action::SearchService("执照".into()), Action::ServicesFound(vec![("S1".into(), "营业执照".into())])],
    );
    assert_eq!((found.service_query.as_str(), found.services.len()), ("执照", 1));
    let picked = after(found, [Action::PickService(("S1".into(), "营业执照".into()))]);
    assert!(picked.services.is_empty(), "the results close once one is picked");
    assert_eq!(picked.service_query, "执照");
    assert_eq!(after(picked, [Action::ClearService]).draft.service, None);
}

#[test]
fn photos_replace_the_list() {
    let form = after(
        fresh(),
        [Action::Photos(vec![(1, "a.jpg".into()), (2, "b.png".into())]), Action::Photos(vec![(2, "b.png".into())])],
    );
    assert_eq!(form.draft.photos, [(2, "b.png".to_owned())]);
}

#[test]
fn an_empty_form_has_every_problem_in_the_order_of_its_fields() {
    let empty = after(fresh(), [Action::Set(Field::ObservedAt, "not a time".into())]);
    assert_eq!(empty.check(NOW), [Problem::Department, Problem::Place, Problem::ObservedAt, Problem::Description]);
    assert_eq!(Problem::ObservedAt.field_id(), "mj-sv-observed");
}

#[test]
fn a_time_after_now_or_a_blank_or_long_description_is_a_problem() {
    assert!(complete().check(NOW).is_empty());
    let later = after(complete(), [Action::Set(Field::ObservedAt, "2026-03-02T10:01".into())]);
    assert_eq!(later.check(NOW), [Problem::ObservedAt]);
    let blank = after(complete(), [Action::Set(Field::Description, "   ".into())]);
    assert_eq!(blank.check(NOW), [Problem::Description]);
    let long = "字".repeat(mingjing_domain::supervision::DESCRIPTION_MAX + 1);
    assert_eq!(after(complete(), [Action::Set(Field::Description, long)]).check(NOW), [Problem::Description]);
}

#[test]
fn a_check_with_problems_shows_them_and_one_without_starts_sending() {
    let failed = after(complete(), [Action::Finished { failure: Some("refused".into()) }]);
    let shown = after(failed.clone(), [Action::Checked(vec![Problem::Place])]);
    assert!(shown.has_problem(Problem::Place) && !shown.has_problem(Problem::Department));
    assert!(!shown.busy);
    assert_eq!(shown.failure, None, "a new attempt clears the last failure");
    let sending = after(failed, [Action::Checked(Vec::new())]);
    assert!(sending.busy && sending.problems.is_empty());
}

#[test]
fn finishing_stops_sending_and_keeps_the_reason() {
    let sending = after(complete(), [Action::Checked(Vec::new())]);
    let refused = after(sending.clone(), [Action::Finished { failure: Some("no".into()) }]);
    assert_eq!((refused.busy, refused.failure.as_deref()), (false, Some("no")));
    let done = after(sending, [Action::Finished { failure: None }]);
    assert_eq!((done.busy, done.failure.clone()), (false, None));
}

#[test]
fn the_request_trims_the_text_and_sends_the_service_code_and_photo_ids() {
    let form = after(
        complete(),
        [
            Action::PickService(("S1".into(), "营业执照".into())),
            Action::Set(Field::Article, "12".into()),
            Action::Photos(vec![(7, "a.jpg".into()), (9, "b.jpg".into())]),
        ],
    );
    let request = form.request();
    assert_eq!((request.department.as_str(), request.place.as_str()), ("市场监管局", "政务大厅 3 号窗口"));
    assert_eq!((request.description.as_str(), request.observed_at.as_str()), ("窗口无人", "2026-03-02T09:30"));
    assert_eq!((request.service.as_deref(), request.article, request.photos), (Some("S1"), Some(12), vec![7, 9]));
    assert_eq!((request.method, request.chapter), (Method::Open, Chapter::Government));
    assert_eq!(request.idempotency_key, "key-1");
}

#[test]
fn the_request_has_no_article_when_none_is_chosen() {
    assert_eq!(complete().request().article, None);
}
