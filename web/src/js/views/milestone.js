// A milestone: the technology chains that lead to it, prerequisite first, weakest link marked.
import { ApiError, get } from "../api.js";
import { altNames, csvButton, errorBox, h, labelBadge, loading, route, section, setTitle, fill } from "../dom.js";
import { drawGraph, legend } from "../graph.js";
import { t } from "../i18n.js";
import { pathInline, walkElements } from "../walks.js";
import { notFound } from "./node.js";

export async function milestoneView(root, { id, params, current }) {
  const enabling = params.get("enabling") === "true";
  root.append(loading());
  let found;
  try {
    found = await get(`/v1/milestones/${encodeURIComponent(id)}/chains`, enabling ? { limit: 100, include_enabling: true } : { limit: 100 });
  } catch (error) {
    if (!current()) return;
    fill(root, error instanceof ApiError && error.status === 404 ? notFound(id, error) : errorBox(error));
    return;
  }
  if (!current()) return;
  const m = found.milestone;
  const p = m.properties;
  setTitle(m.name_zh);
  const weakest = new Set(found.chains.map((c) => c.weakest && c.weakest.id).filter(Boolean));
  const { nodes, edges } = walkElements(found.chains.map((c) => c.path), (n) => (weakest.has(n.id) ? "weakest" : ""));
  fill(root, 
    h("p", { class: "kicker" }, labelBadge(m.label), " ", h("a", { href: route.node(m.id) }, m.id)),
    h("h1", { lang: "zh-Hant" }, m.name_zh),
    h("p", { class: "names" }, altNames(m)),
    h("p", {}, h("label", { class: "muted" },
      h("input", { type: "checkbox", checked: enabling, onchange: (e) => { location.hash = `${route.milestone(id)}${e.target.checked ? "?enabling=true" : ""}`; } }),
      ` ${t("includeEnabling")}`)),
    h("dl", { class: "facts" },
      p.year ? h("div", { class: "fact" }, h("dt", {}, t("year")), h("dd", {}, String(p.year))) : null,
      p.value != null ? h("div", { class: "fact" }, h("dt", {}, p.metric || ""), h("dd", {}, `${p.comparator || ""} ${p.value} ${p.unit || ""}`)) : null),
    section(`${t("milestoneChains")} (${found.chains.length}${found.total > found.chains.length ? ` ${t("of")} ${found.total}` : ""})`,
      found.chains.length
        ? [legend(nodes.map((n) => n.label)),
          drawGraph({ nodes, edges, layout: "dagre", focus: m.id, label: `${t("milestoneChains")}: ${m.name_zh}, ${found.chains.length}` }),
          h("ol", { class: "path-list" }, found.chains.map((c) => h("li", {}, pathInline(c.path, c.weakest)))),
          csvButton(`chains-${id}.csv`, () => [["chain", "weakest", "weakest_trl"], ...found.chains.map((c) => [c.path.nodes.map((n) => n.id).join(" > "), c.weakest?.id ?? "", c.weakest?.trl ?? ""])])]
        : h("p", {}, t("noChains"))),
  );
}
