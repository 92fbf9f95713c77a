"""Clean, structured data from scraped Chinese government news (schema ``zhnews/1``).

Every analysis is a plain ``dict`` holding exactly the JSON object ``zhnews analyze`` prints.
"""

from typing import Any, Literal, Optional, Sequence, Union

__version__: str
SCHEMA: str
"""The schema name every output object carries: ``"zhnews/1"``."""
DEFAULT_MAX_BYTES: int
"""The default ``max_bytes``: 16 MiB, as the CLI's ``--max-bytes``."""

Id = Union[str, int, None]
Analysis = dict[str, Any]
"""A ``zhnews/1`` object: schema, id, encoding, script, repairs, text, title, meta, sections,
captions, keywords, statistics, dates, entities, quoted_terms, tokens (spans in chars of
``text``)."""

class ZhnewsError(ValueError):
    """An input zhnews cannot analyse."""

    kind: str
    """Machine-readable kind of the CLI's error record: ``"binary"``, ``"too_large"``, ``"io"``."""

class Analyzer:
    """Runs the zhnews pipeline. Build one and reuse it: the tables load once per process.

    Args:
        convert: convert Traditional characters to Simplified (``--no-convert`` is ``False``).
        tokens: include ``"tokens"`` (``[{"w", "pos", "span"}]``) in each analysis.
        max_bytes: refuse larger articles with ``ZhnewsError`` of kind ``"too_large"``.
    """

    def __init__(
        self, convert: bool = True, tokens: bool = False, max_bytes: int = 16 * 1024 * 1024
    ) -> None: ...
    def analyze(self, text: str, id: Id = None) -> Analysis:
        """Analyse one article given as text; ``id`` becomes the object's ``"id"``.

        Raises:
            ZhnewsError: kind ``"too_large"`` over ``max_bytes``.
        """
    def analyze_bytes(self, data: bytes, id: Id = None) -> Analysis:
        """Analyse raw bytes in any supported encoding (UTF-8, UTF-16, GBK/GB18030, Big5).

        Raises:
            ZhnewsError: kind ``"binary"`` for non-text bytes, ``"too_large"`` over ``max_bytes``.
        """
    def analyze_many(
        self,
        texts: Sequence[str],
        threads: Optional[int] = None,
        ids: Optional[Sequence[Id]] = None,
        errors: Literal["raise", "record"] = "raise",
    ) -> list[Analysis]:
        """Analyse many articles on ``threads`` threads in all, the calling thread included
        (default: one per core), with the GIL released while analysing.

        Results are in input order. ``errors="record"`` puts the CLI's error record
        (``{"schema", "id", "error": {"kind", "message"}}``) in a failed input's place
        instead of raising.
        """
    def clean(self, text: str) -> str:
        """The repaired (and, unless ``convert=False``, Simplified) text.

        Raises:
            ZhnewsError: kind ``"too_large"`` over ``max_bytes``.
        """
    def segment(self, text: str) -> list[tuple[str, str]]:
        """``(word, part_of_speech)`` pairs of the cleaned text, jieba's tag set.

        Raises:
            ZhnewsError: kind ``"too_large"`` over ``max_bytes``.
        """
