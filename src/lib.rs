//! congkhai: builds a public transparency portal of administrative procedures
//! (thủ tục hành chính) from a folder of YAML + Markdown.
//!
//! The pipeline, one direction (see `pipeline`):
//! `catalog` (read + validate) → `model::Portal` → `render` (pages) → `output` (atomic write).

pub mod catalog;
pub mod cli;
pub mod diag;
pub mod error;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod text;
