//! The signed-in session of the desk or the supervisor panel. The widget provides it as a
//! context once someone has signed in, so that the components below read it with
//! [`use_session`] rather than taking the configuration, the token and the sign-out
//! callback as props each.

use yew::prelude::*;

use crate::api::ApiFailure;
use crate::api::session::Credentials;
use crate::config::WidgetConfig;

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub config: WidgetConfig,
    pub credentials: Credentials,
    /// Forgets the session in this tab: after signing out, or when the collector no longer
    /// accepts it.
    pub on_signed_out: Callback<()>,
}

impl Session {
    /// Whether `failure` says the collector no longer accepts the session; if so, the
    /// session ends in this tab too.
    pub fn ended_by(&self, failure: &ApiFailure) -> bool {
        let ended = matches!(failure, ApiFailure::Refused(401, _));
        if ended {
            self.on_signed_out.emit(());
        }
        ended
    }
}

/// The session of the desk or supervisor panel this component is part of.
#[hook]
pub fn use_session() -> Session {
    use_context::<Session>().expect("desk and supervisor components render inside their widget's session")
}
