//! Where the desk and the supervisor panel keep their session token: `sessionStorage`, so it
//! lives for the tab only and a shared office PC forgets it when the tab is closed.

use crate::api::session::Role;

fn key(role: Role, site: &str) -> String {
    let role = match role {
        Role::Staff => "desk",
        Role::Supervisor => "supervisor",
    };
    format!("mingjing.{role}.{site}")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn load(role: Role, site: &str) -> Option<String> {
    session_storage()?.get_item(&key(role, site)).ok().flatten()
}

pub fn save(role: Role, site: &str, token: Option<&str>) {
    if let Some(s) = session_storage() {
        let _ = match token {
            Some(t) => s.set_item(&key(role, site), t),
            None => s.remove_item(&key(role, site)),
        };
    }
}
