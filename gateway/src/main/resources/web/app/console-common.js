// What the coordinator console and the admin pages share: the codes of the API, roles, and small helpers.
import { h } from './dom.js';
import { t } from './i18n.js';
import * as session from './session.js';

export const SECTORS = ['SHL', 'WSH', 'FSC', 'HEA', 'NUT', 'LOG', 'CCM', 'EDU', 'PRO', 'ERY', 'TEL'];
export const URGENCIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
export const KINDS = ['EARTHQUAKE', 'FLOOD', 'TYPHOON', 'WILDFIRE', 'EPIDEMIC', 'CONFLICT', 'OTHER'];

/** Whether the signed-in account has the role (roles come from the token: a new role needs a new sign-in). */
export function hasRole(role) {
  return (session.current()?.roles || []).includes(role);
}

/** The organisations the signed-in coordinator coordinates for (ids, from the token). */
export function myOrganisations() {
  return session.current()?.organisations || [];
}

/**
 * The page for someone who may not use it: signed out, a link to sign in; signed in without the role, why and what to
 * do. role is 'coordinator' or 'admin'.
 */
export function roleNeededView(title, role) {
  const signedIn = Boolean(session.current());
  return {
    title,
    node: h('section', { class: 'console' }, h('h1', { tabindex: '-1' }, title),
      signedIn
        ? h('p', { class: 'role-needed' }, t(`role.${role}.needed`))
        : h('p', {}, h('a', { href: '#/signin' }, t(`role.${role}.signIn`)))),
  };
}

/** The first 8 characters of an id, to name something whose name cannot be read. */
export function shortId(id) {
  return String(id || '').slice(0, 8);
}

/** The value of a datetime-local input for a date, in the browser's time zone. */
export function localDateTimeValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A number typed in a field, or NaN when it is empty or not a number. */
export function typedNumber(control) {
  const text = String(control.value).trim();
  return text === '' ? NaN : Number(text);
}
