//! The message catalogue. Every user-visible string comes from here, in Chinese first.
//!
//! `Messages` is a struct with one field per key, and each language is one value of it,
//! so a key missing from either language is a compile error, not a blank on screen. The
//! desk's and the statistics' texts are catalogues of their own, compiled only into the
//! bundles that hold those widgets, so the review-only bundle does not carry them.

mod en;
mod zh_cn;

/// Declares the catalogue's keys once; each language file fills every one of them.
macro_rules! catalogue {
    ($name:ident { $($key:ident),* $(,)? }) => {
        #[derive(Debug)]
        pub struct $name {
            $(pub $key: &'static str,)*
        }

        impl $name {
            /// Every (key, text) pair, for the completeness tests.
            #[cfg_attr(not(test), allow(dead_code))]
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }
    };
}

catalogue! {
    Messages {
        lookup_title,
        lookup_button,
        lookup_not_found,
        lookup_unreachable,
        status_recorded,
        status_in_progress,
        status_rectifying,
        status_awaiting_reply,
        status_closed,
        status_reply_label,
        rerate_button,
        rerate_notice,
        title_review,
        title_lookup,
        title_supervisor,
        title_stats,
        title_desk,
        loading,
        shell_note,
        config_error,
        config_error_attribute,
        demo_badge,
        level_5,
        level_4,
        level_3,
        level_2,
        level_1,
        review_intro,
        rating_legend,
        dimensions_legend,
        dimension_scale,
        reasons_legend,
        comment_label,
        comment_label_poor,
        comment_counter,
        callback_label,
        contact_privacy,
        name_label,
        phone_label,
        phone_hint,
        submit,
        submitting,
        errors_summary,
        err_rating_required,
        err_reason_required,
        err_comment_too_long,
        err_name,
        err_phone,
        err_duplicate,
        err_token,
        err_other,
        success_title,
        receipt_label,
        receipt_hint,
        queued_title,
        queued_body,
        another_review,
        kiosk_reset_notice,
        service_label,
        verified_badge,
    }
}

#[cfg(feature = "desk")]
catalogue! {
    DeskMessages {
        desk_sign_in_title,
        desk_code_label,
        desk_code_hint,
        desk_sign_in,
        desk_bad_code,
        desk_locked,
        desk_unreachable,
        desk_sign_out,
        desk_list_title,
        desk_empty,
        desk_col_receipt,
        desk_col_rating,
        desk_col_due,
        desk_col_stage,
        desk_overdue,
        desk_open,
        desk_back,
        desk_reasons,
        desk_comment,
        desk_contact,
        desk_anonymous,
        desk_reveal,
        desk_reveal_reason,
        desk_revealed_log,
        desk_history,
        desk_next_step,
        desk_note,
        desk_record,
        desk_closed,
        desk_error,
        desk_reached,
        desk_not_reached,
        desk_plan_due,
        desk_reply_hint,
        step_call_back,
        step_verify,
        step_decide,
        step_rectified,
        step_reply,
        verification_confirmed,
        verification_not_confirmed,
        verification_appealed_mistaken,
        verification_appealed_malicious,
        outcome_fixed,
        outcome_plan,
        outcome_explanation,
        stage_new,
        stage_called_back,
        stage_verified,
        stage_rectifying,
        stage_awaiting_reply,
        stage_closed,
        desk_tab_audit,
        audit_title,
        audit_intro,
        audit_col_time,
        audit_col_actor,
        audit_col_action,
        audit_col_client,
        audit_empty,
        audit_older,
        audit_newest,
        audit_action_sign_in,
        audit_action_sign_in_failed,
        audit_action_locked_out,
        audit_action_reveal_contact,
        audit_action_export_personal_data,
    }
}

#[cfg(feature = "stats")]
catalogue! {
    StatsMessages {
        stats_level,
        stats_unavailable,
        stats_satisfaction,
        stats_counted,
        stats_levels_caption,
        stats_count,
        stats_share,
        stats_kinds_caption,
        stats_verified,
        stats_open,
        stats_all_with_defaults,
        stats_poor,
        stats_follow_up,
        stats_call_back_rate,
        stats_rectification_rate,
        stats_on_time_rate,
        stats_overdue_open,
    }
}

#[cfg(feature = "lookup")]
catalogue! {
    LookupMessages {
        lk_search_label,
        lk_search_hint,
        lk_search_button,
        lk_dept_label,
        lk_all_depts,
        lk_type_label,
        lk_all_types,
        lk_found,
        lk_none,
        lk_unavailable,
        lk_prev,
        lk_next,
        lk_page,
        lk_results,
        lk_free,
        lk_paid,
        lk_promised_short,
        lk_online,
        lk_visits_zero,
        lk_visits_one,
        lk_visits_two,
        lk_visits_many,
        lk_working_days,
        lk_natural_days,
        lk_hours,
        lk_working_day_one,
        lk_natural_day_one,
        lk_hour_one,
        lk_copies_one,
        lk_lists,
        lk_intermediary_list,
        lk_certificate_list,
        lk_intermediary_intro,
        lk_certificate_intro,
        lk_required_by,
        lk_issuer,
        lk_back,
        lk_demo,
        lk_summary,
        lk_cost,
        lk_time,
        lk_due_today,
        lk_due_value,
        lk_due_estimate,
        lk_visits,
        lk_channels,
        lk_form_counter,
        lk_form_online,
        lk_form_both,
        lk_online_payment,
        lk_basic_info,
        lk_item_name,
        lk_basic_code,
        lk_impl_code,
        lk_item_type,
        lk_legal_basis,
        lk_authority,
        lk_department,
        lk_credit_code,
        lk_limits,
        lk_legal_limit,
        lk_promised_limit,
        lk_compression,
        lk_legal_due,
        lk_promised_due,
        lk_actual,
        lk_actual_median,
        lk_actual_on_time,
        lk_actual_too_few,
        lk_overdue_reasons,
        lk_conditions,
        lk_steps,
        lk_materials,
        lk_required,
        lk_optional,
        lk_paper,
        lk_electronic,
        lk_paper_or_electronic,
        lk_copies,
        lk_source,
        lk_blank_form,
        lk_sample,
        lk_no_materials,
        lk_forms,
        lk_print,
        lk_fees,
        lk_fee_item,
        lk_fee_standard,
        lk_fee_basis,
        lk_fee_reductions,
        lk_yuan,
        lk_free_plain,
        lk_off_list,
        lk_report_online,
        lk_result,
        lk_result_certificate,
        lk_result_licence,
        lk_result_approval,
        lk_result_other,
        lk_where,
        lk_address,
        lk_hours_label,
        lk_contacts,
        lk_consultation,
        lk_complaint,
        lk_item_intermediary,
        lk_item_certificates,
        lk_none_required,
        lk_fee_label,
        lk_changes,
        lk_change_fees,
        lk_change_legal,
        lk_change_promised,
        lk_not_found,
        lk_level_province,
        lk_level_city,
        lk_level_county,
        lk_level_township,
        lk_level_village,
        lk_weekdays,
        lk_yes,
        lk_no,
    }
}

#[cfg(any(feature = "supervisor", feature = "desk", feature = "stats"))]
catalogue! {
    SupervisionMessages {
        sv_sign_in_title,
        sv_code_label,
        sv_code_hint,
        sv_sign_in,
        sv_bad_code,
        sv_locked,
        sv_unreachable,
        sv_sign_out,
        sv_dashboard,
        sv_new,
        sv_report,
        sv_by_stage,
        sv_total,
        sv_duty,
        sv_duty_met,
        sv_duty_short,
        sv_months,
        sv_month,
        sv_count,
        sv_list,
        sv_empty,
        sv_col_id,
        sv_col_department,
        sv_col_submitted,
        sv_col_stage,
        sv_col_due,
        sv_open,
        sv_back,
        sv_overdue,
        sv_term_end,
        sv_department,
        sv_service,
        sv_service_hint,
        sv_service_clear,
        sv_choose,
        sv_place,
        sv_place_hint,
        sv_observed_at,
        sv_method,
        sv_method_open,
        sv_method_covert,
        sv_method_mystery,
        sv_method_other,
        sv_chapter,
        sv_chapter_market,
        sv_chapter_government,
        sv_chapter_rule_of_law,
        sv_chapter_oversight,
        sv_article,
        sv_article_none,
        sv_article_label,
        sv_description,
        sv_description_hint,
        sv_counter,
        sv_photos,
        sv_photos_hint,
        sv_photo_uploading,
        sv_photo_remove,
        sv_photo_refused,
        sv_photo_too_many,
        sv_photo_too_big,
        sv_photo_not_image,
        sv_draft_saved,
        sv_submit,
        sv_submitting,
        sv_errors,
        sv_err_department,
        sv_err_place,
        sv_err_observed_at,
        sv_err_description,
        sv_err_other,
        sv_submitted,
        sv_queued,
        sv_retried,
        sv_retry_failed,
        sv_retry_refused,
        sv_timeline,
        sv_role_supervisor,
        sv_role_staff,
        sv_role_system,
        sv_event_submitted,
        sv_event_assign,
        sv_event_confirm,
        sv_event_not_confirm,
        sv_event_plan,
        sv_event_rectified,
        sv_event_follow_up,
        sv_stage_submitted,
        sv_stage_assigned,
        sv_stage_confirmed,
        sv_stage_not_confirmed,
        sv_stage_rectifying,
        sv_stage_rectified,
        sv_follow_up,
        sv_follow_up_label,
        sv_follow_up_send,
        sv_follow_up_limit,
        sv_photos_title,
        sv_photo_alt,
        sv_report_title,
        sv_report_print,
        sv_report_csv,
        sv_report_outcome,
        sv_report_days,
        sv_report_summary,
        sv_reopened,
        sv_desk_tab_reviews,
        sv_desk_tab_observations,
        sv_desk_supervisor,
        sv_desk_next,
        sv_desk_assign,
        sv_desk_confirm,
        sv_desk_not_confirm,
        sv_desk_plan,
        sv_desk_plan_due,
        sv_desk_rectified,
        sv_desk_note,
        sv_desk_record,
        sv_desk_closed,
        sv_desk_verdict,
        sv_public_title,
        sv_public_observations,
        sv_public_confirmed,
        sv_public_rate,
        sv_public_median,
        sv_public_overdue,
        sv_public_empty,
    }
}

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
        match self {
            Lang::ZhCn => &zh_cn::MESSAGES,
            Lang::En => &en::MESSAGES,
        }
    }

    #[cfg(feature = "desk")]
    pub fn desk(self) -> &'static DeskMessages {
        match self {
            Lang::ZhCn => &zh_cn::DESK,
            Lang::En => &en::DESK,
        }
    }

    #[cfg(feature = "lookup")]
    pub fn lookup(self) -> &'static LookupMessages {
        match self {
            Lang::ZhCn => &zh_cn::LOOKUP,
            Lang::En => &en::LOOKUP,
        }
    }

    #[cfg(any(feature = "supervisor", feature = "desk", feature = "stats"))]
    pub fn supervision(self) -> &'static SupervisionMessages {
        match self {
            Lang::ZhCn => &zh_cn::SUPERVISION,
            Lang::En => &en::SUPERVISION,
        }
    }

    #[cfg(feature = "stats")]
    pub fn stats(self) -> &'static StatsMessages {
        match self {
            Lang::ZhCn => &zh_cn::STATS,
            Lang::En => &en::STATS,
        }
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

/// A site-configured choice (a reason, a dimension) in the widget's language.
pub fn choice_label(choice: &mingjing_domain::review::Choice, lang: Lang) -> &str {
    match lang {
        Lang::ZhCn => &choice.zh,
        Lang::En => &choice.en,
    }
}

/// Replaces `{name}` placeholders in a catalogue text; an unknown one is left as it is.
/// One pass over the bytes rather than `str::replace` per value: the substring search that
/// `replace` needs costs the review bundle several hundred bytes, and a value that happens
/// to contain `{…}` is never filled in again.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let bytes = template.as_bytes();
    let mut out = String::with_capacity(template.len());
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b'{'
            && let Some(len) = bytes[i + 1..].iter().position(|b| *b == b'}')
            && let Some((_, value)) = values.iter().find(|(name, _)| name.as_bytes() == &bytes[i + 1..i + 1 + len])
        {
            out.push_str(&template[copied..i]);
            out.push_str(value);
            i += len + 2;
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&template[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(p, _)| p)).collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn both_languages_fill_every_key_with_matching_placeholders() {
        let mut zh = Lang::ZhCn.messages().entries();
        let mut en = Lang::En.messages().entries();
        zh.extend(Lang::ZhCn.desk().entries());
        en.extend(Lang::En.desk().entries());
        zh.extend(Lang::ZhCn.stats().entries());
        en.extend(Lang::En.stats().entries());
        zh.extend(Lang::ZhCn.lookup().entries());
        en.extend(Lang::En.lookup().entries());
        zh.extend(Lang::ZhCn.supervision().entries());
        en.extend(Lang::En.supervision().entries());
        assert_eq!(zh.len(), en.len());
        for ((key, zh_text), (_, en_text)) in zh.iter().zip(&en) {
            assert!(!zh_text.trim().is_empty(), "zh-CN {key} is empty");
            assert!(!en_text.trim().is_empty(), "en {key} is empty");
            assert_eq!(placeholders(zh_text), placeholders(en_text), "placeholders differ in {key}");
        }
    }

    #[test]
    fn chinese_is_the_default_and_english_is_chosen_by_tag() {
        assert_eq!(Lang::pick(None, ""), Lang::ZhCn);
        assert_eq!(Lang::pick(None, "en-GB"), Lang::En);
        assert_eq!(Lang::pick(Some("zh-CN"), "en"), Lang::ZhCn);
        assert_eq!(Lang::pick(Some("en"), "zh"), Lang::En);
        assert_eq!(fill("还剩 {n} 字", &[("n", "12")]), "还剩 12 字");
        assert_eq!(fill("{a} 与 {b}，{a}", &[("a", "甲"), ("b", "{a}")]), "甲 与 {a}，甲");
        assert_eq!(fill("{unknown} {n", &[("n", "1")]), "{unknown} {n");
    }
}
