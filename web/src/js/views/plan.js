import { h } from "../dom.js";
export async function planView(root) { root.append(h("p", {}, "to do")); }
