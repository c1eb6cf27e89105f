// The REST API (/v1 on the same origin): one GET at a time, problem+json turned into ApiError.
export class ApiError extends Error {
  constructor(status, detail, title) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.detail = detail || title || `HTTP ${status}`;
  }
}

const cache = new Map(); // answers that do not change while the page is open (plan text, schema)

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    for (const one of Array.isArray(value) ? value : [value]) query.append(key, String(one));
  }
  const url = query.size ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body && body.detail, body && body.title);
  return body;
}

export function getOnce(path) {
  if (!cache.has(path)) cache.set(path, get(path).catch((error) => { cache.delete(path); throw error; }));
  return cache.get(path);
}

export const nodePath = (id) => `/v1/nodes/${encodeURIComponent(id)}`;
