"""Parse the plan text itself: the plan, its ten actions, its columns and their items, and the
quantified targets, each with the exact span of text it comes from.

Nothing here is hand-copied from the plan; the only outside knowledge is ``column_titles``,
where the copy runs a column's title and its first item together with nothing between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from graph.model import Source

__all__ = ["TextElement", "PlanText", "PlanParseError", "parse_plan", "CHINESE_NUMERALS"]

CHINESE_NUMERALS = "一二三四五六七八九十"
TITLE_LINE = "科技支撐碳達峰碳中和實施方案"
PERIOD_LINE = re.compile(r"^\(2022—2030\s*年\)$", re.M)
FOOTER = "\n熱門詞條"
ACTION_HEADING = re.compile(rf"^([{CHINESE_NUMERALS}])、(.+)$", re.M)
COLUMN_HEADING = re.compile(r"^專欄\s*(\d+)\s*", re.M)
SENTENCE = re.compile(r"[^。]*。")

# A column item's heading is a short noun phrase ending in 。; a description sentence is longer,
# has clause punctuation, or opens with a verb.
HEADING_MAX_CHARS = 24
CLAUSE_PUNCTUATION = re.compile(r"[,，;；:：“”\"]")
DESCRIPTION_OPENERS = (
    "研究",
    "研發",
    "開發",
    "開展",
    "建設",
    "建立",
    "支持",
    "加強",
    "加快",
    "加大",
    "提升",
    "推動",
    "圍繞",
    "深度",
    "在",
    "從",
    "通過",
    "依託",
    "依托",
    "結合",
    "鼓勵",
    "採取",
    "與",
    "組織",
    "實施",
    "探索",
    "積極",
    "構建",
    "完善",
    "聚焦",
    "強化",
    "打造",
    "形成",
)
DEMO_GROUP = re.compile(r"\((\d)\)([^:：(]+)[:：]")

# Targets, read clause by clause: 到 YYYY 年 sets the year, 比 YYYY 年 the baseline.
YEAR = re.compile(r"到\s*(\d{4})\s*年")
BASELINE = re.compile(r"比\s*(\d{4})\s*年")
DECREASE = re.compile(r"下降\s*(\d+(?:\.\d+)?)\s*%(以上)?")
COUNT = re.compile(r"(?:建成|支持)\s*(\d+)\s*(個|家)(左右)?")
GOAL = re.compile(r"(\d{4})\s*年前實現(碳達峰|碳中和)目標")
# A target stated as a trend without a number: '單位 GDP 能源消耗持續大幅下降', '實現捕集成本大幅下降'.
TREND = re.compile(r"(?:持續|大幅|明顯)+(?:下降|降低)$")
CLAUSE = re.compile(r"[^,，;；。]+")


class PlanParseError(ValueError):
    """The text does not have the shape this parser expects."""


@dataclass(frozen=True)
class TextElement:
    """One element of the plan text.

    ``key`` is how the overlay refers to it: ``plan``, ``action.N``, ``column.N``, ``item.C.K``
    (the K-th item of column C), ``demo_group.K`` (專欄 6's group (K)), ``target.Y/V`` (for
    example ``target.2025/18%``, ``target.500家``, ``target.2030/碳達峰``), ``closing``.
    """

    key: str
    kind: str
    name: str
    description: str
    source: Source
    section: str = "plan"
    fields: Mapping[str, object] = field(default_factory=dict)


class _Elements(dict[str, TextElement]):
    """The elements found so far; calling it adds one."""

    def __call__(self, element: TextElement) -> None:
        self[element.key] = element


_Add = _Elements


@dataclass(frozen=True)
class PlanText:
    text: str
    elements: dict[str, TextElement]
    bounds: tuple[int, int]  # the plan proper, without the page furniture around it

    def of_kind(self, kind: str) -> list[TextElement]:
        return [e for e in self.elements.values() if e.kind == kind]


def _source(text: str, start: int, end: int) -> Source:
    # Trim surrounding white space so a quote never starts or ends with a line break.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Source(text[start:end], start, end)


def _unwrap(text: str) -> str:
    """Join hard-wrapped lines: the copy breaks some columns mid-sentence."""
    return text.replace("\n", "").strip()


def _is_heading(sentence: str) -> bool:
    body = _unwrap(sentence).rstrip("。")
    return (
        0 < len(body) <= HEADING_MAX_CHARS
        and not CLAUSE_PUNCTUATION.search(body)
        and not body.startswith(DESCRIPTION_OPENERS)
    )


def parse_plan(text: str, column_titles: Mapping[int, str]) -> PlanText:
    """Parse the plan text into its elements.

    Parameters
    ----------
    text : the plan file as received, page furniture included.
    column_titles : the title of each column whose header line runs straight into its first item
        (專欄 3 to 7); a title is checked against the text, never trusted blindly.

    Raises
    ------
    PlanParseError : when a landmark (the title, ten actions, a column title) is not found.
    """
    start, end = _plan_bounds(text)
    elements = add = _Elements()

    headings = [m for m in ACTION_HEADING.finditer(text, start, end)]
    if [m.group(1) for m in headings] != list(CHINESE_NUMERALS):
        found = "".join(m.group(1) for m in headings)
        raise PlanParseError(f"expected the ten action headings 一 … 十 at line starts, found {found!r}")

    title_end = PERIOD_LINE.search(text, start, end)
    assert title_end is not None  # _plan_bounds found it
    add(
        TextElement(
            "plan",
            "plan",
            TITLE_LINE,
            _unwrap(text[title_end.end() : headings[0].start()]),
            _source(text, start, title_end.end()),
        )
    )
    _add_targets(text, title_end.end(), headings[0].start(), "plan", add)

    bounds = [m.start() for m in headings[1:]] + [end]
    for number, (heading, section_end) in enumerate(zip(headings, bounds, strict=True), start=1):
        key = f"action.{number}"
        body_start = heading.end() + 1
        column = COLUMN_HEADING.search(text, body_start, section_end)
        if column is not None:
            body_end = column.start()
            _parse_column(text, int(column.group(1)), column, section_end, column_titles, add)
        elif number in (9, 10):  # header-less columns: items follow the first body paragraph
            body_end = text.index("\n", body_start) + 1
            _parse_inferred_column(text, number, body_end, section_end, add)
        else:
            body_end = section_end
        add(
            TextElement(
                key,
                "action",
                heading.group(2).strip(),
                _unwrap(text[body_start:body_end]),
                _source(text, heading.start(), heading.end()),
                "plan",
                {"number": number},
            )
        )
        _add_targets(text, body_start, body_end, key, add)
    return PlanText(text, dict(elements), (start, end))


def _plan_bounds(text: str) -> tuple[int, int]:
    """The plan proper: from its title line above ``(2022—2030 年)`` to the page's footer."""
    period = PERIOD_LINE.search(text)
    if period is None:
        raise PlanParseError("the plan's title block '(2022—2030 年)' was not found")
    start = text.rfind(TITLE_LINE, 0, period.start())
    footer = text.find(FOOTER, period.end())
    if start < 0:
        raise PlanParseError(f"the title line {TITLE_LINE!r} above the period line was not found")
    return start, footer if footer >= 0 else len(text)


def _parse_column(
    text: str,
    number: int,
    header: re.Match[str],
    section_end: int,
    titles: Mapping[int, str],
    add: _Add,
) -> None:
    line_end = text.index("\n", header.end())
    rest_of_line = text[header.end() : line_end]
    if "。" not in rest_of_line:  # the title has the line to itself
        title, items_start = rest_of_line.strip(), line_end + 1
    else:
        title = titles.get(number, "")
        if not title or not rest_of_line.startswith(title):
            raise PlanParseError(
                f"專欄 {number}: its header runs into the first item; the overlay must give the "
                f"column's title (got {title!r}, the line starts {rest_of_line[:30]!r})"
            )
        items_start = header.end() + len(title)
    add(
        TextElement(
            f"column.{number}",
            "column",
            title,
            "",
            _source(text, header.start(), items_start),
            f"action.{number}",
            {"number": number, "inferred": False},
        )
    )
    _add_items(text, number, items_start, section_end, add)


def _parse_inferred_column(text: str, number: int, start: int, section_end: int, add: _Add) -> None:
    end = _inferred_column_end(text, start, section_end)
    if end == start:
        raise PlanParseError(f"the header-less column {number} has no items after action {number}'s body")
    add(
        TextElement(
            f"column.{number}",
            "column",
            "",
            "",
            _source(text, start, end),
            f"action.{number}",
            {"number": number, "inferred": True},
        )
    )
    _add_items(text, number, start, end, add)
    if number == 10 and end < section_end:
        add(
            TextElement(
                "closing", "closing", "", _unwrap(text[end:section_end]), _source(text, end, section_end)
            )
        )
        _add_targets(text, end, section_end, "plan", add)


def _inferred_column_end(text: str, start: int, section_end: int) -> int:
    """Lines belong to the column while each new paragraph opens with an item heading; a line
    that continues a hard-wrapped sentence belongs too."""
    position = start
    while position < section_end:
        line_end = text.find("\n", position, section_end)
        line_end = section_end if line_end < 0 else line_end + 1
        previous = text[:position].rstrip("\n")
        continues_sentence = position > start and not previous.endswith("。")
        first = SENTENCE.match(text, position, line_end)
        if not continues_sentence and (first is None or not _is_heading(first.group())):
            return position
        position = line_end
    return section_end


def _sentences(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    return SENTENCE.finditer(text, start, end)


def _add_items(text: str, column: int, start: int, end: int, add: _Add) -> None:
    items: list[tuple[re.Match[str], int]] = []  # (heading sentence, end of its description)
    for sentence in _sentences(text, start, end):
        if _is_heading(sentence.group()):
            items.append((sentence, sentence.end()))
        elif items:
            items[-1] = (items[-1][0], sentence.end())
        else:
            raise PlanParseError(
                f"專欄 {column} does not open with an item heading: {sentence.group()[:30]!r}"
            )
    for index, (heading, item_end) in enumerate(items, start=1):
        name = _unwrap(heading.group()).rstrip("。").strip()
        add(
            TextElement(
                f"item.{column}.{index}",
                "item",
                name,
                _unwrap(text[heading.end() : item_end]),
                _source(text, heading.start(), item_end),
                f"column.{column}",
                {"column": column, "index": index},
            )
        )
        if column == 6:
            _add_demo_groups(text, heading.end(), item_end, add)


def _add_demo_groups(text: str, start: int, end: int, add: _Add) -> None:
    """專欄 6 numbers its demonstration-project groups (1) to (5) inside one item."""
    groups = list(DEMO_GROUP.finditer(text, start, end))
    if not groups:
        return
    bounds = [g.start() for g in groups[1:]] + [end]
    for group, group_end in zip(groups, bounds, strict=True):
        add(
            TextElement(
                f"demo_group.{group.group(1)}",
                "demo_group",
                group.group(2).strip(),
                _unwrap(text[group.end() : group_end]),
                _source(text, group.start(), group_end),
                "column.6",
                {"number": int(group.group(1))},
            )
        )


def _add_targets(text: str, start: int, end: int, section: str, add: _Add) -> None:
    """Quantified and dated targets, paragraph by paragraph (the year and baseline carry over
    within a paragraph: '到 2025 年…比 2020 年下降 20%，到 2030 年下降 30%')."""
    for paragraph in re.finditer(r"[^\n]+", text[start:end]):
        _paragraph_targets(text, start + paragraph.start(), start + paragraph.end(), section, add)


def _paragraph_targets(text: str, start: int, end: int, section: str, add: _Add) -> None:
    year: int | None = None
    baseline: int | None = None
    clause_start = start
    markers = [(m.start(), "year", m) for m in YEAR.finditer(text, start, end)]
    markers += [(m.start(), "baseline", m) for m in BASELINE.finditer(text, start, end)]
    markers += [(m.start(), "decrease", m) for m in DECREASE.finditer(text, start, end)]
    markers += [(m.start(), "count", m) for m in COUNT.finditer(text, start, end)]
    markers += [(m.start(), "goal", m) for m in GOAL.finditer(text, start, end)]
    markers.sort(key=lambda marker: marker[0])
    for index, (_, kind, match) in enumerate(markers):
        if kind == "year":
            year, clause_start = int(match.group(1)), match.start()
            _add_dated_target(text, match, markers[index + 1 :], end, section, add)
        elif kind == "baseline":
            baseline = int(match.group(1))
        elif kind == "decrease":
            value = match.group(1)
            fields = _target_fields(
                year, float(value), "%", baseline, "at_least" if match.group(2) else "equals"
            )
            clause = max(clause_start, _clause_start(text, match.start(), start))
            _add_target(text, f"{year}/{value}%", clause, match.end(), section, fields, add)
        elif kind == "count":
            comparator = "about" if match.group(3) else "equals"
            fields = _target_fields(year, float(match.group(1)), match.group(2), None, comparator, "increase")
            amount = f"{match.group(1)}{match.group(2)}"
            key = f"{year}/{amount}" if year else amount
            clause_begin = _clause_start(text, match.start(), start)
            _add_target(text, key, clause_begin, _clause_end(text, match.end(), end), section, fields, add)
        else:
            fields = _target_fields(int(match.group(1)), None, None, None, "by", None)
            key = f"{match.group(1)}/{match.group(2)}"
            _add_target(text, key, match.start(), match.end(), section, fields, add)
    _add_trend_targets(text, start, end, section, add)


def _add_trend_targets(text: str, start: int, end: int, section: str, add: _Add) -> None:
    """Trend targets left over in a dated sentence: a clause after '到 YYYY 年' and before the
    sentence's 。 that ends in 持續/大幅…下降 with no number, and that no other target holds
    ('…下降 65%以上,單位 GDP 能源消耗持續大幅下降。'). They take the year before them and are
    keyed after the section's other dated targets, so existing keys do not move."""
    taken = [(e.source.start, e.source.end) for e in add.values() if e.kind == "target"]
    for sentence in re.finditer(r"[^。]+", text[start:end]):
        s_start = start + sentence.start()
        years = list(YEAR.finditer(text, s_start, start + sentence.end()))
        if not years:
            continue
        for clause in CLAUSE.finditer(text, years[0].end(), start + sentence.end()):
            words = clause.group().strip()
            c_start = clause.start() + len(clause.group()) - len(clause.group().lstrip())
            c_end = c_start + len(words)
            if not TREND.search(words) or re.search(r"\d", words):
                continue
            if any(a <= c_start < b or a < c_end <= b for a, b in taken):
                continue
            year = [y for y in years if y.start() < c_start][-1].group(1)
            key, suffix = f"{year}@{section}", 2
            while f"target.{key}" in add:
                key, suffix = f"{year}@{section}#{suffix}", suffix + 1
            fields = {**_target_fields(int(year), None, None, None, "by", "decrease"), "quantified": False}
            _add_target(text, key, c_start, c_end, section, fields, add)


def _target_fields(
    year: int | None,
    value: float | None,
    unit: str | None,
    baseline: int | None,
    comparator: str,
    direction: str | None = "decrease",
) -> dict[str, object]:
    return {"year": year, "value": value, "unit": unit, "baseline_year": baseline,
            "comparator": comparator, "direction": direction}  # fmt: skip


def _add_dated_target(
    text: str,
    year: re.Match[str],
    later: list[tuple[int, str, re.Match[str]]],
    end: int,
    section: str,
    add: _Add,
) -> None:
    """A dated but unquantified target: '到 2030 年,建築節能減碳各項技術取得重大突破,…'. It runs
    from '到 YYYY 年' to the end of its sentence, or to where a quantified target's clause or
    the next year begins; nothing is added when no words stand before that."""
    stop = min([i for i in (text.find(m, year.end(), end) for m in ("。", ";", "；")) if i >= 0] + [end])
    for position, kind, match in later:
        if position >= stop:
            break
        if kind == "year":
            stop = position
        elif kind in ("decrease", "count"):
            stop = _clause_start(text, match.start(), year.start())
            break
    while stop > year.end() and text[stop - 1] in ",，;；":
        stop -= 1
    words = re.sub(r"[\s,，;；。]", "", text[year.end() : stop])
    if len(words) < 4:
        return
    key, suffix = f"{year.group(1)}@{section}", 2
    while f"target.{key}" in add:
        key, suffix = f"{year.group(1)}@{section}#{suffix}", suffix + 1
    fields = {**_target_fields(int(year.group(1)), None, None, None, "by", None), "quantified": False}
    _add_target(text, key, year.start(), stop, section, fields, add)


def _clause_start(text: str, position: int, floor: int) -> int:
    """The start of the clause holding ``position`` (after the last , ; or 。 before it)."""
    cut = max(text.rfind(mark, floor, position) for mark in (",", "，", ";", "；", "。"))
    return floor if cut < 0 else cut + 1


def _clause_end(text: str, position: int, ceiling: int) -> int:
    ends = [
        i for i in (text.find(mark, position, ceiling) for mark in (",", "，", ";", "；", "。")) if i >= 0
    ]
    return min(ends) if ends else ceiling


def _add_target(
    text: str, key: str, start: int, end: int, section: str, fields: Mapping[str, object], add: _Add
) -> None:
    source = _source(text, start, end)
    add(TextElement(f"target.{key}", "target", _unwrap(source.quote), "", source, section, fields))
