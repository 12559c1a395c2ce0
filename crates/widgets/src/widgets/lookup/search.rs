//! The search box, its filters and one page of results. Results follow the typing after a
//! short pause, and the query lives in the parent, so coming back from an item shows the
//! same results.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use mingjing_domain::catalog::{ItemType, SearchPage, ServiceSummary};
use yew::prelude::*;

use super::route::View;
use super::text;
use crate::api;
use crate::api::catalog::ServiceSearch;
use crate::config::WidgetConfig;
use crate::i18n::{Lang, LookupMessages};
use crate::shared::departments::use_departments;
use crate::shared::form_value::form_value;

/// How long typing must pause before a search is sent.
const DEBOUNCE_MS: u32 = 250;
const PER_PAGE: u32 = 10;

/// What is being searched for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub text: String,
    pub dept: String,
    pub item_type: String,
    pub page: u32,
}

#[derive(Properties, PartialEq)]
pub struct SearchProps {
    pub config: WidgetConfig,
    pub query: Query,
    pub on_query: Callback<Query>,
    pub on_open: Callback<View>,
}

#[component]
pub fn Search(props: &SearchProps) -> Html {
    let config = &props.config;
    let m = config.lang.lookup();
    let typed = use_state(|| props.query.text.clone());
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let results = use_state(|| None::<Result<SearchPage, ()>>);
    let departments = use_departments(&config.api);
    {
        // Only the newest request may show its answer; a slow early one must not win.
        let generation = use_mut_ref(|| 0u32);
        let results = results.clone();
        use_effect_with((config.api.clone(), props.query.clone()), move |(api, query)| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            let (api, query) = (api.clone(), query.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let search = ServiceSearch {
                    text: &query.text,
                    dept: &query.dept,
                    item_type: &query.item_type,
                    page: Some(query.page.max(1)),
                    per_page: PER_PAGE,
                };
                let page = api::catalog::search(&api, search).await.map_err(|_| ());
                if *generation.borrow() == mine {
                    results.set(Some(page));
                }
            });
        });
    }

    let oninput = {
        let typed = typed.clone();
        let query = props.query.clone();
        let on_query = props.on_query.clone();
        let timer = timer.clone();
        Callback::from(move |e: InputEvent| {
            let text = form_value(&e);
            typed.set(text.clone());
            let next = Query { text, page: 1, ..query.clone() };
            let on_query = on_query.clone();
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || on_query.emit(next)));
        })
    };
    let onsubmit = {
        let typed = typed.clone();
        let query = props.query.clone();
        let on_query = props.on_query.clone();
        let timer = timer.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            timer.borrow_mut().take();
            on_query.emit(Query { text: (*typed).clone(), page: 1, ..query.clone() });
        })
    };
    let filter = |set: fn(&mut Query, String)| {
        let query = props.query.clone();
        let on_query = props.on_query.clone();
        let typed = typed.clone();
        Callback::from(move |e: Event| {
            let mut next = Query { text: (*typed).clone(), page: 1, ..query.clone() };
            set(&mut next, form_value(&e));
            on_query.emit(next);
        })
    };
    let on_dept = filter(|q, v| q.dept = v);
    let on_type = filter(|q, v| q.item_type = v);

    html! {
        <div class="mj-lookup-search">
            <form role="search" class="mj-search-form mj-no-print" onsubmit={onsubmit}>
                <div class="mj-field">
                    <label for="mj-q">{ m.lk_search_label }</label>
                    <div class="mj-inline-form">
                        <input id="mj-q" class="mj-input" type="search" autocomplete="off" enterkeyhint="search"
                               aria-describedby="mj-q-hint" value={(*typed).clone()} {oninput} />
                        <button type="submit" class="mj-button">{ m.lk_search_button }</button>
                    </div>
                    <p id="mj-q-hint" class="mj-hint">{ m.lk_search_hint }</p>
                </div>
                <div class="mj-filters">
                    <div class="mj-field">
                        <label for="mj-dept">{ m.lk_dept_label }</label>
                        <select id="mj-dept" class="mj-select" onchange={on_dept}>
                            <option value="" selected={props.query.dept.is_empty()}>{ m.lk_all_depts }</option>
                            { for departments.iter().map(|(name, code)| {
                                let chosen = props.query.dept == *name || props.query.dept == *code;
                                html! { <option value={name.clone()} selected={chosen}>{ name }</option> }
                            }) }
                        </select>
                    </div>
                    <div class="mj-field">
                        <label for="mj-type">{ m.lk_type_label }</label>
                        <select id="mj-type" class="mj-select" onchange={on_type}>
                            <option value="" selected={props.query.item_type.is_empty()}>{ m.lk_all_types }</option>
                            { for ItemType::ALL.iter().map(|t| html! {
                                <option value={t.code()} selected={props.query.item_type == t.code()}>{ text::item_type(config.lang, *t) }</option>
                            }) }
                        </select>
                    </div>
                </div>
            </form>
            { results_view(config.lang, m, &results, props) }
            <nav class="mj-lists mj-no-print" aria-label={m.lk_lists}>
                { list_link(m.lk_intermediary_list, View::Intermediary, &props.on_open) }
                { list_link(m.lk_certificate_list, View::Certificates, &props.on_open) }
            </nav>
        </div>
    }
}

/// A link to another view: a real link (it can be opened in a new tab or copied), that
/// opens in place when clicked.
pub fn view_link(label: Html, view: View, on_open: &Callback<View>, class: &'static str) -> Html {
    let href = view.hash();
    let on_open = on_open.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if !(e.ctrl_key() || e.meta_key() || e.shift_key()) {
            e.prevent_default();
            on_open.emit(view.clone());
        }
    });
    html! { <a class={class} {href} {onclick}>{ label }</a> }
}

fn list_link(label: &'static str, view: View, on_open: &Callback<View>) -> Html {
    view_link(html! { label }, view, on_open, "mj-link")
}

fn results_view(
    lang: Lang,
    m: &'static LookupMessages,
    results: &Option<Result<SearchPage, ()>>,
    props: &SearchProps,
) -> Html {
    let page = match results {
        None => return html! { <p class="mj-muted" role="status">{ lang.messages().loading }</p> },
        Some(Err(())) => return html! { <p class="mj-alert mj-danger" role="alert">{ m.lk_unavailable }</p> },
        Some(Ok(page)) => page,
    };
    let pages = page.total.div_ceil(page.per_page.max(1)).max(1);
    let go = |to: u32| {
        let on_query = props.on_query.clone();
        let next = Query { page: to, ..props.query.clone() };
        Callback::from(move |_: MouseEvent| on_query.emit(next.clone()))
    };
    let demo = page.source.as_ref().is_some_and(|s| s.demo);
    html! {
        <section class="mj-results" aria-labelledby="mj-results-title">
            <h3 id="mj-results-title" class="mj-sr-only">{ m.lk_results }</h3>
            if demo {
                <p class="mj-alert mj-demo" data-testid="demo-notice">{ m.lk_demo }</p>
            }
            <p class="mj-muted" role="status" data-testid="result-count">
                { if page.total == 0 { m.lk_none.to_owned() } else { m.lk_found(page.total) } }
            </p>
            <ul class="mj-result-list">
                { for page.items.iter().map(|item| result_row(lang, m, item, &props.on_open)) }
            </ul>
            if pages > 1 {
                <div class="mj-pager mj-no-print">
                    <button type="button" class="mj-button mj-secondary" disabled={page.page <= 1} onclick={go(page.page.saturating_sub(1))}>{ m.lk_prev }</button>
                    <span>{ m.lk_page(page.page, pages) }</span>
                    <button type="button" class="mj-button mj-secondary" disabled={page.page >= pages} onclick={go(page.page + 1)}>{ m.lk_next }</button>
                </div>
            }
        </section>
    }
}

fn result_row(lang: Lang, m: &'static LookupMessages, item: &ServiceSummary, on_open: &Callback<View>) -> Html {
    let item_type = ItemType::from_code(&item.item_type).map(|t| text::item_type(lang, t));
    let label = html! {
        <>
            <span class="mj-result-name">{ &item.name }</span>
            <span class="mj-result-dept">{ &item.department }{ item_type.map(|t| format!(" · {t}")).unwrap_or_default() }</span>
        </>
    };
    html! {
        <li class="mj-result">
            { view_link(label, View::Item(item.code.clone()), on_open, "mj-result-link") }
            <p class="mj-tags">
                <span class={if item.free { "mj-tag mj-tag-free" } else { "mj-tag" }}>{ if item.free { m.lk_free } else { m.lk_paid } }</span>
                <span class="mj-tag">{ m.lk_promised_short(&text::limit(m, item.promised_limit)) }</span>
                <span class="mj-tag">{ text::visits(m, &item.visits) }</span>
                if item.online {
                    <span class="mj-tag">{ m.lk_online }</span>
                }
            </p>
        </li>
    }
}
