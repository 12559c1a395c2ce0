//! The catalogue's departments, for the department pickers of the lookup, the supervisor
//! panel and the desk.

use yew::prelude::*;

type Departments = Vec<(String, String)>;

thread_local! {
    /// The departments this page last loaded, by URL: a supervisor who writes a second
    /// observation while the collector is away still has them to choose from.
    static DEPARTMENTS: std::cell::RefCell<Vec<(String, Departments)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The catalogue's departments as (name, credit code), for the department pickers: those
/// this page loaded last, then the collector's; empty if it never could.
#[hook]
pub fn use_departments(api: &str) -> UseStateHandle<Departments> {
    let url = format!("{api}/api/v1/departments");
    let departments = {
        let url = url.clone();
        use_state(move || {
            DEPARTMENTS
                .with(|d| d.borrow().iter().find(|(u, _)| *u == url).map(|(_, list)| list.clone()))
                .unwrap_or_default()
        })
    };
    {
        let departments = departments.clone();
        use_effect_with(url, move |url| {
            let url = url.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(list) = crate::api::get::<Departments>(&url).await {
                    DEPARTMENTS.with(|d| {
                        let mut d = d.borrow_mut();
                        d.retain(|(u, _)| *u != url);
                        d.push((url, list.clone()));
                    });
                    departments.set(list);
                }
            });
        });
    }
    departments
}
