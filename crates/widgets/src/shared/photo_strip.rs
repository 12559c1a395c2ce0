//! Photos of an observation, for the supervisor panel and the desk alike.

use yew::prelude::*;

use super::session::use_session;
use crate::api;

/// Whose view of the photos: the supervisor's who took them, or the desk's answering the
/// observation. Each reads them from its own endpoint, with its own session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoSource {
    #[cfg(feature = "supervisor")]
    Supervisor,
    #[cfg(feature = "desk")]
    Desk { observation: i64 },
}

#[derive(Properties, PartialEq)]
pub struct PhotoStripProps {
    pub ids: Vec<i64>,
    pub source: PhotoSource,
}

/// Photos fetched with the session (an `<img src>` cannot send one) and shown from `blob:`
/// URLs, which are released when the strip goes away.
#[component]
pub fn PhotoStrip(props: &PhotoStripProps) -> Html {
    let session = use_session();
    let m = session.config.lang.supervision();
    let urls = use_state(Vec::<String>::new);
    {
        let urls = urls.clone();
        let credentials = session.credentials.clone();
        use_effect_with((props.ids.clone(), props.source), move |(ids, source)| {
            let (ids, source) = (ids.clone(), *source);
            let loaded = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
            let keep = loaded.clone();
            wasm_bindgen_futures::spawn_local(async move {
                for id in ids {
                    let url = match source {
                        #[cfg(feature = "supervisor")]
                        PhotoSource::Supervisor => api::supervision::photo(&credentials, id).await,
                        #[cfg(feature = "desk")]
                        PhotoSource::Desk { observation } => {
                            api::desk::observation_photo(&credentials, observation, id).await
                        }
                    };
                    if let Ok(url) = url {
                        keep.borrow_mut().push(url);
                    }
                }
                urls.set(keep.borrow().clone());
            });
            move || {
                for url in loaded.borrow().iter() {
                    let _ = web_sys::Url::revoke_object_url(url);
                }
            }
        });
    }
    html! {
        <div class="mj-photos" data-testid="photo-strip">
            <h4 class="mj-subtitle">{ m.sv_photos_title }</h4>
            <ul class="mj-photo-list">
                { for urls.iter().enumerate().map(|(i, url)| html! {
                    <li><img src={url.clone()} alt={m.sv_photo_alt(i + 1)} /></li>
                }) }
            </ul>
        </div>
    }
}
