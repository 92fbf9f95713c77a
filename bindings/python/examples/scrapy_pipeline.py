"""A Scrapy item pipeline that adds zhnews's analysis to every scraped article.

Enable it in the project's ``settings.py``::

    ITEM_PIPELINES = {"scrapy_pipeline.ZhnewsPipeline": 300}
    ZHNEWS_FIELD = "content"        # the field holding the article (str or bytes)

Each item gets ``item["zhnews"]``: the ``zhnews/1`` dict ``zhnews analyze`` prints, or, for an
input zhnews refuses (binary, too large), the CLI's error record
``{"schema", "id", "error": {"kind", "message"}}``, so the crawl goes on.

Scrapy is not needed to use it: items are anything with ``item[key]`` (a dict, a
``scrapy.Item`` declaring a ``zhnews`` field).
"""

import zhnews


class ZhnewsPipeline:
    def __init__(self, field="content", analyzer=None):
        self.field = field
        self.analyzer = analyzer or zhnews.Analyzer()  # built once, shared by every item

    @classmethod
    def from_crawler(cls, crawler):
        return cls(field=crawler.settings.get("ZHNEWS_FIELD", "content"))

    def process_item(self, item, spider=None):
        content = item[self.field]
        article_id = item.get("url") if hasattr(item, "get") else None
        try:
            if isinstance(content, (bytes, bytearray)):
                item["zhnews"] = self.analyzer.analyze_bytes(bytes(content), id=article_id)
            else:
                item["zhnews"] = self.analyzer.analyze(content, id=article_id)
        except zhnews.ZhnewsError as error:
            item["zhnews"] = {
                "schema": zhnews.SCHEMA,
                "id": article_id,
                "error": {"kind": error.kind, "message": str(error)},
            }
        return item


if __name__ == "__main__":
    import json

    item = {"url": "http://example.gov.cn/1.html", "content": "本溪市公安局出动民警1872人次。"}
    print(json.dumps(ZhnewsPipeline().process_item(item)["zhnews"], ensure_ascii=False, indent=1))
