"""The examples run on plain data."""

import importlib.util
from pathlib import Path

import pytest

import zhnews

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scrapy_pipeline_on_a_dict():
    pipeline = load("scrapy_pipeline").ZhnewsPipeline()
    item = {"url": "http://example.gov.cn/1.html", "content": "本溪市公安局出动民警1872人次。"}
    out = pipeline.process_item(item, spider=None)
    assert out is item
    assert item["zhnews"] == zhnews.Analyzer().analyze(item["content"], id=item["url"])
    assert item["zhnews"]["statistics"][0]["value"] == 1872


def test_scrapy_pipeline_records_errors():
    pipeline = load("scrapy_pipeline").ZhnewsPipeline()
    item = pipeline.process_item({"content": b"\x89PNG\r\n\x1a\n" + bytes(64)}, spider=None)
    assert item["zhnews"]["error"]["kind"] == "binary"


def test_pandas_example():
    pytest.importorskip("pandas")
    module = load("pandas_example")
    import pandas as pd

    frame = pd.DataFrame({"content": ["本溪市公安局出动民警1872人次。", "\x00" * 10]})
    analyzed = module.analyze_column(frame, threads=2)
    table = module.statistics_table(analyzed)
    assert list(table["value"]) == [1872]
