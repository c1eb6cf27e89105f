// The plan reader: the plan text itself, every cited span marked; selecting one lists the nodes
// and relationships that cite it. Paragraphs nothing cites are greyed, so the text shows what the
// graph leaves out.
import { altNames, errorBox, h, labelBadge, loading, nodeLink, route, setTitle, fill } from "../dom.js";
import { t } from "../i18n.js";
import { planText } from "../passages.js";

export async function planView(root, { params, current }) {
  setTitle(t("plan"));
  root.append(loading());
  let plan;
  try {
    plan = await planText();
  } catch (error) {
    if (current()) fill(root, errorBox(error));
    return;
  }
  if (!current()) return;
  const aside = h("aside", { "aria-label": t("citedBy"), "aria-live": "polite" }, h("p", { class: "muted" }, t("selectSpan")));
  const body = h("div", { class: "plan-text", lang: "zh-Hant" });
  const marks = [];
  const { text, spans } = plan;
  let uncitedLines = 0;
  let offset = 0;
  for (const line of text.split("\n")) {
    const lineEnd = offset + line.length;
    const inside = spans.filter((s) => s.start < lineEnd && s.end > offset);
    const block = h("span", { class: inside.length ? "line" : "line uncited" });
    if (!inside.length && line.trim()) uncitedLines++;
    const cuts = [...new Set([offset, lineEnd, ...inside.flatMap((s) => [s.start, s.end]).filter((c) => c > offset && c < lineEnd)])].sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [a, b] = [cuts[i], cuts[i + 1]];
      const covering = inside.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { block.append(text.slice(a, b)); continue; }
      const mark = h("mark", { tabindex: "0", role: "button", class: covering.length > 1 ? "deep" : "", dataset: { start: String(a) } }, text.slice(a, b));
      mark.spans = covering;
      marks.push(mark);
      block.append(mark);
    }
    body.append(block, "\n");
    offset = lineEnd + 1;
  }

  function select(mark, updateUrl = true) {
    const chosen = mark.spans;
    for (const other of marks) other.classList.toggle("selected", other.spans.some((s) => chosen.includes(s)));
    aside.replaceChildren(h("h2", {}, t("citedBy")), ...chosen.map((span) => citations(text, span)));
    if (updateUrl) history.replaceState(null, "", route.plan(mark.dataset.start));
  }
  for (const mark of marks) {
    mark.addEventListener("click", () => select(mark));
    mark.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(mark); }
    });
  }
  fill(root, 
    h("h1", {}, t("plan")),
    h("p", { class: "lede" }, t("planIntro"), ` ${spans.length} ${t("spans")}; ${uncitedLines} ${t("uncited")}.`),
    h("div", { class: "plan-layout" }, body, aside),
  );
  const at = Number(params.get("at"));
  if (params.has("at")) {
    const mark = marks.find((m) => Number(m.dataset.start) === at) || marks.find((m) => m.spans.some((s) => s.start <= at && s.end > at));
    if (mark) {
      select(mark, false);
      mark.scrollIntoView({ block: "center" });
      mark.focus({ preventScroll: true });
    }
  }
}

function citations(text, span) {
  const nodes = span.cites.filter((c) => c.kind === "node");
  const rels = span.cites.filter((c) => c.kind === "relationship");
  return h("section", { class: "citation" },
    h("blockquote", { lang: "zh-Hant" }, h("mark", {}, text.slice(span.start, span.end))),
    h("p", { class: "muted" }, `${span.start}–${span.end}`),
    nodes.length ? h("ul", {}, nodes.map((c) => h("li", {}, labelBadge(c.node.label), " ", nodeLink(c.node), " ", altNames(c.node)))) : null,
    rels.length ? h("ul", {}, rels.map((c) => h("li", {}, nodeLink(c.source), h("span", { class: "rel" }, ` —${c.type}→ `), nodeLink(c.target)))) : null);
}
