//! Being told that the portal changed: the OS's file notifications on `content/` and
//! `themes/` (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), through
//! the `notify` crate.
//!
//! A province's portal is ten thousand files: one look at them all ([`super::watch`]) takes
//! 15–30 ms, so polling could afford a look only every few hundred milliseconds, and a save
//! waited on average half of that before its rebuild began. A notification comes at once.
//! What changed is still found by a snapshot, taken once the notifications have stopped; a
//! missed notification (a network drive, a folder reached through a link) is caught by a
//! look every few seconds, and where the OS cannot watch at all `serve` polls as before.

use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// The notifications of a portal's watched folders, for as long as it lives.
pub struct Notices {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<()>,
}

impl Notices {
    /// Starts watching `root/content` and `root/themes` (those that exist); `None` when the
    /// OS cannot (no watches left, a file system without notifications).
    pub fn start(root: &Path) -> Option<Notices> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
            // Reading a file changes nothing (every build reads them all); an error may
            // hide a change, so it counts as one.
            if !matches!(e, Ok(ref e) if e.kind.is_access()) {
                let _ = tx.send(());
            }
        })
        .ok()?;
        let mut watching = false;
        for dir in ["content", "themes"] {
            let dir = root.join(dir);
            if dir.is_dir() {
                watcher.watch(&dir, RecursiveMode::Recursive).ok()?;
                watching = true;
            }
        }
        watching.then_some(Notices {
            _watcher: watcher,
            events,
        })
    }

    /// Waits for a notification, at most `timeout`; whether one came.
    pub fn wait(&self, timeout: Duration) -> bool {
        match self.events.recv_timeout(timeout) {
            Ok(()) => true,
            Err(RecvTimeoutError::Timeout) => false,
            // The watcher's thread is gone: nothing more will come; the caller looks at the
            // files itself each time, a few times a second.
            Err(RecvTimeoutError::Disconnected) => {
                std::thread::sleep(timeout.min(Duration::from_millis(250)));
                false
            }
        }
    }

    /// Editors write a file in several steps (truncate, write, rename): returns once `quiet`
    /// has passed without a notification, so one save gives one build.
    pub fn settle(&self, quiet: Duration) {
        while let Ok(()) = self.events.recv_timeout(quiet) {}
    }
}
