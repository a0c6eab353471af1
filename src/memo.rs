//! What `serve` remembers from one build to the next, so that saving a file re-renders only
//! what it touches. Every page still goes through the same render functions as `build`: the
//! memo only skips the template when the page's inputs (its template, the site-wide values
//! and everything in its context) hash the same as last time, and a stage whose inputs are
//! unchanged (the search index) replays the files it made. A build without a memo is
//! unaffected.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::hash::Hasher;
use std::sync::{Arc, Mutex};

use crate::error::Result;
use crate::output::{Fnv, Output};

/// A stage's files, as it made them.
type Made = Arc<Vec<(String, Vec<u8>)>>;
/// A page's key and bytes.
type Page = (u64, Arc<Vec<u8>>);

#[derive(Default)]
pub struct Memo {
    pages: Mutex<HashMap<String, Page>>,
    stages: Mutex<HashMap<&'static str, (u64, Made)>>,
}

impl Memo {
    pub fn new() -> Self {
        Self::default()
    }

    /// The page at `path` whose inputs hash to `key`: remembered, or made by `render` (and
    /// remembered).
    pub fn page(
        &self,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        if let Some((k, bytes)) = self
            .pages
            .lock()
            .expect("no panic under the lock")
            .get(path)
            && *k == key
        {
            return Ok(bytes.as_ref().clone());
        }
        let bytes = render()?;
        self.pages
            .lock()
            .expect("no panic under the lock")
            .insert(path.to_string(), (key, Arc::new(bytes.clone())));
        Ok(bytes)
    }

    /// Runs the stage `name` into `out`, or, when its inputs hash to the same `key` as last
    /// time, hands `out` the files it made then.
    pub fn stage(
        &self,
        name: &'static str,
        key: u64,
        out: &Output,
        run: impl FnOnce(&Output) -> Result<()>,
    ) -> Result<()> {
        let remembered = self
            .stages
            .lock()
            .expect("no panic under the lock")
            .get(name)
            .filter(|(k, _)| *k == key)
            .map(|(_, made)| Arc::clone(made));
        let made = match remembered {
            Some(made) => made,
            None => {
                let fresh = Output::memory();
                run(&fresh)?;
                let made: Made = Arc::new(fresh.into_files().into_iter().collect());
                self.stages
                    .lock()
                    .expect("no panic under the lock")
                    .insert(name, (key, Arc::clone(&made)));
                made
            }
        };
        for (path, bytes) in made.iter() {
            out.put(path.clone(), bytes.clone())?;
        }
        Ok(())
    }
}

/// A stable hash of `bytes`.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(bytes);
    h.finish()
}

/// A stable hash of `value`'s `Debug` form, fed to the hasher as it is written (no string of
/// the whole value is built). `Debug` of the model and of a template context prints every
/// field in a fixed order, which makes it a complete key of what a page shows.
pub fn hash_debug(seed: u64, value: &dyn fmt::Debug) -> u64 {
    struct Feed(Fnv);
    impl fmt::Write for Feed {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut feed = Feed(Fnv::default());
    feed.0.write_u64(seed);
    let _ = write!(feed, "{value:?}");
    feed.0.finish()
}
