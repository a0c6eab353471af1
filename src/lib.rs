//! congkhai: builds a public transparency portal of administrative procedures
//! (thủ tục hành chính) from a folder of YAML + Markdown.
//!
//! The pipeline, one direction (see `pipeline`):
//! `catalog` (read + validate) → `model::Portal` → `render` (pages) → `output` (atomic write).

pub mod catalog;
pub mod changes;
pub mod charts;
pub mod cli;
pub mod cpsv;
pub mod data;
pub mod data_rows;
pub mod diag;
pub mod error;
pub mod hash;
pub mod i18n;
pub mod import;
pub mod manifest;
pub mod markdown;
pub mod memo;
pub mod model;
pub mod official_form;
pub mod offline;
pub mod output;
pub mod pipeline;
pub mod print;
pub mod qr;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod service_index;
pub mod stats;
pub mod structured;
pub mod text;
pub mod urls;
