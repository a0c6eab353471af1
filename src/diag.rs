//! Located problems in a portal's content.
//!
//! Every check in `catalog` pushes a [`Diagnostic`] instead of returning early, so that
//! `congkhai check` lists every problem at once, sorted by file and line, in the
//! `path:line:column: message` form that editors and CI logs understand.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem, located in a file (1-based line and column; 0 when the whole file is meant).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.line.max(1);
        let column = self.column.max(1);
        write!(
            f,
            "{}:{line}:{column}: {}",
            self.path.display(),
            self.message
        )
    }
}

/// A collector of diagnostics; paths are stored relative to the portal root so that the
/// messages read the same on every machine.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    root: PathBuf,
    items: Vec<Diagnostic>,
    /// Problems that do not stop a build but must not go unseen (placeholders left from
    /// `init`); reported by `check` and `build` after a successful load.
    warnings: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(root: &Path) -> Self {
        Diagnostics {
            root: root.to_path_buf(),
            items: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// An empty collection for the same portal (for work checked apart and absorbed later).
    pub fn fresh(&self) -> Self {
        Diagnostics::new(&self.root)
    }

    /// Records a problem at `line:column` of `path`.
    /// Takes in the problems and warnings another collection found (a file checked on its own).
    pub fn absorb(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.warnings.extend(other.warnings);
    }

    pub fn at(&mut self, path: &Path, line: usize, column: usize, message: impl Into<String>) {
        let path = path.strip_prefix(&self.root).unwrap_or(path).to_path_buf();
        self.items.push(Diagnostic {
            path,
            line,
            column,
            message: message.into(),
        });
    }

    /// Records a warning at a [`Pos`].
    pub fn warn(&mut self, path: &Path, pos: Pos, message: impl Into<String>) {
        let path = path.strip_prefix(&self.root).unwrap_or(path).to_path_buf();
        self.warnings.push(Diagnostic {
            path,
            line: pos.line,
            column: pos.column,
            message: message.into(),
        });
    }

    /// The warnings, sorted, duplicates removed.
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        let mut w = std::mem::take(&mut self.warnings);
        w.sort();
        w.dedup();
        w
    }

    /// Records a problem at a [`Pos`].
    pub fn pos(&mut self, path: &Path, pos: Pos, message: impl Into<String>) {
        self.at(path, pos.line, pos.column, message);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The problems sorted by file, line and column, duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// A 1-based position in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }

    /// The position of byte `offset` in `text` (column counted in characters).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Pos { line, column }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "a: 1\nđăng: x\n";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        // "đăng: " is 6 characters but 8 bytes.
        assert_eq!(Pos::of_offset(text, 5 + 8), Pos::new(2, 7));
    }
}
