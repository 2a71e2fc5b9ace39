// The public API on this origin, with the signed-in account's bearer token and nothing else.
import * as session from './session.js';

/** A refused or failed call: the HTTP status (0 when the network failed) and the problem+json body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** The last segment of the problem type (`does-not-fit` of https://lifeline.org/problems/does-not-fit). */
  get code() {
    const type = this.problem.type || '';
    return type === 'about:blank' ? '' : type.slice(type.lastIndexOf('/') + 1);
  }

  /** Worth sending again with the same Idempotency-Key. */
  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/**
 * call('GET', '/api/v1/campaigns?status=ACTIVE'); call('POST', '/api/v1/pledges', {body, idempotencyKey}).
 * Paths are relative: requests only ever go to this origin. A 401 drops the session.
 */
export async function call(method, path, { body, idempotencyKey, ifMatch } = {}) {
  if (!path.startsWith('/api/')) throw new Error('only the API is called');
  const headers = { Accept: 'application/json' };
  const bearer = session.token();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { type: 'network', detail: '' });
  }
  if (response.status === 401 && bearer) session.signOut();
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (path) => call('GET', path);
export const post = (path, body, idempotencyKey) => call('POST', path, { body, idempotencyKey });

/** A GET read once per page (campaign titles, need sites shown beside a gift): null when it fails. */
export function reader() {
  const answers = new Map();
  return (path) => {
    if (!answers.has(path)) answers.set(path, get(path).catch(() => null));
    return answers.get(path);
  };
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A random key for one form submission (works on plain http too, where crypto.randomUUID is missing). */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
