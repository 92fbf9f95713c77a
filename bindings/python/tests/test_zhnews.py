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


def test_analyze_many_keeps_input_order(analyzer):
    texts = [f"本溪市公安局出动民警{n}人次。" for n in range(1, 41)]
    results = analyzer.analyze_many(texts, threads=2)
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
    with pytest.raises(zhnews.ZhnewsError) as info:
        small.analyze_many(texts)
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
