// Chains: a technology's upstream (what it needs) or downstream (what needs it) dependencies,
// drawn in layers by depth; essential dependencies solid, enabling ones dashed (when the API
// says which).
import { ApiError, get, nodePath } from "../api.js";
import { altNames, csvButton, errorBox, h, labelBadge, loading, nodeLink, route, section, setTitle, fill } from "../dom.js";
import { drawGraph, legend } from "../graph.js";
import { t } from "../i18n.js";
import { notFound } from "./node.js";

const PARALLEL = 6; // neighbour requests in flight at once

export async function chainsView(root, { id, params, current }) {
  const direction = params.get("direction") === "downstream" ? "downstream" : "upstream";
  const depth = Math.min(10, Math.max(1, Number(params.get("depth")) || 3));
  root.append(loading());
  let deps, edges;
  try {
    deps = await get(`/v1/technologies/${encodeURIComponent(id)}/dependencies`, { direction, max_depth: depth, limit: 200 });
    edges = await dependsOn([deps.root, ...deps.items.map((i) => i.node)], direction);
  } catch (error) {
    if (!current()) return;
    fill(root, error instanceof ApiError && error.status === 404 ? notFound(id, error) : errorBox(error));
    return;
  }
  if (!current()) return;
  const root_ = deps.root;
  setTitle(`${t("chains")} · ${root_.name_zh}`);
  const controls = h("div", { class: "controls" },
    h("label", { for: "chain-direction" }, t("direction"), h("select", { id: "chain-direction", onchange: (e) => go(e.target.value, depth) },
      h("option", { value: "upstream", selected: direction === "upstream" }, t("upstream")),
      h("option", { value: "downstream", selected: direction === "downstream" }, t("downstream")))),
    h("label", { for: "chain-depth" }, t("maxDepth"), h("select", { id: "chain-depth", onchange: (e) => go(direction, e.target.value) },
      Array.from({ length: 10 }, (_, i) => h("option", { value: String(i + 1), selected: i + 1 === depth }, String(i + 1))))));
  function go(dir, d) { location.hash = `${route.chains(id, dir)}&depth=${d}`; }

  const ids = new Set([root_.id, ...deps.items.map((i) => i.node.id)]);
  const inside = edges.filter((r) => ids.has(r.source) && ids.has(r.target));
  const nodes = [root_, ...deps.items.map((i) => i.node)];
  const byDepth = new Map();
  for (const item of deps.items) {
    if (!byDepth.has(item.depth)) byDepth.set(item.depth, []);
    byDepth.get(item.depth).push(item.node);
  }
  const necessityOf = (nodeId) => inside.filter((r) => (direction === "upstream" ? r.target : r.source) === nodeId).map((r) => r.properties.necessity).filter(Boolean);
  const drawing = drawGraph({
    nodes, layout: "dagre", focus: root_.id,
    edges: inside.map((r) => ({
      source: r.source, target: r.target, classes: r.properties.necessity || "",
      type: r.properties.necessity ? `${r.type} · ${r.properties.necessity}` : r.type,
    })),
    label: `${t(direction)}: ${root_.name_zh}, ${deps.items.length}`,
  });
  const layers = h("div", {}, [...byDepth].map(([d, group]) => h("section", {}, h("h3", {}, `${t("depth")} ${d}`),
    h("ul", {}, group.map((node) => h("li", {}, nodeLink(node), " ", altNames(node), " ",
      [...new Set(necessityOf(node.id))].map((n) => h("span", { class: `badge ${n}` }, t(n))),
      node.properties.trl != null ? h("span", { class: "badge" }, `TRL ${node.properties.trl}`) : null))))));
  const csv = csvButton(`${id}-${direction}.csv`, () => [
    ["depth", "id", "name_zh", "name_en", "trl"],
    ...deps.items.map((i) => [i.depth, i.node.id, i.node.name_zh, i.node.name_en, i.node.properties.trl ?? ""]),
  ]);
  const shown = `${deps.items.length}${deps.total > deps.items.length ? ` ${t("of")} ${deps.total}` : ""}`;
  fill(root, 
    h("p", { class: "kicker" }, labelBadge(root_.label), " ", h("a", { href: route.node(root_.id) }, root_.id)),
    h("h1", {}, `${t("chains")}: `, h("span", { lang: "zh-Hant" }, root_.name_zh)),
    h("p", { class: "names" }, altNames(root_)),
    controls,
    deps.items.length
      ? section(`${t(direction)} · ${shown}`, legend(nodes.map((n) => n.label)), h("div", { class: "split" }, drawing, layers), csv)
      : h("p", {}, t("noDeps")),
  );
}

// The DEPENDS_ON relationships leaving (upstream) or entering (downstream) each node.
async function dependsOn(nodes, direction) {
  const found = [];
  const queue = [...nodes];
  async function worker() {
    while (queue.length) {
      const node = queue.shift();
      const answer = await get(`${nodePath(node.id)}/neighbors`, { type: "DEPENDS_ON", direction: direction === "upstream" ? "out" : "in" });
      found.push(...answer.items.map((i) => i.relationship));
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return found;
}
