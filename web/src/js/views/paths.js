// The path finder: two ends chosen by search, shortest or simple paths, drawn source → target
// left to right and listed; the drawing shows the ticked rows.
import { get, nodePath } from "../api.js";
import { altNames, csvButton, errorBox, h, loading, nodeLink, route, section, setTitle } from "../dom.js";
import { drawGraph, legend } from "../graph.js";
import { t } from "../i18n.js";
import { searchBox } from "../searchbox.js";
import { pathInline, pathRows, walkElements } from "../walks.js";

const DRAWN = 5; // rows ticked for drawing at first

export async function pathsView(root, { params, current }) {
  setTitle(t("paths"));
  const state = {
    from: params.get("from") || "",
    to: params.get("to") || "",
    mode: params.get("mode") === "simple" ? "simple" : "shortest",
    hops: params.get("hops") || "",
  };
  const ends = {};
  const answer = h("div", {});
  root.append(h("h1", {}, t("paths")), await form(state, ends, current), answer);
  if (!state.from || !state.to) return;
  answer.append(loading());
  try {
    const url = state.mode === "simple" ? "/v1/paths" : "/v1/paths/shortest";
    const found = await get(url, { source: state.from, target: state.to, max_hops: state.hops, limit: 50 });
    if (current()) answer.replaceChildren(...results(found.paths, state));
  } catch (error) {
    if (current()) answer.replaceChildren(errorBox(error));
  }
}

async function form(state, ends, current) {
  const names = {};
  for (const key of ["from", "to"]) {
    if (!state[key]) continue;
    try { names[key] = await get(nodePath(state[key])); } catch { names[key] = null; }
  }
  const chosen = (key) => h("p", { class: "chosen", "aria-live": "polite" }, names[key] ? [nodeLink(names[key]), " ", altNames(names[key])] : state[key] ? h("code", {}, state[key]) : "—");
  const box = {};
  const pick = (key) => (node) => { state[key] = node.id; box[key].replaceWith(box[key] = h("p", { class: "chosen" }, nodeLink(node), " ", altNames(node))); };
  const column = (key) => {
    box[key] = chosen(key);
    return h("div", {}, h("h2", {}, t(key)), searchBox({ label: `${t(key)}: ${t("searchLabel")}`, onPick: pick(key), limit: 8 }).form, box[key]);
  };
  const mode = h("select", { id: "path-mode" },
    h("option", { value: "shortest", selected: state.mode === "shortest" }, t("shortest")),
    h("option", { value: "simple", selected: state.mode === "simple" }, t("simple")));
  const hops = h("input", { id: "path-hops", type: "number", min: "1", max: "8", value: state.hops, placeholder: "auto" });
  const find = h("button", { type: "button", class: "primary", onclick: () => {
    const next = { from: state.from, to: state.to, mode: mode.value };
    if (hops.value) next.hops = hops.value;
    location.hash = route.paths(next);
  } }, t("find"));
  return h("div", {}, h("div", { class: "ends" }, column("from"), column("to")),
    h("div", { class: "controls" }, h("label", { for: "path-mode" }, t("paths"), mode), h("label", { for: "path-hops" }, t("maxHops"), hops), find));
}

function results(paths, state) {
  if (!paths.length) return [section(t("pathsFound"), h("p", {}, t("noPath")))];
  const figureSlot = h("div", {});
  const boxes = [];
  const redraw = () => {
    const ticked = paths.filter((_, i) => boxes[i].checked);
    const { nodes, edges } = walkElements(ticked);
    figureSlot.replaceChildren(legend(nodes.map((n) => n.label)), drawGraph({
      nodes, edges, layout: "dagre", focus: state.from,
      label: `${t("pathsFound")}: ${ticked.length} / ${paths.length}`,
    }));
  };
  const list = h("ol", {}, paths.map((path, i) => {
    const box = h("input", { type: "checkbox", id: `draw-${i}`, checked: i < DRAWN, onchange: redraw });
    boxes.push(box);
    return h("li", {}, h("label", { for: `draw-${i}`, class: "muted" }, box, ` ${t("draw")} · ${t("length")} ${path.length} `), pathInline(path));
  }));
  redraw();
  return [section(`${t("pathsFound")} (${paths.length})`, figureSlot,
    h("div", { class: "path-list" }, list),
    csvButton("paths.csv", () => [["length", "ids", "names", "types"], ...pathRows(paths)]))];
}
