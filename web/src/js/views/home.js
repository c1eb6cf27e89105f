// Home: search, the plan's best-known columns, its goals and targets on a timeline, the gap summary.
import { get, nodePath } from "../api.js";
import { errorBox, h, loading, nodeLink, route, section, setTitle } from "../dom.js";
import { currentLang, t } from "../i18n.js";
import { searchBox } from "../searchbox.js";

// The four columns the plan is known for, each entered through its technology.
const ENTRIES = [
  ["tech.ccus", "column.4", "columnCcus"],
  ["tech.pedf", "column.3", "columnPedf"],
  ["tech.green_hydrogen", "column.5", "columnH2"],
  ["tech.frontier_storage", "column.5", "columnStorage"],
];
const TIMELINE_YEARS = [2025, 2030, 2060];

export async function homeView(root, { params }) {
  setTitle(t("home"));
  const q = params.get("q") || "";
  const { form } = searchBox({
    value: q,
    autofocus: true,
    onQuery: (text) => history.replaceState(null, "", text ? `#/search?q=${encodeURIComponent(text)}` : "#/"),
  });
  const entries = h("ul", { class: "cards" }, loading());
  const timeline = h("div", {}, loading());
  const gaps = h("div", {}, loading());
  root.append(
    h("h1", { class: "title" }, "科技支撐碳達峰碳中和實施方案", h("span", { class: "sub" }, "2022—2030")),
    h("p", { class: "lede" }, t("tagline")),
    form,
    section(t("columns"), entries),
    section(t("timeline"), timeline),
    section(t("gapSummary"), gaps, h("p", {}, h("a", { href: "#/gaps" }, t("allGaps")))),
  );
  await Promise.all([fillEntries(entries), fillTimeline(timeline), fillGaps(gaps)]);
}

async function fillEntries(list) {
  try {
    const nodes = await Promise.all(ENTRIES.map(([id]) => get(nodePath(id))));
    list.replaceChildren(...ENTRIES.map(([, column, key], i) => {
      const node = nodes[i];
      const number = column.split(".")[1];
      return h("li", { class: "card" },
        h("p", { class: "kicker" }, `${t("column")} ${number} · ${t(key)}`),
        h("p", { class: "card-title" }, nodeLink(node)),
        h("p", { class: "card-en", lang: "en" }, node.name_en),
        h("p", { class: "card-links" }, h("a", { href: route.chains(node.id) }, t("openChains")), " · ", h("a", { href: route.impact(node.id) }, t("openImpact"))));
    }));
  } catch (error) {
    list.replaceChildren(errorBox(error));
  }
}

async function fillTimeline(box) {
  try {
    const [milestones, goals] = await Promise.all([
      get("/v1/nodes", { label: "Milestone", limit: 200 }),
      get("/v1/nodes", { label: "Goal", limit: 200 }),
    ]);
    const byYear = new Map(TIMELINE_YEARS.map((year) => [year, []]));
    for (const node of [...goals.items, ...milestones.items]) {
      const year = node.properties.year;
      if (!byYear.has(year)) byYear.set(year, []);
      byYear.get(year).push(node);
    }
    const years = [...byYear.keys()].sort((a, b) => a - b);
    box.replaceChildren(h("ol", { class: "timeline" }, years.map((year) => h("li", { class: "year" },
      h("h3", {}, String(year)),
      h("ul", {}, byYear.get(year).map((node) => h("li", { class: node.label === "Goal" ? "goal" : "" },
        node.label === "Goal" ? h("strong", {}, nodeLink(node)) : h("a", { href: route.milestone(node.id), lang: "zh-Hant" }, node.name_zh),
        h("span", { class: "alt-names", lang: "en" }, ` ${currentLang() === "en" ? node.name_en : ""}`),
        node.properties.basis === "curated" ? h("span", { class: "badge curated" }, t("curated")) : null)))))));
  } catch (error) {
    box.replaceChildren(errorBox(error));
  }
}

async function fillGaps(box) {
  try {
    const found = await get("/v1/gaps");
    box.replaceChildren(h("table", { class: "summary" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("check")), h("th", { scope: "col" }, t("findings")))),
      h("tbody", {}, found.checks.map((check) => h("tr", {},
        h("th", { scope: "row" }, h("a", { href: `#/gaps?kind=${check.kind}` }, check.kind), h("div", { class: "muted" }, check.description)),
        h("td", { class: "num" }, String(check.count)))))));
  } catch (error) {
    box.replaceChildren(errorBox(error));
  }
}
