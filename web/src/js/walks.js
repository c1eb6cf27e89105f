// Paths and chains (the API's Path: nodes in walking order, relationships between them), drawn
// as one layered graph and written out as lists.
import { h, nodeLink } from "./dom.js";
import { t } from "./i18n.js";

// One path inline: 甲 —TYPE→ 乙 ←TYPE— 丙, every node a link; `weakest` gets a mark.
export function pathInline(path, weakest) {
  const parts = [];
  path.nodes.forEach((node, i) => {
    if (i) {
      const rel = path.relationships[i - 1];
      const forward = rel.source === path.nodes[i - 1].id;
      const type = rel.necessity ? `${rel.type}·${t(rel.necessity)}` : rel.type;
      parts.push(h("span", { class: `rel ${rel.necessity || ""}` }, forward ? ` —${type}→ ` : ` ←${type}— `));
    }
    parts.push(nodeLink(node));
    if (weakest && weakest.id === node.id) {
      parts.push(h("span", { class: "weakest-mark" }, ` ⚠ ${t("weakest")}${weakest.trl != null ? ` (TRL ${weakest.trl})` : ""}`));
    }
  });
  return h("span", { class: "path" }, parts);
}

// Paths in walking order for a left-to-right drawing: each edge points along the walk, so the
// first node sits left and the last right; its label says when the relationship points back.
export function walkElements(paths, classesOf = () => "") {
  const nodes = new Map();
  const edges = new Map();
  for (const path of paths) {
    for (const node of path.nodes) if (!nodes.has(node.id)) nodes.set(node.id, { ...node, classes: classesOf(node) });
    path.relationships.forEach((rel, i) => {
      const from = path.nodes[i].id;
      const to = path.nodes[i + 1].id;
      const forward = rel.source === from;
      const type = rel.necessity ? `${rel.type} · ${rel.necessity}` : rel.type;
      edges.set(`${from}|${rel.type}|${to}`, { source: from, target: to, type: forward ? type : `← ${type}`, classes: rel.necessity || "" });
    });
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export function pathRows(paths) {
  return paths.map((path) => [path.length, path.nodes.map((n) => n.id).join(" > "), path.nodes.map((n) => n.name_zh).join(" > "), path.relationships.map((r) => r.type).join(" > ")]);
}
