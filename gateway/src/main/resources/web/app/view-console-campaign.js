// #/console/campaigns/{id} — one campaign for its coordinators: its needs (revise, reconfirm, close, pledges and
// deliveries), posting needs and situation updates, match pools, closing the campaign; live over SSE.
import { h, replace, uid, append } from './dom.js';
import { t, money, number, dateTime, toMinor } from './i18n.js';
import { get, post, query } from './api.js';
import { field, select, writeForm, invalid, problemMessage } from './forms.js';
import { announce } from './status.js';
import { liveTotals } from './view-campaigns.js';
import { subscribe, liveIndicator } from './live.js';
import { consoleNeedCard } from './console-need.js';
import { SECTORS, URGENCIES, hasRole, myOrganisations, roleNeededView, typedNumber } from './console-common.js';

function postItem(item) {
  return h('li', {}, h('article', { class: 'card post' },
    h('p', { class: 'meta' }, h('time', { datetime: item.publishedAt }, dateTime(item.publishedAt))),
    h('p', { class: 'post-text' }, item.text),
    (item.mediaUrls || []).length ? h('ul', { class: 'plain links' }, item.mediaUrls.map((url) => h('li', {}, url))) : null));
}

/** A labelled section whose heading (h2) names it; returns {node, body} to fill. */
function section(titleText, className) {
  const id = uid('h');
  const body = h('div', {});
  return { node: h('section', { class: className, 'aria-labelledby': id }, h('h2', { id }, titleText), body), body };
}

/** A form named by its heading (h2). */
function namedForm(titleText, className, ...children) {
  const id = uid('h');
  return h('form', { class: `card console-form ${className || ''}`, 'aria-labelledby': id }, h('h2', { id }, titleText), ...children);
}

function radioGroup(legend, name, options, value, hint) {
  const hintId = hint ? uid('hint') : null;
  return h('fieldset', { class: 'radios', 'aria-describedby': hintId },
    h('legend', {}, legend),
    options.map(([optionValue, text]) => {
      const id = uid('r');
      return h('div', { class: 'check' },
        h('input', { type: 'radio', name, id, value: optionValue, checked: optionValue === value }),
        h('label', { for: id }, text));
    }),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

export function consoleCampaignView(campaignId) {
  const pageTitle = t('console.title');
  if (!hasRole('coordinator')) return roleNeededView(pageTitle, 'coordinator');

  const disposers = [];
  let campaign = null;
  let currency = 'CNY';
  const pools = new Map();
  const cards = new Map();

  const title = h('h1', { tabindex: '-1' }, t('common.loading'));
  const meta = h('p', { class: 'meta' });
  const live = liveIndicator(() => {
    totals.refresh();
    loadNeeds();
  });
  const totals = liveTotals(campaignId);
  const errorBox = h('p', { class: 'form-message', role: 'alert', hidden: true });
  const body = h('div', { class: 'console-campaign-body' });
  const node = h('div', { class: 'console campaign' },
    h('p', { class: 'back' }, h('a', { href: '#/console' }, t('console.back'))),
    h('header', { class: 'campaign-header' }, title, meta, live.node, totals.node),
    errorBox, body);

  const active = () => campaign?.status === 'ACTIVE';

  // --- needs -----------------------------------------------------------------------------------------------------
  const needs = section(t('needs.title'), 'needs-section');
  const needList = h('ul', { class: 'cards needs', 'aria-busy': 'true' });
  const needsEmpty = h('p', { class: 'muted', hidden: true }, t('console.noNeeds'));
  append(needs.body, [needList, needsEmpty]);

  function showNeed(need, { fresh } = {}) {
    if (need.campaignId && need.campaignId !== campaignId) return;
    const card = cards.get(need.id);
    if (card) {
      card.update({ ...card.need, ...need });
      return;
    }
    const made = consoleNeedCard(need, { writable: active });
    cards.set(need.id, made);
    if (fresh) needList.prepend(made.node);
    else needList.append(made.node);
    needsEmpty.hidden = true;
  }

  async function loadNeeds() {
    try {
      let cursor = null;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await get(`/api/v1/feed/needs${query({ campaignId, limit: 200, cursor })}`);
        page.items.forEach((need) => showNeed(need));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      needsEmpty.hidden = cards.size > 0;
    } catch (error) {
      replace(needsEmpty, problemMessage(error));
      needsEmpty.hidden = false;
    } finally {
      needList.removeAttribute('aria-busy');
    }
  }

  // --- post a need -----------------------------------------------------------------------------------------------
  function needForm() {
    const sector = field(t('filters.sector'), select('sector', SECTORS.map((code) => [code, t('console.sectorOption', { code, name: t(`sector.${code}`) })]), 'SHL'));
    const item = field(t('offer.item'), h('input', { type: 'text', name: 'item', maxlength: '200', required: true }), t('console.itemHint'));
    const unit = field(t('offer.unit'), h('input', { type: 'text', name: 'unit', maxlength: '50', required: true, value: t('offer.defaultUnit') }));
    const quantity = field(t('offer.quantity'), h('input', { type: 'number', name: 'quantity', min: '1', max: '10000000', step: '1', inputmode: 'numeric', required: true }));
    const urgency = field(t('filters.urgency'), select('urgency', URGENCIES.map((code) => [code, t(`urgency.${code}`)]), 'HIGH'));
    const siteName = field(t('console.siteName'), h('input', { type: 'text', name: 'siteName', maxlength: '200', required: true }));
    const lat = field(t('filters.lat'), h('input', { type: 'number', name: 'lat', step: 'any', min: '-90', max: '90', inputmode: 'decimal', required: true }));
    const lon = field(t('filters.lon'), h('input', { type: 'number', name: 'lon', step: 'any', min: '-180', max: '180', inputmode: 'decimal', required: true }));
    const privacyName = uid('privacy');
    const privacy = radioGroup(t('console.privacy'), privacyName,
      [['EXACT', t('console.privacy.EXACT')], ['APPROXIMATE', t('console.privacy.APPROXIMATE')]], 'APPROXIMATE', t('console.privacyHint'));
    const neededBy = field(t('console.neededByOptional'), h('input', { type: 'datetime-local', name: 'neededBy' }));
    const form = namedForm(t('console.postNeedTitle'), 'need-form',
      sector.field, item.field, h('div', { class: 'row' }, unit.field, quantity.field), urgency.field,
      h('fieldset', {}, h('legend', {}, t('need.site')), siteName.field, h('div', { class: 'row' }, lat.field, lon.field), privacy),
      neededBy.field,
      h('button', { type: 'submit', class: 'primary' }, t('console.postNeed')));
    writeForm(form, {
      fields: { sector, item, unit, quantity, urgency, 'site.name': siteName, 'site.lat': lat, 'site.lon': lon, neededBy },
      body: () => {
        const values = {
          sector: sector.control.value,
          item: item.control.value.trim(),
          unit: unit.control.value.trim(),
          quantity: typedNumber(quantity.control),
          urgency: urgency.control.value,
        };
        if (!values.item) throw invalid('item', t('offer.itemRequired'));
        if (!values.unit) throw invalid('unit', t('console.unitRequired'));
        if (!Number.isInteger(values.quantity) || values.quantity < 1 || values.quantity > 10000000) throw invalid('quantity', t('console.quantityRange'));
        const name = siteName.control.value.trim();
        if (!name) throw invalid('site.name', t('console.siteNameRequired'));
        const la = typedNumber(lat.control);
        const lo = typedNumber(lon.control);
        if (!(Math.abs(la) <= 90)) throw invalid('site.lat', t('form.badLat'));
        if (!(Math.abs(lo) <= 180)) throw invalid('site.lon', t('form.badLon'));
        const chosen = form.querySelector(`input[name="${privacyName}"]:checked`);
        values.site = { name, lat: la, lon: lo, privacy: chosen ? chosen.value : 'APPROXIMATE' };
        if (neededBy.control.value) {
          const when = new Date(neededBy.control.value);
          if (Number.isNaN(when.getTime()) || when.getTime() <= Date.now()) throw invalid('neededBy', t('console.deadlineFuture'));
          values.neededBy = when.toISOString();
        }
        return values;
      },
      send: (values, key) => post(`/api/v1/campaigns/${campaignId}/needs`, values, key),
      done: (need) => {
        showNeed(need, { fresh: true });
        announce(t('console.needPosted', { item: need.item }));
        item.control.value = '';
        quantity.control.value = '';
        item.control.focus();
      },
    });
    return form;
  }

  // --- situation updates -----------------------------------------------------------------------------------------
  const postList = h('ul', { class: 'cards posts' });
  const postsEmpty = h('p', { class: 'muted' }, t('posts.empty'));
  const seenPosts = new Set();
  function showPost(item, { first } = {}) {
    if (seenPosts.has(item.id)) return;
    seenPosts.add(item.id);
    if (first) postList.prepend(postItem(item));
    else postList.append(postItem(item));
    postsEmpty.hidden = true;
  }
  function postForm() {
    const text = field(t('console.postText'), h('textarea', { name: 'text', rows: '4', maxlength: '5000', required: true }));
    const media = field(t('console.mediaUrls'), h('textarea', { name: 'mediaUrls', rows: '2', spellcheck: 'false' }), t('console.mediaHint'));
    const form = namedForm(t('console.postTitle'), 'post-form', text.field, media.field,
      h('button', { type: 'submit', class: 'primary' }, t('console.publish')));
    writeForm(form, {
      fields: { text, mediaUrls: media },
      body: () => {
        const values = { text: text.control.value.trim() };
        if (!values.text) throw invalid('text', t('console.textRequired'));
        const urls = media.control.value.split(/\s+/).map((url) => url.trim()).filter(Boolean);
        if (urls.some((url) => !/^https:\/\/\S+$/i.test(url))) throw invalid('mediaUrls', t('console.mediaHint'));
        if (urls.length > 10) throw invalid('mediaUrls', t('console.mediaTooMany'));
        if (urls.length) values.mediaUrls = urls;
        return values;
      },
      send: (values, key) => post(`/api/v1/campaigns/${campaignId}/posts`, values, key),
      done: (published) => {
        text.control.value = '';
        media.control.value = '';
        showPost(published, { first: true });
        announce(t('console.published'));
      },
    });
    return form;
  }

  // --- match pools -----------------------------------------------------------------------------------------------
  const poolList = h('ul', { class: 'plain pool-list' });
  const poolNote = h('p', { class: 'muted' });
  function renderPools() {
    const mine = [...pools.values()].filter((pool) => pool.campaignId === campaignId);
    replace(poolNote, mine.length ? '' : t('console.noPools'));
    poolNote.hidden = mine.length > 0;
    replace(poolList, mine.map((pool) => {
      const close = h('form', { class: 'inline-form' }, h('button', { type: 'submit', class: 'danger' }, t('console.closePool')));
      writeForm(close, {
        body: () => {
          if (!window.confirm(t('console.closePoolConfirm', { sponsor: pool.sponsor }))) throw new Error(t('console.kept'));
          return {};
        },
        send: (values, key) => post(`/api/v1/match-pools/${pool.id}/close`, undefined, key),
        done: (closed) => {
          pools.set(closed.id, closed);
          renderPools();
          announce(t('console.poolClosed', { sponsor: closed.sponsor }));
        },
      });
      return h('li', { class: 'card pool' },
        h('p', {}, h('strong', {}, pool.sponsor), ' ', h('span', { class: 'badge pool-status' }, t(`poolStatus.${pool.status}`))),
        h('p', {}, t('console.poolFacts', { ratio: number(pool.ratio), remaining: money(pool.remaining), pool: money(pool.pool) })),
        pool.perDonorCap ? h('p', { class: 'meta' }, t('console.poolCap', { cap: money(pool.perDonorCap) })) : null,
        pool.minGift ? h('p', { class: 'meta' }, t('console.poolMinGift', { min: money(pool.minGift) })) : null,
        pool.endsAt ? h('p', { class: 'meta' }, t('console.poolEnds', { when: dateTime(pool.endsAt) })) : null,
        pool.status === 'OPEN' && active() ? close : null);
    }));
  }
  async function loadPools() {
    const page = await get(`/api/v1/campaigns/${campaignId}/match-pools${query({ limit: 200 })}`);
    page.items.forEach((pool) => { if (!pools.has(pool.id)) pools.set(pool.id, pool); });
    renderPools();
  }
  function poolForm() {
    const optionalMoney = (control, fieldName) => {
      const value = typedNumber(control);
      if (String(control.value).trim() === '') return undefined;
      if (!(value > 0)) throw invalid(fieldName, t('give.positive'));
      return { amount: toMinor(value, currency), currency };
    };
    const sponsor = field(t('console.sponsor'), h('input', { type: 'text', name: 'sponsor', maxlength: '200', required: true }));
    const ratio = field(t('console.ratio'), h('input', { type: 'number', name: 'ratio', min: '0.0001', max: '100', step: 'any', inputmode: 'decimal', value: '1' }), t('console.ratioHint'));
    const amount = field(t('console.poolAmount', { currency }), h('input', { type: 'number', name: 'pool', min: '0.01', step: 'any', inputmode: 'decimal', required: true }));
    const cap = field(t('console.perDonorCap', { currency }), h('input', { type: 'number', name: 'perDonorCap', min: '0.01', step: 'any', inputmode: 'decimal' }));
    const minGift = field(t('console.minGift', { currency }), h('input', { type: 'number', name: 'minGift', min: '0.01', step: 'any', inputmode: 'decimal' }));
    const endsAt = field(t('console.endsAt'), h('input', { type: 'datetime-local', name: 'endsAt' }));
    const form = namedForm(t('console.poolTitle'), 'pool-form', sponsor.field, ratio.field, amount.field,
      h('div', { class: 'row' }, cap.field, minGift.field), endsAt.field,
      h('button', { type: 'submit', class: 'primary' }, t('console.openPool')));
    writeForm(form, {
      fields: { sponsor, ratio, pool: amount, 'pool.amount': amount, perDonorCap: cap, 'perDonorCap.amount': cap, minGift, 'minGift.amount': minGift, endsAt },
      body: () => {
        const values = { sponsor: sponsor.control.value.trim(), ratio: typedNumber(ratio.control) };
        if (!values.sponsor) throw invalid('sponsor', t('console.sponsorRequired'));
        if (!(values.ratio > 0 && values.ratio <= 100)) throw invalid('ratio', t('console.ratioHint'));
        values.pool = optionalMoney(amount.control, 'pool');
        if (!values.pool) throw invalid('pool', t('give.positive'));
        const capValue = optionalMoney(cap.control, 'perDonorCap');
        if (capValue) values.perDonorCap = capValue;
        const minValue = optionalMoney(minGift.control, 'minGift');
        if (minValue) values.minGift = minValue;
        if (endsAt.control.value) {
          const when = new Date(endsAt.control.value);
          if (Number.isNaN(when.getTime()) || when.getTime() <= Date.now()) throw invalid('endsAt', t('console.deadlineFuture'));
          values.endsAt = when.toISOString();
        }
        return values;
      },
      send: (values, key) => post(`/api/v1/campaigns/${campaignId}/match-pools`, values, key),
      done: (pool) => {
        pools.set(pool.id, { ...pool, campaignId });
        renderPools();
        announce(t('console.poolOpened', { sponsor: pool.sponsor ?? sponsor.control.value.trim() }));
        form.reset();
        ratio.control.value = '1';
      },
    });
    return form;
  }

  // --- close the campaign ----------------------------------------------------------------------------------------
  function closeCampaignForm() {
    const form = h('form', { class: 'inline-form' }, h('button', { type: 'submit', class: 'danger' }, t('console.closeCampaign')));
    writeForm(form, {
      body: () => {
        if (!window.confirm(t('console.closeCampaignConfirm', { title: campaign.title }))) throw new Error(t('console.campaignKept'));
        return {};
      },
      send: (values, key) => post(`/api/v1/campaigns/${campaignId}/close`, undefined, key),
      done: (closed) => {
        campaign = { ...campaign, ...closed };
        announce(t('console.campaignClosed', { title: campaign.title }));
        render();
        title.focus(); // the forms, this one too, are gone
      },
    });
    return form;
  }

  // --- the page --------------------------------------------------------------------------------------------------
  const side = h('div', { class: 'side' });
  const updates = section(t('posts.title'), 'posts-section');
  const poolsSection = section(t('console.poolsTitle'), 'pools-section');
  const closeSection = section(t('console.closeTitle'), 'close-section card');

  function render() {
    replace(title, campaign.title);
    document.title = `${campaign.title} · ${pageTitle} · Lifeline`;
    replace(meta, h('span', { class: 'badge kind' }, t(`kind.${campaign.kind}`)), ' ', campaign.region, ' · ',
      t('campaign.opened', { date: dateTime(campaign.openedAt) }), campaign.glide ? ` · GLIDE ${campaign.glide}` : '', ' ',
      h('span', { class: `badge campaign-${campaign.status}` }, t(`campaignStatus.${campaign.status}`)), ' · ',
      h('a', { href: `#/campaigns/${campaignId}` }, t('console.publicPage')));
    replace(updates.body, active() ? postForm() : null, postsEmpty, postList);
    replace(poolsSection.body, poolNote, poolList, active() ? poolForm() : null);
    renderPools();
    replace(closeSection.body, active()
      ? [h('p', { class: 'hint' }, t('console.closeHint')), closeCampaignForm()]
      : h('p', { class: 'muted' }, t('console.closedNote')));
    replace(side, active() ? needForm() : null, updates.node, poolsSection.node, closeSection.node);
    // Needs of a closed campaign take no more changes.
    for (const card of cards.values()) card.update({ ...card.need });
  }


  async function load() {
    try {
      campaign = await get(`/api/v1/campaigns/${campaignId}`);
    } catch (error) {
      replace(title, t('campaign.unavailable'));
      replace(errorBox, problemMessage(error));
      errorBox.hidden = false;
      return;
    }
    if (!myOrganisations().includes(campaign.organisationId)) {
      replace(title, campaign.title);
      replace(body, h('p', { class: 'role-needed' }, t('console.notYours')), h('p', {}, h('a', { href: `#/campaigns/${campaignId}` }, t('console.publicPage'))));
      return;
    }
    // The feed (totals, currency, posts) may not know a campaign opened a moment ago: the page works without it.
    const feed = await get(`/api/v1/feed/campaigns/${campaignId}?limit=50`).catch(() => null);
    if (feed) {
      currency = feed.totals?.raised?.currency || currency;
      totals.show(feed.totals);
      feed.timeline.filter((item) => item.type === 'post' && item.post).forEach((item) => showPost(item.post));
    } else {
      replace(totals.node, h('p', { class: 'muted' }, t('campaign.totalsUnavailable')));
    }
    replace(body, h('div', { class: 'columns' }, needs.node, side));
    render();
    // Listening before reading: what changes in between arrives on the stream (a card keeps the newer version).
    startLive();
    await Promise.all([loadNeeds(), loadPools().catch((error) => {
      replace(poolNote, problemMessage(error));
      poolNote.hidden = false;
    })]);
  }

  let disposed = false;
  function startLive() {
    if (disposed) return;
    disposers.push(subscribe(campaignId, (name, data) => {
      if (name === 'need') showNeed(data, { fresh: true });
      else if (name === 'post' && data.campaignId === campaignId) showPost(data, { first: true });
      else if (name === 'match-pool' && data.campaignId === campaignId) {
        pools.set(data.id, data);
        renderPools();
      } else if (name === 'campaign' && data.id === campaignId && data.status !== campaign.status) {
        campaign = { ...campaign, ...data };
        render();
      }
      if (name !== 'post') totals.refreshSoon();
    }, live.onState));
  }

  load();
  return {
    title: pageTitle,
    node,
    cleanup: () => {
      disposed = true;
      totals.stop();
      disposers.forEach((dispose) => dispose());
    },
  };
}
