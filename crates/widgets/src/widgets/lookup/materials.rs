//! Materials: a checklist to tick off at home, with each material's form, copies and source
//! and links to blank forms and samples, and a button that prints it.

use mingjing_domain::catalog::{CatalogItem, MaterialForm};
use yew::prelude::*;

use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct MaterialsProps {
    pub item: CatalogItem,
    pub lang: Lang,
}

#[component]
pub fn Materials(props: &MaterialsProps) -> Html {
    let m = props.lang.lookup();
    let item = &props.item;
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let form = |f: MaterialForm| match f {
        MaterialForm::Paper => m.lk_paper,
        MaterialForm::Electronic => m.lk_electronic,
        MaterialForm::Both => m.lk_paper_or_electronic,
    };
    html! {
        <section class="mj-section mj-print" aria-labelledby="mj-s-materials">
            <div class="mj-toolbar">
                <h4 id="mj-s-materials" class="mj-subtitle">{ m.lk_materials }</h4>
                <button type="button" class="mj-button mj-secondary mj-no-print" data-testid="print" onclick={print}>{ m.lk_print }</button>
            </div>
            if item.materials().is_empty() {
                <p>{ m.lk_no_materials }</p>
            } else {
                <ol class="mj-checklist" data-testid="checklist">
                    { for item.materials().iter().map(|material| html! {
                        <li>
                            <span class="mj-box" aria-hidden="true"></span>
                            <div>
                                <strong>{ material.name().as_str() }</strong>
                                <span class={if material.required() { "mj-tag mj-tag-strong" } else { "mj-tag" }}>
                                    { if material.required() { m.lk_required } else { m.lk_optional } }
                                </span>
                                <br/>
                                <span class="mj-muted mj-small">
                                    { format!("{} · {} · {}", form(material.form()), if material.copies() == 1 { m.lk_copies_one.to_owned() } else { m.lk_copies(material.copies()) }, m.lk_source(material.source().as_str())) }
                                </span>
                                if material.blank_form_url().is_some() || material.sample_url().is_some() {
                                    <span class="mj-links mj-no-print">
                                        if let Some(url) = material.blank_form_url() {
                                            <a class="mj-link" href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer">{ m.lk_blank_form }</a>
                                        }
                                        if let Some(url) = material.sample_url() {
                                            <a class="mj-link" href={url.as_str().to_owned()} target="_blank" rel="noopener noreferrer">{ m.lk_sample }</a>
                                        }
                                    </span>
                                }
                            </div>
                        </li>
                    }) }
                </ol>
            }
            if !item.forms().is_empty() {
                <h5 class="mj-minor mj-no-print">{ m.lk_forms }</h5>
                <ul class="mj-plain-list mj-no-print">
                    { for item.forms().iter().map(|f| html! {
                        <li><a class="mj-link" href={f.url().as_str().to_owned()} target="_blank" rel="noopener noreferrer">{ f.name().as_str() }</a></li>
                    }) }
                </ul>
            }
        </section>
    }
}
