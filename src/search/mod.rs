//! Search: a tantivy index built from the model, exported as static files that a small
//! JavaScript module (`assets/search.js`) queries in the browser with tantivy's own BM25, and
//! the `congkhai search` command over the same index.
//!
//! tantivy is both the engine and the oracle: the browser's ranking is checked against it
//! (tests/search.rs). tantivy names its segment files randomly, so its index lives in a cache
//! folder under the portal (`.congkhai-cache/search/`, ignored by git) and never in the site;
//! the published files are exported from it in a fixed order.

//!
//! The analyzer needs no tantivy, so it is built without the `search` feature too (the fuzz
//! crate fuzzes it); everything else is behind the feature.

pub mod analyzer;
#[cfg(feature = "search")]
pub mod export;
#[cfg(feature = "search")]
mod freshness;
#[cfg(feature = "search")]
mod incremental;
#[cfg(feature = "search")]
pub mod index;
#[cfg(feature = "search")]
mod stage;

#[cfg(feature = "search")]
pub use stage::*;
