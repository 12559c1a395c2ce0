//! The review form's reducer, without a browser.

use std::rc::Rc;

use mingjing_domain::review::Channel;
use yew::Reducible;

use super::state::{Action, Form, Phase, Problem};

fn form() -> Rc<Form> {
    Rc::new(Form::new("key-1".to_owned()))
}

fn after(form: Rc<Form>, actions: impl IntoIterator<Item = Action>) -> Rc<Form> {
    actions.into_iter().fold(form, Reducible::reduce)
}

fn problem(field: &str) -> Problem {
    Problem { field: field.to_owned(), message: format!("{field} is wrong") }
}

fn fields(form: &Form) -> Vec<&str> {
    form.problems.iter().map(|p| p.field.as_str()).collect()
}

#[test]
fn two_stars_or_fewer_is_a_poor_review() {
    assert!(!form().is_poor(), "no rating yet is not poor");
    assert!(after(form(), [Action::Rate(2)]).is_poor());
    assert!(!after(form(), [Action::Rate(3)]).is_poor());
}

#[test]
fn rating_clears_the_rating_problem_and_a_good_rating_the_reasons_problem() {
    let shown = after(form(), [Action::Problems(vec![problem("rating"), problem("reasons")])]);
    assert_eq!(fields(&after(shown.clone(), [Action::Rate(1)])), ["reasons"]);
    assert!(after(shown, [Action::Rate(4)]).problems.is_empty());
}

#[test]
fn a_reason_toggles_and_choosing_one_clears_the_reasons_problem() {
    let shown = after(form(), [Action::Rate(1), Action::Problems(vec![problem("reasons")])]);
    let chosen = after(shown, [Action::ToggleReason("slow".into())]);
    assert_eq!(chosen.reasons, ["slow"]);
    assert!(chosen.problems.is_empty());
    let shown_again = after(chosen, [Action::Problems(vec![problem("reasons")])]);
    let dropped = after(shown_again, [Action::ToggleReason("slow".into())]);
    assert!(dropped.reasons.is_empty());
    assert_eq!(fields(&dropped), ["reasons"], "dropping a reason does not clear the problem");
}

#[test]
fn a_dimension_is_rated_once_and_rerated_in_place() {
    let rated = after(
        form(),
        [
            Action::RateDimension("speed".into(), 2),
            Action::RateDimension("manner".into(), 5),
            Action::RateDimension("speed".into(), 4),
        ],
    );
    assert_eq!(rated.dimensions, [("speed".to_owned(), 4), ("manner".to_owned(), 5)]);
}

#[test]
fn typing_clears_the_problems_of_its_field() {
    let shown = || {
        let all = ["comment", "reasons", "contact.name", "contact.phone", "rating"].map(problem);
        after(form(), [Action::Problems(all.to_vec())])
    };
    assert_eq!(fields(&after(shown(), [Action::Comment("x".into())])), ["contact.name", "contact.phone", "rating"]);
    assert_eq!(fields(&after(shown(), [Action::Name("x".into())])), ["comment", "reasons", "contact.phone", "rating"]);
    assert_eq!(fields(&after(shown(), [Action::Phone("x".into())])), ["comment", "reasons", "contact.name", "rating"]);
    assert_eq!(fields(&after(shown(), [Action::Callback(false)])), ["comment", "reasons", "rating"]);
    assert_eq!(fields(&after(shown(), [Action::Callback(true)])).len(), 5, "asking for a call back clears nothing");
}

#[test]
fn problems_send_the_form_back_to_editing() {
    let sending = after(form(), [Action::Rate(5), Action::Sending]);
    assert_eq!(sending.phase, Phase::Sending);
    assert_eq!(after(sending, [Action::Problems(vec![problem("form")])]).phase, Phase::Editing);
}

#[test]
fn a_sent_or_queued_review_forgets_the_contact() {
    let typed = || {
        after(
            form(),
            [Action::Rate(1), Action::Callback(true), Action::Name("李四".into()), Action::Phone("13800138000".into())],
        )
    };
    let sent = after(typed(), [Action::Sending, Action::Sent { receipt: "ABC123".into(), verified: true }]);
    assert_eq!(sent.phase, Phase::Sent { receipt: "ABC123".into(), verified: true });
    assert!(sent.name.is_empty() && sent.phone.is_empty());
    let queued = after(typed(), [Action::Queued]);
    assert_eq!(queued.phase, Phase::Queued);
    assert!(queued.name.is_empty() && queued.phone.is_empty());
}

#[test]
fn reset_starts_an_empty_form_with_the_new_key() {
    let used = after(form(), [Action::Rate(2), Action::Comment("slow".into()), Action::Queued]);
    let reset = after(used, [Action::Reset("key-2".into())]);
    assert_eq!(*reset, Form::new("key-2".into()));
}

#[test]
fn every_action_counts_as_a_touch() {
    let touched = after(form(), [Action::Rate(3), Action::Comment("a".into()), Action::Sending]);
    assert_eq!(touched.touched, 3);
}

#[test]
fn the_request_sends_reasons_only_with_a_poor_review() {
    let chose = |rating| after(form(), [Action::Rate(1), Action::ToggleReason("slow".into()), Action::Rate(rating)]);
    assert_eq!(chose(2).request("s", "svc", Channel::Pc, None).reasons, ["slow"]);
    assert!(chose(4).request("s", "svc", Channel::Pc, None).reasons.is_empty());
}

#[test]
fn the_request_trims_the_comment_and_sends_the_contact_only_when_asked() {
    let typed = after(form(), [Action::Rate(4), Action::Comment("  fine  ".into()), Action::Name("李四".into())]);
    let request = typed.request("site-a", "svc-1", Channel::Kiosk, Some("tok"));
    assert_eq!(request.comment.as_deref(), Some("fine"));
    assert_eq!(request.contact, None, "a name typed without asking for a call back stays here");
    assert_eq!((request.site.as_str(), request.service.as_str(), request.rating), ("site-a", "svc-1", 4));
    assert_eq!(
        (request.channel, request.token.as_deref(), request.idempotency_key.as_str()),
        (Channel::Kiosk, Some("tok"), "key-1")
    );

    let blank = after(form(), [Action::Comment("   ".into())]).request("s", "svc", Channel::Pc, None);
    assert_eq!(blank.comment, None);
    let asked = after(typed, [Action::Callback(true), Action::Phone("13800138000".into())]);
    let contact = asked.request("s", "svc", Channel::Pc, None).contact.expect("a contact");
    assert_eq!((contact.name.as_str(), contact.phone.as_str(), contact.consent), ("李四", "13800138000", true));
}
