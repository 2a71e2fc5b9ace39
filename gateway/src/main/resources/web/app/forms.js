// Form plumbing shared by every write: one Idempotency-Key per submission, a disabled button while in flight,
// problems shown as translated messages and field errors next to their fields.
import { h, replace, uid } from './dom.js';
import { t, has } from './i18n.js';
import { newIdempotencyKey } from './api.js';
import { announce } from './status.js';

/** A labelled input (or select/textarea given as control): returns {field, control, error}. */
export function field(labelText, control, hint) {
  const id = control.id || uid('f');
  control.id = id;
  const errorId = `${id}-error`;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintEl ? `${id}-hint` : null, errorId].filter(Boolean).join(' '));
  const wrapper = h('div', { class: 'field' }, h('label', { for: id }, labelText), control, hintEl, error);
  return { field: wrapper, control, error };
}

export function select(name, options, value) {
  return h('select', { name }, options.map(([optionValue, text]) =>
    h('option', { value: optionValue, selected: optionValue === value }, text)));
}

/** The translated message for an ApiError (by problem type, then status), with the API's detail as fallback. */
export function problemMessage(error, params = {}) {
  const code = error.code;
  if (code && has(`problem.${code}`)) return t(`problem.${code}`, { ...error.problem, ...params });
  if (error.status === 0) return t('problem.network');
  if (has(`status.${error.status}`)) {
    const base = t(`status.${error.status}`);
    return error.problem.detail ? `${base} (${error.problem.detail})` : base;
  }
  return error.problem.detail || t('problem.unknown');
}

/**
 * Wires a form for one kind of write. body() builds the request body (or throws a message string to show);
 * send(body, key) performs it; done(result) follows success. The key is kept while the same body is retried and
 * dropped after success or when the body changes; the submit button is disabled while a request is in flight.
 * fields maps API field paths (`quantity`, `site.lat`) to the {control, error} of field(); problemField(error) may name
 * the field a problem is about (an over-pledge: quantity), to show it there.
 */
export function writeForm(form, { body, send, done, fields = {}, problemParams = () => ({}), problemField = () => null }) {
  const message = h('p', { class: 'form-message', role: 'alert', hidden: true });
  form.append(message);
  let pending = null; // {key, json} of the submission being tried
  let inFlight = false;
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (inFlight) return;
    clear();
    let requestBody;
    try {
      requestBody = body();
    } catch (problem) {
      if (problem && problem.field && fields[problem.field]) showFieldError(fields[problem.field], problem.message);
      else show(String(problem.message || problem));
      return;
    }
    const json = JSON.stringify(requestBody);
    if (!pending || pending.json !== json) pending = { key: newIdempotencyKey(), json };
    const buttons = form.querySelectorAll('button[type=submit]');
    inFlight = true;
    form.setAttribute('aria-busy', 'true');
    buttons.forEach((button) => { button.disabled = true; });
    try {
      const result = await send(requestBody, pending.key);
      pending = null;
      await done?.(result);
    } catch (error) {
      if (error && error.status !== undefined) {
        if (!error.retryable) pending = null;
        const shown = showFieldErrors(error.problem.errors);
        const at = fields[problemField(error)];
        if (at && !shown) showFieldError(at, problemMessage(error, problemParams(error)));
        else if (!shown || error.problem.errors.length > shown) show(problemMessage(error, problemParams(error)));
      } else {
        show(String(error?.message || error));
      }
    } finally {
      inFlight = false;
      form.removeAttribute('aria-busy');
      buttons.forEach((button) => { button.disabled = false; });
    }
  });

  function clear() {
    message.hidden = true;
    replace(message);
    Object.values(fields).forEach(({ control, error }) => {
      error.hidden = true;
      replace(error);
      control.removeAttribute('aria-invalid');
    });
  }
  function show(text) {
    replace(message, text);
    message.hidden = false;
  }
  function showFieldError({ control, error }, text) {
    replace(error, text);
    error.hidden = false;
    control.setAttribute('aria-invalid', 'true');
  }
  function showFieldErrors(errors) {
    let shown = 0;
    for (const { field: path, message: text } of errors || []) {
      const target = fields[path] || fields[String(path).replace(/^.*\./, '')];
      if (target) {
        showFieldError(target, text);
        shown += 1;
      }
    }
    return shown;
  }
  return { show, clear, announce };
}

/** Thrown from body() to mark a field as wrong before anything is sent. */
export function invalid(fieldName, messageText) {
  return { field: fieldName, message: messageText };
}
