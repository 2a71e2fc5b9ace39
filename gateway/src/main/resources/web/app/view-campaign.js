// #/campaigns/{id} — the campaign: totals, give money, needs as live listings with filters and a map, posts.
import { h, replace, uid } from './dom.js';
import { t, money, number, dateTime, toMinor } from './i18n.js';
import { get, post, query } from './api.js';
import * as session from './session.js';
import { field, select, writeForm, invalid, problemMessage } from './forms.js';
import { announce } from './status.js';
import { liveTotals } from './view-campaigns.js';
import { needCard } from './need-card.js';
import { subscribe, liveIndicator } from './live.js';

const SECTORS = ['SHL', 'WSH', 'FSC', 'HEA', 'NUT', 'LOG', 'CCM', 'EDU', 'PRO', 'ERY', 'TEL'];
const URGENCIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const PRESETS = [50, 100, 200, 500];

function postItem(item) {
  const text = h('p', { class: 'post-text' }, item.text);
  const images = (item.mediaUrls || []).filter((url) => /^https:\/\//i.test(url)).map((url) =>
    h('img', { src: url, alt: t('post.image'), loading: 'lazy', referrerpolicy: 'no-referrer' }));
  return h('li', {}, h('article', { class: 'card post' },
    h('p', { class: 'meta' }, h('time', { datetime: item.publishedAt }, dateTime(item.publishedAt)),
      item.location ? ` · ${t('post.place', { lat: number(item.location.lat, { maximumFractionDigits: 2 }), lon: number(item.location.lon, { maximumFractionDigits: 2 }) })}` : ''),
    text, images.length ? h('div', { class: 'media' }, images) : null));
}

export function campaignView(campaignId) {
  const disposers = [];
  let campaign = null;
  let currency = 'CNY';
  const pools = new Map(); // the campaign's match pools by id: listed on load, then kept current by the stream

  const title = h('h1', { tabindex: '-1' }, t('common.loading'));
  const meta = h('p', { class: 'meta' });
  const description = h('p', { class: 'description', hidden: true });
  const totals = liveTotals(campaignId);
  const live = liveIndicator(() => {
    totals.refresh();
    syncNeeds();
  });
  const errorBox = h('p', { class: 'form-message', role: 'alert', hidden: true });

  // --- needs: filters, list, map ---------------------------------------------------------------------------------
  const cards = new Map(); // need id -> card
  const needList = h('ul', { class: 'cards needs', 'aria-busy': 'true' });
  const needsEmpty = h('p', { class: 'muted', hidden: true }, t('needs.empty'));
  const needsMore = h('div', { class: 'more' });
  const mapBox = h('div', { class: 'map', role: 'region', 'aria-label': t('map.label') });
  let siteMap = null;

  const sector = select('sector', [['', t('filters.allSectors')], ...SECTORS.map((code) => [code, t(`sector.${code}`)])], '');
  const urgency = select('urgency', [['', t('filters.allUrgencies')], ...URGENCIES.map((code) => [code, t(`urgency.${code}`)])], '');
  const lat = h('input', { type: 'number', name: 'lat', step: 'any', min: '-90', max: '90', inputmode: 'decimal' });
  const lon = h('input', { type: 'number', name: 'lon', step: 'any', min: '-180', max: '180', inputmode: 'decimal' });
  const radius = h('input', { type: 'number', name: 'radiusKm', step: 'any', min: '1', max: '20000', value: '50', inputmode: 'decimal' });
  const sectorField = field(t('filters.sector'), sector);
  const urgencyField = field(t('filters.urgency'), urgency);
  const latField = field(t('filters.lat'), lat);
  const lonField = field(t('filters.lon'), lon);
  const radiusField = field(t('filters.radius'), radius);
  const locate = h('button', { type: 'button', class: 'secondary' }, t('filters.useLocation'));
  const filterMessage = h('p', { class: 'form-message', role: 'alert', hidden: true });
  const filters = h('form', { class: 'filters', 'aria-label': t('filters.label') },
    h('div', { class: 'row' }, sectorField.field, urgencyField.field),
    h('fieldset', {}, h('legend', {}, t('filters.nearMe')),
      h('div', { class: 'row' }, latField.field, lonField.field, radiusField.field), locate),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('filters.apply')),
      h('button', { type: 'reset', class: 'secondary' }, t('filters.clear'))),
    filterMessage);

  filters.noValidate = true; // our own messages, in the page's language
  locate.addEventListener('click', () => {
    if (!navigator.geolocation) {
      replace(filterMessage, t('filters.noGeolocation'));
      filterMessage.hidden = false;
      return;
    }
    locate.disabled = true;
    navigator.geolocation.getCurrentPosition((position) => {
      locate.disabled = false;
      lat.value = position.coords.latitude.toFixed(4);
      lon.value = position.coords.longitude.toFixed(4);
      loadNeeds();
    }, () => {
      locate.disabled = false;
      replace(filterMessage, t('filters.geolocationDenied'));
      filterMessage.hidden = false;
    }, { timeout: 10000 });
  });
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    loadNeeds();
  });
  filters.addEventListener('reset', () => setTimeout(loadNeeds, 0));

  function needQuery() {
    const params = { campaignId, status: 'OPEN,FULLY_PLEDGED', sector: sector.value, urgency: urgency.value, limit: 50 };
    if (lat.value !== '' || lon.value !== '') {
      const la = Number(lat.value);
      const lo = Number(lon.value);
      if (lat.value === '' || lon.value === '' || !(Math.abs(la) <= 90) || !(Math.abs(lo) <= 180)) {
        throw new Error(t('filters.badCoordinates'));
      }
      params.near = `${la},${lo}`;
      if (radius.value !== '') {
        if (!(Number(radius.value) > 0 && Number(radius.value) <= 20000)) throw new Error(t('filters.badRadius'));
        params.radiusKm = Number(radius.value);
      }
    }
    return params;
  }

  function matchesFilters(need) {
    if (need.campaignId !== campaignId) return false;
    if (sector.value && need.sector !== sector.value) return false;
    if (urgency.value && need.urgency !== urgency.value) return false;
    return true;
  }

  let loadSerial = 0;
  function showMore(page, params, serial) {
    replace(needsMore, page.nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: async (event) => {
      event.currentTarget.disabled = true;
      const next = await get(`/api/v1/feed/needs${query({ ...params, cursor: page.nextCursor })}`).catch((error) => {
        replace(filterMessage, problemMessage(error));
        filterMessage.hidden = false;
        return null;
      });
      if (!next || serial !== loadSerial) return;
      for (const need of next.items) {
        if (cards.has(need.id)) continue;
        const card = needCard(need);
        cards.set(need.id, card);
        needList.append(card.node);
      }
      refreshMap();
      showMore(next, params, serial);
    } }, t('common.more')) : null);
  }

  async function loadNeeds() {
    filterMessage.hidden = true;
    let params;
    try {
      params = needQuery();
    } catch (error) {
      replace(filterMessage, error.message);
      filterMessage.hidden = false;
      return;
    }
    const serial = ++loadSerial;
    needList.setAttribute('aria-busy', 'true');
    try {
      const page = await get(`/api/v1/feed/needs${query(params)}`);
      if (serial !== loadSerial) return;
      cards.clear();
      replace(needList, page.items.map((need) => {
        const card = needCard(need);
        cards.set(need.id, card);
        return card.node;
      }));
      needsEmpty.hidden = page.items.length > 0;
      showMore(page, params, serial);
      refreshMap();
    } catch (error) {
      replace(filterMessage, problemMessage(error));
      filterMessage.hidden = false;
    } finally {
      needList.removeAttribute('aria-busy');
    }
  }

  /** Reads the listings again and merges them into the cards in place (keeping forms and focus): after a dropped
   * stream, since a stream that had not yet delivered an event has no position to resume from. */
  async function syncNeeds() {
    let params;
    try {
      params = needQuery();
    } catch {
      return;
    }
    const serial = loadSerial;
    const page = await get(`/api/v1/feed/needs${query(params)}`).catch(() => null);
    if (!page || serial !== loadSerial) return;
    const seen = new Set();
    for (const need of page.items) {
      seen.add(need.id);
      const card = cards.get(need.id);
      if (card) card.update({ ...card.need, ...need });
      else {
        const fresh = needCard(need);
        cards.set(need.id, fresh);
        needList.append(fresh.node);
      }
    }
    for (const [id, card] of cards) {
      // With more pages than the first, an unseen card may be on a later page: keep it.
      if (!page.nextCursor && !seen.has(id) && !card.node.contains(document.activeElement)) {
        card.node.remove();
        cards.delete(id);
      }
    }
    needsEmpty.hidden = cards.size > 0;
    refreshMap();
  }

  function refreshMap() {
    if (siteMap) siteMap.update([...cards.values()].map((card) => card.need));
  }

  function onNeed(need) {
    const card = cards.get(need.id);
    if (card) {
      // A listing carries fields the stream's read model may leave out (distanceKm): keep them.
      card.update({ ...card.need, ...need });
      refreshMap();
    } else if (matchesFilters(need) && ['OPEN', 'FULLY_PLEDGED'].includes(need.status) && !(lat.value || lon.value)) {
      const fresh = needCard(need);
      cards.set(need.id, fresh);
      needList.prepend(fresh.node);
      needsEmpty.hidden = true;
      announce(t('live.newNeed', { item: need.item }));
      refreshMap();
    } else if (matchesFilters(need) && (lat.value || lon.value)) {
      loadNeeds();
    }
  }

  // --- give money ------------------------------------------------------------------------------------------------
  const poolInfo = h('div', { class: 'pools' });
  const giveArea = h('div', {});
  let previewRefresh = () => {};
  function renderPools() {
    previewRefresh();
    const open = [...pools.values()].filter((pool) => pool.campaignId === campaignId);
    if (!open.length) {
      replace(poolInfo, h('p', { class: 'muted' }, t('give.noPool')));
      return;
    }
    replace(poolInfo, h('ul', { class: 'plain' }, open.map((pool) => h('li', {},
      pool.status === 'OPEN'
        ? t('give.poolOpen', { sponsor: pool.sponsor, ratio: number(pool.ratio), remaining: money(pool.remaining), pool: money(pool.pool) })
        : t('give.poolClosed', { sponsor: pool.sponsor, status: t(`poolStatus.${pool.status}`) })))));
  }
  function giveForm() {
    const amount = h('input', { type: 'number', name: 'amount', min: '1', step: 'any', inputmode: 'decimal', value: String(PRESETS[1]) });
    const amountField = field(t('give.amount', { currency }), amount);
    const presetName = uid('preset');
    const presets = h('fieldset', { class: 'presets' }, h('legend', {}, t('give.presets')),
      PRESETS.map((value) => {
        const id = uid('preset');
        const radio = h('input', { type: 'radio', name: presetName, id, value: String(value), checked: value === PRESETS[1],
          onchange: () => { amount.value = String(value); } });
        return h('span', { class: 'preset' }, radio, h('label', { for: id }, money({ amount: toMinor(value, currency), currency })));
      }));
    amount.addEventListener('input', () => presets.querySelectorAll('input').forEach((radio) => { radio.checked = radio.value === amount.value; }));
    const result = h('p', { class: 'confirmation', hidden: true });
    const preview = h('p', { class: 'preview', 'aria-live': 'polite' });
    const updatePreview = () => {
      const value = Number(amount.value);
      const pool = [...pools.values()].find((candidate) => candidate.campaignId === campaignId && candidate.status === 'OPEN'
        && candidate.remaining?.currency === currency);
      if (!pool || !(value > 0)) {
        replace(preview);
        return;
      }
      const gift = toMinor(value, currency);
      const belowMinimum = pool.minGift && gift < pool.minGift.amount;
      let added = belowMinimum ? 0 : Math.min(Math.floor(gift * pool.ratio), pool.remaining.amount);
      if (pool.perDonorCap) added = Math.min(added, pool.perDonorCap.amount);
      replace(preview, t('give.preview', { sponsor: pool.sponsor, added: money({ amount: added, currency }) }));
    };
    previewRefresh = updatePreview;
    amount.addEventListener('input', updatePreview);
    presets.addEventListener('change', updatePreview);
    updatePreview();
    const form = h('form', { class: 'give-form' }, presets, amountField.field, preview,
      h('button', { type: 'submit', class: 'primary' }, t('give.submit')));
    writeForm(form, {
      fields: { 'amount.amount': amountField, amount: amountField },
      body: () => {
        const value = Number(amount.value);
        if (!(value > 0)) throw invalid('amount', t('give.positive'));
        return { campaignId, amount: { amount: toMinor(value, currency), currency } };
      },
      send: (body, key) => post('/api/v1/donations', body, key),
      done: async (donation) => {
        let pool = null;
        if (donation.matchPoolId) {
          pool = await get(`/api/v1/match-pools/${donation.matchPoolId}`).catch(() => null);
          if (pool) {
            pools.set(pool.id, pool);
            renderPools();
          }
        }
        const matched = donation.matched && donation.matched.amount > 0;
        const text = matched
          ? t('give.doneMatched', { amount: money(donation.amount), matched: money(donation.matched), sponsor: pool?.sponsor || '', remaining: pool ? money(pool.remaining) : '—' })
          : t('give.done', { amount: money(donation.amount) });
        replace(result, text);
        result.hidden = false;
        announce(text);
        totals.refresh();
      },
    });
    return [form, result];
  }

  // --- posts -----------------------------------------------------------------------------------------------------
  const postList = h('ul', { class: 'cards posts' });
  const postsEmpty = h('p', { class: 'muted', hidden: true }, t('posts.empty'));

  // --- the page --------------------------------------------------------------------------------------------------
  const needsHeading = uid('h');
  const giveHeading = uid('h');
  const postsHeading = uid('h');
  // On a phone the give form is below every need: a button in the header takes the donor there (the URL's hash is
  // the route, so an in-page anchor cannot).
  const toGive = h('button', { type: 'button', class: 'secondary jump-give', onclick: () => {
    const heading = document.getElementById(giveHeading);
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  } }, t('give.jump'));
  const node = h('div', { class: 'campaign' },
    h('p', { class: 'back' }, h('a', { href: '#/' }, t('campaign.back'))),
    h('header', { class: 'campaign-header' }, title, meta, description, live.node, totals.node, toGive),
    errorBox,
    h('div', { class: 'columns' },
      h('section', { class: 'needs-section', 'aria-labelledby': needsHeading },
        h('h2', { id: needsHeading }, t('needs.title')),
        h('details', { class: 'filter-box' }, h('summary', {}, t('filters.label')), filters),
        mapBox, needList, needsEmpty, needsMore),
      h('div', { class: 'side' },
        h('section', { 'aria-labelledby': giveHeading, class: 'card give' },
          h('h2', { id: giveHeading, tabindex: '-1' }, t('give.title')), poolInfo, giveArea),
        h('section', { 'aria-labelledby': postsHeading },
          h('h2', { id: postsHeading }, t('posts.title')), postList, postsEmpty))));


  async function load() {
    let feed;
    try {
      feed = await get(`/api/v1/feed/campaigns/${campaignId}?limit=50`);
    } catch (error) {
      replace(title, t('campaign.unavailable'));
      replace(errorBox, problemMessage(error));
      errorBox.hidden = false;
      return;
    }
    campaign = feed.campaign;
    currency = feed.totals?.raised?.currency || 'CNY';
    replace(title, campaign.title);
    document.title = `${campaign.title} · Lifeline`;
    replace(meta, h('span', { class: 'badge kind' }, t(`kind.${campaign.kind}`)), ' ', campaign.region, ' · ',
      t('campaign.opened', { date: dateTime(campaign.openedAt) }), campaign.glide ? ` · GLIDE ${campaign.glide}` : '',
      campaign.status !== 'ACTIVE' ? h('span', { class: 'badge closed' }, ` ${t('campaign.closed')}`) : '');
    if (campaign.description) {
      replace(description, campaign.description);
      description.hidden = false;
    }
    totals.show(feed.totals);
    const posts = feed.timeline.filter((item) => item.type === 'post' && item.post).map((item) => item.post);
    replace(postList, posts.map(postItem));
    postsEmpty.hidden = posts.length > 0;
    renderPools();
    if (campaign.status !== 'ACTIVE') replace(giveArea, h('p', { class: 'muted' }, t('give.closed')));
    else if (session.current()) replace(giveArea, giveForm());
    else replace(giveArea, h('p', {}, h('a', { href: '#/signin' }, t('give.signIn'))));

    import('./map.js').then(({ siteMap: makeMap }) => makeMap(mapBox, campaign.location)).then((made) => {
      if (disposed) {
        made.remove();
        return;
      }
      siteMap = made;
      refreshMap();
    }).catch((error) => {
      console.warn('map unavailable', error);
      replace(mapBox, h('p', { class: 'muted' }, t('map.unavailable')));
    });
  }

  let disposed = false;
  disposers.push(subscribe(campaignId, (name, data) => {
    if (name === 'need') onNeed(data);
    else if (name === 'post' && data.campaignId === campaignId) {
      postList.prepend(postItem(data));
      postsEmpty.hidden = true;
      announce(t('live.newPost'));
    } else if (name === 'match-pool') {
      pools.set(data.id, data);
      renderPools();
    }
    if (name !== 'post') totals.refreshSoon();
  }, live.onState));

  async function loadPools() {
    try {
      const page = await get(`/api/v1/campaigns/${campaignId}/match-pools${query({ limit: 50 })}`);
      page.items.forEach((pool) => { if (!pools.has(pool.id)) pools.set(pool.id, pool); });
    } catch {
      // The give form works without them: only the preview of what a sponsor adds is missing.
    }
    renderPools();
  }

  load();
  loadNeeds();
  loadPools();
  return {
    title: t('campaign.title'),
    node,
    cleanup: () => {
      disposed = true;
      totals.stop();
      disposers.forEach((dispose) => dispose());
      if (siteMap) siteMap.remove();
    },
  };
}
