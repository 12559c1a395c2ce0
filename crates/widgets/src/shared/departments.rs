//! The catalogue's departments, for the department pickers of the lookup, the supervisor
//! panel and the desk.

use yew::prelude::*;

type Departments = Vec<(String, String)>;

thread_local! {
    /// The departments this page last loaded, by collector: a supervisor who writes a second
    /// observation while the collector is away still has them to choose from.
    static DEPARTMENTS: std::cell::RefCell<Vec<(String, Departments)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The catalogue's departments as (name, credit code), for the department pickers: those
/// this page loaded last, then the collector's; empty if it never could.
#[hook]
pub fn use_departments(api: &str) -> UseStateHandle<Departments> {
    let api = api.to_owned();
    let departments = {
        let api = api.clone();
        use_state(move || {
            DEPARTMENTS
                .with(|d| d.borrow().iter().find(|(a, _)| *a == api).map(|(_, list)| list.clone()))
                .unwrap_or_default()
        })
    };
    {
        let departments = departments.clone();
        use_effect_with(api, move |api| {
            let api = api.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(list) = crate::api::catalog::departments(&api).await {
                    DEPARTMENTS.with(|d| {
                        let mut d = d.borrow_mut();
                        d.retain(|(a, _)| *a != api);
                        d.push((api, list.clone()));
                    });
                    departments.set(list);
                }
            });
        });
    }
    departments
}
