//! What several widgets share: the staff and supervisor sign-in and its session, photos
//! fetched with that session, the department picker's list, and small form helpers. The
//! widgets import these; nothing here imports a widget.

#[cfg(any(feature = "lookup", feature = "supervisor", feature = "desk"))]
pub mod departments;
#[cfg(any(feature = "lookup", feature = "supervisor", feature = "desk"))]
pub mod form_value;
#[cfg(any(feature = "stats", feature = "lookup"))]
pub mod percent;
#[cfg(any(feature = "desk", feature = "supervisor"))]
pub mod photo_strip;
#[cfg(any(feature = "desk", feature = "supervisor"))]
pub mod session;
#[cfg(any(feature = "desk", feature = "supervisor"))]
pub mod session_fetch;
#[cfg(any(feature = "desk", feature = "supervisor"))]
pub mod session_store;
#[cfg(any(feature = "desk", feature = "supervisor"))]
pub mod sign_in;
