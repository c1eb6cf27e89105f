import { h } from "../dom.js";
export async function impactView(root) { root.append(h("p", {}, "to do")); }
