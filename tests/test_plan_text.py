"""The plan-text parser on the real plan text (seeds/plan-2022-2030.zh-Hant.txt).

Column titles come from the real overlay (seeds/00-structure.yaml); everything else the parser
must find in the text by itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.build import PLAN_FILE
from loaders.overlay import read_overlay
from loaders.plan_text import CHINESE_NUMERALS, PlanParseError, PlanText, TextElement, parse_plan

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
STRUCTURE_FILE = SEEDS / "00-structure.yaml"

# What a reader of the plan sees; written out here from the text, not computed by the parser.
ITEM_COUNTS = {3: 6, 4: 4, 5: 7, 6: 4, 7: 5, 8: 6, 9: 7, 10: 4}
COLUMN_5_ITEMS = [
    "新型高效光伏電池技術",
    "新型核能發電技術",
    "新型綠色氫能技術",
    "前沿儲能技術",
    "電力多元高效轉換技術",
    "二氧化碳高值化轉化利用技術",
    "空氣中二氧化碳直接捕集技術",
]
DEMO_GROUPS = {
    1: "零碳/低碳能源示範工程",
    2: "低碳/零碳工業流程再造示範工程",
    3: "綠色智慧交通示範工程",
    4: "低碳零碳建築示範工程",
    5: "CCUS 技術示範工程",
}
KNOWN_TITLES = {
    3: "城鄉建設與交通低碳零碳技術",
    4: "CCUS、碳匯與非二氧化碳溫室氣體減排技術",
    5: "前沿和顛覆性低碳技術",
    6: "低碳零碳技術示範套用",
    7: "管理決策支撐技術體系",
}
# key -> (section, year, value, unit, baseline_year, comparator, direction)
TARGETS = {
    "target.2025/18%": ("plan", 2025, 18.0, "%", 2020, "equals", "decrease"),
    "target.2025/13.5%": ("plan", 2025, 13.5, "%", 2020, "equals", "decrease"),
    "target.2030/65%": ("plan", 2030, 65.0, "%", 2005, "at_least", "decrease"),
    "target.2025/20%": ("action.4", 2025, 20.0, "%", 2020, "equals", "decrease"),
    "target.2030/30%": ("action.4", 2030, 30.0, "%", 2020, "equals", "decrease"),
    "target.2030/50個": ("action.6", 2030, 50.0, "個", None, "equals", "increase"),
    "target.500家": ("action.9", None, 500.0, "家", None, "about", "increase"),
    "target.2030/碳達峰": ("plan", 2030, None, None, None, "by", None),
    "target.2060/碳中和": ("plan", 2060, None, None, None, "by", None),
}


def _overlay_titles() -> dict[int, str]:
    entries, errors = read_overlay(STRUCTURE_FILE, "seeds/00-structure.yaml")
    assert errors == []
    titles = {
        int(str(e.data["text"]).split(".")[1]): str(e.data["name_zh"])
        for e in entries
        if e.kind == "node" and str(e.data.get("text", "")).startswith("column.") and e.data.get("name_zh")
    }
    # The overlay must give the titles the parser cannot separate from the first item (3 to 7).
    assert set(KNOWN_TITLES) <= set(titles)
    return titles


@pytest.fixture(scope="module")
def text() -> str:
    return (SEEDS / PLAN_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def plan(text: str) -> PlanText:
    return parse_plan(text, _overlay_titles())


def _el(plan: PlanText, key: str) -> TextElement:
    assert key in plan.elements, f"{key} not parsed; keys: {sorted(plan.elements)}"
    return plan.elements[key]


def _items(plan: PlanText, column: int) -> list[TextElement]:
    items = [e for e in plan.of_kind("item") if e.key.startswith(f"item.{column}.")]
    return sorted(items, key=lambda e: int(e.key.rsplit(".", 1)[1]))


# --- the plan and its actions -------------------------------------------------------------


def test_overlay_titles_and_known_titles_agree() -> None:
    titles = _overlay_titles()
    assert {n: titles[n] for n in KNOWN_TITLES} == KNOWN_TITLES


def test_parsing_with_known_titles_gives_the_same_elements(text: str, plan: PlanText) -> None:
    assert parse_plan(text, KNOWN_TITLES).elements == plan.elements


def test_plan_element_is_the_title_block(text: str, plan: PlanText) -> None:
    element = _el(plan, "plan")
    assert element.kind == "plan"
    assert element.name == "科技支撐碳達峰碳中和實施方案"
    assert element.source.quote == "科技支撐碳達峰碳中和實施方案\n(2022—2030 年)"
    # the title block of the plan proper, not the page's own title on the first line
    assert element.source.start > 0
    assert element.source.start == plan.bounds[0]
    assert element.description.startswith("為深入貫徹落實黨中央、國務院關於碳達峰碳中和的重大戰略部署")


def test_ten_actions_in_order(text: str, plan: PlanText) -> None:
    actions = plan.of_kind("action")
    assert sorted(e.key for e in actions) == sorted(f"action.{n}" for n in range(1, 11))
    starts = [_el(plan, f"action.{n}").source.start for n in range(1, 11)]
    assert starts == sorted(starts) and len(set(starts)) == 10
    for number, numeral in enumerate(CHINESE_NUMERALS, start=1):
        action = _el(plan, f"action.{number}")
        assert action.fields["number"] == number
        assert action.section == "plan"
        assert action.source.quote.startswith(numeral + "、")
        assert action.source.quote == f"{numeral}、{action.name}"
        assert text[action.source.start - 1] == "\n", "an action heading starts a line"


@pytest.mark.parametrize(
    ("number", "title"),
    [
        (1, "能源綠色低碳轉型科技支撐行動"),
        (4, "負碳及非二氧化碳溫室氣體減排技術能力提升行動"),
        (5, "前沿顛覆性低碳技術創新行動"),
        (8, "碳達峰碳中和創新項目、基地、人才協同增效行動"),
        (10, "碳達峰碳中和科技創新國際合作行動"),
    ],
)
def test_action_titles_as_written(plan: PlanText, number: int, title: str) -> None:
    assert _el(plan, f"action.{number}").name == title


def test_action_bodies_stop_at_their_column(plan: PlanText) -> None:
    assert "專欄" not in _el(plan, "action.3").description
    assert _el(plan, "action.3").description.endswith("鐵路綜合能耗強度持續下降。")
    # action 9's body is its first paragraph; the header-less column 9 follows it
    assert _el(plan, "action.9").description.endswith("推動綠色低碳產業集群化發展。")
    assert "綠色低碳科技企業孵化平台" not in _el(plan, "action.9").description


# --- columns and items ---------------------------------------------------------------------


def test_columns_3_to_10_exist_with_inferred_flags(plan: PlanText) -> None:
    columns = {e.key: e for e in plan.of_kind("column")}
    assert sorted(columns) == sorted(f"column.{n}" for n in range(3, 11))
    for number in range(3, 11):
        column = columns[f"column.{number}"]
        assert column.fields["number"] == number
        assert column.fields["inferred"] is (number in (9, 10))
        assert column.section == f"action.{number}"
        action = _el(plan, f"action.{number}")
        next_action_start = _el(plan, f"action.{number + 1}").source.start if number < 10 else plan.bounds[1]
        assert action.source.end < column.source.start < next_action_start


def test_column_headers_as_written(plan: PlanText) -> None:
    for number in range(3, 9):
        column = _el(plan, f"column.{number}")
        assert re.match(rf"專欄\s*{number}\s", column.source.quote)
    for number, title in KNOWN_TITLES.items():
        assert _el(plan, f"column.{number}").name == title
    assert _el(plan, "column.8").name == "碳達峰碳中和創新項目、基地和人才"
    # header-less columns: their span is their items, with no 專欄 anywhere
    assert "專欄" not in _el(plan, "column.9").source.quote
    assert _el(plan, "column.9").source.quote.startswith("綠色低碳科技企業孵化平台。")
    assert _el(plan, "column.10").source.quote.startswith("多雙邊低碳零碳負碳科技創新合作。")


@pytest.mark.parametrize(("column", "count"), sorted(ITEM_COUNTS.items()))
def test_item_count_per_column(plan: PlanText, column: int, count: int) -> None:
    items = _items(plan, column)
    assert [e.key for e in items] == [f"item.{column}.{k}" for k in range(1, count + 1)]
    for item in items:
        assert item.section == f"column.{column}"
        col = _el(plan, f"column.{column}")
        assert col.source.start <= item.source.start and item.source.end <= (
            col.source.end if col.fields["inferred"] else plan.bounds[1]
        )


def test_no_items_for_missing_columns_1_and_2(plan: PlanText) -> None:
    assert not [k for k in plan.elements if re.match(r"(item|column)\.(1|2|11)\b", k)]


def test_column_5_items_exact(plan: PlanText) -> None:
    items = _items(plan, 5)
    assert [e.name for e in items] == COLUMN_5_ITEMS
    for item in items:
        assert item.source.quote.startswith(item.name + "。")
        assert item.description and not item.description.startswith(item.name)
    assert items[1].description == "研究四代堆、核聚變反應堆等新型核能發電技術。"
    assert items[-1].source.quote.endswith("研發高效、低成本的空氣中二氧化碳直接捕集技術。")


def test_first_items_do_not_swallow_the_column_title(plan: PlanText) -> None:
    firsts = {c: _items(plan, c)[0].name for c in ITEM_COUNTS}
    assert firsts == {
        3: "光儲直柔供配電",
        4: "CCUS 技術",
        5: "新型高效光伏電池技術",
        6: "先進低碳零碳技術示範工程",
        7: "碳中和技術發展路線圖",
        8: "碳達峰碳中和科技創新項目支持體系",
        9: "綠色低碳科技企業孵化平台",
        10: "多雙邊低碳零碳負碳科技創新合作",
    }


def test_item_headings_have_no_full_stop_or_line_break(plan: PlanText) -> None:
    for item in plan.of_kind("item"):
        assert item.name and "。" not in item.name and "\n" not in item.name, item.key


@pytest.mark.parametrize("column", [8, 9])
def test_hard_wrapped_descriptions_are_joined(text: str, plan: PlanText, column: int) -> None:
    items = _items(plan, column)
    assert any("\n" in item.source.quote for item in items), "this column is hard-wrapped in the text"
    for item in items:
        assert "\n" not in item.description, item.key
        assert item.source.quote == text[item.source.start : item.source.end]
        # joined without inventing characters: the description is the quote minus its heading
        assert item.source.quote.replace("\n", "") == item.name + "。" + item.description


def test_hard_wrap_examples(plan: PlanText) -> None:
    # "設立專門\n針對…" and "科技企\n業孵化器" are split across lines in the text
    assert "設立專門針對碳達峰碳中和科技創新的重大項目" in _el(plan, "item.8.1").description
    assert "設立專門\n針對" in _el(plan, "item.8.1").source.quote
    assert "科技企業孵化器" in _el(plan, "item.9.1").description
    assert "科技企\n業孵化器" in _el(plan, "item.9.1").source.quote
    assert _el(plan, "item.9.7").name == "低碳技術驗證服務平台"
    assert _el(plan, "item.9.7").description.endswith("審定核查等技術驗證服務。")


def test_column_10_ends_before_the_closing_section(text: str, plan: PlanText) -> None:
    closing_start = text.index("為做好實施方案落實工作")
    column = _el(plan, "column.10")
    assert column.source.end <= closing_start
    for item in _items(plan, 10):
        assert item.source.end <= closing_start
        assert "為做好實施方案落實工作" not in item.description
    assert _el(plan, "item.10.4").name == "低碳零碳負碳創新國際組織"
    assert _el(plan, "item.10.4").description.endswith("支持區域性綠色低碳科技合作國際組織建設。")
    assert "為做好實施方案落實工作" not in _el(plan, "action.10").description


def test_column_6_demo_groups(plan: PlanText) -> None:
    groups = {e.key: e for e in plan.of_kind("demo_group")}
    assert sorted(groups) == sorted(f"demo_group.{k}" for k in DEMO_GROUPS)
    item = _el(plan, "item.6.1")
    previous_end = item.source.start
    for number, name in DEMO_GROUPS.items():
        group = groups[f"demo_group.{number}"]
        assert group.name == name
        assert group.section == "column.6"
        assert group.fields["number"] == number
        assert group.source.quote.startswith(f"({number}){name}:")
        assert item.source.start <= group.source.start and group.source.end <= item.source.end
        assert group.source.start >= previous_end
        previous_end = group.source.end
    assert "大型油氣田 CCUS 技術全流程示範工程" in groups["demo_group.5"].description
    # group 5 ends with item 6.1; the next item is not part of it
    assert "低碳技術創新綜合區域示範" not in groups["demo_group.5"].source.quote


# --- targets ---------------------------------------------------------------------------------


DATED_TARGETS = {
    # key: (section, year, the words the quote must open with)
    "target.2025@plan": ("plan", 2025, "到 2025 年實現重點行業和領域低碳關鍵核心技術的重大突破"),
    "target.2030@plan": ("plan", 2030, "到 2030 年,進一步研究突破一批碳中和前沿和顛覆性技術"),
    "target.2030@action.1": ("action.1", 2030, "到 2030 年,大幅提升能源技術自主創新能力"),
    "target.2030@action.2": ("action.2", 2030, "到 2030 年,形成一批支撐降低粗鋼、水泥、化工、有色金屬行業"),
    "target.2030@action.3": ("action.3", 2030, "到 2030 年,建築節能減碳各項技術取得重大突破"),
    "target.2030@action.3#2": ("action.3", 2030, "到 2030年,動力電池、驅動電機、車用作業系統等關鍵技術"),
    # trend targets closing a dated sentence, with the year before them
    "target.2030@plan#2": ("plan", 2030, "單位 GDP 能源消耗持續大幅下降"),
    "target.2030@action.3#3": ("action.3", 2030, "科技支撐單位周轉量能耗強度和鐵路綜合能耗強度持續下降"),
    "target.2030@action.4": ("action.4", 2030, "實現捕集成本大幅下降"),
}
TREND_TARGETS = ("target.2030@plan#2", "target.2030@action.3#3", "target.2030@action.4")


@pytest.mark.parametrize("key", TREND_TARGETS)
def test_trend_targets_are_their_whole_clause(plan: PlanText, key: str) -> None:
    """A trend target is exactly its clause: from after the comma or semicolon to before the 。."""
    target = _el(plan, key)
    assert target.source.quote == DATED_TARGETS[key][2]
    assert plan.text[target.source.start - 1] in ",;" and plan.text[target.source.end] == "。"
    assert target.fields["direction"] == "decrease"


def test_no_other_clause_is_a_trend_target(plan: PlanText) -> None:
    """Trends outside a dated sentence are not targets (支撐非二氧化碳溫室氣體排放下降 has no year)."""
    trends = [e.source.start for e in plan.of_kind("target") if e.key in TREND_TARGETS]
    assert len(trends) == 3
    assert all("非二氧化碳" not in e.source.quote for e in plan.of_kind("target"))


def test_target_keys(plan: PlanText) -> None:
    assert sorted(e.key for e in plan.of_kind("target")) == sorted([*TARGETS, *DATED_TARGETS])


@pytest.mark.parametrize("key", sorted(DATED_TARGETS))
def test_dated_targets_without_numbers(plan: PlanText, key: str) -> None:
    section, year, opening = DATED_TARGETS[key]
    target = _el(plan, key)
    assert (target.section, target.fields["year"], target.fields["quantified"]) == (section, year, False)
    assert target.source.quote.startswith(opening)
    assert target.source.quote[-1] not in ",;。", "a quote ends on a word, not on punctuation"
    # A dated target stops where a quantified one's clause begins: the numbers are their own targets.
    assert "%" not in target.source.quote and "比 2020 年" not in target.source.quote


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_target_fields_and_section(plan: PlanText, key: str) -> None:
    section, year, value, unit, baseline, comparator, direction = TARGETS[key]
    target = _el(plan, key)
    assert target.section == section
    assert dict(target.fields) == {
        "year": year,
        "value": value,
        "unit": unit,
        "baseline_year": baseline,
        "comparator": comparator,
        "direction": direction,
    }
    quote = target.source.quote
    if value is not None and unit is not None:
        number = f"{value:g}"
        assert re.search(rf"(?<![\d.]){re.escape(number)}\s*{re.escape(unit)}", quote), quote
    if section != "plan":
        action = _el(plan, section)
        following = [e.source.start for e in plan.of_kind("action") if e.source.start > action.source.start]
        assert action.source.start < target.source.start < min(following, default=plan.bounds[1])


def test_target_quotes(plan: PlanText) -> None:
    assert "比 2020 年下降 18%" in _el(plan, "target.2025/18%").source.quote
    assert "單位 GDP 能源消耗比 2020 年下降 13.5%" in _el(plan, "target.2025/13.5%").source.quote
    assert "比 2005 年下降 65%以上" in _el(plan, "target.2030/65%").source.quote
    assert "比 2020 年下降 20%" in _el(plan, "target.2025/20%").source.quote
    # the 30% clause does not write its baseline: it inherits 2020 from the clause before
    assert "2020" not in _el(plan, "target.2030/30%").source.quote
    assert "下降 30%" in _el(plan, "target.2030/30%").source.quote
    assert "建成 50 個" in _el(plan, "target.2030/50個").source.quote
    assert "500 家左右" in _el(plan, "target.500家").source.quote
    assert _el(plan, "target.2030/碳達峰").source.quote == "2030 年前實現碳達峰目標"
    assert _el(plan, "target.2060/碳中和").source.quote == "2060 年前實現碳中和目標"


def test_target_500_is_in_action_9_body_not_column_9(plan: PlanText) -> None:
    assert _el(plan, "target.500家").source.end <= _el(plan, "column.9").source.start


def test_goal_is_not_taken_from_the_page_summary(text: str, plan: PlanText) -> None:
    furniture = text.index("2030年前實現碳達峰")
    assert furniture < plan.bounds[0], "the summary at the top is page furniture"
    goal = _el(plan, "target.2030/碳達峰")
    assert goal.source.start > plan.bounds[0]
    assert goal.source.start != furniture
    assert goal.source.start > _el(plan, "plan").source.end


# --- spans and page furniture ----------------------------------------------------------------


def test_plan_bounds_exclude_page_furniture(text: str, plan: PlanText) -> None:
    period = text.index("(2022—2030 年)")
    title = text.rindex("科技支撐碳達峰碳中和實施方案", 0, period)
    assert plan.bounds[0] == title
    assert text.index("基本介紹") < plan.bounds[0]
    assert plan.bounds[1] <= text.index("熱門詞條")
    assert "熱門詞條" not in text[plan.bounds[0] : plan.bounds[1]]


def test_every_source_is_exact_and_inside_the_plan(text: str, plan: PlanText) -> None:
    period = text.index("(2022—2030 年)")
    title = text.rindex("科技支撐碳達峰碳中和實施方案", 0, period)
    footer = text.index("熱門詞條")
    assert len(plan.elements) > 60
    for key, element in plan.elements.items():
        source = element.source
        assert element.key == key
        assert source.quote, key
        assert source.quote == text[source.start : source.end], key
        assert source.end - source.start == len(source.quote), key
        assert source.quote == source.quote.strip(), f"{key}: quote has surrounding white space"
        assert title <= source.start and source.end <= footer, key
        for furniture in ("熱門詞條", "聯絡我們", "基本介紹", "內容解讀", "方案內容", "中文名", "頒布時間"):
            assert furniture not in source.quote, key


def test_closing_section_is_its_own_element(text: str, plan: PlanText) -> None:
    closing = [e for e in plan.elements.values() if e.source.quote.startswith("為做好實施方案落實工作")]
    assert [e.kind for e in closing] == ["closing"]
    assert closing[0].source.quote.endswith("為實現碳達峰碳中和目標持續發揮支撐和引領作用。")


# --- the parser refuses text of the wrong shape ------------------------------------------------


def test_missing_title_block_raises(text: str) -> None:
    broken = text.replace("(2022—2030 年)\n", "", 1)
    assert broken != text
    with pytest.raises(PlanParseError, match="2022—2030"):
        parse_plan(broken, KNOWN_TITLES)


def test_missing_action_heading_raises_naming_what_it_found(text: str) -> None:
    heading = "\n五、前沿顛覆性低碳技術創新行動\n"
    assert text.count(heading) == 1
    broken = text.replace(heading, "\n前沿顛覆性低碳技術創新行動\n")
    with pytest.raises(PlanParseError) as raised:
        parse_plan(broken, KNOWN_TITLES)
    assert "一二三四六七八九十" in str(raised.value)


@pytest.mark.parametrize(
    ("column", "wrong"),
    [(5, "前沿和顛覆性技術"), (3, "城鄉建設低碳技術"), (7, "")],
)
def test_wrong_column_title_hint_raises_naming_the_column(text: str, column: int, wrong: str) -> None:
    titles = {**KNOWN_TITLES, column: wrong}
    with pytest.raises(PlanParseError) as raised:
        parse_plan(text, titles)
    assert f"專欄 {column}" in str(raised.value)
    assert repr(wrong) in str(raised.value)
