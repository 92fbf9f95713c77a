//! Python bindings for zhnews: the `zhnews` module.
//!
//! One class, `Analyzer`, over [`zhnews::Analyzer`]. Results cross into Python as the CLI's
//! JSON: the `Analysis` is serialised with serde_json (the same code path as
//! `zhnews analyze`) and parsed with Python's `json.loads`, so a dict here and a line of
//! `zhnews analyze --jsonl` hold the same keys, in the same order, with the same values.
//! Errors become `zhnews.ZhnewsError` (a `ValueError`) whose `.kind` is the error record's
//! `kind` (`binary`, `too_large`, …).

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use zhnews::{Analysis, AnalyzerOptions, Error};

create_exception!(
    zhnews,
    ZhnewsError,
    PyValueError,
    "An input zhnews cannot analyse. `.kind` is the machine-readable kind of the CLI's error \
     record: \"binary\", \"too_large\", \"io\"."
);

/// The Python exception for a library error, carrying its kind.
fn to_py_err(py: Python<'_>, error: &Error) -> PyErr {
    let err = ZhnewsError::new_err(error.to_string());
    // Setting an attribute on a fresh exception instance cannot fail in practice; if it
    // did, the exception without `.kind` is still the right one to raise.
    let _ = err.value(py).setattr("kind", error.kind());
    err
}

/// The JSON text of one analysis, with the caller's id, as the CLI writes it.
fn to_json(mut analysis: Analysis, id: &Value) -> String {
    analysis.id = id.clone();
    serde_json::to_string(&analysis).expect("an Analysis always serialises")
}

/// The CLI's error record for a failed input in a batch.
fn error_json(error: &Error, id: &Value) -> String {
    json!({
        "schema": zhnews::analysis::SCHEMA,
        "id": id,
        "error": {"kind": error.kind(), "message": error.to_string()},
    })
    .to_string()
}

/// Parse JSON text with Python's own parser, so the dict is plain Python data.
fn loads<'py>(py: Python<'py>, json_text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((json_text,))
}

/// One analysis as the CLI's JSON text (with the caller's id), or why it failed.
type Outcome = Result<String, Error>;

/// Analyse `texts` on `threads` threads in all, the calling thread one of them, and turn each
/// outcome into a Python value with `convert` on the calling thread; returns the values in
/// input order.
///
/// Every thread takes the next text from a shared counter. Only the calling thread converts,
/// because conversion needs the GIL; between conversions it analyses texts of its own, with the
/// GIL released. So `threads` is the number of cores kept busy, conversion included:
/// `threads=1` is a plain loop on the calling thread, and N threads do not leave the conversion
/// to an extra, (N+1)th thread that competes with them for N cores.
fn analyze_in_parallel<U>(
    py: Python<'_>,
    analyzer: &zhnews::Analyzer,
    (texts, ids): (&[String], &[Value]),
    threads: usize,
    mut convert: impl FnMut(Outcome, usize) -> PyResult<U>,
) -> PyResult<Vec<U>> {
    let count = texts.len();
    let next = AtomicUsize::new(0);
    let claim = || Some(next.fetch_add(1, Ordering::Relaxed)).filter(|&index| index < count);
    let analyze = |index: usize| {
        analyzer
            .try_analyze(&texts[index])
            .map(|analysis| to_json(analysis, &ids[index]))
    };
    let mut slots: Vec<Option<U>> = (0..count).map(|_| None).collect();
    std::thread::scope(|scope| {
        let (sender, mut receiver) = mpsc::channel::<(usize, Outcome)>();
        for _ in 1..threads.min(count) {
            let sender = sender.clone();
            scope.spawn(move || {
                while let Some(index) = claim() {
                    // The receiver is gone only when a conversion failed: the rest is not wanted.
                    if sender.send((index, analyze(index))).is_err() {
                        break;
                    }
                }
            });
        }
        // The workers hold the only senders: once they are all done, `recv` fails at once.
        drop(sender);
        let convert_all = || -> PyResult<()> {
            for _ in 0..count {
                // Results that have arrived come first, so that the workers never wait on the
                // conversion; then a text of this thread's own; then, with every text taken,
                // the workers' last results.
                let (index, outcome) = match receiver.try_recv() {
                    Ok(arrived) => arrived,
                    Err(_) => match claim() {
                        Some(index) => (index, py.detach(|| analyze(index))),
                        None => {
                            let (back, arrived) = py.detach(move || {
                                let arrived = receiver.recv();
                                (receiver, arrived)
                            });
                            receiver = back;
                            arrived.map_err(|_| {
                                PyRuntimeError::new_err("an analysis worker stopped early")
                            })?
                        }
                    },
                };
                slots[index] = Some(convert(outcome, index)?);
            }
            Ok(())
        };
        let converted = convert_all();
        if converted.is_err() {
            // Workers stop at their next claim.
            next.store(count, Ordering::Relaxed);
        }
        converted
    })?;
    Ok(slots
        .into_iter()
        .map(|slot| slot.expect("one result per index"))
        .collect())
}

/// A Python id (`None`, `str` or `int`) as the JSON value the output carries.
fn id_value(id: Option<&Bound<'_, PyAny>>) -> PyResult<Value> {
    let Some(id) = id else {
        return Ok(Value::Null);
    };
    if id.is_none() {
        Ok(Value::Null)
    } else if let Ok(s) = id.cast::<PyString>() {
        Ok(Value::String(s.to_cow()?.into_owned()))
    } else if let Ok(n) = id.extract::<i64>() {
        Ok(Value::from(n))
    } else {
        Err(PyTypeError::new_err("id must be None, a str or an int"))
    }
}

/// Runs the zhnews pipeline. Build one and reuse it: the tables load once per process.
///
/// Args:
///     convert: convert Traditional characters to Simplified (the CLI's `--no-convert`
///         is `convert=False`).
///     tokens: include `"tokens"` (`[{"w", "pos", "span"}]`) in each analysis (`--tokens`).
///     max_bytes: refuse larger articles with `ZhnewsError(kind="too_large")`
///         (`--max-bytes`, default 16 MiB).
#[pyclass(module = "zhnews", frozen)]
struct Analyzer {
    inner: zhnews::Analyzer,
}

#[pymethods]
impl Analyzer {
    #[new]
    // 16 MiB (zhnews::analysis::DEFAULT_MAX_BYTES), written out so that `inspect.signature`
    // shows it; a test checks the two agree.
    #[pyo3(signature = (convert = true, tokens = false, max_bytes = 16777216))]
    fn new(convert: bool, tokens: bool, max_bytes: usize) -> Self {
        Analyzer {
            inner: zhnews::Analyzer::with_options(AnalyzerOptions {
                convert,
                tokens,
                max_bytes,
            }),
        }
    }

    fn __repr__(&self) -> String {
        let options = self.inner.options();
        format!(
            "Analyzer(convert={}, tokens={}, max_bytes={})",
            if options.convert { "True" } else { "False" },
            if options.tokens { "True" } else { "False" },
            options.max_bytes
        )
    }

    /// Analyse one article given as text; returns the `zhnews/1` object as a dict.
    ///
    /// `id` (a str, an int or None) becomes the object's `"id"`, as a path or a record id
    /// does in the CLI. Raises `ZhnewsError` (kind `"too_large"`) over `max_bytes`.
    #[pyo3(signature = (text, id = None))]
    fn analyze<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let id = id_value(id)?;
        let result = py.detach(|| self.inner.try_analyze(text).map(|a| to_json(a, &id)));
        match result {
            Ok(json_text) => loads(py, &json_text),
            Err(error) => Err(to_py_err(py, &error)),
        }
    }

    /// Analyse one article given as raw bytes in any supported encoding (UTF-8, UTF-16,
    /// GBK/GB18030, Big5); the same as `zhnews analyze FILE`.
    ///
    /// Raises `ZhnewsError` with kind `"binary"` for images and other non-text bytes, and
    /// `"too_large"` over `max_bytes`.
    #[pyo3(signature = (data, id = None))]
    fn analyze_bytes<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyBytes>,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let id = id_value(id)?;
        let bytes = data.as_bytes();
        let result = py.detach(|| self.inner.analyze_bytes(bytes).map(|a| to_json(a, &id)));
        match result {
            Ok(json_text) => loads(py, &json_text),
            Err(error) => Err(to_py_err(py, &error)),
        }
    }

    /// Analyse many articles on `threads` threads in all, this one included (default: one
    /// per core), with the GIL released while analysing; results come back in input order.
    /// `threads=1` uses one core: no thread is started.
    ///
    /// `ids`, when given, holds one id per text. `errors="raise"` (the default) raises the
    /// first failure as `ZhnewsError`; `errors="record"` puts the CLI's error record
    /// (`{"schema", "id", "error": {"kind", "message"}}`) in the failed input's place.
    #[pyo3(signature = (texts, threads = None, ids = None, errors = "raise"))]
    fn analyze_many<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        threads: Option<usize>,
        ids: Option<Vec<Bound<'py, PyAny>>>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let record_errors = match errors {
            "raise" => false,
            "record" => true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be \"raise\" or \"record\", not {other:?}"
                )));
            }
        };
        let ids: Vec<Value> = match ids {
            None => vec![Value::Null; texts.len()],
            Some(ids) if ids.len() == texts.len() => ids
                .iter()
                .map(|id| id_value(Some(id)))
                .collect::<PyResult<_>>()?,
            Some(ids) => {
                return Err(PyValueError::new_err(format!(
                    "{} ids for {} texts",
                    ids.len(),
                    texts.len()
                )));
            }
        };
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let converted = analyze_in_parallel(
            py,
            &self.inner,
            (&texts, &ids),
            threads,
            |outcome, index| match outcome {
                Ok(json_text) => loads(py, &json_text).map(Ok),
                Err(error) if record_errors => loads(py, &error_json(&error, &ids[index])).map(Ok),
                Err(error) => Ok(Err(error)),
            },
        )?;
        let out = PyList::empty(py);
        for result in converted {
            match result {
                Ok(dict) => out.append(dict)?,
                // The first failure in input order, as a sequential loop would raise it.
                Err(error) => return Err(to_py_err(py, &error)),
            }
        }
        Ok(out)
    }

    /// The repaired (and, unless `convert=False`, Simplified) text; `zhnews clean`.
    /// Raises `ZhnewsError` (kind `"too_large"`) over `max_bytes`.
    fn clean(&self, py: Python<'_>, text: &str) -> PyResult<String> {
        py.detach(|| self.inner.try_clean(text).map(|d| d.text))
            .map_err(|error| to_py_err(py, &error))
    }

    /// Words and their part-of-speech tags (jieba's tag set) of the cleaned text, as
    /// `zhnews segment --json` gives them: `[("本溪市", "ns"), ("公安局", "nt"), …]`.
    /// Raises `ZhnewsError` (kind `"too_large"`) over `max_bytes`.
    fn segment(&self, py: Python<'_>, text: &str) -> PyResult<Vec<(String, &'static str)>> {
        py.detach(|| {
            let text = self.inner.try_clean(text)?.text;
            Ok(self
                .inner
                .segment(&text)
                .iter()
                .map(|t| (t.word(&text).to_owned(), t.pos.as_str()))
                .collect())
        })
        .map_err(|error: Error| to_py_err(py, &error))
    }
}

/// Clean, structured data from scraped Chinese government news (schema `zhnews/1`).
///
/// >>> import zhnews
/// >>> analyzer = zhnews.Analyzer()
/// >>> analyzer.clean("關鍵詞:聽民聲,,大調(diào)研")
/// '关键词：听民声，大调研'
#[pymodule]
#[pyo3(name = "zhnews")]
fn zhnews_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA", zhnews::analysis::SCHEMA)?;
    m.add("DEFAULT_MAX_BYTES", zhnews::analysis::DEFAULT_MAX_BYTES)?;
    m.add_class::<Analyzer>()?;
    m.add("ZhnewsError", m.py().get_type::<ZhnewsError>())?;
    Ok(())
}
