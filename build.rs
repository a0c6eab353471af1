//! Rebuilds the crate when an embedded file changes: `include_dir!` (the default theme, the
//! starter portal) does not tell cargo which files it read.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/scaffold/starter");
}
