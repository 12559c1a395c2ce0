//! The catalogues live in `mingjing-i18n`, where the collector can read them too; this module
//! adds the one text lookup that needs the domain's types.

#[cfg(feature = "desk")]
pub use mingjing_i18n::DeskMessages;
#[cfg(feature = "lookup")]
pub use mingjing_i18n::LookupMessages;
#[cfg(feature = "stats")]
pub use mingjing_i18n::StatsMessages;
#[cfg(any(feature = "supervisor", feature = "desk", feature = "stats"))]
pub use mingjing_i18n::SupervisionMessages;
pub use mingjing_i18n::{Lang, Messages, level_label};

/// A site-configured choice (a reason, a dimension) in the widget's language.
pub fn choice_label(choice: &mingjing_domain::review::Choice, lang: Lang) -> &str {
    match lang {
        Lang::ZhCn => &choice.zh,
        Lang::En => &choice.en,
    }
}
