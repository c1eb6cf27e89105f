// What if it stalls: the technologies, demonstrations and milestones a technology holds up,
// each with the chain that links them.
import { ApiError, get } from "../api.js";
import { altNames, csvButton, errorBox, h, labelBadge, loading, nodeLink, route, section, setTitle, fill } from "../dom.js";
import { drawGraph, legend } from "../graph.js";
import { t } from "../i18n.js";
import { pathInline, walkElements } from "../walks.js";
import { notFound } from "./node.js";

const GROUPS = [["technologies", "technologies"], ["demonstrations", "demonstrations"], ["milestones", "milestones"]];

export async function impactView(root, { id, params, current }) {
  const enabling = params.get("enabling") === "true";
  root.append(loading());
  let found;
  try {
    found = await get(`/v1/impact/${encodeURIComponent(id)}`, enabling ? { include_enabling: true, limit: 200 } : { limit: 200 });
  } catch (error) {
    if (!current()) return;
    fill(root, error instanceof ApiError && error.status === 404 ? notFound(id, error) : errorBox(error));
    return;
  }
  if (!current()) return;
  const stalled = found.root;
  setTitle(`${t("impact")} · ${stalled.name_zh}`);
  const groups = Object.fromEntries(GROUPS.map(([key]) => [key, group(found[key])]));
  const items = GROUPS.flatMap(([key]) => groups[key].items);
  const { nodes, edges } = walkElements([{ nodes: [stalled], relationships: [] }, ...items.map((i) => i.chain)]);
  const toggle = h("label", { class: "muted" },
    h("input", { type: "checkbox", checked: enabling, onchange: (e) => { location.hash = `${route.impact(id)}${e.target.checked ? "?enabling=true" : ""}`; } }),
    ` ${t("includeEnabling")}`);
  fill(root, 
    h("p", { class: "kicker" }, labelBadge(stalled.label), " ", h("a", { href: route.node(stalled.id) }, stalled.id)),
    h("h1", {}, `${t("impactTitle")}: `, h("span", { lang: "zh-Hant" }, stalled.name_zh)),
    h("p", { class: "names" }, altNames(stalled)),
    h("p", {}, toggle),
    h("dl", { class: "facts" }, Object.entries(found.counts || {}).map(([label, count]) => h("div", { class: "fact" }, h("dt", {}, label), h("dd", {}, String(count))))),
    items.length
      ? [legend(nodes.map((n) => n.label)), drawGraph({ nodes, edges, layout: "dagre", focus: stalled.id, label: `${t("impactTitle")}: ${stalled.name_zh}, ${items.length}` })]
      : h("p", {}, t("nothingHeld")),
    GROUPS.map(([key, label]) => groups[key].items.length ? section(`${t(label)} (${shown(groups[key])})`,
      h("ul", {}, groups[key].items.map((item) => h("li", {}, nodeLink(item.node), " ", altNames(item.node), h("br"),
        h("span", { class: "muted" }, `${t("depth")} ${item.depth}: `), pathInline(item.chain))))) : null),
    items.length ? csvButton(`impact-${id}.csv`, () => [["label", "id", "name_zh", "name_en", "depth", "chain"],
      ...items.map((i) => [i.node.label, i.node.id, i.node.name_zh, i.node.name_en, i.depth, i.chain.nodes.map((n) => n.id).join(" > ")])]) : null,
  );
}

// A group of the answer: a page {items, total} (a plain list from an older server).
function group(found) {
  if (Array.isArray(found)) return { items: found, total: found.length };
  return { items: (found && found.items) || [], total: (found && found.total) || 0 };
}

function shown({ items, total }) {
  return total > items.length ? `${items.length} ${t("of")} ${total}` : String(items.length);
}
