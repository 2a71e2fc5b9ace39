// #/gifts — my pledges and donations, each with its status, its trail and the next step I can take.
import { h, replace, uid } from './dom.js';
import { t, has, number, money, dateTime } from './i18n.js';
import { get, post, query, reader } from './api.js';
import * as session from './session.js';
import { field, select, writeForm, invalid, problemMessage } from './forms.js';
import { announce } from './status.js';

const STEPS = ['RESERVED', 'CONFIRMED', 'IN_TRANSIT', 'DELIVERED'];
const METHODS = ['DROP_OFF', 'SHIPMENT', 'PICKUP'];

function steps(status) {
  const reached = STEPS.indexOf(status);
  return h('ol', { class: 'steps', 'aria-label': t('gifts.stepsLabel') }, STEPS.map((step, index) =>
    h('li', { class: index <= reached ? 'done' : '', 'aria-current': index === reached ? 'step' : null }, t(`gifts.step.${step}`))));
}

function trailButton(giftId, target) {
  const button = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, t('gifts.showTrail'));
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-expanded') === 'true') {
      button.setAttribute('aria-expanded', 'false');
      replace(button, t('gifts.showTrail'));
      replace(target);
      return;
    }
    button.disabled = true;
    try {
      const trail = await get(`/api/v1/me/gifts/${giftId}/trail`);
      replace(target, h('ol', { class: 'trail' }, trail.events.map((event) => {
        const name = event.type.slice(event.type.indexOf('.') + 1);
        return h('li', {}, h('time', { datetime: event.at }, dateTime(event.at)), ' ', has(`event.${name}`) ? t(`event.${name}`) : name);
      })));
      button.setAttribute('aria-expanded', 'true');
      replace(button, t('gifts.hideTrail'));
    } catch (error) {
      replace(target, h('p', { role: 'alert', class: 'form-message' }, problemMessage(error)));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function localDateTimeValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function pledgeActions(pledge, reload) {
  const forms = [];
  if (pledge.status === 'RESERVED') {
    const method = field(t('gifts.method'), select('method', METHODS.map((code) => [code, t(`method.${code}`)]), 'DROP_OFF'));
    const eta = field(t('gifts.eta'), h('input', { type: 'datetime-local', name: 'eta', value: localDateTimeValue(new Date(Date.now() + 24 * 3600 * 1000)) }));
    const form = h('form', { class: 'action-form' }, h('h4', {}, t('gifts.confirmTitle')), method.field, eta.field,
      h('button', { type: 'submit', class: 'primary' }, t('gifts.confirm')));
    writeForm(form, {
      fields: { method, eta },
      body: () => {
        const when = new Date(eta.control.value);
        if (Number.isNaN(when.getTime())) throw invalid('eta', t('gifts.etaRequired'));
        return { method: method.control.value, eta: when.toISOString() };
      },
      send: (body, key) => post(`/api/v1/pledges/${pledge.id}/confirm`, body, key),
      done: () => { announce(t('gifts.confirmed')); reload(); },
    });
    forms.push(form);
  }
  if (pledge.status === 'CONFIRMED') {
    const carrier = field(t('gifts.carrier'), h('input', { type: 'text', name: 'carrier', maxlength: '200' }));
    const tracking = field(t('gifts.tracking'), h('input', { type: 'text', name: 'trackingRef', maxlength: '200' }));
    const form = h('form', { class: 'action-form' }, h('h4', {}, t('gifts.dispatchTitle')), carrier.field, tracking.field,
      h('button', { type: 'submit', class: 'primary' }, t('gifts.dispatch')));
    writeForm(form, {
      fields: { carrier, trackingRef: tracking },
      body: () => {
        const body = {};
        if (carrier.control.value.trim()) body.carrier = carrier.control.value.trim();
        if (tracking.control.value.trim()) body.trackingRef = tracking.control.value.trim();
        return body;
      },
      send: (body, key) => post(`/api/v1/pledges/${pledge.id}/dispatch`, body, key),
      done: () => { announce(t('gifts.dispatched')); reload(); },
    });
    forms.push(form);
  }
  if (pledge.status === 'RESERVED' || pledge.status === 'CONFIRMED') {
    const form = h('form', { class: 'action-form cancel' },
      h('button', { type: 'submit', class: 'danger' }, t('gifts.cancel')));
    writeForm(form, {
      body: () => {
        if (!window.confirm(t('gifts.cancelConfirm'))) throw new Error(t('gifts.cancelKept'));
        return {};
      },
      send: (body, key) => post(`/api/v1/pledges/${pledge.id}/cancel`, body, key),
      done: () => { announce(t('gifts.cancelled')); reload(); },
    });
    forms.push(form);
  }
  return forms;
}

function pledgeItem(pledge, need, reload) {
  const trail = h('div', { class: 'trail-box' });
  const headingId = uid('gift');
  const unit = need?.unit || '';
  const row = (label, value) => (value === undefined || value === null || value === '' ? [] : [h('dt', {}, label), h('dd', {}, value)]);
  return h('li', {}, h('article', { class: 'card gift', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, need ? `${need.item}` : t('gifts.pledge')),
    h('p', { class: 'meta' }, h('span', { class: `badge pledge-${pledge.status}` }, t(`pledgeStatus.${pledge.status}`)),
      need?.site ? ` · ${need.site.name}` : ''),
    steps(pledge.status),
    h('dl', { class: 'need-details' },
      row(t('gifts.reserved'), `${number(pledge.reserved)} / ${number(pledge.requested)} ${unit}`),
      row(t('gifts.released'), pledge.released ? `${number(pledge.released)} ${unit}` : null),
      row(t('gifts.cancelReason'), pledge.cancelReason || null),
      row(t('gifts.holdExpires'), pledge.status === 'RESERVED' && pledge.holdExpiresAt ? dateTime(pledge.holdExpiresAt) : null),
      row(t('gifts.method'), pledge.method ? t(`method.${pledge.method}`) : null),
      row(t('gifts.eta'), pledge.eta ? dateTime(pledge.eta) : null),
      row(t('gifts.carrier'), pledge.carrier),
      row(t('gifts.tracking'), pledge.trackingRef),
      row(t('gifts.received'), pledge.quantityReceived !== undefined && pledge.quantityReceived !== null ? `${number(pledge.quantityReceived)} ${unit}` : null)),
    pledgeActions(pledge, reload),
    trailButton(pledge.id, trail), trail));
}

function donationItem(donation, campaign) {
  const trail = h('div', { class: 'trail-box' });
  const headingId = uid('gift');
  return h('li', {}, h('article', { class: 'card gift', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, campaign
      ? t('gifts.donationTo', { amount: money(donation.amount), campaign: campaign.title })
      : t('gifts.donationOf', { amount: money(donation.amount) })),
    h('p', { class: 'meta' }, h('span', { class: 'badge' }, t(`donationStatus.${donation.status}`)),
      donation.receivedAt ? ` · ${dateTime(donation.receivedAt)}` : ''),
    donation.matched && donation.matched.amount > 0 ? h('p', {}, t('gifts.matched', { matched: money(donation.matched) })) : null,
    trailButton(donation.id, trail), trail));
}

export function giftsView() {
  const pledgesList = h('ul', { class: 'cards', 'aria-busy': 'true' });
  const donationsList = h('ul', { class: 'cards' });
  const pledgesStatus = h('p', { class: 'muted' }, t('common.loading'));
  const donationsStatus = h('p', { class: 'muted', hidden: true }, t('gifts.noDonations'));
  if (!session.current()) {
    return { title: t('gifts.title'), node: h('section', {}, h('h1', { tabindex: '-1' }, t('gifts.title')),
      h('p', {}, h('a', { href: '#/signin' }, t('gifts.signIn')))) };
  }
  const read = reader();
  const need = (id) => read(`/api/v1/needs/${id}`);
  async function load() {
    pledgesList.setAttribute('aria-busy', 'true');
    try {
      const page = await get(`/api/v1/me/pledges${query({ limit: 100 })}`);
      const withNeeds = await Promise.all(page.items.map(async (pledge) => [pledge, await need(pledge.needId)]));
      replace(pledgesList, withNeeds.map(([pledge, found]) => pledgeItem(pledge, found, load)));
      pledgesStatus.hidden = page.items.length > 0;
      replace(pledgesStatus, page.items.length ? '' : t('gifts.noPledges'));
    } catch (error) {
      pledgesStatus.hidden = false;
      replace(pledgesStatus, problemMessage(error));
    } finally {
      pledgesList.removeAttribute('aria-busy');
    }
    donationsList.setAttribute('aria-busy', 'true');
    try {
      const page = await get(`/api/v1/me/donations${query({ limit: 100 })}`);
      const withCampaigns = await Promise.all(page.items.map(async (donation) => [donation, await read(`/api/v1/campaigns/${donation.campaignId}`)]));
      replace(donationsList, withCampaigns.map(([donation, campaign]) => donationItem(donation, campaign)));
      donationsStatus.hidden = page.items.length > 0;
      replace(donationsStatus, page.items.length ? '' : t('gifts.noDonations'));
    } catch (error) {
      donationsStatus.hidden = false;
      replace(donationsStatus, problemMessage(error));
    } finally {
      donationsList.removeAttribute('aria-busy');
    }
  }
  load();
  return {
    title: t('gifts.title'),
    node: h('section', { class: 'gifts' }, h('h1', { tabindex: '-1' }, t('gifts.title')),
      h('h2', {}, t('gifts.pledges')), pledgesStatus, pledgesList,
      h('h2', {}, t('gifts.donations')), donationsStatus, donationsList),
  };
}
