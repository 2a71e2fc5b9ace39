// One need in the coordinator's console: its progress and marks, and what its coordinator does with it — revise
// (with If-Match), reconfirm, close, and the pledges on it with "Record delivery".
import { h, replace, uid } from './dom.js';
import { t, number, dateTime, relative } from './i18n.js';
import { call, get, post, query } from './api.js';
import { field, select, writeForm, invalid, problemMessage } from './forms.js';
import { announce } from './status.js';
import { URGENCIES, localDateTimeValue, typedNumber } from './console-common.js';
import { needStatus } from './need-card.js';

const LIVE = ['OPEN', 'FULLY_PLEDGED'];
const DELIVERABLE = ['CONFIRMED', 'IN_TRANSIT'];

const row = (label, ...value) => [h('dt', {}, label), h('dd', {}, ...value)];

/** A pledge on the need, with "Record delivery" when it is on its way. */
function pledgeItem(pledge, need, onDelivered) {
  const headingId = uid('pledge');
  const unit = need.unit;
  const name = pledge.donorName || pledge.donorDisplayName;
  const details = h('dl', { class: 'need-details' },
    row(t('gifts.reserved'), pledge.reserved === pledge.requested ? `${number(pledge.reserved)} ${unit}`
      : t('console.pledgeQuantity', { reserved: number(pledge.reserved), requested: number(pledge.requested), unit })),
    pledge.method ? row(t('gifts.method'), t(`console.method.${pledge.method}`)) : [],
    pledge.eta ? row(t('gifts.eta'), dateTime(pledge.eta)) : [],
    pledge.carrier ? row(t('gifts.carrier'), pledge.carrier) : [],
    pledge.trackingRef ? row(t('gifts.tracking'), pledge.trackingRef) : [],
    pledge.note ? row(t('console.donorNote'), pledge.note) : [],
    pledge.quantityReceived !== undefined && pledge.quantityReceived !== null ? row(t('gifts.received'), `${number(pledge.quantityReceived)} ${unit}`) : [],
    pledge.deliveryNote ? row(t('console.deliveryNote'), pledge.deliveryNote) : [],
    pledge.released ? row(t('gifts.released'), `${number(pledge.released)} ${unit}`) : []);
  let form = null;
  if (DELIVERABLE.includes(pledge.status)) {
    const received = field(t('console.quantityReceived', { unit }),
      h('input', { type: 'number', name: 'quantityReceived', min: '0', step: '1', inputmode: 'numeric', value: String(pledge.reserved) }));
    const note = field(t('console.note'), h('input', { type: 'text', name: 'note', maxlength: '1000' }));
    form = h('form', { class: 'action-form' }, received.field, note.field,
      h('button', { type: 'submit', class: 'primary' }, t('console.recordDelivery')));
    writeForm(form, {
      fields: { quantityReceived: received, note },
      body: () => {
        const value = typedNumber(received.control);
        if (!Number.isInteger(value) || value < 0) throw invalid('quantityReceived', t('console.wholeNumberOrZero'));
        const body = { quantityReceived: value };
        if (note.control.value.trim()) body.note = note.control.value.trim();
        return body;
      },
      send: (body, key) => post(`/api/v1/pledges/${pledge.id}/deliver`, body, key),
      done: (delivered) => {
        announce(t('console.delivered', { quantity: number(delivered.quantityReceived ?? 0), unit, item: need.item }));
        onDelivered();
      },
    });
  }
  return h('li', {}, h('article', { class: 'card pledge', 'aria-labelledby': headingId },
    h('h4', { id: headingId }, name || t('console.pledgeOf', { time: dateTime(pledge.createdAt) })),
    h('p', { class: 'meta' }, h('span', { class: `badge pledge-${pledge.status}` }, t(`pledgeStatus.${pledge.status}`))),
    details, form));
}

/**
 * Builds the card; returns {node, update(need), need}. Updates keep the forms (and what is typed in them); an update
 * older than what the card shows (a lagging listing after a write's own answer) is ignored.
 */
export function consoleNeedCard(initial, { writable }) {
  let need = initial;
  const headingId = uid('need');
  const heading = h('h3', { id: headingId, tabindex: '-1' });
  const status = needStatus();
  const details = h('dl', { class: 'need-details' });
  const actions = h('div', { class: 'need-actions' });
  const pledgesBox = h('details', { class: 'pledges-box' });
  const node = h('li', { 'data-need-id': need.id },
    h('article', { class: 'card need-card console-need', 'aria-labelledby': headingId },
      heading, status.nodes, details, actions, pledgesBox));

  // --- revise: the form shows the need as read when opened; If-Match carries that version --------------------------
  let base = null; // {quantity, urgency, neededBy, version} the form was filled from
  const quantityInput = h('input', { type: 'number', name: 'quantity', min: '1', max: '10000000', step: '1', inputmode: 'numeric' });
  const quantity = field(t('pledge.quantity', { unit: need.unit }), quantityInput);
  const urgency = field(t('filters.urgency'), select('urgency', URGENCIES.map((code) => [code, t(`urgency.${code}`)]), need.urgency));
  const neededBy = field(t('need.deadline'), h('input', { type: 'datetime-local', name: 'neededBy' }));
  const noDeadline = h('input', { type: 'checkbox', name: 'noDeadline', id: uid('nodeadline') });
  noDeadline.addEventListener('change', () => { neededBy.control.disabled = noDeadline.checked; });
  const conflict = h('div', { class: 'conflict', role: 'alert', hidden: true });
  const saved = h('p', { class: 'confirmation', hidden: true });
  const reviseTitleId = uid('h');
  const reviseTitle = h('h4', { id: reviseTitleId, class: 'visually-hidden' });
  const reviseButton = h('button', { type: 'submit', class: 'primary' }, t('revise.submit'));
  const reviseForm = h('form', { class: 'revise-form', 'aria-labelledby': reviseTitleId }, reviseTitle,
    h('div', { class: 'row' }, quantity.field, urgency.field),
    neededBy.field, h('div', { class: 'check' }, noDeadline, h('label', { for: noDeadline.id }, t('revise.noDeadline'))),
    conflict, reviseButton, saved);
  const reviseBox = h('details', { class: 'revise-box' }, h('summary', {}, t('revise.summary')), reviseForm);

  function fill(values) {
    quantityInput.value = String(values.requested);
    urgency.control.value = values.urgency;
    neededBy.control.value = values.neededBy ? localDateTimeValue(new Date(values.neededBy)) : '';
    noDeadline.checked = !values.neededBy;
    neededBy.control.disabled = noDeadline.checked;
  }
  function remember(values) {
    base = { quantity: values.requested, urgency: values.urgency, neededBy: values.neededBy || null, version: values.version };
  }
  async function loadRevision() {
    saved.hidden = true;
    conflict.hidden = true;
    reviseButton.disabled = true;
    reviseForm.setAttribute('aria-busy', 'true');
    try {
      const fresh = await get(`/api/v1/needs/${need.id}`);
      remember(fresh);
      fill(fresh);
      update({ ...need, ...fresh });
    } catch (error) {
      replace(conflict, problemMessage(error));
      conflict.hidden = false;
    } finally {
      reviseButton.disabled = false;
      reviseForm.removeAttribute('aria-busy');
    }
  }
  reviseBox.addEventListener('toggle', () => {
    if (reviseBox.open) loadRevision();
  });

  /** After a stale save: the fields the coordinator left as they were take the current values; their changes stay. */
  function rebase(fresh) {
    if (typedNumber(quantityInput) === base.quantity) quantityInput.value = String(fresh.requested);
    if (urgency.control.value === base.urgency) urgency.control.value = fresh.urgency;
    const deadlineBefore = base.neededBy ? localDateTimeValue(new Date(base.neededBy)) : '';
    const deadlineNow = noDeadline.checked ? '' : neededBy.control.value;
    if (deadlineNow === deadlineBefore) {
      neededBy.control.value = fresh.neededBy ? localDateTimeValue(new Date(fresh.neededBy)) : '';
      noDeadline.checked = !fresh.neededBy;
      neededBy.control.disabled = noDeadline.checked;
    }
    remember(fresh);
  }

  function showConflict(fresh) {
    rebase(fresh);
    const useCurrent = h('button', { type: 'button', class: 'secondary', onclick: () => {
      fill(fresh);
      conflict.hidden = true;
      quantityInput.focus();
    } }, t('revise.useCurrent'));
    replace(conflict,
      h('p', { class: 'conflict-title' }, t('revise.conflict')),
      h('dl', { class: 'need-details' },
        row(t('revise.currentQuantity'), `${number(fresh.requested)} ${fresh.unit}`),
        row(t('filters.urgency'), t(`urgency.${fresh.urgency}`)),
        row(t('need.deadline'), fresh.neededBy ? dateTime(fresh.neededBy) : t('need.noDeadline')),
        row(t('revise.currentReserved'), `${number(fresh.reserved)} ${fresh.unit}`)),
      h('p', {}, t('revise.conflictNext')), useCurrent);
    conflict.hidden = false;
    update({ ...need, ...fresh });
  }

  writeForm(reviseForm, {
    fields: { quantity, urgency, neededBy },
    body: () => {
      if (!base) throw new Error(t('common.loading'));
      const body = {};
      const value = typedNumber(quantityInput);
      if (!Number.isInteger(value) || value < 1 || value > 10000000) throw invalid('quantity', t('pledge.wholeNumber'));
      if (value !== base.quantity) body.quantity = value;
      if (urgency.control.value !== base.urgency) body.urgency = urgency.control.value;
      if (noDeadline.checked) {
        if (base.neededBy) body.neededBy = null;
      } else {
        if (!neededBy.control.value) throw invalid('neededBy', t('revise.deadlineRequired'));
        const when = new Date(neededBy.control.value);
        if (Number.isNaN(when.getTime())) throw invalid('neededBy', t('revise.deadlineRequired'));
        const before = base.neededBy ? localDateTimeValue(new Date(base.neededBy)) : '';
        if (neededBy.control.value !== before) body.neededBy = when.toISOString();
      }
      if (!Object.keys(body).length) throw new Error(t('revise.nothingChanged'));
      return body;
    },
    send: async (body, key) => {
      saved.hidden = true;
      conflict.hidden = true;
      try {
        return await call('PATCH', `/api/v1/needs/${need.id}`, { body, idempotencyKey: key, ifMatch: base.version });
      } catch (error) {
        if (error.status !== 409 || error.code === 'idempotency-key-reused') throw error;
        // A stale version: show what the need is now; the coordinator's values stay in the form.
        showConflict(await get(`/api/v1/needs/${need.id}`));
        return null;
      }
    },
    done: (revised) => {
      if (!revised) return;
      remember(revised);
      update({ ...need, ...revised });
      const text = t('revise.saved', { item: revised.item });
      replace(saved, text);
      saved.hidden = false;
      announce(text);
    },
  });

  // --- reconfirm, close ----------------------------------------------------------------------------------------
  const reconfirmForm = h('form', { class: 'inline-form' }, h('button', { type: 'submit', class: 'secondary' }, t('console.reconfirm')));
  writeForm(reconfirmForm, {
    body: () => ({}),
    send: (body, key) => post(`/api/v1/needs/${need.id}/reconfirm`, undefined, key),
    done: (fresh) => {
      update({ ...need, ...fresh });
      announce(t('console.reconfirmed', { item: need.item }));
    },
  });
  const reason = field(t('console.closeReason'), select('reason', [['FULFILLED', t('console.reason.FULFILLED')], ['CANCELLED', t('console.reason.CANCELLED')]], 'FULFILLED'));
  const closeForm = h('form', { class: 'inline-form close-need' }, reason.field,
    h('button', { type: 'submit', class: 'danger' }, t('console.closeNeed')));
  writeForm(closeForm, {
    fields: { reason },
    body: () => {
      const chosen = reason.control.value;
      if (!window.confirm(t('console.closeNeedConfirm', { item: need.item, reason: t(`console.reason.${chosen}`) }))) throw new Error(t('console.kept'));
      return { reason: chosen };
    },
    send: (body, key) => post(`/api/v1/needs/${need.id}/close`, body, key),
    done: (fresh) => {
      update({ ...need, ...fresh });
      announce(t('console.needClosed', { item: need.item }));
      heading.focus(); // the button that had focus is gone with the need's actions
    },
  });

  // --- pledges ---------------------------------------------------------------------------------------------------
  const pledgeList = h('ul', { class: 'cards pledges' });
  const pledgeStatus = h('p', { class: 'muted', hidden: true });
  const refresh = h('button', { type: 'button', class: 'secondary' }, t('console.refreshPledges'));
  replace(pledgesBox, h('summary', {}, t('console.pledges')), refresh, pledgeStatus, pledgeList);
  let pledgeSerial = 0;
  async function loadPledges() {
    const serial = ++pledgeSerial;
    pledgeList.setAttribute('aria-busy', 'true');
    try {
      const page = await get(`/api/v1/needs/${need.id}/pledges${query({ limit: 200 })}`);
      if (serial !== pledgeSerial) return;
      replace(pledgeList, page.items.map((pledge) => pledgeItem(pledge, need, loadPledges)));
      replace(pledgeStatus, page.items.length ? '' : t('console.noPledges'));
      pledgeStatus.hidden = page.items.length > 0;
      pledgeStatus.removeAttribute('role');
    } catch (error) {
      if (serial !== pledgeSerial) return;
      // 404: donations-service has not heard of the need yet, so nobody can have pledged.
      replace(pledgeList);
      replace(pledgeStatus, error.status === 404 ? t('console.noPledges') : problemMessage(error));
      pledgeStatus.hidden = false;
      if (error.status !== 404) pledgeStatus.setAttribute('role', 'alert');
    } finally {
      if (serial === pledgeSerial) pledgeList.removeAttribute('aria-busy');
    }
  }
  refresh.addEventListener('click', loadPledges);
  pledgesBox.addEventListener('toggle', () => {
    if (pledgesBox.open) loadPledges();
  });

  function update(next) {
    if (next.version !== undefined && need.version !== undefined && next.version < need.version) return;
    const before = need;
    need = next;
    replace(heading, need.item);
    replace(reviseTitle, t('revise.title', { item: need.item }));
    status.render(need);

    const approximate = need.site?.privacy === 'APPROXIMATE';
    replace(details,
      row(t('need.site'), need.site?.name || '', ' ', h('span', { class: approximate ? 'approximate' : 'muted' },
        `(${t(approximate ? 'console.siteApproximate' : 'console.siteExact')})`)),
      row(t('need.deadline'), need.neededBy ? dateTime(need.neededBy) : t('need.noDeadline')),
      row(t('console.posted'), dateTime(need.postedAt)),
      row(t('need.updated'), relative(need.updatedAt)));

    const open = writable() && LIVE.includes(need.status);
    if (!open) replace(actions);
    else if (!actions.contains(reviseBox)) replace(actions, reviseBox, h('div', { class: 'actions' }, reconfirmForm, closeForm));
    // New pledges or deliveries moved the figures: show the pledges again, unless the coordinator is typing in them.
    const moved = before.reserved !== need.reserved || before.delivered !== need.delivered || before.status !== need.status;
    if (moved && pledgesBox.open && !pledgesBox.contains(document.activeElement)) loadPledges();
  }

  update(initial);
  return { node, update, get need() { return need; } };
}
