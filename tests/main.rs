//! The one integration-test binary: a module per area, fixture portals under `fixtures/`.

mod common;
mod diagnostics;
mod output;
mod portal;
mod print;
mod search;
mod serve;
mod statistics;
