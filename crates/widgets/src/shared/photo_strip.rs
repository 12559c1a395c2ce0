//! Photos of an observation, for the supervisor panel and the desk alike.

use yew::prelude::*;

use crate::api;
use crate::i18n::fill;

#[derive(Properties, PartialEq)]
pub struct PhotoStripProps {
    pub api: String,
    pub token: String,
    pub ids: Vec<i64>,
    pub lang: crate::i18n::Lang,
    /// Where a photo is fetched from, before its id.
    pub path: String,
}

/// Photos fetched with the session (an `<img src>` cannot send one) and shown from `blob:`
/// URLs, which are released when the strip goes away.
#[component]
pub fn PhotoStrip(props: &PhotoStripProps) -> Html {
    let m = props.lang.supervision();
    let urls = use_state(Vec::<String>::new);
    {
        let urls = urls.clone();
        let sources: Vec<String> = props.ids.iter().map(|id| format!("{}{}{id}", props.api, props.path)).collect();
        let token = props.token.clone();
        use_effect_with(sources, move |sources| {
            let sources = sources.clone();
            let loaded = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
            let keep = loaded.clone();
            wasm_bindgen_futures::spawn_local(async move {
                for source in sources {
                    if let Ok(url) = api::get_object_url(&source, &token).await {
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
                    <li><img src={url.clone()} alt={fill(m.sv_photo_alt, &[("n", &(i + 1).to_string())])} /></li>
                }) }
            </ul>
        </div>
    }
}
