// Planner's gaps: every check with its findings, filterable by check and text, every node a link;
// the table downloads as CSV and the whole answer as JSON.
import { get } from "../api.js";
import { csvButton, errorBox, h, loading, nodeLink, section, setTitle, fill } from "../dom.js";
import { t } from "../i18n.js";
import { pathInline } from "../walks.js";

export async function gapsView(root, { params, current }) {
  setTitle(t("gaps"));
  root.append(h("h1", {}, t("gaps")), loading());
  let found;
  try {
    found = await get("/v1/gaps");
  } catch (error) {
    if (current()) fill(root, h("h1", {}, t("gaps")), errorBox(error));
    return;
  }
  if (!current()) return;
  const kind = params.get("kind") || "";
  const kinds = h("select", { id: "gap-kind" }, h("option", { value: "" }, t("allChecks")),
    found.checks.map((c) => h("option", { value: c.kind, selected: c.kind === kind }, `${c.kind} (${c.count})`)));
  const text = h("input", { type: "search", id: "gap-filter", value: params.get("q") || "" });
  const list = h("div", {});
  const render = () => {
    const needle = text.value.trim().toLowerCase();
    const checks = found.checks.filter((c) => !kinds.value || c.kind === kinds.value);
    list.replaceChildren(...checks.map((check) => {
      const items = check.items.filter((f) => !needle || matches(f, needle));
      return section(`${check.kind} · ${items.length}${items.length !== check.count ? ` ${t("of")} ${check.count}` : ""}`,
        h("p", { class: "muted" }, check.description, " ", Object.keys(check.parameters).length ? h("code", {}, JSON.stringify(check.parameters)) : null),
        h("div", {}, items.map(finding)));
    }));
    const query = new URLSearchParams();
    if (kinds.value) query.set("kind", kinds.value);
    if (text.value.trim()) query.set("q", text.value.trim());
    history.replaceState(null, "", `#/gaps${query.size ? `?${query}` : ""}`);
  };
  kinds.addEventListener("change", render);
  text.addEventListener("input", render);
  const json = h("a", { href: "/v1/gaps", download: "gaps.json", class: "download" }, t("downloadJson"));
  const reports = ["md", "html"].map((format) => h("a", { href: `/v1/reports/gaps?format=${format}`, download: `gaps.${format}`, class: "download" }, `${t("downloadReport")} (${format === "md" ? "Markdown" : "HTML"})`));
  fill(root, 
    h("h1", {}, t("gaps")),
    h("div", { class: "controls" },
      h("label", { for: "gap-kind" }, t("check"), kinds),
      h("label", { for: "gap-filter" }, t("filterLabel"), text),
      csvButton("gaps.csv", () => [["kind", "node_ids", "node_names", "explanation"],
        ...found.checks.flatMap((c) => c.items.map((f) => [c.kind, f.nodes.map((n) => n.id).join(" "), f.nodes.map((n) => n.name_zh).join(" "), f.explanation]))]),
      json, reports),
    list,
  );
  render();
}

function matches(finding, needle) {
  return finding.explanation.toLowerCase().includes(needle) ||
    finding.nodes.some((n) => [n.id, n.name_zh, n.name_en].some((s) => (s || "").toLowerCase().includes(needle)));
}

function finding(f) {
  return h("div", { class: "finding" },
    h("p", {}, f.nodes.map((n, i) => [i ? " · " : "", nodeLink(n)])),
    h("p", {}, f.explanation),
    f.path ? h("p", {}, pathInline(f.path)) : null,
    Object.keys(f.figures || {}).length ? h("p", { class: "muted" }, Object.entries(f.figures).map(([k, v]) => `${k}: ${v}`).join(" · ")) : null);
}
