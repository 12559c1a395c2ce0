//! 好差评 reviews (Art. 66): the citizen's review and receipt, the back office's
//! transactions and review tokens, the limits on open reviews, the group-commit writer and
//! the system-default rating of transactions nobody rated.

pub(crate) mod open_limit;
pub(crate) mod routes;
pub mod system_default;
pub mod token;
pub(crate) mod writer;
