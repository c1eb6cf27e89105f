import { h } from "../dom.js";
export async function milestoneView(root) { root.append(h("p", {}, "to do")); }
