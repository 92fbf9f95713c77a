"""The Python bindings give what the CLI gives."""

import json
import subprocess
import threading
import time

import pytest

import zhnews
from conftest import ROOT

SEED = "samples/seed/000_c938a646bbbd01ba.txt"
REFERENCE = ROOT / "samples/seed/000_c938a646bbbd01ba.clean.txt"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


@pytest.fixture(scope="module")
def analyzer():
    return zhnews.Analyzer()


def test_version_and_schema():
    assert isinstance(zhnews.__version__, str) and zhnews.__version__
    assert zhnews.SCHEMA == "zhnews/1"


def test_seed_clean_text_equals_the_reference(analyzer):
    analysis = analyzer.analyze((ROOT / SEED).read_text(encoding="utf-8"))
    assert analysis["schema"] == "zhnews/1"
    assert analysis["text"].strip() == REFERENCE.read_text(encoding="utf-8").strip()
    assert analysis["repairs"]
    kinds = {r["kind"] for r in analysis["repairs"]}
    assert {"pinyin_annotation", "gbk_byte_shift", "stray_comma"} <= kinds
    assert analysis["script"] == {"input": "traditional", "converted": True}


def test_seed_equals_the_cli_json(analyzer, cli):
    for flags, python_analyzer in [([], analyzer), (["--tokens"], zhnews.Analyzer(tokens=True))]:
        out = subprocess.run(
            [cli, "analyze", *flags, SEED], cwd=ROOT, check=True, capture_output=True
        ).stdout
        want = json.loads(out)
        got = python_analyzer.analyze_bytes((ROOT / SEED).read_bytes(), id=SEED)
        assert got == want
        # Same keys, same order as the CLI.
        assert list(got) == list(want)


def test_analyze_bytes_decodes_gbk(analyzer):
    analysis = analyzer.analyze_bytes("本溪市公安局".encode("gbk"))
    assert analysis["text"] == "本溪市公安局"
    assert analysis["encoding"]["name"] == "GBK"


def test_binary_input_raises_with_kind(analyzer):
    with pytest.raises(zhnews.ZhnewsError) as info:
        analyzer.analyze_bytes(PNG)
    assert info.value.kind == "binary"
    assert "PNG" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_too_large_raises_with_kind():
    small = zhnews.Analyzer(max_bytes=10)
    for call in (lambda: small.analyze("本溪市公安局出动民警"), lambda: small.analyze_bytes(b"x" * 11)):
        with pytest.raises(zhnews.ZhnewsError) as info:
            call()
        assert info.value.kind == "too_large"


@pytest.mark.parametrize("threads", [1, 2, 3, 64])
def test_analyze_many_keeps_input_order(analyzer, threads):
    texts = [f"本溪市公安局出动民警{n}人次。" for n in range(1, 41)]
    results = analyzer.analyze_many(texts, threads=threads)
    assert [r["text"] for r in results] == texts
    assert [r["statistics"][0]["value"] for r in results] == list(range(1, 41))
    assert results == [analyzer.analyze(t) for t in texts]


def test_analyze_many_ids_and_error_records():
    small = zhnews.Analyzer(max_bytes=30)
    texts = ["本溪市公安局", "本溪市公安局出动民警1872人次，受理警情7.7万余起。"]
    results = small.analyze_many(texts, threads=2, ids=["a", 7], errors="record")
    assert [r["id"] for r in results] == ["a", 7]
    assert results[1] == {
        "schema": "zhnews/1",
        "id": 7,
        "error": {"kind": "too_large", "message": results[1]["error"]["message"]},
    }
    for threads in (1, 2):
        with pytest.raises(zhnews.ZhnewsError) as info:
            small.analyze_many(texts * 20, threads=threads)
        assert info.value.kind == "too_large"
    with pytest.raises(ValueError):
        small.analyze_many(texts, ids=["only one"])


def test_clean_and_segment(analyzer):
    assert analyzer.clean("關鍵詞:聽民聲,,大調(diào)研") == "关键词：听民声，大调研"
    assert zhnews.Analyzer(convert=False).clean("東北的冬夜") == "東北的冬夜"
    pairs = analyzer.segment("本溪市公安局出动民警1872人次")
    assert all(isinstance(w, str) and isinstance(p, str) for w, p in pairs)
    assert "".join(w for w, _ in pairs) == "本溪市公安局出动民警1872人次"
    assert ("本溪市", "ns") in pairs


def test_tokens_option():
    assert zhnews.Analyzer().analyze("本溪市")["tokens"] is None
    tokens = zhnews.Analyzer(tokens=True).analyze("本溪市")["tokens"]
    assert tokens[0]["w"] == "本溪市" and tokens[0]["span"] == [0, 3]


def test_analyze_many_of_nothing(analyzer):
    assert analyzer.analyze_many([]) == []
    assert analyzer.analyze_many([], threads=1, ids=[], errors="record") == []


def test_analyze_many_lets_other_python_threads_run(analyzer):
    # While the batch runs, a Python thread that needs the GIL must get it: the call holds
    # the GIL only to turn finished results into dicts, not while it waits for them.
    ticks, running = [], threading.Event()
    running.set()

    def tick():
        while running.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        start = time.perf_counter()
        analyzer.analyze_many(["本溪市公安局出动民警1872人次，受理警情7.7万余起。" * 40] * 200, threads=1)
        end = time.perf_counter()
    finally:
        running.clear()
        ticker.join()
    assert sum(start < t < end for t in ticks) >= 10

# Bad input (issue 9): each gives a result or a Python exception, never a crash.

ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4


def test_default_max_bytes_agrees_with_the_library():
    import inspect

    assert zhnews.DEFAULT_MAX_BYTES == 16 * 1024 * 1024
    default = inspect.signature(zhnews.Analyzer).parameters["max_bytes"].default
    assert default == zhnews.DEFAULT_MAX_BYTES
    assert f"max_bytes={zhnews.DEFAULT_MAX_BYTES}" in repr(zhnews.Analyzer())


@pytest.mark.parametrize("data,what", [(PNG, "PNG"), (ELF, "ELF"), (b"ab" + bytes(64), "NUL")])
def test_binary_bytes_raise_binary(analyzer, data, what):
    with pytest.raises(zhnews.ZhnewsError) as info:
        analyzer.analyze_bytes(data)
    assert info.value.kind == "binary"
    assert what in str(info.value)


def test_empty_and_blank_inputs_give_results(analyzer):
    for text in ["", " ", "\n\n", "\u3000\t"]:
        assert analyzer.analyze(text)["text"] == text
        assert analyzer.analyze_bytes(text.encode())["text"] == text
        assert analyzer.clean(text) == text
    assert analyzer.segment("") == []
    assert analyzer.analyze_many([]) == []


def test_nul_in_the_middle_is_kept(analyzer):
    text = "本溪\0市公安局出动民警1872人次"
    assert analyzer.analyze(text)["text"] == text
    assert analyzer.analyze_bytes(text.encode())["text"] == text
    assert analyzer.clean(text) == text


def test_too_large_everywhere():
    small = zhnews.Analyzer(max_bytes=8)
    text = "本溪市公安局"  # 18 bytes
    calls = [
        lambda: small.analyze(text),
        lambda: small.analyze_bytes(text.encode()),
        lambda: small.clean(text),
        lambda: small.segment(text),
        lambda: small.analyze_many(["本", text]),
    ]
    for call in calls:
        with pytest.raises(zhnews.ZhnewsError) as info:
            call()
        assert info.value.kind == "too_large"
        assert "18 bytes" in str(info.value)
    assert small.clean("本溪") == "本溪"


def test_wrong_types_raise_type_error(analyzer):
    for call in [
        lambda: analyzer.analyze(123),
        lambda: analyzer.analyze(b"bytes"),
        lambda: analyzer.analyze(None),
        lambda: analyzer.analyze_bytes("text"),
        lambda: analyzer.clean(["list"]),
        lambda: analyzer.segment(1.5),
        lambda: analyzer.analyze("本溪", id=1.5),
        lambda: analyzer.analyze_many(["本溪", 7]),
        lambda: analyzer.analyze_many("a str is not a list of texts"),
        lambda: zhnews.Analyzer(max_bytes="big"),
    ]:
        with pytest.raises(TypeError):
            call()


def test_negative_max_bytes_is_refused():
    with pytest.raises(OverflowError):
        zhnews.Analyzer(max_bytes=-1)


def test_lone_surrogate_raises_unicode_error(analyzer):
    with pytest.raises(UnicodeEncodeError):
        analyzer.analyze("本\ud800溪")
    with pytest.raises(UnicodeEncodeError):
        analyzer.analyze_many(["本溪", "\udfff"])


def test_analyze_many_with_a_bad_element_records_it_in_place():
    small = zhnews.Analyzer(max_bytes=6)
    results = small.analyze_many(["本溪", "本溪市公安局", ""], ids=[1, 2, 3], errors="record")
    assert [r["id"] for r in results] == [1, 2, 3]
    assert results[0]["text"] == "本溪"
    assert results[1]["error"]["kind"] == "too_large"
    assert results[2]["text"] == ""


def test_invalid_utf8_bytes_are_decoded_not_fatal(analyzer):
    # Broken UTF-8 is read as a legacy encoding or repaired, never a crash.
    for data in [b"\xff\xfe\xfd", "本溪".encode()[:-1], b"\xe6\x9c" * 50, bytes(range(128, 256))]:
        try:
            result = analyzer.analyze_bytes(data)
        except zhnews.ZhnewsError as e:
            assert e.kind == "binary"
        else:
            assert isinstance(result["text"], str)
