// Lays out web/dist: the explorer's own sources, and the files it and the API docs need from
// the pinned npm packages in node_modules (installed by `npm ci` from package-lock.json).
// Nothing is fetched: every file below comes from this folder.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const modules = join(here, "node_modules");

// [package file, where it goes in dist]; .mjs become .js so every server sends a JavaScript type.
const VENDORED = [
  ["cytoscape/dist/cytoscape.esm.min.mjs", "vendor/cytoscape.js"],
  ["cytoscape/LICENSE", "vendor/cytoscape.LICENSE.txt"],
  ["cytoscape-dagre/dist/cytoscape-dagre.min.mjs", "vendor/cytoscape-dagre.js"],
  ["cytoscape-dagre/LICENSE", "vendor/cytoscape-dagre.LICENSE.txt"],
  ["swagger-ui-dist/swagger-ui-bundle.js", "docs/swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "docs/swagger-ui.css"],
  ["swagger-ui-dist/LICENSE", "docs/swagger-ui.LICENSE.txt"],
  ["redoc/bundles/redoc.standalone.js", "docs/redoc.standalone.js"],
  ["redoc/LICENSE", "docs/redoc.LICENSE.txt"],
];

rmSync(dist, { recursive: true, force: true });
cpSync(join(here, "src"), dist, { recursive: true });
for (const [from, to] of VENDORED) {
  mkdirSync(dirname(join(dist, to)), { recursive: true });
  cpSync(join(modules, from), join(dist, to));
}
// ReDoc's sidebar shows a logo it loads from Redocly's CDN, with no option to turn it off: point
// it at our own icon instead, so that /redoc asks no other host for anything.
const REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const redoc = join(dist, "docs/redoc.standalone.js");
const bundle = readFileSync(redoc, "utf8");
if (bundle.split(REDOC_LOGO).length !== 2) throw new Error(`expected ${REDOC_LOGO} once in ReDoc's bundle`);
writeFileSync(redoc, bundle.replace(REDOC_LOGO, "/explorer/favicon.svg"));

writeFileSync(join(dist, ".built"), new Date().toISOString() + "\n");
console.log(`web/dist: explorer and ${VENDORED.length} vendored files`);
