//! The Mingjing widgets.
