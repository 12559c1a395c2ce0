//! Wiring: the configuration, the shared state, the router that merges every feature's
//! routes, the listener, telemetry and the background upkeep.

pub mod config;
pub(crate) mod listener;
pub(crate) mod metrics;
pub(crate) mod routes;
pub mod startup;
pub(crate) mod state;
pub mod telemetry;
pub mod upkeep;
