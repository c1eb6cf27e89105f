"""``to_simplified`` returns ASCII text as it is, without asking OpenCC: these hold what that
shortcut takes for granted, so that it changes no answer."""

from __future__ import annotations

import string

from graph.model import GraphData
from graph.text import TAIWAN_TERMS, to_simplified_characters


def test_opencc_leaves_every_ascii_string_of_the_plan_as_it_is(seed_data: GraphData) -> None:
    texts = [string.printable]
    for node in seed_data.nodes:
        texts += [node.id, node.name_en, *(str(v) for v in node.properties.values())]
    ascii_texts = [text for text in texts if text.isascii()]
    assert len(ascii_texts) > 1_000
    assert [to_simplified_characters(text) for text in ascii_texts] == ascii_texts


def test_no_taiwan_term_is_ascii() -> None:
    assert not any(term.isascii() for term in TAIWAN_TERMS)
