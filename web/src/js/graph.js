// Drawings with cytoscape.js. Each is a figure whose canvas has role="img" and a label; the list
// beside it (built by the view) is the accessible path. Clicking a node opens it.
import cytoscape from "../vendor/cytoscape.js";
import dagre from "../vendor/cytoscape-dagre.js";
import { h, route } from "./dom.js";

cytoscape.use(dagre);

export const LABEL_COLOURS = {
  Plan: "#6b4c9a", Action: "#8e5ea2", Column: "#b07cc6", Technology: "#1b7f5a", Sector: "#c77c02",
  DemonstrationProject: "#2f6db5", Milestone: "#c0392b", Goal: "#7f1d1d", Initiative: "#5f7f1b", Organization: "#555",
};

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": (n) => LABEL_COLOURS[n.data("label")] || "#777",
      label: "data(name)",
      "font-size": 13,
      "font-family": "Noto Sans CJK TC, Noto Sans CJK SC, Noto Sans TC, PingFang TC, Microsoft JhengHei, sans-serif",
      "text-wrap": "wrap",
      "text-max-width": 110,
      "text-valign": "bottom",
      "text-margin-y": 4,
      "text-background-color": "#fff",
      "text-background-opacity": 0.75,
      "text-background-padding": 1,
      color: "#1d232a",
      width: 18,
      height: 18,
    },
  },
  { selector: "node.focus", style: { width: 30, height: 30, "border-width": 3, "border-color": "#111", "font-weight": "bold" } },
  { selector: "node.weakest", style: { "border-width": 4, "border-color": "#e11d48", "border-style": "double" } },
  {
    selector: "edge",
    style: {
      width: 1.5,
      "line-color": "#9aa5b1",
      "target-arrow-color": "#9aa5b1",
      "target-arrow-shape": "triangle",
      "curve-style": "bezier",
      label: "data(type)",
      "font-size": 9,
      color: "#52606d",
      "text-rotation": "autorotate",
      "text-background-color": "#fff",
      "text-background-opacity": 0.8,
    },
  },
  { selector: "edge.enabling", style: { "line-style": "dashed" } },
  { selector: "edge.essential", style: { width: 3, "line-color": "#1b7f5a", "target-arrow-color": "#1b7f5a" } },
  { selector: ".faded", style: { opacity: 0.25 } },
];

// nodes: [{id, label, name_zh, classes?}], edges: [{source, target, type, classes?}]
export function drawGraph({ nodes, edges, label, layout = "cose", focus, height }) {
  height = height || Math.min(900, Math.max(380, new Set(nodes.map((n) => n.id)).size * 24));
  const canvas = h("div", { class: "cy", role: "img", "aria-label": label, style: undefined });
  canvas.style.height = `${height}px`;
  const figure = h("figure", { class: "graph" }, canvas);
  const seen = new Set();
  const elements = [];
  for (const node of nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    elements.push({ group: "nodes", data: { id: node.id, label: node.label, name: node.name_zh }, classes: [node.id === focus ? "focus" : "", node.classes || ""].join(" ").trim() });
  }
  edges.forEach((edge, i) => {
    if (!seen.has(edge.source) || !seen.has(edge.target)) return;
    elements.push({ group: "edges", data: { id: `e${i}`, source: edge.source, target: edge.target, type: edge.type }, classes: edge.classes || "" });
  });
  // Laid out once the figure is in the document, so that cytoscape measures its real size.
  requestAnimationFrame(() => {
    if (!canvas.isConnected) return;
    const cy = cytoscape({
      container: canvas,
      elements,
      style: STYLE,
      layout: layoutOptions(layout, focus),
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
    });
    cy.on("tap", "node", (event) => {
      const id = event.target.id();
      if (id !== focus) location.hash = route.node(id);
    });
    canvas.dataset.nodeCount = String(cy.nodes().length);
    canvas.dataset.edgeCount = String(cy.edges().length);
  });
  return figure;
}

function layoutOptions(name, focus) {
  if (name === "dagre") return { name: "dagre", rankDir: "LR", nodeSep: 34, rankSep: 170, animate: false, fit: true, padding: 24 };
  if (name === "concentric") {
    return {
      name: "concentric",
      concentric: (n) => (n.id() === focus ? 2 : 1),
      levelWidth: () => 1,
      minNodeSpacing: 36,
      animate: false,
      padding: 30,
    };
  }
  return { name: "cose", animate: false, padding: 30, nodeRepulsion: () => 40000, idealEdgeLength: () => 140 };
}

// The colour key of the labels a drawing uses.
export function legend(labels) {
  return h("ul", { class: "legend", "aria-hidden": "true" },
    [...new Set(labels)].map((label) => {
      const swatch = h("span", { class: "swatch" });
      swatch.style.background = LABEL_COLOURS[label] || "#777";
      return h("li", {}, swatch, label);
    }));
}
