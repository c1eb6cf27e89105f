import { h } from "../dom.js";
export async function gapsView(root) { root.append(h("p", {}, "to do")); }
