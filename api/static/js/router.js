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
let generation = 0;

/** Run the handler of the current hash; a handler may return a cleanup function. A handler that finishes after
 * the person has already moved on (a slow answer) is cleaned up at once instead of staying wired. */
export async function dispatch() {
  if (typeof cleanup === "function") cleanup();
  cleanup = null;
  const mine = ++generation;
  const { path, query } = currentPath();
  for (const { regex, names, handler } of routes) {
    const match = path.match(regex);
    if (match) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
      const done = await handler(params, query);
      if (mine === generation) cleanup = done;
      else if (typeof done === "function") done();
      return;
    }
  }
  navigate("/");
}

export function start() {
  window.addEventListener("hashchange", dispatch);
  return dispatch();
}
