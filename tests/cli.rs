//! The `zhnews` command as a user runs it: stdin, files, directories, JSON Lines with
//! pass-through fields, error records for bad input, exit codes.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{records, scratch, zhnews};
use serde_json::Value;

const SEED: &str = "samples/seed/000_c938a646bbbd01ba.txt";
const REFERENCE: &str = include_str!("../samples/seed/000_c938a646bbbd01ba.clean.txt");

#[test]
fn analyze_reads_stdin_and_prints_one_object() {
    let out = zhnews(&["analyze"], std::fs::read(SEED).unwrap().as_slice());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = records(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["schema"], "zhnews/1");
    assert_eq!(got[0]["id"], "-");
    assert_eq!(got[0]["text"].as_str().unwrap().trim(), REFERENCE.trim());
    assert_eq!(got[0]["script"]["input"], "traditional");
    assert!(got[0]["tokens"].is_null());
}

#[test]
fn analyze_pretty_and_tokens() {
    let out = zhnews(
        &["analyze", "--pretty", "--tokens"],
        "本溪市公安局".as_bytes(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().count() > 10, "pretty output spans lines");
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["tokens"][0]["w"], "本溪市");
    assert_eq!(value["tokens"][0]["span"], serde_json::json!([0, 3]));
}

#[test]
fn clean_prints_the_repaired_text() {
    let out = zhnews(&["clean", SEED], b"");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        REFERENCE.trim()
    );
}

#[test]
fn clean_explain_lists_fixes_on_stderr() {
    let out = zhnews(
        &["clean", "--explain"],
        "大調(diào)研,,關鍵詞:聽民聲".as_bytes(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("pinyin_annotation"), "{stderr}");
    assert!(stderr.contains("traditional_to_simplified"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "大调研，关键词：听民声\n"
    );
}

#[test]
fn segment_keeps_one_line_per_input_line() {
    let out = zhnews(
        &["segment", "--no-convert"],
        "本溪市公安局的网格员\n\n辅警393人次\n".as_bytes(),
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "本溪市 公安局 的 网格员\n\n辅警 393 人次\n"
    );
}

#[test]
fn no_convert_keeps_traditional() {
    let out = zhnews(&["clean", "--no-convert"], "東北的冬夜".as_bytes());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "東北的冬夜\n");
}

#[test]
fn jsonl_passes_other_fields_through_in_order() {
    let input = concat!(
        r#"{"id": "a1", "content": "東北的冬夜", "url": "http://x/1", "n": 3, "tags": ["甲", {"k": null}]}"#,
        "\n",
        r#"{"content": "第二篇"}"#,
        "\n",
        "not json\n",
        r#"{"body": "no content field"}"#,
        "\n",
        r#"{"content": 42, "keep": true}"#,
        "\n",
    );
    let out = zhnews(
        &["analyze", "--input", "jsonl", "--text-field", "content"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "some records failed");
    let got = records(&out);
    assert_eq!(got.len(), 5, "one output record per input record");
    assert_eq!(got[0]["id"], "a1");
    assert_eq!(got[0]["text"], "东北的冬夜");
    assert_eq!(got[0]["url"], "http://x/1");
    assert_eq!(got[0]["n"], 3);
    assert_eq!(got[0]["tags"], serde_json::json!(["甲", {"k": null}]));
    assert_eq!(got[1]["id"], 2, "line number when there is no id");
    assert_eq!(got[2]["error"]["kind"], "json");
    assert_eq!(got[3]["error"]["kind"], "missing_field");
    assert_eq!(got[4]["error"]["kind"], "not_a_string");
    assert_eq!(got[4]["keep"], true);
    assert_eq!(
        got[4]["content"], 42,
        "the bad field is passed back, not lost"
    );
}

#[test]
fn clean_jsonl_replaces_the_text_field() {
    let out = zhnews(
        &["clean", "--input", "jsonl", "--text-field", "body"],
        "{\"body\": \"大調(diào)研\", \"x\": 1}\n".as_bytes(),
    );
    let got = records(&out);
    assert_eq!(got[0]["body"], "大调研");
    assert_eq!(got[0]["x"], 1);
}

#[test]
fn files_and_directories_in_order_with_an_error_record_for_binary() {
    let dir = scratch("batch");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "本溪").unwrap();
    std::fs::write(dir.join("b.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::write(dir.join("sub/c.txt"), encoding_rs::GBK.encode("溪湖区").0).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "skip me").unwrap();
    let dir_arg = dir.to_string_lossy().to_string();
    let missing = dir.join("missing.txt").to_string_lossy().to_string();
    let out = zhnews(&["analyze", &dir_arg, &missing], b"");
    assert_eq!(out.status.code(), Some(1));
    let got = records(&out);
    let ids: Vec<String> = got
        .iter()
        .map(|r| {
            Path::new(r["id"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["a.txt", "b.png", "c.txt", "missing.txt"]);
    assert_eq!(got[0]["text"], "本溪");
    assert_eq!(got[1]["error"]["kind"], "binary");
    assert!(got[1]["error"]["message"].as_str().unwrap().contains("PNG"));
    assert_eq!(got[2]["text"], "溪湖区");
    assert_eq!(got[2]["encoding"]["name"], "GBK");
    assert_eq!(got[3]["error"]["kind"], "io");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.png: not text"), "{stderr}");
}

#[test]
fn exit_codes() {
    assert_eq!(
        zhnews(&["analyze"], "本溪".as_bytes()).status.code(),
        Some(0)
    );
    assert_eq!(
        zhnews(&["analyze"], b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0")
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        zhnews(&["analyze", "--no-such-flag"], b"").status.code(),
        Some(2)
    );
    assert_eq!(zhnews(&["frobnicate"], b"").status.code(), Some(2));
}

#[test]
fn several_threads_keep_input_order() {
    let input: String = (0..300)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"第{i}篇，本溪市公安局\"}}\n"))
        .collect();
    let out = zhnews(
        &["analyze", "--input", "jsonl", "-j", "2"],
        input.as_bytes(),
    );
    let ids: Vec<i64> = records(&out)
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, (0..300).collect::<Vec<_>>());
}

#[test]
fn numbers_prints_a_record_per_input() {
    let out = zhnews(&["numbers"], "民警1872人次".as_bytes());
    let got = records(&out);
    assert_eq!(got.len(), 1);
    assert!(got[0]["numbers"].is_array());
}

#[test]
fn numbers_reports_text_value_kind_span_and_passes_fields_through() {
    let input = "{\"id\": \"a\", \"text\": \"受理警情7.7万余起，满意率81.18%\", \"url\": \"u\"}\n";
    let out = zhnews(
        &["numbers", "--input", "jsonl", "--text-field", "text"],
        input.as_bytes(),
    );
    assert!(out.status.success());
    let got = records(&out);
    assert_eq!(got[0]["schema"], "zhnews/1");
    assert_eq!(got[0]["id"], "a");
    assert_eq!(got[0]["url"], "u");
    let numbers = &got[0]["numbers"];
    assert_eq!(numbers[0]["text"], "7.7万");
    assert_eq!(numbers[0]["value"], 77000);
    assert_eq!(numbers[0]["kind"], "decimal");
    assert_eq!(numbers[0]["span"], serde_json::json!([4, 8]));
    assert_eq!(numbers[1]["value"], 81.18);
    assert_eq!(numbers[1]["kind"], "percent");
}

#[test]
fn empty_blank_and_nul_inputs_give_results() {
    for input in [&b""[..], b"  \n\t ", "本溪\0市公安局".as_bytes()] {
        let out = zhnews(&["analyze"], input);
        assert!(out.status.success(), "{input:?}");
        let got = records(&out);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0]["text"],
            String::from_utf8_lossy(input).as_ref(),
            "{input:?}"
        );
    }
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let input: String = (0..2000)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"本溪市公安局出动民警{i}人次\"}}\n"))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(["analyze", "--input", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    // Read one line, then hang up, as `zhnews … | head -1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    let _ = std::io::Read::read(&mut stdout, &mut first);
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn a_closed_stderr_does_not_stop_the_batch() {
    // `zhnews … 2> >(head -1)`: the error messages meet a closed pipe; the records go on.
    let input: String = (0..2000).map(|i| format!("not json {i}\n")).collect();
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhnews"))
        .args(["analyze", "--input", "jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(writer)
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = [0u8; 64];
    let n = std::io::Read::read(&mut reader, &mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).starts_with("zhnews: 1: not JSON"));
    drop(reader);
    let out = child.wait_with_output().unwrap();
    let _ = feeder.join();
    // A panic would exit with 101 and cut the records short.
    assert_eq!(out.status.code(), Some(1), "inputs failed");
    let got = records(&out);
    assert_eq!(got.len(), 2000);
    assert_eq!(got[1999]["error"]["kind"], "json");
}

#[test]
fn articles_over_the_limit_are_error_records() {
    let out = zhnews(
        &["analyze", "--max-bytes", "10"],
        "本溪市公安局出动民警".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out)[0]["error"]["kind"], "too_large");
}
