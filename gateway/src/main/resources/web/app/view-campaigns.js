// #/ — active campaigns, newest first, each with its totals from the feed.
import { h, replace } from './dom.js';
import { t, money, number, date } from './i18n.js';
import { get, query } from './api.js';
import { problemMessage } from './forms.js';

export function totalsList(totals) {
  const item = (label, value) => h('div', { class: 'total' }, h('dt', {}, label), h('dd', {}, value));
  return h('dl', { class: 'totals' },
    item(t('totals.raised'), money(totals.raised)),
    item(t('totals.matched'), money(totals.matched)),
    item(t('totals.donors'), number(totals.donors ?? 0)),
    item(t('totals.needsOpen'), number(totals.needsOpen ?? 0)));
}

/**
 * A campaign page's totals box: {node, show(totals), refreshSoon(), stop()}. refreshSoon() reads the feed again half
 * a second after the last call, so that a burst of events on the stream costs one read.
 */
export function liveTotals(campaignId) {
  const node = h('div', { class: 'totals-wrap' });
  let timer = null;
  const show = (totals) => replace(node, totalsList(totals));
  async function refresh() {
    const feed = await get(`/api/v1/feed/campaigns/${campaignId}?limit=1`).catch(() => null);
    if (feed) show(feed.totals);
  }
  return {
    node,
    show,
    refresh,
    refreshSoon: () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 500);
    },
    stop: () => clearTimeout(timer),
  };
}

function card(campaign, totals) {
  const headingId = `campaign-${campaign.id}`;
  return h('li', {},
    h('article', { class: 'card campaign-card', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, h('a', { href: `#/campaigns/${campaign.id}` }, campaign.title)),
      h('p', { class: 'meta' },
        h('span', { class: 'badge kind' }, t(`kind.${campaign.kind}`)), ' ',
        campaign.region, ' · ', t('campaign.opened', { date: date(campaign.openedAt) })),
      campaign.description ? h('p', { class: 'description' }, campaign.description) : null,
      totals ? totalsList(totals) : h('p', { class: 'muted' }, t('campaign.totalsUnavailable'))));
}

export function campaignsView() {
  const list = h('ul', { class: 'cards', 'aria-busy': 'true' });
  const status = h('p', { class: 'muted' }, t('common.loading'));
  const more = h('div', { class: 'more' });
  const node = h('section', { 'aria-labelledby': 'campaigns-heading' },
    h('h1', { id: 'campaigns-heading', tabindex: '-1' }, t('campaigns.title')),
    h('p', { class: 'lead' }, t('campaigns.lead')),
    status, list, more);

  async function load(cursor) {
    try {
      const page = await get(`/api/v1/campaigns${query({ status: 'ACTIVE', limit: 50, cursor })}`);
      const campaigns = [...page.items].sort((a, b) => String(b.openedAt).localeCompare(String(a.openedAt)));
      const feeds = await Promise.all(campaigns.map((campaign) =>
        get(`/api/v1/feed/campaigns/${campaign.id}?limit=1`).then((feed) => feed.totals).catch(() => null)));
      campaigns.forEach((campaign, index) => list.append(card(campaign, feeds[index])));
      status.hidden = list.children.length > 0;
      if (!list.children.length) replace(status, t('campaigns.empty'));
      replace(more, page.nextCursor
        ? h('button', { type: 'button', class: 'secondary', onclick: () => load(page.nextCursor) }, t('common.more'))
        : null);
    } catch (error) {
      status.hidden = false;
      replace(status, problemMessage(error));
      status.setAttribute('role', 'alert');
    } finally {
      list.removeAttribute('aria-busy');
    }
  }
  load();
  return { title: t('campaigns.title'), node };
}
