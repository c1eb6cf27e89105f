"""The planner's gap report, in Markdown or self-contained HTML, rendered from the API's own
``GapsOut`` so that the report and ``GET /v1/gaps`` always agree."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Literal

from api.analytics_models import FindingOut, GapCheckOut, GapsOut, StallPathOut
from api.models import PathNodeOut

__all__ = ["ReportFormat", "render_gap_report", "arrow_path", "figures_text"]

ReportFormat = Literal["md", "html"]
TITLE = "Gaps in the plan"
INTRO = (
    "Findings of the Carbon Roadmap KG's gap checks over China's 2022–2030 S&T plan for carbon "
    "peaking and neutrality. Each finding says why it is a gap, the path or figures behind it, and "
    "the passages of the plan its main node comes from."
)
RESERVE_NOTE = (
    "Scope: technologies not yet commercial (TRL below 9) that are to be ready for deployment at "
    "scale by {horizon_max}{reserve}; commercial technologies need no demonstration and are never "
    "listed. Technologies of the 2060 research reserve are marked *reserve*; they are listed because "
    "the plan leaves them without a demonstration project too."
)
CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
  line-height:1.5;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:left}
td.count{text-align:right}code{background:#f3f3f3;padding:0 .2rem}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #ccc;color:#444}
.finding{margin:1rem 0;padding:.5rem 1rem;border:1px solid #ddd;border-radius:4px}.reserve{background:#fafaf0}
"""


def _node(node: PathNodeOut) -> str:
    return f"{node.name_en} ({node.id})"


def arrow_path(path: StallPathOut, names: bool = True) -> str:
    """A path as ``a → b → c``: names with ids, or ids alone; an enabling dependency's arrow
    is marked ``→[enabling]`` so that it reads apart from an essential one."""
    parts = [_node(path.nodes[0]) if names else path.nodes[0].id] if path.nodes else []
    for rel, node in zip(path.relationships, path.nodes[1:], strict=True):
        arrow = "→[enabling]" if rel.necessity == "enabling" else "→"
        parts.append(f"{arrow} {_node(node) if names else node.id}")
    return " ".join(parts)


def figures_text(figures: dict[str, int | float | bool | str | None]) -> str:
    """Figures as ``name: value`` pairs, booleans as yes/no and missing values as a dash."""

    def show(value: int | float | bool | str | None) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        return "–" if value is None else str(value)

    return ", ".join(f"{key.replace('_', ' ')}: {show(value)}" for key, value in figures.items())


def _parameters(gaps: GapsOut) -> dict[str, int | bool]:
    merged: dict[str, int | bool] = {}
    for check in gaps.checks:
        merged.update(check.parameters)
    return merged


def _scope(check: GapCheckOut) -> str | None:
    if "horizon_max" not in check.parameters:
        return None
    included = bool(check.parameters.get("include_reserve"))
    if int(check.parameters["horizon_max"]) >= 2060:
        reserve = ", the research reserve included"
    elif included:
        reserve = ", and the 2060 research reserve"
    else:
        reserve = " (the 2060 research reserve is left out)"
    return RESERVE_NOTE.format(horizon_max=check.parameters["horizon_max"], reserve=reserve)


def _is_reserve(finding: FindingOut) -> bool:
    return finding.figures.get("reserve") is True


# -- Markdown -------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe in Markdown prose and table cells (no markup, no line breaks)."""
    for char in "\\`*[]<>|":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _md_finding(number: int, finding: FindingOut) -> list[str]:
    main = finding.nodes[0]
    mark = " *(reserve)*" if _is_reserve(finding) else ""
    lines = [f"#### {number}. {_md(main.name_zh)} · {_md(main.name_en)} (`{main.id}`){mark}", ""]
    lines += [_md(finding.explanation), ""]
    if finding.path is not None:
        lines.append(f"- **Path:** {_md(arrow_path(finding.path))}")
    if finding.figures:
        lines.append(f"- **Figures:** {_md(figures_text(finding.figures))}")
    if len(finding.nodes) > 1:
        lines.append(
            "- **Also involved:** " + ", ".join(f"{_md(n.name_en)} (`{n.id}`)" for n in finding.nodes[1:])
        )
    if finding.sources:
        lines.append("- **Sources:**")
        lines += [f"  > {_md(s.quote)} *(plan text, characters {s.start}–{s.end})*" for s in finding.sources]
    else:
        lines.append("- **Sources:** none (curated, not quoted from the plan)")
    return [*lines, ""]


def _markdown(gaps: GapsOut, backend: str | None) -> str:
    params = ", ".join(
        f"`{k}={str(v).lower() if isinstance(v, bool) else v}`" for k, v in _parameters(gaps).items()
    )
    lines = [f"# {TITLE}", "", INTRO, ""]
    lines += [f"Backend: {backend}. Parameters: {params}." if backend else f"Parameters: {params}.", ""]
    lines += ["## Summary", "", "| kind | description | count |", "| --- | --- | ---: |"]
    lines += [f"| {c.kind} | {_md(c.description)} | {c.count} |" for c in gaps.checks]
    lines += ["", f"{sum(c.count for c in gaps.checks)} findings in all.", ""]
    for check in gaps.checks:
        lines += [f"## {check.kind} ({check.count})", "", _md(check.description), ""]
        scope = _scope(check)
        if scope:
            lines += [scope, ""]
        if not check.items:
            lines += ["No findings.", ""]
        for group, items in _groups(check):
            if group:
                lines += [f"### {group}", ""]
            for number, finding in items:
                lines += _md_finding(number, finding)
    return "\n".join(lines).rstrip() + "\n"


def _groups(check: GapCheckOut) -> Iterable[tuple[str | None, list[tuple[int, FindingOut]]]]:
    """Findings numbered in order; undemonstrated's split into due and reserve."""
    numbered = list(enumerate(check.items, start=1))
    reserve = [(i, f) for i, f in numbered if _is_reserve(f)]
    if not reserve:
        yield None, numbered
        return
    yield "Due by the horizon", [(i, f) for i, f in numbered if not _is_reserve(f)]
    yield "The 2060 research reserve", reserve


# -- HTML -----------------------------------------------------------------------------------


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_finding(number: int, finding: FindingOut) -> list[str]:
    main = finding.nodes[0]
    css = "finding reserve" if _is_reserve(finding) else "finding"
    mark = " <em>(reserve)</em>" if _is_reserve(finding) else ""
    out = [f'<div class="{css}" id="{_h(_anchor(main.id, number))}">']
    out.append(
        f"<h4>{number}. {_h(main.name_zh)} · {_h(main.name_en)} (<code>{_h(main.id)}</code>){mark}</h4>"
    )
    out.append(f"<p>{_h(finding.explanation)}</p><ul>")
    if finding.path is not None:
        out.append(f"<li><strong>Path:</strong> {_h(arrow_path(finding.path))}</li>")
    if finding.figures:
        out.append(f"<li><strong>Figures:</strong> {_h(figures_text(finding.figures))}</li>")
    if len(finding.nodes) > 1:
        others = ", ".join(f"{_h(n.name_en)} (<code>{_h(n.id)}</code>)" for n in finding.nodes[1:])
        out.append(f"<li><strong>Also involved:</strong> {others}</li>")
    out.append("</ul>")
    for s in finding.sources:
        out.append(
            f"<blockquote>{_h(s.quote)} <small>(plan text, characters {s.start}–{s.end})</small></blockquote>"
        )
    if not finding.sources:
        out.append("<p><small>No sources: curated, not quoted from the plan.</small></p>")
    out.append("</div>")
    return out


def _anchor(node_id: str, number: int) -> str:
    return f"{node_id}-{number}"


def _html(gaps: GapsOut, backend: str | None) -> str:
    params = ", ".join(
        f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in _parameters(gaps).items()
    )
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">']
    out += [f"<title>{_h(TITLE)}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    out += [f"<h1>{_h(TITLE)}</h1>", f"<p>{_h(INTRO)}</p>"]
    out.append(
        f"<p>{_h(f'Backend: {backend}. ' if backend else '')}Parameters: <code>{_h(params)}</code>.</p>"
    )
    out += [
        "<h2>Summary</h2>",
        "<table>",
        "<thead><tr><th>kind</th><th>description</th><th>count</th></tr></thead>",
    ]
    out.append("<tbody>")
    for c in gaps.checks:
        link = f'<a href="#{_h(c.kind)}">{_h(c.kind)}</a>'
        out.append(f'<tr><td>{link}</td><td>{_h(c.description)}</td><td class="count">{c.count}</td></tr>')
    out += ["</tbody>", "</table>", f"<p>{sum(c.count for c in gaps.checks)} findings in all.</p>"]
    for check in gaps.checks:
        out += [
            f'<h2 id="{_h(check.kind)}">{_h(check.kind)} ({check.count})</h2>',
            f"<p>{_h(check.description)}</p>",
        ]
        scope = _scope(check)
        if scope:
            out.append(f"<p>{_h(scope.replace('*', ''))}</p>")
        if not check.items:
            out.append("<p>No findings.</p>")
        for group, items in _groups(check):
            if group:
                out.append(f"<h3>{_h(group)}</h3>")
            for number, finding in items:
                out += _html_finding(number, finding)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def render_gap_report(gaps: GapsOut, fmt: ReportFormat = "md", backend: str | None = None) -> str:
    """The gap report: a summary table (kind, description, count per check), then every finding
    with its explanation, path (``a → b → c`` with names), figures and sources.

    Parameters
    ----------
    gaps : the answer of ``GET /v1/gaps``.
    fmt : ``md`` (Markdown) or ``html`` (one self-contained page, every text escaped).
    backend : the backend's name, to say where the findings come from.

    Returns
    -------
    str : the whole report.

    Raises
    ------
    ValueError : an unknown format.
    """
    if fmt == "md":
        return _markdown(gaps, backend)
    if fmt == "html":
        return _html(gaps, backend)
    raise ValueError(f"format: must be md or html, got {fmt!r}")
