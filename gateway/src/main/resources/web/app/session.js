// The signed-in account: its bearer token in sessionStorage (gone when the tab closes), never in a cookie.

const KEY = 'lifeline.session';
const listeners = new Set();

function decode(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

export function current() {
  let stored;
  try {
    stored = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    stored = null;
  }
  if (!stored || !stored.token) return null;
  if (stored.expiresAt && Date.now() > stored.expiresAt) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return stored;
}

export function token() {
  return current()?.token || null;
}

export function signIn(accessToken, expiresIn, email) {
  const claims = decode(accessToken);
  const roles = Array.isArray(claims.groups) ? claims.groups : [];
  const session = {
    token: accessToken,
    expiresAt: Date.now() + (Number(expiresIn) || 3600) * 1000 - 30000,
    subject: claims.sub || null,
    name: claims.name || claims.preferred_username || email || '',
    email: email || claims.upn || claims.email || '',
    roles,
    organisations: Array.isArray(claims.orgs) ? claims.orgs : [],
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((listener) => listener(session));
}

export function signOut() {
  const had = sessionStorage.getItem(KEY) !== null;
  sessionStorage.removeItem(KEY);
  if (had) listeners.forEach((listener) => listener(null));
}

export function onChange(listener) {
  listeners.add(listener);
}
