//! Picking photos for an observation: each is uploaded as soon as it is chosen (the
//! collector checks it and strips its metadata) and kept by id until the observation is
//! submitted. Files the collector would refuse are explained here first.

use mingjing_domain::supervision::MAX_PHOTOS;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::api::{self, ApiFailure};
use crate::shared::session::use_session;

const MAX_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct PhotosProps {
    /// (photo id, file name), in the order chosen.
    pub photos: Vec<(i64, String)>,
    pub on_change: Callback<Vec<(i64, String)>>,
}

#[component]
pub fn PhotoPicker(props: &PhotosProps) -> Html {
    let session = use_session();
    let m = session.config.lang.supervision();
    let problems = use_state(Vec::<String>::new);
    let uploading = use_state(|| 0u32);
    let onchange = {
        let (problems, uploading) = (problems.clone(), uploading.clone());
        let (photos, on_change) = (props.photos.clone(), props.on_change.clone());
        let credentials = session.credentials.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(files) = input.files() else { return };
            let mut chosen = Vec::new();
            let mut refused = Vec::new();
            for i in 0..files.length() {
                let Some(file) = files.get(i) else { continue };
                let name = file.name();
                if photos.len() + chosen.len() >= MAX_PHOTOS {
                    refused.push(m.sv_photo_too_many.to_owned());
                    break;
                }
                if !matches!(file.type_().as_str(), "image/jpeg" | "image/png") {
                    refused.push(m.sv_photo_refused(&name, m.sv_photo_not_image));
                } else if file.size() > MAX_BYTES {
                    refused.push(m.sv_photo_refused(&name, m.sv_photo_too_big));
                } else {
                    chosen.push(file);
                }
            }
            input.set_value("");
            problems.set(refused.clone());
            if chosen.is_empty() {
                return;
            }
            uploading.set(u32::try_from(chosen.len()).unwrap_or(1));
            let (credentials, on_change, photos, problems, uploading) =
                (credentials.clone(), on_change.clone(), photos.clone(), problems.clone(), uploading.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut photos = photos;
                let mut refused = refused;
                for file in chosen {
                    let name = file.name();
                    let blob: &web_sys::Blob = file.unchecked_ref();
                    match api::supervision::upload_photo(&credentials, blob).await {
                        Ok(id) => photos.push((id, name)),
                        Err(ApiFailure::Refused(_, body)) => {
                            refused.push(m.sv_photo_refused(&name, &body.message));
                        }
                        Err(_) => refused.push(m.sv_photo_refused(&name, m.sv_unreachable)),
                    }
                }
                uploading.set(0);
                problems.set(refused);
                on_change.emit(photos);
            });
        })
    };
    let full = props.photos.len() >= MAX_PHOTOS;
    html! {
        <div class="mj-field">
            <label for="mj-photos">{ m.sv_photos }</label>
            <input id="mj-photos" class="mj-input" type="file" accept="image/jpeg,image/png" multiple=true
                   disabled={full} aria-describedby="mj-photos-hint" {onchange} />
            <p id="mj-photos-hint" class="mj-hint">{ m.sv_photos_hint }</p>
            if *uploading > 0 {
                <p class="mj-muted" role="status">{ m.sv_photo_uploading }</p>
            }
            if !problems.is_empty() {
                <ul class="mj-error-text mj-plain-list" role="alert">{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
            }
            <ul class="mj-plain-list" data-testid="photos">
                { for props.photos.iter().map(|(id, name)| {
                    let id = *id;
                    let (photos, on_change) = (props.photos.clone(), props.on_change.clone());
                    let remove = Callback::from(move |_: MouseEvent| {
                        on_change.emit(photos.iter().filter(|(p, _)| *p != id).cloned().collect());
                    });
                    html! {
                        <li>{ "📷 " }{ name }{ " " }
                            <button type="button" class="mj-link" onclick={remove}>{ m.sv_photo_remove(name) }</button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
