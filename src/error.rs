//! Typed errors. Every error names what went wrong in words a user can act on; the CLI adds
//! the input's name (`zhnews: samples/x.png: not text (binary: PNG image)`).

use thiserror::Error;

/// Why an input could not be analysed.
#[derive(Debug, Error)]
pub enum Error {
    /// The bytes are not text: an image, an executable, or mostly NUL bytes.
    #[error("not text (binary: {reason})")]
    Binary {
        /// What gave it away (`PNG image`, `38% NUL bytes`).
        reason: String,
    },
    /// The input is larger than the configured maximum article size.
    #[error("article too large: {size} bytes, the limit is {limit} bytes (see --max-bytes)")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// Reading the input failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// A JSON Lines record could not be used (`kind`: `json`, `invalid_utf8`,
    /// `missing_field`, `not_a_string`).
    #[error("{message}")]
    Record {
        /// Machine-readable kind of the problem.
        kind: &'static str,
        /// What is wrong, naming the field or the position.
        message: String,
    },
}

impl Error {
    /// The short machine-readable kind used in error records (`binary`, `io`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Binary { .. } => "binary",
            Error::TooLarge { .. } => "too_large",
            Error::Io(_) => "io",
            Error::Record { kind, .. } => kind,
        }
    }
}

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
