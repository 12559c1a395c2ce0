//! Reading with a staff or supervisor session: the answer, a failure, or — when the
//! collector no longer accepts the session — a sign-out.

use serde::de::DeserializeOwned;
use yew::prelude::*;

use crate::api::{self, ApiFailure};

/// GETs `url` with `token` whenever either changes. `None` while loading, `Err(())` when
/// the answer could not be had; a 401 calls `on_signed_out` instead.
#[hook]
pub fn use_session_get<T: DeserializeOwned + 'static>(
    url: String,
    token: String,
    on_signed_out: Callback<()>,
) -> UseStateHandle<Option<Result<T, ()>>> {
    let state = use_state(|| None::<Result<T, ()>>);
    {
        let state = state.clone();
        use_effect_with((url, token), move |(url, token)| {
            let (url, token) = (url.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::get_as::<T>(&url, Some(&token)).await {
                    Ok(value) => state.set(Some(Ok(value))),
                    Err(ApiFailure::Refused(401, _)) => on_signed_out.emit(()),
                    Err(_) => state.set(Some(Err(()))),
                }
            });
        });
    }
    state
}
