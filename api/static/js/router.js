// Hash router: "#/dossiers/7/criteria" → the matching view with its parameters.

const routes = [];

/** Register a route pattern such as "/dossiers/:id" with its handler(params, query). */
export function route(pattern, handler) {
  const names = [];
  const regex = new RegExp(
    `^${pattern.replace(/:([a-z_]+)/g, (_, name) => {
      names.push(name);
      return "([^/]+)";
    })}$`,
  );
  routes.push({ regex, names, handler });
}

export function currentPath() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, search = ""] = hash.split("?");
  return { path, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function navigate(path) {
  if (location.hash === `#${path}`) dispatch();
  else location.hash = path;
}

let cleanup = null;

/** Run the handler of the current hash; a handler may return a cleanup function. */
export async function dispatch() {
  if (typeof cleanup === "function") cleanup();
  cleanup = null;
  const { path, query } = currentPath();
  for (const { regex, names, handler } of routes) {
    const match = path.match(regex);
    if (match) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
      cleanup = await handler(params, query);
      return;
    }
  }
  navigate("/");
}

export function start() {
  window.addEventListener("hashchange", dispatch);
  return dispatch();
}
