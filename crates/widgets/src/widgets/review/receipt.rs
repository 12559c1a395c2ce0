//! What the reviewer sees after submitting: the receipt, or the promise that a saved review
//! will be sent.

use yew::prelude::*;

use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct ReceiptProps {
    pub lang: Lang,
    pub receipt: String,
    pub verified: bool,
    pub onreset: Callback<MouseEvent>,
}

/// Focuses the heading when it appears, so the change is announced and keyboard users land
/// on it rather than on a button that no longer exists.
#[hook]
fn use_focus_on_mount() -> NodeRef {
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(el) = heading.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    heading
}

#[component]
pub fn Receipt(props: &ReceiptProps) -> Html {
    let t = props.lang.messages();
    let heading = use_focus_on_mount();
    html! {
        <div class="mj-alert mj-success mj-receipt" role="status">
            <h3 class="mj-subtitle" tabindex="-1" ref={heading}>{ t.success_title }</h3>
            <p>{ t.receipt_label }<strong class="mj-receipt-code" data-testid="receipt">{ &props.receipt }</strong>
                if props.verified { { " " }<span class="mj-badge">{ t.verified_badge }</span> }
            </p>
            <p class="mj-hint">{ t.receipt_hint }</p>
            <button type="button" class="mj-button mj-secondary" onclick={props.onreset.clone()}>{ t.another_review }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct QueuedProps {
    pub lang: Lang,
    pub onreset: Callback<MouseEvent>,
}

#[component]
pub fn QueuedNotice(props: &QueuedProps) -> Html {
    let t = props.lang.messages();
    let heading = use_focus_on_mount();
    html! {
        <div class="mj-alert mj-queued" role="status">
            <h3 class="mj-subtitle" tabindex="-1" ref={heading}>{ t.queued_title }</h3>
            <p>{ t.queued_body }</p>
            <button type="button" class="mj-button mj-secondary" onclick={props.onreset.clone()}>{ t.another_review }</button>
        </div>
    }
}
