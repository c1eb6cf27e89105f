// The router: each view is a hash URL (#/node/tech.ccus), so it survives a reload and can be shared.
import { h } from "./dom.js";
import { applyLang, t, toggleLang } from "./i18n.js";
import { homeView } from "./views/home.js";
import { nodeView } from "./views/node.js";
import { chainsView } from "./views/chains.js";
import { pathsView } from "./views/paths.js";
import { impactView } from "./views/impact.js";
import { gapsView } from "./views/gaps.js";
import { milestoneView } from "./views/milestone.js";
import { planView } from "./views/plan.js";

const ROUTES = [
  [/^$/, homeView],
  [/^search$/, homeView],
  [/^node\/(.+)$/, nodeView],
  [/^chains\/(.+)$/, chainsView],
  [/^paths$/, pathsView],
  [/^impact\/(.+)$/, impactView],
  [/^gaps$/, gapsView],
  [/^milestone\/(.+)$/, milestoneView],
  [/^plan$/, planView],
];

const main = document.getElementById("main");
let generation = 0;

export function parseHash(hash = location.hash) {
  const raw = hash.startsWith("#/") ? hash.slice(2) : "";
  const [path, query = ""] = raw.split("?", 2);
  return { path: decodeURIComponent(path), params: new URLSearchParams(query) };
}

async function render() {
  const mine = ++generation;
  const { path, params } = parseHash();
  chrome();
  for (const [pattern, view] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    const root = h("div", { class: "view" });
    main.replaceChildren(root);
    // A view fills root as its answers arrive; it may check `current()` to drop stale work.
    await view(root, { id: match[1], params, current: () => mine === generation });
    if (mine === generation) main.dataset.ready = path.split("/")[0] || "home";
    return;
  }
  location.replace("#/");
}

function chrome() {
  applyLang();
  document.getElementById("skip-link").textContent = t("skip");
  const here = parseHash().path.split("/")[0];
  const links = [["", t("home")], ["paths", t("paths")], ["gaps", t("gaps")], ["plan", t("plan")]];
  document.getElementById("nav").replaceChildren(
    h("ul", {}, links.map(([path, text]) => h("li", {}, h("a", { href: `#/${path}`, "aria-current": (here === path || (path === "" && here === "search")) ? "page" : undefined }, text)))),
  );
  const lang = document.getElementById("lang");
  lang.textContent = t("switchTo");
  lang.setAttribute("aria-label", t("switchLabel"));
  document.getElementById("foot").replaceChildren(
    h("a", { href: "/docs" }, t("docs")), " · ", h("a", { href: "/redoc" }, "ReDoc"), " · ",
    h("span", {}, "科技支撐碳達峰碳中和實施方案（2022—2030年）"),
  );
}

document.getElementById("lang").addEventListener("click", () => { toggleLang(); render(); });
document.getElementById("skip-link").addEventListener("click", (event) => { event.preventDefault(); main.focus(); });
window.addEventListener("hashchange", () => { delete main.dataset.ready; render().then(() => main.focus({ preventScroll: true })); window.scrollTo(0, 0); });
render();
