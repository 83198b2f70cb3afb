// The signed-in user and what their role allows.

import { get, post, setToken } from "./api.js";

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

/** Restore the session from the cookie/token; resolves with the user or null. */
export async function restore() {
  try {
    const data = await get("/api/me");
    currentUser = data?.user ?? data;
  } catch {
    currentUser = null;
  }
  return currentUser;
}

export async function login(username, password) {
  const data = await post("/api/auth/login", { username, password });
  setToken(data?.token || data?.access_token);
  currentUser = data?.user ?? (await get("/api/me"));
  return currentUser;
}

export async function logout() {
  try {
    await post("/api/auth/logout");
  } catch {
    // The session is dropped locally either way.
  }
  setToken(null);
  currentUser = null;
}

export function forget() {
  setToken(null);
  currentUser = null;
}
