// Message catalogs (English, Simplified Chinese) and locale-aware formatting with Intl.
import { en } from './messages-en.js';
import { zhCN } from './messages-zh-CN.js';

const CATALOGS = { en, 'zh-CN': zhCN };
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
];
const STORE = 'lifeline.lang';
const listeners = new Set();

function pick() {
  const stored = localStorage.getItem(STORE);
  if (stored && CATALOGS[stored]) return stored;
  for (const language of navigator.languages || [navigator.language || 'en']) {
    const lower = String(language).toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

let lang = pick();
document.documentElement.lang = lang;

export function language() {
  return lang;
}

export function setLanguage(code) {
  if (!CATALOGS[code] || code === lang) return;
  lang = code;
  localStorage.setItem(STORE, code);
  document.documentElement.lang = code;
  listeners.forEach((listener) => listener(code));
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The message for key in the current language, {name} placeholders replaced by params (as text). */
export function t(key, params = {}) {
  const message = CATALOGS[lang][key] ?? en[key];
  if (message === undefined) {
    console.warn('missing message', key);
    return key;
  }
  return message.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name])));
}

/** Whether the catalog has a message for key. */
export function has(key) {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function number(value, options) {
  return new Intl.NumberFormat(lang, options).format(value);
}

function minorDigits(currency) {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/** Converts whole currency units (as typed) to minor units (fen). */
export function toMinor(major, currency) {
  return Math.round(Number(major) * 10 ** minorDigits(currency));
}

/** Money in minor units ({amount: 20000, currency: 'CNY'}) as the locale writes it (¥200.00). */
export function money(value) {
  if (!value || value.amount === undefined || value.amount === null) return '—';
  const currency = value.currency || 'CNY';
  const digits = minorDigits(currency);
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(value.amount / 10 ** digits);
  } catch {
    return `${number(value.amount / 10 ** digits)} ${currency}`;
  }
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function date(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(iso));
}

/** "3 hours ago", "in 2 days". */
export function relative(iso) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const units = [['day', 86400], ['hour', 3600], ['minute', 60]];
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds), 'second');
}
