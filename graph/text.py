"""Chinese script and search normalisation, shared by the loaders, the stores and the queries.

The plan's copy was converted to Traditional Chinese with Taiwan vocabulary (套用 for 应用,
最佳化 for 优化, ...). OpenCC's ``t2s`` converts the characters; the copy's Taiwan words are then
mapped back to the original's by the table below. (OpenCC's ``tw2sp`` phrase tables overreach
here: they turn 智慧交通, which the original writes, into 智能交通.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from opencc import OpenCC

from graph.model import Node

__all__ = [
    "to_simplified",
    "to_simplified_characters",
    "normalize",
    "search_names",
    "search_text",
    "TAIWAN_TERMS",
]

# The copy's Taiwan-style words (in Simplified characters) and the original's mainland words. Longer
# words come first so that they are replaced before a word inside them: 智慧型契约 (smart contract)
# becomes 智能合约, not 智能合同; 智慧财产权 becomes 知识产权 before 智慧型 could match.
_MAINLAND_WORDS = {
    "智慧型契约": "智能合约",
    "智慧财产权": "知识产权",
    "作业系统": "操作系统",
    "人工智慧": "人工智能",
    "最佳化": "优化",
    "数位化": "数字化",
    "智慧型": "智能",
    "分散式": "分布式",
    "资料库": "数据库",
    "套用": "应用",
    "程式": "程序",
    "契约": "合同",
    "网路": "网络",
    "计画": "计划",
    "叠代": "迭代",
    "东协": "东盟",
}

# The Taiwan-usage terms no mainland name may contain (the rule tests check every name_zh_hans).
TAIWAN_TERMS: tuple[str, ...] = tuple(_MAINLAND_WORDS)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SPACE_NEXT_TO_CJK = re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("t2s")


def to_simplified_characters(text: str) -> str:
    """Simplified characters for Traditional ones, word for word (no vocabulary change)."""
    return str(_converter().convert(text))


def to_simplified(text: str) -> str:
    """Mainland Simplified Chinese for Traditional (Taiwan-style) text; other text unchanged."""
    if text.isascii():  # no key of t2s's tables nor of the word table holds ASCII: nothing to convert
        return text
    simplified = to_simplified_characters(text)
    for taiwan, mainland in _MAINLAND_WORDS.items():
        simplified = simplified.replace(taiwan, mainland)
    return simplified


def normalize(text: str) -> str:
    """The form names and queries are compared in: Simplified, case-folded, full-width folded,
    spaces next to Chinese characters dropped and other runs of spaces collapsed.

    >>> normalize("CCUS 技術") == normalize("ccus技术")
    True
    """
    folded = to_simplified(text).casefold()
    folded = folded.translate(_FULL_WIDTH)
    folded = _SPACE_NEXT_TO_CJK.sub("", folded)
    return _SPACES.sub(" ", folded).strip()


# Full-width ASCII (Ａ-Ｚ, ０-９, punctuation) to half-width, as users type either.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def search_names(node: Node) -> list[str]:
    """The normalised strings a node is found by name: id, names and aliases."""
    aliases = node.properties.get("aliases") or []
    raw = [node.id, node.name_zh, node.name_zh_hans, node.name_en, *(str(a) for a in aliases)]  # type: ignore[union-attr]
    return list(dict.fromkeys(normalize(s) for s in raw if s))


def search_text(node: Node) -> str:
    """The normalised descriptions a node is found by text."""
    parts = (node.properties.get("description_zh"), node.properties.get("description_en"))
    return normalize(" ".join(str(p) for p in parts if p))
