use super::Messages;

pub static MESSAGES: Messages = Messages {
    title_review: "Rate this service",
    title_lookup: "Service guide, fees and time limits",
    title_supervisor: "Business-environment supervisor",
    title_stats: "Published review results",
    title_desk: "Department desk",
    loading: "Loading…",
    shell_note: "This widget is ready.",
    config_error: "This widget is not set up correctly. Please tell the site's webmaster.",
    config_error_attribute: "The {attribute} attribute is missing or invalid.",
    demo_badge: "Demo data",
};
