// The signed-in user and what their role allows.

import { get, post, setCsrfToken } from "./api.js";

let currentUser = null;

export function user() {
  return currentUser;
}

/** Auditors read everything and change nothing; assessors and admins may edit. */
export function canEdit() {
  return Boolean(currentUser) && currentUser.role !== "auditor";
}

export function isAdmin() {
  return currentUser?.role === "admin";
}

/** Restore the session from the HttpOnly cookie; resolves with the user or null. */
export async function restore() {
  try {
    const data = await get("/api/me");
    setCsrfToken(data?.csrf_token);
    currentUser = data?.user ?? data;
  } catch {
    setCsrfToken(null);
    currentUser = null;
  }
  return currentUser;
}

/** Log in: the server sets the HttpOnly cookie; only the CSRF token is kept, in memory. */
export async function login(username, password) {
  const data = await post("/api/auth/login", { username, password });
  setCsrfToken(data?.csrf_token);
  currentUser = data?.user ?? (await get("/api/me"));
  return currentUser;
}

export async function logout() {
  try {
    await post("/api/auth/logout");
  } catch {
    // The session is dropped locally either way.
  }
  setCsrfToken(null);
  currentUser = null;
}

export function forget() {
  setCsrfToken(null);
  currentUser = null;
}
