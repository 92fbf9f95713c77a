//! What scraping pipelines feed zhnews, one test per row of the bad-input table (issue 9):
//! each bad input gives a correct result or an error record with a specific `kind` whose `id`
//! (and stderr line) names the input; the batch goes on; N inputs give N records, in order.

mod common;

use std::path::Path;

use common::{records, scratch, stderr, zhnews};
use serde_json::{Value, json};

/// The path a record's id names, as a file name.
fn file_name(record: &Value) -> String {
    let id = record["id"].as_str().unwrap_or_else(|| panic!("{record}"));
    Path::new(id)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The error kind of a record, or `"ok"`.
fn kind(record: &Value) -> &str {
    record["error"]["kind"].as_str().unwrap_or("ok")
}

/// Assert the output holds an error record of `kind` for input `id`, with a stderr line that
/// names the input.
fn assert_error(out: &std::process::Output, record: &Value, want: &str, id: &str) {
    assert_eq!(kind(record), want, "{record}");
    assert!(
        record["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    assert_eq!(record["schema"], "zhnews/1");
    let id_text = match &record["id"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    assert!(id_text.contains(id), "id {id_text} names {id}");
    let err = stderr(out);
    assert!(
        err.lines()
            .any(|l| l.starts_with("zhnews: ") && l.contains(id)),
        "stderr names {id}: {err}"
    );
}

#[test]
fn empty_input() {
    for command in ["analyze", "clean", "segment", "numbers"] {
        let out = zhnews(&[command], b"");
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
    }
    let out = zhnews(&["analyze"], b"");
    let got = records(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["text"], "");
    assert_eq!(got[0]["sections"], json!([]));
    // An empty file among others, and an empty text field, are ordinary empty articles.
    let dir = scratch("bad_input_empty");
    std::fs::write(dir.join("a.txt"), "").unwrap();
    std::fs::write(dir.join("b.txt"), "本溪").unwrap();
    let got = records(&zhnews(&["analyze", &dir.to_string_lossy()], b""));
    assert_eq!(
        got.iter().map(file_name).collect::<Vec<_>>(),
        ["a.txt", "b.txt"]
    );
    assert_eq!(got[0]["text"], "");
    let got = records(&zhnews(
        &["analyze", "--input", "jsonl"],
        b"{\"text\": \"\"}\n",
    ));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["text"], "");
}

#[test]
fn only_whitespace() {
    for input in [
        &b" "[..],
        b"\n\n\n",
        b"\t \r\n",
        "\u{3000}\u{3000}\n".as_bytes(),
    ] {
        let out = zhnews(&["analyze"], input);
        assert!(out.status.success(), "{input:?}: {}", stderr(&out));
        let got = records(&out);
        assert_eq!(got.len(), 1, "{input:?}");
        assert!(
            got[0]["text"].as_str().unwrap().trim().is_empty(),
            "{input:?}"
        );
        assert_eq!(got[0]["entities"], json!([]));
        assert_eq!(got[0]["statistics"], json!([]));
    }
    // Whitespace-only JSON Lines are blank lines: skipped, not records.
    let got = records(&zhnews(
        &["clean", "--input", "jsonl"],
        b"   \n{\"text\": \" \"}\n\t\n",
    ));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["text"], " ");
}

#[test]
fn binary_file_image_and_elf() {
    let dir = scratch("bad_input_binary");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    let jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01".to_vec();
    let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
    elf.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(dir.join("1.png"), &png).unwrap();
    std::fs::write(dir.join("2.jpg"), &jpeg).unwrap();
    std::fs::write(dir.join("3.elf"), &elf).unwrap();
    std::fs::write(dir.join("4.txt"), "本溪市公安局").unwrap();
    let zhnews_binary = env!("CARGO_BIN_EXE_zhnews");
    for command in ["analyze", "numbers", "clean"] {
        let out = zhnews(&[command, &dir.to_string_lossy(), zhnews_binary], b"");
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = stderr(&out);
        for name in ["1.png", "2.jpg", "3.elf", "zhnews"] {
            assert!(
                err.lines()
                    .any(|l| l.contains(name) && l.contains("not text")),
                "{command}: {name}: {err}"
            );
        }
        if command == "clean" {
            // Text out: only the good article, the errors on stderr.
            assert_eq!(String::from_utf8_lossy(&out.stdout), "本溪市公安局\n");
            continue;
        }
        let got = records(&out);
        let names: Vec<String> = got.iter().map(file_name).collect();
        assert_eq!(
            names,
            ["1.png", "2.jpg", "3.elf", "4.txt", "zhnews"],
            "{command}"
        );
        for (record, what) in got.iter().zip(["PNG", "JPEG", "ELF", "", "ELF"]) {
            if what.is_empty() {
                assert_eq!(kind(record), "ok", "{record}");
            } else {
                assert_error(&out, record, "binary", &file_name(record));
                let message = record["error"]["message"].as_str().unwrap();
                assert!(message.contains(what), "{message}");
            }
        }
    }
}

#[test]
fn unreadable_file() {
    let dir = scratch("bad_input_unreadable");
    // A dangling symlink fails for every user, root included.
    let dangling = dir.join("dangling.txt");
    std::os::unix::fs::symlink(dir.join("gone.txt"), &dangling).unwrap();
    let missing = dir.join("missing.txt");
    let mut inputs = vec![dangling.clone(), missing.clone()];
    // A file that opens but whose read fails: reading /proc/self/mem at offset 0 is EIO.
    let proc_mem = Path::new("/proc/self/mem");
    if proc_mem.exists() {
        inputs.push(proc_mem.to_path_buf());
    }
    // Without read permission: only when the tests do not run as root, who may read anything.
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "本溪").unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o000);
    std::fs::set_permissions(&locked, permissions).unwrap();
    if std::fs::read(&locked).is_err() {
        inputs.push(locked.clone());
    } else {
        eprintln!("unreadable_file: running as root, chmod 000 does not stop reading; skipped");
    }
    let good = dir.join("good.txt");
    std::fs::write(&good, "本溪").unwrap();
    inputs.push(good);
    let args: Vec<String> = inputs.iter().map(|p| p.to_string_lossy().into()).collect();
    for mode in [
        &["analyze"][..],
        &["analyze", "--input", "jsonl"],
        &["numbers"],
    ] {
        let mut argv: Vec<&str> = mode.to_vec();
        argv.extend(args.iter().map(String::as_str));
        let out = zhnews(&argv, b"");
        assert_eq!(out.status.code(), Some(1));
        let got = records(&out);
        assert_eq!(got.len(), inputs.len(), "{mode:?}: one record per input");
        for (record, path) in got.iter().zip(&args).take(inputs.len() - 1) {
            assert_error(&out, record, "io", path);
        }
        let last = got.last().unwrap();
        let ok = if mode.contains(&"jsonl") {
            // "本溪" is not a JSON object: the file was read, its line refused.
            kind(last) == "json"
        } else {
            kind(last) == "ok"
        };
        assert!(ok, "{mode:?}: {last}");
    }
}

#[test]
fn directory_with_unreadable_entries() {
    let dir = scratch("bad_input_unreadable_dir");
    std::fs::write(dir.join("a.txt"), "本溪").unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("b_dangling.txt")).unwrap();
    let fifo = dir.join("c_fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let have_fifo = made.is_ok_and(|s| s.success());
    // A file name that is not UTF-8 is still a readable file.
    let odd = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(b"d_\xff\xfe.txt");
    std::fs::write(dir.join(odd), "溪湖区").unwrap();
    std::fs::create_dir(dir.join("e_sub")).unwrap();
    std::os::unix::fs::symlink(dir.join("e_sub/missing"), dir.join("e_sub/x.txt")).unwrap();
    std::fs::write(dir.join("f.txt"), "平山区").unwrap();
    let out = zhnews(&["analyze", &dir.to_string_lossy()], b"");
    assert_eq!(out.status.code(), Some(1));
    let got = records(&out);
    let mut want = vec![("a.txt", "ok"), ("b_dangling.txt", "io")];
    if have_fifo {
        want.push(("c_fifo", "io"));
    }
    want.extend([
        ("d_\u{FFFD}\u{FFFD}.txt", "ok"),
        ("x.txt", "io"),
        ("f.txt", "ok"),
    ]);
    let seen: Vec<(String, &str)> = got.iter().map(|r| (file_name(r), kind(r))).collect();
    let want: Vec<(String, &str)> = want.into_iter().map(|(n, k)| (n.to_string(), k)).collect();
    assert_eq!(seen, want);
    for record in got.iter().filter(|r| kind(r) == "io") {
        assert_error(&out, record, "io", &file_name(record));
    }
    assert_eq!(got[got.len() - 3]["text"], "溪湖区");
}

#[test]
fn invalid_utf8_in_jsonl() {
    let input = b"{\"id\": \"a\", \"text\": \"\xe6\x9c\xac\xff\"}\n{\"id\": \"b\", \"text\": \"\xe6\x9c\xac\"}\n\xc0\xaf\n";
    let out = zhnews(&["analyze", "--input", "jsonl"], input);
    assert_eq!(out.status.code(), Some(1));
    let got = records(&out);
    assert_eq!(got.len(), 3);
    // An unparsable line has no id of its own: the line number names it.
    assert_error(&out, &got[0], "invalid_utf8", "1");
    assert_eq!(got[1]["id"], "b");
    assert_eq!(got[1]["text"], "本");
    assert_error(&out, &got[2], "invalid_utf8", "3");
    // In a file, the id is file:line.
    let dir = scratch("bad_input_utf8");
    let file = dir.join("in.jsonl");
    std::fs::write(&file, input).unwrap();
    let out = zhnews(&["clean", "--input", "jsonl", &file.to_string_lossy()], b"");
    let got = records(&out);
    assert_eq!(got.len(), 3);
    assert_error(&out, &got[0], "invalid_utf8", "in.jsonl:1");
    assert_eq!(got[1]["text"], "本");
}

#[test]
fn jsonl_line_not_json() {
    let input =
        "{\"text\": \"甲\"}\nnot json\n{\"text\": \"乙\"\n[1, 2]\n\"string\"\n{\"text\": \"丙\"}\n";
    let out = zhnews(&["analyze", "--input", "jsonl"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let got = records(&out);
    assert_eq!(got.len(), 6);
    for (record, line) in got[1..5].iter().zip(2..) {
        assert_error(&out, record, "json", &line.to_string());
        assert_eq!(record["id"], line);
    }
    assert!(
        got[3]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("array")
    );
    assert_eq!(got[0]["text"], "甲");
    assert_eq!(got[5]["text"], "丙");
}

#[test]
fn jsonl_line_without_text_field() {
    let input =
        "{\"id\": \"a\", \"content\": \"甲\", \"url\": \"u\"}\n{\"id\": \"b\", \"text\": \"乙\"}\n";
    let out = zhnews(&["analyze", "--input", "jsonl"], input.as_bytes());
    let got = records(&out);
    assert_eq!(got.len(), 2);
    assert_error(&out, &got[0], "missing_field", "a");
    let message = got[0]["error"]["message"].as_str().unwrap();
    assert!(message.contains("\"text\""), "{message}");
    assert_eq!(got[0]["content"], "甲", "the record's fields come back");
    assert_eq!(got[0]["url"], "u");
    assert_eq!(got[1]["text"], "乙");
}

#[test]
fn jsonl_text_field_not_a_string() {
    let values = [
        json!(42),
        json!(null),
        json!(true),
        json!(["甲"]),
        json!({"zh": "乙"}),
    ];
    let input: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{}\n", json!({"id": i, "text": v, "k": "保留"})))
        .collect();
    for command in ["analyze", "clean", "segment", "numbers"] {
        let out = zhnews(&[command, "--input", "jsonl"], input.as_bytes());
        assert_eq!(out.status.code(), Some(1));
        let got = records(&out);
        assert_eq!(got.len(), values.len(), "{command}");
        for (i, (record, value)) in got.iter().zip(&values).enumerate() {
            assert_error(&out, record, "not_a_string", &i.to_string());
            assert_eq!(&record["text"], value, "the bad field comes back unchanged");
            assert_eq!(record["k"], "保留");
        }
    }
}

#[test]
fn article_of_50_mb() {
    // Past the default limit (16 MiB): refused after reading the first limit + 1 bytes, from a
    // file, from stdin, and as a JSON Lines record (skipped to its line end without being held
    // in memory); the next input is still analysed.
    let unit = "本溪市公安局出动民警。";
    let body = unit.repeat(50 * 1000 * 1000 / unit.len()).into_bytes();
    let size = body.len();
    let dir = scratch("bad_input_50mb");
    let big = dir.join("big.txt");
    std::fs::write(&big, &body).unwrap();
    std::fs::write(dir.join("small.txt"), "本溪").unwrap();
    let out = zhnews(&["analyze", &dir.to_string_lossy()], b"");
    assert_eq!(out.status.code(), Some(1));
    let got = records(&out);
    assert_eq!(got.len(), 2);
    assert_error(&out, &got[0], "too_large", "big.txt");
    let message = got[0]["error"]["message"].as_str().unwrap();
    assert!(message.contains(&size.to_string()), "{message}");
    assert!(message.contains(&(16 << 20).to_string()), "{message}");
    assert_eq!(got[1]["text"], "本溪");

    let out = zhnews(&["clean"], &body);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("zhnews: -: article too large"),
        "{}",
        stderr(&out)
    );

    let mut jsonl = b"{\"id\": \"big\", \"text\": \"".to_vec();
    jsonl.extend(&body);
    jsonl.extend(b"\"}\n{\"id\": \"next\", \"text\": \"\xe6\x9c\xac\"}\n");
    // Default limit: the line is read and parsed (it is under 4 × the limit), its text refused.
    let out = zhnews(&["numbers", "--input", "jsonl"], &jsonl);
    let got = records(&out);
    assert_eq!(got.len(), 2);
    assert_error(&out, &got[0], "too_large", "big");
    assert_eq!(got[1]["id"], "next");
    // A lower limit: the line is over 4 × the limit and skipped unread.
    let out = zhnews(
        &["analyze", "--input", "jsonl", "--max-bytes", "1000000"],
        &jsonl,
    );
    let got = records(&out);
    assert_eq!(got.len(), 2);
    assert_error(&out, &got[0], "too_large", "1");
    let message = got[0]["error"]["message"].as_str().unwrap();
    assert!(message.contains("line too long"), "{message}");
    assert_eq!(got[1]["id"], "next");
    assert_eq!(got[1]["text"], "本");
}

#[test]
fn a_million_tiny_articles() {
    const N: usize = 1_000_000;
    let mut input = String::with_capacity(N * 24);
    for i in 0..N {
        input.push_str(&format!("{{\"id\":{i},\"text\":\"第{i}篇\"}}\n"));
    }
    let out = zhnews(&["clean", "--input", "jsonl", "-j", "2"], input.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut count = 0;
    for (i, line) in stdout.lines().enumerate() {
        let want = format!("{{\"schema\":\"zhnews/1\",\"id\":{i},\"text\":\"第{i}篇\"}}");
        assert_eq!(line, want);
        count += 1;
    }
    assert_eq!(count, N);
}

#[test]
fn nul_byte_in_text() {
    // A stray NUL in text is kept: the article is analysed, spans count it as a char.
    let out = zhnews(&["analyze"], "本溪\0市公安局出动民警1872人次".as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let got = records(&out);
    assert_eq!(got[0]["text"], "本溪\0市公安局出动民警1872人次");
    assert_eq!(got[0]["statistics"][0]["text"], "民警1872人次");
    assert_eq!(got[0]["statistics"][0]["span"], json!([9, 17]));
    // Escaped in JSON Lines too.
    let out = zhnews(
        &["clean", "--input", "jsonl"],
        b"{\"text\": \"\\u0000\xe6\x9c\xac\\u0000\"}\n",
    );
    assert_eq!(records(&out)[0]["text"], "\0本\0");
    // Mostly NUL is not text.
    let mut data = b"ab".to_vec();
    data.extend([0u8; 64]);
    let out = zhnews(&["analyze"], &data);
    assert_eq!(out.status.code(), Some(1));
    assert_error(&out, &records(&out)[0], "binary", "-");
}

#[test]
fn mixed_batch_gives_one_record_per_input_in_order() {
    let lines = [
        json!({"id": "ok1", "text": "本溪"}).to_string(),
        "not json".to_string(),
        json!({"id": "nofield", "body": "x"}).to_string(),
        json!({"id": "num", "text": 5}).to_string(),
        json!({"id": "ok2", "text": "溪湖区"}).to_string(),
    ];
    let input = lines.join("\n") + "\n";
    for threads in ["1", "2"] {
        let out = zhnews(
            &["analyze", "--input", "jsonl", "-j", threads],
            input.as_bytes(),
        );
        assert_eq!(out.status.code(), Some(1));
        let got = records(&out);
        let ids: Vec<Value> = got.iter().map(|r| r["id"].clone()).collect();
        assert_eq!(
            ids,
            [
                json!("ok1"),
                json!(2),
                json!("nofield"),
                json!("num"),
                json!("ok2")
            ]
        );
        let kinds: Vec<&str> = got.iter().map(kind).collect();
        assert_eq!(kinds, ["ok", "json", "missing_field", "not_a_string", "ok"]);
    }
}

#[test]
fn jsonl_fields_come_back_unchanged() {
    let line = r#"{"id": "a", "text": "本溪", "int": 12345678901234567890123, "neg": -7, "float": 1.0, "exp": 1e300, "small": 0.1, "nested": {"k": [1, {"深": null}], "e": {}}, "zh": "平安本溪 \u2028 😀", "t": true}"#;
    let want: Value = serde_json::from_str(line).unwrap();
    for command in ["analyze", "clean", "segment", "numbers"] {
        let out = zhnews(
            &[command, "--input", "jsonl"],
            format!("{line}\n").as_bytes(),
        );
        assert!(out.status.success(), "{command}: {}", stderr(&out));
        let stdout = String::from_utf8(out.stdout).unwrap();
        let got: Value = serde_json::from_str(&stdout).unwrap();
        for (key, value) in want.as_object().unwrap() {
            if key != "text" {
                assert_eq!(&got[key], value, "{command}: {key}");
            }
        }
        // Numbers come back exactly, not rounded through a float.
        assert_eq!(got["exp"].as_f64(), Some(1e300));
        for raw in ["12345678901234567890123", "1.0", "0.1", "-7"] {
            assert!(stdout.contains(raw), "{command}: {raw} in {stdout}");
        }
    }
}
