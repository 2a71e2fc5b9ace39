// #/offer — offer goods, then pick one of the needs the matcher ranks for them.
import { h, replace, uid } from './dom.js';
import { t, number } from './i18n.js';
import { get, post, reader } from './api.js';
import * as session from './session.js';
import { field, select, writeForm, invalid, problemMessage } from './forms.js';
import { announce } from './status.js';

const SECTORS = ['SHL', 'WSH', 'FSC', 'HEA', 'NUT', 'LOG', 'CCM', 'EDU', 'PRO', 'ERY', 'TEL'];

/** One ranked need: its item, where and for which campaign (so that two needs for the same item differ), and a form to pledge. */
function matchItem(offer, match, need, campaign, onAccepted) {
  const quantity = h('input', { type: 'number', name: 'quantity', min: '1', step: '1', inputmode: 'numeric',
    max: String(Math.max(1, Math.min(offer.quantity, match.outstanding))), value: String(Math.max(1, Math.min(offer.quantity, match.outstanding))) });
  const quantityField = field(t('offer.acceptQuantity', { unit: offer.unit }), quantity);
  const headingId = uid('match');
  const placeId = uid('place');
  const form = h('form', { class: 'action-form' }, quantityField.field,
    h('button', { type: 'submit', class: 'primary' }, t('offer.accept')));
  writeForm(form, {
    fields: { quantity: quantityField },
    body: () => {
      const value = Number(quantity.value);
      if (!Number.isInteger(value) || value < 1) throw invalid('quantity', t('pledge.wholeNumber'));
      return { needId: match.needId, quantity: value };
    },
    send: (body, key) => post(`/api/v1/offers/${offer.id}/accept`, body, key),
    problemParams: (error) => ({ unit: offer.unit, outstanding: number(error.problem.outstanding ?? 0) }),
    done: (pledge) => {
      announce(t('pledge.done', { reserved: number(pledge.reserved), unit: offer.unit, item: match.item }));
      onAccepted();
    },
  });
  const place = [need?.site?.name, campaign?.title].filter(Boolean).join(' · ');
  return h('li', {}, h('article', { class: 'card', 'aria-labelledby': place ? `${headingId} ${placeId}` : headingId },
    h('h3', { id: headingId }, match.item),
    place ? h('p', { id: placeId, class: 'place' }, place) : null,
    h('p', { class: 'meta' }, h('span', { class: `badge urgency-${match.urgency}` }, t(`urgency.${match.urgency}`)), ' ',
      t('offer.matchFacts', { outstanding: number(match.outstanding), unit: offer.unit, km: number(match.distanceKm, { maximumFractionDigits: 1 }), score: number(match.score * 100, { maximumFractionDigits: 0 }) })),
    form));
}

export function offerView() {
  if (!session.current()) {
    return { title: t('offer.title'), node: h('section', {}, h('h1', { tabindex: '-1' }, t('offer.title')),
      h('p', {}, h('a', { href: '#/signin' }, t('offer.signIn')))) };
  }
  const sector = field(t('filters.sector'), select('sector', SECTORS.map((code) => [code, t(`sector.${code}`)]), 'SHL'));
  const item = field(t('offer.item'), h('input', { type: 'text', name: 'item', maxlength: '200', required: true }), t('offer.itemHint'));
  const unit = field(t('offer.unit'), h('input', { type: 'text', name: 'unit', maxlength: '50', required: true, value: t('offer.defaultUnit') }));
  const quantity = field(t('offer.quantity'), h('input', { type: 'number', name: 'quantity', min: '1', step: '1', value: '1', inputmode: 'numeric' }));
  const lat = field(t('filters.lat'), h('input', { type: 'number', name: 'lat', step: 'any', inputmode: 'decimal' }));
  const lon = field(t('filters.lon'), h('input', { type: 'number', name: 'lon', step: 'any', inputmode: 'decimal' }));
  const distance = field(t('offer.maxDistance'), h('input', { type: 'number', name: 'maxDistanceKm', min: '1', max: '20000', step: '1', value: '200' }));
  const locate = h('button', { type: 'button', class: 'secondary' }, t('filters.useLocation'));
  locate.addEventListener('click', () => navigator.geolocation?.getCurrentPosition((position) => {
    lat.control.value = position.coords.latitude.toFixed(4);
    lon.control.value = position.coords.longitude.toFixed(4);
  }));
  const results = h('div', { class: 'matches' });
  const form = h('form', { class: 'card' }, sector.field, item.field, unit.field, quantity.field,
    h('fieldset', {}, h('legend', {}, t('offer.where')), h('div', { class: 'row' }, lat.field, lon.field), locate),
    distance.field, h('button', { type: 'submit', class: 'primary' }, t('offer.submit')));

  const read = reader();
  async function showMatches(offer) {
    replace(results, h('p', { class: 'muted' }, t('common.loading')));
    try {
      const matches = await get(`/api/v1/offers/${offer.id}/matches`);
      const list = Array.isArray(matches) ? matches : matches.items || [];
      const described = await Promise.all(list.map(async (match) => {
        const need = await read(`/api/v1/needs/${match.needId}`);
        return [match, need, need ? await read(`/api/v1/campaigns/${need.campaignId}`) : null];
      }));
      const heading = h('h2', { tabindex: '-1' }, t('offer.matchesTitle'));
      replace(results, heading,
        list.length ? h('ol', { class: 'cards' }, described.map(([match, need, campaign]) =>
          matchItem(offer, match, need, campaign, () => { location.hash = '#/gifts'; })))
          : h('p', {}, t('offer.noMatches')),
        h('button', { type: 'button', class: 'secondary', onclick: () => showMatches(offer) }, t('offer.refresh')));
      // On a phone the ranking is below the form: take the donor (and a screen reader) to it.
      heading.focus();
    } catch (error) {
      replace(results, h('p', { role: 'alert', class: 'form-message' }, problemMessage(error)));
    }
  }

  writeForm(form, {
    fields: { sector, item, unit, quantity, 'location.lat': lat, 'location.lon': lon, maxDistanceKm: distance },
    body: () => {
      if (!item.control.value.trim()) throw invalid('item', t('offer.itemRequired'));
      const amount = Number(quantity.control.value);
      if (!Number.isInteger(amount) || amount < 1) throw invalid('quantity', t('pledge.wholeNumber'));
      if (lat.control.value === '' || lon.control.value === '') throw invalid('location.lat', t('filters.badCoordinates'));
      const body = { sector: sector.control.value, item: item.control.value.trim(), unit: unit.control.value.trim(), quantity: amount,
        location: { lat: Number(lat.control.value), lon: Number(lon.control.value) } };
      if (distance.control.value) body.maxDistanceKm = Number(distance.control.value);
      return body;
    },
    send: (body, key) => post('/api/v1/offers', body, key),
    done: (offer) => {
      announce(t('offer.created'));
      showMatches(offer);
    },
  });
  return {
    title: t('offer.title'),
    node: h('section', { class: 'offer' }, h('h1', { tabindex: '-1' }, t('offer.title')), h('p', { class: 'lead' }, t('offer.lead')), form, results),
  };
}
