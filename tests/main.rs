//! The one integration-test binary: a module per area, fixture portals under `fixtures/`.

mod catalog;
mod common;
mod diagnostics;
mod disclosure;
mod following;
mod hostile;
mod offline;
mod open_data;
mod output;
mod portal;
mod print;
mod scaffold;
mod scale;
mod search;
mod serve;
mod statistics;
