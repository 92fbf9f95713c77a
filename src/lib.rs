//! zhnews turns scraped Chinese government news into clean, structured data.
//!
//! An article flows through a fixed pipeline; each stage is a module that adds to one
//! [`document::Document`]:
//!
//! ```text
//! bytes ─ decode ─ repair ─ convert ─ structure ─ segment ─┬─ keywords
//!                                                         ├─ statistics, dates
//!                                                         └─ entities ─ Analysis ─ JSON
//! ```
//!
//! [`Analyzer`] runs it. Build one and share it: the tables load once, on first use.
//!
//! ```
//! let analyzer = zhnews::Analyzer::new();
//! let analysis = analyzer.analyze_bytes("本溪市公安局出动民警1872人次".as_bytes())?;
//! assert_eq!(analysis.text, "本溪市公安局出动民警1872人次");
//! println!("{}", serde_json::to_string(&analysis).unwrap());
//! # Ok::<(), zhnews::Error>(())
//! ```

pub mod analysis;
pub mod batch;
pub mod convert;
pub mod dates;
pub mod decode;
pub mod dicts;
pub mod document;
pub mod entities;
pub mod error;
pub mod keywords;
pub mod numbers;
pub mod repair;
pub mod segment;
pub mod statistics;
pub mod structure;
pub mod text;
#[cfg(feature = "train")]
pub mod train;

#[cfg(test)]
mod testing;

pub use analysis::{Analysis, Analyzer, AnalyzerOptions, Resources};
pub use error::{Error, Result};
