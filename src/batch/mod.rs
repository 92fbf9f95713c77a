//! Inputs and output records for batch runs: files, directories, standard input, JSON Lines.
//!
//! Inputs are read lazily, one at a time, so a stream of any length runs in bounded memory.
//! Every input yields exactly one [`Item`]; one that cannot be read yields an item holding
//! the error, so a batch goes on past it and reports it in place.
//!
//! ```
//! use zhnews::batch::{jsonl_items, output_record};
//! let input = "{\"id\": 7, \"content\": \"本溪\", \"url\": \"http://x\"}\n";
//! let item = jsonl_items(input.as_bytes(), "content", None, 1 << 20).next().unwrap();
//! assert_eq!(item.id, serde_json::json!(7));
//! let record = output_record(serde_json::json!({"schema": "zhnews/1", "text": "本溪"}), &item);
//! assert_eq!(record["url"], "http://x");
//! assert_eq!(record["id"], 7);
//! ```

use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

pub mod run;

use crate::analysis::SCHEMA;
use crate::error::Error;

/// What an input holds: raw bytes (a file or stdin) or text (a JSON Lines field).
#[derive(Debug)]
pub enum Payload {
    /// Bytes in any encoding, to be decoded.
    Bytes(Vec<u8>),
    /// Text already decoded.
    Text(String),
}

/// One input: its id, what it holds (or why it could not be read), and the other fields of a
/// JSON Lines record, passed through to the output unchanged.
#[derive(Debug)]
pub struct Item {
    /// The path, the record's `id` field, or its line number.
    pub id: Value,
    /// The article, or the error that stands in for it.
    pub payload: Result<Payload, Error>,
    /// A record's fields other than `id` and the text field.
    pub passthrough: Map<String, Value>,
}

impl Item {
    fn new(id: Value, payload: Result<Payload, Error>) -> Self {
        Item {
            id,
            payload,
            passthrough: Map::new(),
        }
    }

    /// An item holding text that is already a string.
    pub fn text(id: impl Into<Value>, text: impl Into<String>) -> Self {
        Item::new(id.into(), Ok(Payload::Text(text.into())))
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Each file (or stdin) is one article, in any supported encoding.
    Text,
    /// Each line is a JSON object holding an article in a text field.
    Jsonl,
}

/// The items of a run over `paths` (standard input when there are none), read lazily, and
/// whether there are several (more than one file, or JSON Lines).
pub fn inputs(
    paths: &[PathBuf],
    format: InputFormat,
    text_field: &str,
    max_bytes: usize,
) -> (Box<dyn Iterator<Item = Item>>, bool) {
    let files = expand_paths(paths);
    let several = files.len() > 1 || format == InputFormat::Jsonl;
    let items: Box<dyn Iterator<Item = Item>> = match (format, paths.is_empty()) {
        (InputFormat::Text, true) => Box::new(std::iter::once(Item::new(
            Value::from("-"),
            read_article(None, max_bytes),
        ))),
        (InputFormat::Text, false) => Box::new(file_items(files, max_bytes)),
        (InputFormat::Jsonl, true) => {
            Box::new(jsonl_items(io::stdin().lock(), text_field, None, max_bytes))
        }
        (InputFormat::Jsonl, false) => {
            let text_field = text_field.to_string();
            Box::new(files.into_iter().flat_map(move |(path, error)| {
                jsonl_file_items(path, error, &text_field, max_bytes)
            }))
        }
    };
    (items, several)
}

/// The records of one JSON Lines file, or one error item when it cannot be opened.
fn jsonl_file_items(
    path: PathBuf,
    error: Option<io::Error>,
    text_field: &str,
    max_bytes: usize,
) -> Box<dyn Iterator<Item = Item> + 'static> {
    let opened = match error {
        Some(e) => Err(e),
        None => fs::File::open(&path),
    };
    match opened {
        Ok(file) => Box::new(jsonl_items(
            io::BufReader::new(file),
            text_field,
            Some(path.display().to_string()),
            max_bytes,
        )),
        Err(e) => Box::new(std::iter::once(Item::new(
            path_id(&path),
            Err(Error::Io(e)),
        ))),
    }
}

/// Expand paths into files: a directory gives every regular file below it (sorted; hidden
/// files and directories skipped), a file gives itself. Unreadable entries are errors in place.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<(PathBuf, Option<io::Error>)> {
    let mut out = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut out),
            Ok(_) => out.push((path.clone(), None)),
            Err(e) => out.push((path.clone(), Some(e))),
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, Option<io::Error>)>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return out.push((dir.to_path_buf(), Some(e))),
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(e) => out.push((dir.to_path_buf(), Some(e))),
        }
    }
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        // Do not follow symlinked directories: they can loop.
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, out),
            Ok(meta) if meta.file_type().is_symlink() => match fs::metadata(&path) {
                Ok(target) if target.is_file() => out.push((path, None)),
                Ok(_) => {}
                Err(e) => out.push((path, Some(e))),
            },
            Ok(meta) if meta.is_file() => out.push((path, None)),
            // A FIFO, socket or device found in a directory is not an article, and reading
            // it could block: report it rather than drop it silently.
            Ok(meta) => {
                let what = special_file_kind(&meta.file_type());
                let error = io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("not a regular file ({what})"),
                );
                out.push((path, Some(error)));
            }
            Err(e) => out.push((path, Some(e))),
        }
    }
}

/// What a file that is neither a regular file, a directory nor a symlink is.
fn special_file_kind(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

/// Read a whole file (or `-` for stdin) as one article.
pub fn read_article(path: Option<&Path>, max_bytes: usize) -> Result<Payload, Error> {
    let mut bytes = Vec::new();
    let limit = (max_bytes as u64).saturating_add(1);
    match path {
        None => io::stdin().lock().take(limit).read_to_end(&mut bytes)?,
        Some(p) => fs::File::open(p)?.take(limit).read_to_end(&mut bytes)?,
    };
    if bytes.len() > max_bytes {
        // A large image or archive is better called what it is than too large.
        if let Some(reason) = crate::decode::binary_signature(&bytes) {
            return Err(Error::Binary { reason });
        }
        let size = match path {
            Some(p) => fs::metadata(p).map_or(bytes.len(), |m| m.len() as usize),
            None => bytes.len(),
        };
        return Err(Error::TooLarge {
            size,
            limit: max_bytes,
        });
    }
    Ok(Payload::Bytes(bytes))
}

/// The name an input is known by: its path as given.
pub fn path_id(path: &Path) -> Value {
    Value::String(path.display().to_string())
}

/// One item per file (text mode): each file is an article, read when the item is taken.
pub fn file_items(
    files: Vec<(PathBuf, Option<io::Error>)>,
    max_bytes: usize,
) -> impl Iterator<Item = Item> {
    files.into_iter().map(move |(path, error)| {
        let payload = match error {
            Some(e) => Err(Error::Io(e)),
            None => read_article(Some(&path), max_bytes),
        };
        Item::new(path_id(&path), payload)
    })
}

/// How much longer than the article limit a JSON Lines line may be: room for the JSON
/// escapes of the text (`\uXXXX` is 6 bytes for a 3-byte Han character, 12 for an emoji) and
/// the other fields.
pub const LINE_LIMIT_FACTOR: usize = 4;

/// One item per non-blank line of JSON Lines; `source` names the stream in ids of records
/// without an `id` field (`None`: the line number alone).
///
/// Memory stays bounded: a line longer than [`LINE_LIMIT_FACTOR`] × `max_bytes` is skipped
/// to its end without being held and yields a `too_large` error item; the text of a record is
/// checked against `max_bytes` by the analyzer. A read error ends the stream after its
/// error item (reading on would fail again).
pub fn jsonl_items<R: BufRead>(
    mut reader: R,
    text_field: &str,
    source: Option<String>,
    max_bytes: usize,
) -> impl Iterator<Item = Item> + use<R> {
    let text_field = text_field.to_string();
    let line_limit = max_bytes.saturating_mul(LINE_LIMIT_FACTOR);
    let mut number = 0;
    let mut failed = false;
    let mut line = Vec::new();
    std::iter::from_fn(move || {
        loop {
            if failed {
                return None;
            }
            let read = read_line(&mut reader, &mut line, line_limit).transpose()?;
            number += 1;
            let id = match &source {
                Some(name) => Value::String(format!("{name}:{number}")),
                None => Value::from(number),
            };
            match read {
                Ok(Line::Read) => {}
                Ok(Line::TooLong(size)) => {
                    let message = format!(
                        "line too long: {size} bytes, over {LINE_LIMIT_FACTOR} × the \
                         article limit of {max_bytes} bytes (see --max-bytes)"
                    );
                    return Some(Item::new(id, Err(record_error("too_large", message))));
                }
                Err(e) => {
                    failed = true;
                    return Some(Item::new(id, Err(Error::Io(e))));
                }
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(parse_record(&line, id, &text_field));
        }
    })
}

/// What [`read_line`] found.
enum Line {
    /// A line is in the buffer (without its `\n`).
    Read,
    /// A line longer than the limit, of this many bytes, was skipped.
    TooLong(usize),
}

/// Read one line into `line`, holding at most `limit` bytes of it; `None` at the end.
fn read_line<R: BufRead>(
    reader: &mut R,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<Line>> {
    line.clear();
    let mut size = 0usize;
    let mut any = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (&buffer[..i], Some(i + 1)),
            None => (buffer, None),
        };
        size = size.saturating_add(chunk.len());
        if size <= limit {
            line.extend_from_slice(chunk);
        } else {
            // Over the limit: count the rest of the line, keep none of it.
            line.clear();
            line.shrink_to(0);
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    Ok(match (any, size > limit) {
        (false, _) => None,
        (true, true) => Some(Line::TooLong(size)),
        (true, false) => Some(Line::Read),
    })
}

fn record_error(kind: &'static str, message: String) -> Error {
    Error::Record { kind, message }
}

/// Parse one JSON Lines record into an item.
fn parse_record(line: &[u8], line_id: Value, text_field: &str) -> Item {
    let text = match std::str::from_utf8(line) {
        Ok(text) => text,
        Err(e) => {
            let message = format!("line is not valid UTF-8 (byte {})", e.valid_up_to());
            return Item::new(line_id, Err(record_error("invalid_utf8", message)));
        }
    };
    let mut object = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            let message = format!("not a JSON object but {}", json_type(&other));
            return Item::new(line_id, Err(record_error("json", message)));
        }
        Err(e) => {
            let message = format!("not JSON: {e}");
            return Item::new(line_id, Err(record_error("json", message)));
        }
    };
    let id = object.shift_remove("id").unwrap_or(line_id);
    let payload = match object.shift_remove(text_field) {
        Some(Value::String(text)) => Ok(Payload::Text(text)),
        Some(other) => {
            let message = format!(
                "field \"{text_field}\" is {}, not a string",
                json_type(&other)
            );
            // Keep the field: nothing of the record is lost.
            object.insert(text_field.to_string(), other);
            Err(record_error("not_a_string", message))
        }
        None => Err(record_error(
            "missing_field",
            format!("no field \"{text_field}\" (see --text-field)"),
        )),
    };
    Item {
        id,
        payload,
        passthrough: object,
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The output object for an item: `result` (an analysis or any JSON object) with the item's
/// id, and the record's other fields added back. A field whose name the result already uses
/// goes under `"input"` instead, so nothing is lost.
pub fn output_record(result: Value, item: &Item) -> Value {
    let mut object = match result {
        Value::Object(object) => object,
        other => {
            let mut object = Map::new();
            object.insert("result".into(), other);
            object
        }
    };
    if !object.contains_key("schema") {
        object.insert("schema".into(), Value::from(SCHEMA));
    }
    // Put the id right after the schema, where readers look for it.
    let mut ordered = Map::new();
    if let Some(schema) = object.shift_remove("schema") {
        ordered.insert("schema".into(), schema);
    }
    ordered.insert("id".into(), item.id.clone());
    object.shift_remove("id");
    ordered.extend(object);
    let mut clashes = Map::new();
    for (key, value) in &item.passthrough {
        if ordered.contains_key(key) {
            clashes.insert(key.clone(), value.clone());
        } else {
            ordered.insert(key.clone(), value.clone());
        }
    }
    if !clashes.is_empty() {
        ordered.insert("input".into(), Value::Object(clashes));
    }
    Value::Object(ordered)
}

/// The error record for an item that failed: `{"schema", "id", "error": {"kind", "message"}}`.
pub fn error_record(error: &Error, item: &Item) -> Value {
    let error = serde_json::json!({"kind": error.kind(), "message": error.to_string()});
    let mut object = Map::new();
    object.insert("error".into(), error);
    output_record(Value::Object(object), item)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str) -> Vec<Item> {
        jsonl_items(input.as_bytes(), "text", None, 1 << 20).collect()
    }

    #[test]
    fn one_item_per_record_with_errors_in_place() {
        let input = "{\"text\":\"甲\"}\n\n   \nnot json\n[1]\n{\"body\":\"x\"}\n{\"text\":5}\n";
        let got = items(input);
        let kinds: Vec<&str> = got
            .iter()
            .map(|i| match &i.payload {
                Ok(_) => "ok",
                Err(e) => e.kind(),
            })
            .collect();
        assert_eq!(
            kinds,
            ["ok", "json", "json", "missing_field", "not_a_string"]
        );
        let ids: Vec<Value> = got.iter().map(|i| i.id.clone()).collect();
        assert_eq!(ids, [1, 4, 5, 6, 7].map(Value::from));
        assert_eq!(got[4].passthrough["text"], 5);
    }

    #[test]
    fn invalid_utf8_is_an_error_record() {
        let input = b"{\"text\":\"\xff\"}\n{\"text\":\"ok\"}\n";
        let got: Vec<Item> =
            jsonl_items(&input[..], "text", Some("in.jsonl".into()), 1 << 20).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].payload.as_ref().unwrap_err().kind(), "invalid_utf8");
        assert_eq!(got[0].id, "in.jsonl:1");
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_the_next_read() {
        // Limit 4 bytes of text: lines up to 16 bytes are parsed, longer ones skipped unread.
        let long = format!("{{\"text\":\"{}\"}}", "长".repeat(100));
        let input = format!("{{\"text\":\"甲\"}}\n{long}\n{{\"text\":\"乙\"}}");
        let got: Vec<Item> = jsonl_items(input.as_bytes(), "text", None, 4).collect();
        assert_eq!(got.len(), 3);
        let error = got[1].payload.as_ref().unwrap_err();
        assert_eq!(error.kind(), "too_large");
        assert!(error.to_string().contains(&format!("{} bytes", long.len())));
        assert_eq!(got[2].id, 3);
        assert!(matches!(&got[2].payload, Ok(Payload::Text(t)) if t == "乙"));
    }

    #[test]
    fn a_read_error_ends_the_stream_after_one_error_item() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("device gone"))
            }
        }
        let got: Vec<Item> = jsonl_items(io::BufReader::new(Failing), "text", None, 100).collect();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].payload.as_ref().unwrap_err().kind(), "io");
    }

    #[test]
    fn passes_other_fields_through_and_keeps_clashes() {
        let input = "{\"id\":\"a\",\"text\":\"甲\",\"n\":1.5,\"nested\":{\"k\":[1,\"乙\"]},\"title\":\"T\"}\n";
        let item = items(input).remove(0);
        let result = serde_json::json!({"schema": "zhnews/1", "title": null, "text": "甲"});
        let record = output_record(result, &item);
        assert_eq!(record["id"], "a");
        assert_eq!(record["n"], 1.5);
        assert_eq!(record["nested"]["k"][1], "乙");
        assert_eq!(record["title"], Value::Null);
        assert_eq!(record["input"]["title"], "T");
        let keys: Vec<&String> = record.as_object().unwrap().keys().collect();
        assert_eq!(keys[..2], ["schema", "id"]);
    }
}
