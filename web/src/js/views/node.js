// A node: its names, badges, the plan's own words, and its neighbourhood drawn and listed.
import { ApiError, get, getOnce, nodePath } from "../api.js";
import { altNames, errorBox, h, labelBadge, loading, nodeLink, route, section, setTitle, fill } from "../dom.js";
import { drawGraph, legend } from "../graph.js";
import { currentLang, t } from "../i18n.js";
import { planText, provenance } from "../passages.js";
import { searchBox } from "../searchbox.js";

export async function nodeView(root, { id, current }) {
  root.append(loading());
  // Two calls per node; the plan text (for each quote's surrounding words) once per visit.
  let node, neighbours, text;
  try {
    [node, neighbours, text] = await Promise.all([get(nodePath(id)), get(`${nodePath(id)}/neighbors`), planText()]);
  } catch (error) {
    if (!current()) return;
    fill(root, error instanceof ApiError && error.status === 404 ? notFound(id, error) : errorBox(error));
    return;
  }
  if (!current()) return;
  setTitle(node.name_zh);
  fill(root, 
    header(node),
    section(t("planWords"), ...provenance(text.text, node)),
    section(t("neighbourhood"), ...neighbourhood(node, neighbours.items, text.text)),
  );
}

// An unknown id: what the API said, and a search box to find the node meant.
export function notFound(id, error) {
  setTitle(t("notFound"));
  return [
    h("h1", {}, t("notFound")),
    h("div", { class: "error", role: "alert" }, error ? error.detail : h("code", {}, id)),
    h("p", {}, t("notFoundText")),
    searchBox({ autofocus: true }).form,
  ];
}

function header(node) {
  const p = node.properties;
  const facts = [];
  if (p.trl !== undefined && p.trl !== null) facts.push(trlBadge(p));
  if (p.horizon) facts.push(fact(t("horizon"), p.horizon));
  if (p.readiness) facts.push(fact(t("readiness"), p.readiness, p.readiness_basis ? `(${p.readiness_basis})` : ""));
  if (p.carbon_class) facts.push(fact(t("carbonClass"), p.carbon_class));
  if (p.year && node.label !== "Technology") facts.push(fact(t("year"), p.year));
  if (p.value !== undefined && p.value !== null) facts.push(fact(p.metric || "", `${p.comparator ? p.comparator + " " : ""}${p.value}${p.unit ? " " + p.unit : ""}`));
  const description = currentLang() === "en" ? p.description_en || p.description_zh : p.description_zh || p.description_en;
  const actions = [];
  if (node.label === "Technology") actions.push(h("a", { href: route.chains(node.id) }, t("chains")), h("a", { href: route.impact(node.id) }, t("impact")));
  if (node.label === "Milestone") actions.push(h("a", { href: route.milestone(node.id) }, t("openMilestone")));
  actions.push(h("a", { href: route.paths({ from: node.id }) }, t("paths")));
  return h("header", { class: "node-head" },
    h("p", { class: "kicker" }, labelBadge(node.label), " ", h("code", {}, node.id)),
    h("h1", { lang: "zh-Hant" }, node.name_zh),
    h("p", { class: "names" }, altNames(node)),
    facts.length ? h("dl", { class: "facts" }, facts) : null,
    description ? h("p", { class: "description" }, description) : null,
    h("p", { class: "actions" }, actions.map((a, i) => (i ? [" · ", a] : a))));
}

function fact(name, value, extra = "") {
  return h("div", { class: "fact" }, h("dt", {}, name), h("dd", {}, String(value), extra ? ` ${extra}` : ""));
}

// The TRL with the IEA scale on hover or focus; the scale's words come from /v1/schema, asked
// for the first time a badge is shown.
function trlBadge(p) {
  const tipId = `trl-tip-${Math.random().toString(36).slice(2)}`;
  const stage = h("span", {});
  const tip = h("span", { role: "tooltip", id: tipId, class: "tip" },
    h("strong", {}, t("trlScale")), h("br"), `TRL ${p.trl}`, stage,
    p.trl_basis ? [h("br"), p.trl_year ? `${p.trl_year}: ` : "", p.trl_basis] : "");
  const badge = h("span", { class: "trl has-tip", tabindex: "0", "aria-describedby": tipId }, `TRL ${p.trl}`, tip);
  const explain = () => getOnce("/v1/schema").then((schema) => {
    const level = (schema.trl_scale || []).find((s) => s.level === p.trl);
    if (level) stage.textContent = `: ${level.description}`;
  }).catch(() => {});
  badge.addEventListener("mouseenter", explain, { once: true });
  badge.addEventListener("focus", explain, { once: true });
  return h("div", { class: "fact" }, h("dt", {}, t("trl")), h("dd", {}, badge));
}

function neighbourhood(node, items, text) {
  const nodes = [node, ...items.map((item) => item.node)];
  const edges = items.map(({ relationship: r }) => ({ source: r.source, target: r.target, type: r.type, classes: r.properties.necessity || "" }));
  const figure = drawGraph({
    nodes, edges, focus: node.id, layout: items.length > 30 ? "cose" : "concentric", height: 560,
    label: `${t("graphOf")}${node.name_zh}: ${items.length} ${t("neighbourList")}`,
  });
  const groups = new Map();
  for (const item of items) {
    const outgoing = item.relationship.source === node.id;
    const key = outgoing ? `${t("thisNode")} —${item.relationship.type}→` : `—${item.relationship.type}→ ${t("thisNode")}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  const list = h("div", { class: "neighbour-list" }, h("h3", {}, t("neighbourList")),
    [...groups].map(([key, group]) => h("section", {}, h("h4", {}, key),
      h("ul", {}, group.map(({ relationship: r, node: other }) => h("li", {},
        labelBadge(other.label), " ", nodeLink(other), " ", altNames(other),
        r.properties.necessity ? h("span", { class: `badge ${r.properties.necessity}` }, t(r.properties.necessity)) : null,
        r.properties.basis === "curated" ? h("span", { class: "badge curated" }, t("curated")) : null,
        (r.sources.length || r.properties.rationale)
          ? h("details", {}, h("summary", {}, `${t("why")} (${r.type})`), provenance(text, r))
          : null))))));
  return [legend(nodes.map((n) => n.label)), figure, list];
}
