import { h } from "../dom.js";
export async function pathsView(root) { root.append(h("p", {}, "to do")); }
