//! Fees (Art. 16): 免费 said plainly, or the fee table with each fee's legal basis, and in
//! both cases the rule that nothing outside the published fees may be charged, with the
//! complaint line and the site's report link.

use mingjing_domain::catalog::CatalogItem;
use yew::prelude::*;

use super::text;
use crate::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct FeesProps {
    pub item: CatalogItem,
    pub complaint_url: Option<String>,
    pub lang: Lang,
}

#[component]
pub fn Fees(props: &FeesProps) -> Html {
    let m = props.lang.lookup();
    let item = &props.item;
    let phone = item.complaint_phone().as_str();
    html! {
        <section class="mj-section mj-print" aria-labelledby="mj-s-fees">
            <h4 id="mj-s-fees" class="mj-subtitle">{ m.lk_fees }</h4>
            if item.is_free() {
                <p class="mj-free-line" data-testid="fees-free"><strong class="mj-free">{ m.lk_free }</strong>{ " " }{ m.lk_free_plain }</p>
            } else {
                <ul class="mj-cards" data-testid="fees">
                    { for item.fees().iter().map(|fee| html! {
                        <li class="mj-fee">
                            <h5 class="mj-minor">{ fee.name().as_str() }</h5>
                            <dl class="mj-facts">
                                <dt>{ m.lk_fee_standard }</dt><dd><strong>{ text::fee_standard(m, fee.standard()) }</strong></dd>
                                <dt>{ m.lk_fee_basis }</dt><dd>{ fee.legal_basis().as_str() }</dd>
                                if let Some(reductions) = fee.reductions() {
                                    <dt>{ m.lk_fee_reductions }</dt><dd>{ reductions.as_str() }</dd>
                                }
                            </dl>
                        </li>
                    }) }
                </ul>
            }
            <p class="mj-alert" data-testid="off-list">
                { m.lk_off_list(phone) }
                if let Some(url) = &props.complaint_url {
                    { " " }<a class="mj-link" href={url.clone()} target="_blank" rel="noopener noreferrer">{ m.lk_report_online }</a>
                }
            </p>
        </section>
    }
}
