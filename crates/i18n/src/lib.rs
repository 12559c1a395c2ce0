//! The message catalogues: every text a visitor reads, in Chinese first and in English.
//!
//! Each catalogue is a struct with one field per key, and each language is one static value
//! of it, so a key cannot lack a language. The widgets' bundles link only the catalogues
//! their widgets read: the review-only bundle carries neither the desk's nor the lookup's
//! texts. The crate has no dependencies, so the collector can render the same texts.

mod catalogue;
mod desk;
mod lookup;
mod messages;
mod stats;
mod supervision;

pub use desk::DeskMessages;
pub use lookup::LookupMessages;
pub use messages::Messages;
pub use stats::StatsMessages;
pub use supervision::SupervisionMessages;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    ZhCn,
    En,
}

impl Lang {
    /// The element's `lang`, else the page's `<html lang>`, else Chinese.
    pub fn pick(attribute: Option<&str>, page: &str) -> Self {
        let chosen = attribute.filter(|a| !a.trim().is_empty()).unwrap_or(page);
        if chosen.trim().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::ZhCn }
    }

    /// The BCP 47 tag for the `lang` attribute of the widget's root.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn messages(self) -> &'static Messages {
        Messages::of(self)
    }

    pub fn desk(self) -> &'static DeskMessages {
        DeskMessages::of(self)
    }

    pub fn lookup(self) -> &'static LookupMessages {
        LookupMessages::of(self)
    }

    pub fn supervision(self) -> &'static SupervisionMessages {
        SupervisionMessages::of(self)
    }

    pub fn stats(self) -> &'static StatsMessages {
        StatsMessages::of(self)
    }
}

/// A rating level's name (5 非常满意 … 1 非常不满意), as every widget shows it.
pub fn level_label(t: &Messages, level: u8) -> &'static str {
    match level {
        5 => t.level_5,
        4 => t.level_4,
        3 => t.level_3,
        2 => t.level_2,
        _ => t.level_1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(lang: Lang) -> Vec<(&'static str, String)> {
        let mut all = lang.messages().entries();
        all.extend(lang.desk().entries());
        all.extend(lang.stats().entries());
        all.extend(lang.lookup().entries());
        all.extend(lang.supervision().entries());
        all
    }

    /// The placeholders of the two languages cannot differ: `format!` rejects one that names
    /// no argument and the catalogue denies an argument that a language leaves unused. What
    /// is left to check is that no text is blank and that no plain text carries a `{…}`
    /// placeholder, which would reach the screen as it is.
    #[test]
    fn both_languages_fill_every_key_and_only_templated_keys_have_placeholders() {
        let (zh, en) = (entries(Lang::ZhCn), entries(Lang::En));
        assert_eq!(zh.len(), en.len());
        for ((key, zh_text), (en_key, en_text)) in zh.iter().zip(&en) {
            assert_eq!(key, en_key);
            assert!(!zh_text.trim().is_empty(), "zh-CN {key} is empty");
            assert!(!en_text.trim().is_empty(), "en {key} is empty");
            assert!(!zh_text.contains(['{', '}']) && !en_text.contains(['{', '}']), "{key} has a placeholder");
        }
    }

    #[test]
    fn templated_keys_put_their_arguments_where_each_language_wants_them() {
        assert_eq!(Lang::ZhCn.messages().errors_summary(3), "提交前请更正以下 3 处问题：");
        assert_eq!(Lang::En.messages().errors_summary(3), "Please correct 3 problem(s) before submitting:");
        assert_eq!(Lang::ZhCn.lookup().lk_page(2, 5), "第 2 页，共 5 页");
        assert_eq!(Lang::En.supervision().sv_photo_refused("a.jpg", "too big"), "a.jpg: too big");
    }

    #[test]
    fn chinese_is_the_default_and_english_is_chosen_by_tag() {
        assert_eq!(Lang::pick(None, ""), Lang::ZhCn);
        assert_eq!(Lang::pick(None, "en-GB"), Lang::En);
        assert_eq!(Lang::pick(Some("zh-CN"), "en"), Lang::ZhCn);
        assert_eq!(Lang::pick(Some("en"), "zh"), Lang::En);
    }
}
