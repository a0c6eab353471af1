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
