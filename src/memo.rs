//! What `serve` remembers from one build to the next, so that saving a file re-renders only
//! what it touches. Every page still goes through the same render functions as `build`: the
//! memo only skips the template when the page's inputs (its template, the site-wide values
//! and everything in its context) hash the same as last time, and a stage whose inputs are
//! unchanged (the search index) replays the files it made. A build without a memo is
//! unaffected.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use std::sync::{Arc, Mutex, RwLock};

use crate::error::Result;
use crate::hash::Fnv;
use crate::model::Procedure;
use crate::output::Output;

/// A stage's files, as it made them, with their hashes (see [`Output::put_known`]).
type Made = Arc<Vec<(String, Vec<u8>, u64)>>;
/// A page's key, bytes and their hash.
type Page = (u64, Arc<Vec<u8>>, u64);

#[derive(Default)]
pub struct Memo {
    pages: Mutex<HashMap<String, Page>>,
    stages: Mutex<HashMap<&'static str, (u64, Made)>>,
    /// A key of each procedure of this build, by its slug (see [`Memo::set_procedures`]):
    /// written once per build, then only read, by every page that shows the procedure.
    keys: RwLock<HashMap<String, u64>>,
    /// See [`Memo::piece`].
    pieces: Mutex<HashMap<(TypeId, u64), Arc<dyn Any + Send + Sync>>>,
    /// See [`Memo::kept`].
    kept: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Memo {
    pub fn new() -> Self {
        Self::default()
    }

    /// Hands `out` the page at `path` whose inputs hash to `key`: remembered, or made by
    /// `render` (and remembered).
    pub fn page(
        &self,
        out: &Output,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        let remembered = self
            .pages
            .lock()
            .expect("no panic under the lock")
            .get(path)
            .filter(|(k, _, _)| *k == key)
            .map(|(_, bytes, hash)| (Arc::clone(bytes), *hash));
        if let Some((bytes, hash)) = remembered {
            return out.put_known(path, &bytes, hash);
        }
        let bytes = Arc::new(render()?);
        let hash = crate::output::file_hash(&bytes);
        self.pages
            .lock()
            .expect("no panic under the lock")
            .insert(path.to_string(), (key, Arc::clone(&bytes), hash));
        out.put_known(path, &bytes, hash)
    }

    /// The piece of work whose inputs hash to `key` (a procedure's search tokens): remembered,
    /// or made by `make` (and remembered). The pieces of every version of a file saved during
    /// the session are kept: a few kilobytes each.
    pub fn piece<T: Any + Send + Sync>(&self, key: u64, make: impl FnOnce() -> T) -> Arc<T> {
        let id = (TypeId::of::<T>(), key);
        let found = self
            .pieces
            .lock()
            .expect("no panic under the lock")
            .get(&id)
            .and_then(|p| Arc::clone(p).downcast::<T>().ok());
        if let Some(piece) = found {
            return piece;
        }
        let piece = Arc::new(make());
        self.pieces
            .lock()
            .expect("no panic under the lock")
            .insert(id, Arc::clone(&piece) as Arc<dyn Any + Send + Sync>);
        piece
    }

    /// The one value of type `T` kept from build to build, for a stage that updates what it
    /// made last time itself rather than making it again (the search files).
    pub fn kept<T: Any + Send + Default>(&self) -> Arc<Mutex<T>> {
        let mut kept = self.kept.lock().expect("no panic under the lock");
        let value = kept
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(Mutex::new(T::default())));
        Arc::clone(value)
            .downcast::<Mutex<T>>()
            .expect("kept by its own type")
    }

    /// [`Memo::piece`] for work that may fail: a failure is returned, not remembered.
    pub fn try_piece<T: Any + Send + Sync>(
        &self,
        key: u64,
        make: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        let id = (TypeId::of::<T>(), key);
        let found = self
            .pieces
            .lock()
            .expect("no panic under the lock")
            .get(&id)
            .and_then(|p| Arc::clone(p).downcast::<T>().ok());
        if let Some(piece) = found {
            return Ok(piece);
        }
        let piece = Arc::new(make()?);
        self.pieces
            .lock()
            .expect("no panic under the lock")
            .insert(id, Arc::clone(&piece) as Arc<dyn Any + Send + Sync>);
        Ok(piece)
    }

    /// Keys each of `procedures` from the hash of its file's text as this build read it
    /// (`texts`, by path relative to the portal root): a procedure is its file's text plus
    /// `handled_by`, which the cross-checks add, so pages can be keyed on it without looking
    /// at the procedure. Made once per build (in parallel), not once per page that shows it.
    pub fn set_procedures(&self, procedures: &[Procedure], texts: &HashMap<PathBuf, u64>) {
        let keys = procedures
            .par_iter()
            .filter_map(|p| {
                let text = *texts.get(Path::new(&p.source))?;
                let mut h = Fnv::default();
                h.write_u64(text);
                h.write(p.source.as_os_str().as_encoded_bytes());
                for unit in &p.handled_by {
                    h.write(unit.as_bytes());
                    h.write_u8(0);
                }
                Some((p.slug.clone(), h.finish()))
            })
            .collect();
        *self.keys.write().expect("no panic under the lock") = keys;
    }

    /// A key of everything `p` holds (`None` if its file was not read by this build): much
    /// cheaper than hashing the procedure itself.
    pub fn procedure(&self, p: &Procedure) -> Option<u64> {
        self.keys
            .read()
            .expect("no panic under the lock")
            .get(&p.slug)
            .copied()
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
                let made: Made = Arc::new(
                    fresh
                        .into_files()
                        .into_iter()
                        .map(|(path, bytes)| {
                            let hash = crate::output::file_hash(&bytes);
                            (path, bytes, hash)
                        })
                        .collect(),
                );
                self.stages
                    .lock()
                    .expect("no panic under the lock")
                    .insert(name, (key, Arc::clone(&made)));
                made
            }
        };
        for (path, bytes, hash) in made.iter() {
            out.put_known(path.as_str(), bytes, *hash)?;
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
