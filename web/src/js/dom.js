// Small DOM helpers: element building, node names and links, messages, CSV downloads.
import { t } from "./i18n.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const route = {
  node: (id) => `#/node/${encodeURIComponent(id)}`,
  chains: (id, direction = "upstream") => `#/chains/${encodeURIComponent(id)}?direction=${direction}`,
  impact: (id) => `#/impact/${encodeURIComponent(id)}`,
  milestone: (id) => `#/milestone/${encodeURIComponent(id)}`,
  plan: (start) => (start === undefined ? "#/plan" : `#/plan?at=${start}`),
  paths: (params) => `#/paths?${new URLSearchParams(params)}`,
};

// A link to a node whose text is its name as the plan writes it.
export function nodeLink(node, attrs = {}) {
  return h("a", { href: route.node(node.id), lang: "zh-Hant", class: `node-link label-${node.label}`, ...attrs }, node.name_zh);
}

// The other names beside a link or title: Simplified (when it differs) and English.
export function altNames(node) {
  const parts = [];
  if (node.name_zh_hans && node.name_zh_hans !== node.name_zh) parts.push(h("span", { lang: "zh-Hans" }, node.name_zh_hans));
  if (node.name_en) parts.push(h("span", { lang: "en" }, node.name_en));
  return h("span", { class: "alt-names" }, parts.map((p, i) => (i ? [" · ", p] : p)));
}

export function labelBadge(label) {
  return h("span", { class: `badge label-${label}` }, label);
}

export function nodeItem(node, ...extra) {
  return h("li", {}, labelBadge(node.label), " ", nodeLink(node), " ", altNames(node), ...extra);
}

export function loading() {
  return h("p", { class: "loading", role: "status" }, t("loading"));
}

export function errorBox(error) {
  return h("div", { class: "error", role: "alert" }, h("strong", {}, `${t("error")}${error.status ? ` ${error.status}` : ""}: `), error.detail || error.message);
}

export function section(title, ...children) {
  return h("section", {}, h("h2", {}, title), ...children);
}

// Offers rows as a CSV file (the header is the first row).
export function csvButton(filename, rows) {
  const quote = (v) => `"${String(v ?? "").replaceAll('"', '""')}"`;
  return h("button", {
    type: "button",
    class: "download",
    onclick: () => {
      const text = rows().map((row) => row.map(quote).join(",")).join("\r\n");
      const url = URL.createObjectURL(new Blob(["\ufeff" + text], { type: "text/csv" }));
      const a = h("a", { href: url, download: filename });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  }, t("downloadCsv"));
}

export function setTitle(text) {
  document.title = `${text} · Carbon Roadmap KG`;
}

// Replaces an element's children (arrays flattened, empty values skipped).
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
