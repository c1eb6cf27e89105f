// The plan's own words: a cited passage in its surrounding text, the quote highlighted.
import { getOnce } from "./api.js";
import { h, route } from "./dom.js";
import { t } from "./i18n.js";

const CONTEXT = 60; // characters of plan text shown on each side of a quote

export function planText() {
  return getOnce("/v1/plan/text");
}

export function passage(text, source) {
  const before = text.slice(Math.max(0, source.start - CONTEXT), source.start);
  const after = text.slice(source.end, source.end + CONTEXT);
  return h("figure", { class: "passage" },
    h("blockquote", { lang: "zh-Hant" }, source.start > CONTEXT ? "…" : "", before, h("mark", {}, source.quote), after, "…"),
    h("figcaption", {}, h("a", { href: route.plan(source.start) }, t("openInPlan")), ` · ${source.start}–${source.end}`));
}

// Passages of a node or relationship, or the curated note when it has none.
export function provenance(text, item) {
  const props = item.properties || {};
  const parts = [];
  if (props.basis === "curated") {
    parts.push(h("p", { class: "curated-note" }, h("span", { class: "badge curated" }, t("curated")), " ", props.rationale ? [h("strong", {}, `${t("rationale")}: `), props.rationale] : ""));
  } else if (props.rationale) {
    parts.push(h("p", { class: "muted" }, h("strong", {}, `${t("rationale")}: `), props.rationale));
  }
  for (const source of item.sources || []) parts.push(passage(text, source));
  if (!(item.sources || []).length && props.basis !== "curated") parts.push(h("p", { class: "muted" }, t("noSources")));
  return parts;
}
