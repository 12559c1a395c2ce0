//! Reading with a staff or supervisor session: the answer, a failure, or — when the
//! collector no longer accepts the session — a sign-out.

use yew::prelude::*;

use super::session::use_session;
use crate::api::ApiFailure;
use crate::api::session::Credentials;

/// Calls `fetch` with the session's credentials whenever `deps` or the session's token
/// change. `None` while loading, `Err(())` when the answer could not be had; a 401 signs
/// out instead.
#[hook]
pub fn use_session_get<T, D, F>(deps: D, fetch: F) -> UseStateHandle<Option<Result<T, ()>>>
where
    T: 'static,
    D: PartialEq + 'static,
    F: AsyncFnOnce(&Credentials) -> Result<T, ApiFailure> + 'static,
{
    let session = use_session();
    let state = use_state(|| None::<Result<T, ()>>);
    {
        let state = state.clone();
        use_effect_with((deps, session.credentials.clone()), move |(_, credentials)| {
            let credentials = credentials.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match fetch(&credentials).await {
                    Ok(value) => state.set(Some(Ok(value))),
                    Err(failure) if session.ended_by(&failure) => {}
                    Err(_) => state.set(Some(Err(()))),
                }
            });
        });
    }
    state
}
