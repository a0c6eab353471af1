//! The ways a command can fail, each with its exit code.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

#[derive(Debug)]
pub enum Error {
    /// Problems in the portal's content or theme, all of them (exit 1).
    Content(Vec<Diagnostic>),
    /// A file or folder that could not be read or written (exit 2).
    Io { path: PathBuf, message: String },
    /// A command line that asks for something impossible (exit 2).
    Usage(String),
}

impl Error {
    pub fn io(path: &Path, err: impl fmt::Display) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            message: err.to_string(),
        }
    }

    /// One error for the failures of work done side by side (pages rendered in parallel):
    /// every content problem, in the order of the work; an I/O or usage error, which stops a
    /// build outright, wins over them. `Ok` when nothing failed.
    pub fn merge(errors: impl IntoIterator<Item = Error>) -> Result<()> {
        let mut diags = Vec::new();
        for e in errors {
            match e {
                Error::Content(d) => diags.extend(d),
                other => return Err(other),
            }
        }
        if diags.is_empty() {
            Ok(())
        } else {
            Err(Error::Content(diags))
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) => 1,
            Error::Io { .. } | Error::Usage(_) => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(diags) => {
                for d in diags {
                    writeln!(f, "{d}")?;
                }
                let n = diags.len();
                let summary = if n == 1 {
                    crate::tr!("problems-one")
                } else {
                    crate::tr!("problems-many", count = n)
                };
                f.write_str(&summary)
            }
            Error::Io { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Runs `work` on every item in parallel and reports every failure, not only the first.
pub fn each<T: Sync>(items: &[T], work: impl Fn(&T) -> Result<()> + Sync) -> Result<()> {
    use rayon::prelude::*;
    let failed: Vec<Error> = items.par_iter().filter_map(|i| work(i).err()).collect();
    Error::merge(failed)
}
