// One need as a live listing: item, site, urgency, deadline, marks, a progress bar, and the pledge form.
import { h, replace, uid } from './dom.js';
import { t, number, dateTime, relative } from './i18n.js';
import { post } from './api.js';
import * as session from './session.js';
import { writeForm, invalid } from './forms.js';
import { announce } from './status.js';

const DAY = 24 * 3600 * 1000;
const LIVE = ['OPEN', 'FULLY_PLEDGED'];

function percent(part, whole) {
  return whole > 0 ? Math.max(0, Math.min(100, (part / whole) * 100)) : 0;
}

/**
 * What every view of a need shows, donor's card and coordinator's alike: urgency, sector and status badges, the
 * stale / expiring / over-subscribed marks, the progress bar of delivered and reserved against requested, and its
 * figures. Returns {nodes, render(need)}.
 */
export function needStatus() {
  const meta = h('p', { class: 'meta' });
  const marks = h('p', { class: 'marks' });
  const delivered = h('span', { class: 'fill delivered' });
  const reserved = h('span', { class: 'fill reserved' });
  const bar = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0' }, reserved, delivered);
  const figures = h('p', { class: 'figures' });
  function render(need) {
    replace(meta,
      h('span', { class: `badge urgency-${need.urgency}` }, t(`urgency.${need.urgency}`)), ' ',
      h('span', { class: 'badge sector' }, t(`sector.${need.sector}`)), ' ',
      h('span', { class: `badge status-${need.status}` }, t(`needStatus.${need.status}`)));
    const markList = [];
    if (need.stale) markList.push(h('span', { class: 'mark stale' }, t('need.stale')));
    const deadline = need.neededBy ? new Date(need.neededBy).getTime() : null;
    if (deadline && deadline > Date.now() && deadline - Date.now() < DAY) markList.push(h('span', { class: 'mark expiring' }, t('need.expiring', { when: relative(need.neededBy) })));
    if (need.overSubscribed || need.outstanding < 0) markList.push(h('span', { class: 'mark over' }, t('need.overSubscribed')));
    replace(marks, markList.flatMap((mark, index) => (index ? [' ', mark] : [mark])));
    marks.hidden = markList.length === 0;

    const progressText = t('need.progress', { reserved: number(need.reserved), requested: number(need.requested), unit: need.unit, delivered: number(need.delivered) });
    bar.setAttribute('aria-valuemax', String(need.requested));
    bar.setAttribute('aria-valuenow', String(Math.min(need.reserved, need.requested)));
    bar.setAttribute('aria-valuetext', progressText);
    bar.setAttribute('aria-label', t('need.progressLabel', { reserved: number(need.reserved), requested: number(need.requested), unit: need.unit }));
    reserved.style.width = `${percent(need.reserved, need.requested)}%`;
    delivered.style.width = `${percent(need.delivered, need.requested)}%`;
    replace(figures, progressText, LIVE.includes(need.status)
      ? [' · ', t('need.outstanding', { outstanding: number(Math.max(0, need.outstanding)), unit: need.unit })] : null);
  }
  return { nodes: [meta, marks, bar, figures], render };
}

/** Builds the card; returns {node, update(need)} so that live updates keep the form's state and focus. */
export function needCard(initial, { onPledged } = {}) {
  let need = initial;
  const headingId = uid('need');
  const heading = h('h3', { id: headingId });
  const status = needStatus();
  const details = h('dl', { class: 'need-details' });
  const pledgeArea = h('div', { class: 'pledge-area' });
  const node = h('li', { 'data-need-id': need.id },
    h('article', { class: 'card need-card', 'aria-labelledby': headingId },
      heading, status.nodes, details, pledgeArea));

  // The pledge form, built once; update() adjusts its bounds.
  const quantity = h('input', { type: 'number', name: 'quantity', min: '1', step: '1', inputmode: 'numeric', value: '1', class: 'quantity' });
  const quantityId = uid('qty');
  quantity.id = quantityId;
  const quantityError = h('p', { class: 'field-error', id: `${quantityId}-error`, hidden: true });
  quantity.setAttribute('aria-describedby', `${quantityId}-error`);
  const step = (delta) => {
    const max = Math.max(1, need.outstanding);
    quantity.value = String(Math.min(max, Math.max(1, (parseInt(quantity.value, 10) || 0) + delta)));
  };
  const partial = h('input', { type: 'checkbox', name: 'partial', id: uid('partial') });
  const form = h('form', { class: 'pledge-form' },
    h('div', { class: 'field' },
      h('label', { for: quantityId }, t('pledge.quantity', { unit: need.unit })),
      h('div', { class: 'stepper' },
        h('button', { type: 'button', class: 'step', 'aria-label': t('pledge.decrease'), onclick: () => step(-1) }, '−'),
        quantity,
        h('button', { type: 'button', class: 'step', 'aria-label': t('pledge.increase'), onclick: () => step(1) }, '+')),
      quantityError),
    h('div', { class: 'check' }, partial, h('label', { for: partial.id }, t('pledge.partial'))),
    h('button', { type: 'submit', class: 'primary' }, t('pledge.submit')));
  writeForm(form, {
    fields: { quantity: { control: quantity, error: quantityError } },
    body: () => {
      const value = Number(quantity.value);
      if (!Number.isInteger(value) || value < 1) throw invalid('quantity', t('pledge.wholeNumber'));
      // More than the listing says is outstanding still goes to the API, which decides on the current state (the
      // listing may lag) and answers with the outstanding quantity when it does not fit.
      return { needId: need.id, quantity: value, policy: partial.checked ? 'PARTIAL' : 'ALL_OR_NOTHING' };
    },
    send: (body, key) => post('/api/v1/pledges', body, key),
    problemParams: (error) => ({ unit: need.unit, outstanding: number(error.problem.outstanding ?? 0) }),
    problemField: (error) => (error.problem.outstanding !== undefined ? 'quantity' : null),
    done: (pledge) => {
      const text = pledge.reserved < pledge.requested
        ? t('pledge.donePartial', { reserved: number(pledge.reserved), requested: number(pledge.requested), unit: need.unit, item: need.item })
        : t('pledge.done', { reserved: number(pledge.reserved), unit: need.unit, item: need.item });
      announce(text);
      replace(confirmation, text, ' ', h('a', { href: '#/gifts' }, t('pledge.next')));
      confirmation.hidden = false;
      quantity.value = '1';
      onPledged?.(pledge);
    },
  });
  const confirmation = h('p', { class: 'confirmation', hidden: true });

  function update(next) {
    need = next;
    replace(heading, need.item);
    const approximate = need.site?.privacy === 'APPROXIMATE';
    status.render(need);

    const row = (label, ...value) => [h('dt', {}, label), h('dd', {}, ...value)];
    replace(details,
      row(t('need.site'), need.site?.name || '', approximate ? h('span', { class: 'approximate' }, ` (${t('need.approximate')})`) : ''),
      need.distanceKm !== undefined && need.distanceKm !== null ? row(t('need.distance'), t('need.km', { km: number(need.distanceKm, { maximumFractionDigits: 1 }) })) : [],
      row(t('need.deadline'), need.neededBy ? dateTime(need.neededBy) : t('need.noDeadline')),
      row(t('need.updated'), relative(need.updatedAt)));

    const open = need.status === 'OPEN' && need.outstanding > 0;
    quantity.max = String(Math.max(1, need.outstanding));
    if (Number(quantity.value) > need.outstanding && need.outstanding > 0) quantity.value = String(need.outstanding);
    if (!session.current()) {
      replace(pledgeArea, open ? h('p', {}, h('a', { href: '#/signin' }, t('pledge.signIn'))) : null);
    } else if (open) {
      if (!pledgeArea.contains(form)) replace(pledgeArea, form, confirmation);
    } else {
      replace(pledgeArea, confirmation, h('p', { class: 'muted' }, t('pledge.closed')));
    }
  }

  update(need);
  return { node, update, get need() { return need; } };
}
