// A labelled search box that searches as you type and on Enter, in 繁 / 简 / English.
// Results are links to the nodes (text: the name as the plan writes it), or, with onPick,
// buttons that choose a node (the path finder's ends).
import { get } from "./api.js";
import { altNames, errorBox, h, labelBadge, nodeLink } from "./dom.js";
import { t } from "./i18n.js";

let counter = 0;

export function searchBox({ label = t("searchLabel"), value = "", onQuery, onPick, limit = 12, autofocus = false } = {}) {
  const id = `search-${++counter}`;
  const input = h("input", { type: "search", id, name: "q", value, placeholder: t("searchPlaceholder"), autocomplete: "off", "aria-controls": `${id}-results`, autofocus: autofocus || undefined });
  const results = h("div", { id: `${id}-results`, class: "results", "aria-live": "polite" });
  const form = h("form", { role: "search", class: "search" }, h("label", { for: id }, label), h("div", { class: "search-row" }, input, h("button", { type: "submit" }, t("search"))), results);
  let timer = 0;
  let asked = "";

  async function run(text) {
    text = text.trim();
    if (text === asked) return;
    asked = text;
    if (onQuery) onQuery(text);
    if (!text) { results.replaceChildren(); return; }
    try {
      const found = await get("/v1/search", { q: text, limit });
      if (asked !== text) return; // a newer query is on its way
      results.replaceChildren(found.items.length
        ? h("ul", { class: "hits", "aria-label": t("results") }, found.items.map(({ node }) => hit(node, onPick, () => { input.value = node.name_zh; asked = input.value; results.replaceChildren(); })))
        : h("p", {}, t("noResults")));
    } catch (error) {
      results.replaceChildren(errorBox(error));
    }
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => run(input.value), 200); });
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); asked = null; run(input.value); });
  if (value) run(value);
  return { form, input };
}

function hit(node, onPick, picked) {
  if (!onPick) return h("li", {}, labelBadge(node.label), " ", nodeLink(node), " ", altNames(node));
  const button = h("button", { type: "button", class: "pick", lang: "zh-Hant", onclick: () => { picked(); onPick(node); } }, node.name_zh);
  return h("li", {}, labelBadge(node.label), " ", button, " ", altNames(node));
}
