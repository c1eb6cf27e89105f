import { h } from "../dom.js";
export async function chainsView(root) { root.append(h("p", {}, "to do")); }
