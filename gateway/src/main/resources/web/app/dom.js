// Builds DOM from data without ever parsing it as HTML: text always goes in as text nodes.

/** Properties set as DOM properties rather than attributes. */
const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'open']);

/**
 * h('button', {type: 'button', onclick: fn, class: 'x'}, 'text', child, [more]).
 * Strings become text nodes; null, undefined and false are skipped. Never an inline style: use classes.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) el[key] = value;
    else if (key === 'style') throw new Error('inline styles are refused by the Content-Security-Policy');
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let ids = 0;
/** A unique element id, for label/for and aria-describedby. */
export function uid(prefix = 'id') {
  ids += 1;
  return `${prefix}-${ids}`;
}
