// #/console — the coordinator's organisations, each with its campaigns, and the form to open a campaign.
import { h, replace, uid } from './dom.js';
import { t, date } from './i18n.js';
import { get, post, query } from './api.js';
import { field, select, writeForm, invalid, problemMessage } from './forms.js';
import { announce } from './status.js';
import { KINDS, hasRole, myOrganisations, roleNeededView, shortId, typedNumber } from './console-common.js';

const GLIDE = /^[A-Z]{2}-\d{4}-\d{6}-[A-Z]{3}$/;

/** The names of the caller's organisations, by id (the server lists a coordinator's own). */
async function organisationNames() {
  const names = new Map();
  let cursor = null;
  for (let pages = 0; pages < 10; pages += 1) {
    const page = await get(`/api/v1/organisations${query({ limit: 200, cursor })}`);
    page.items.forEach((organisation) => names.set(organisation.id, organisation.name));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return names;
}

/** An organisation's campaigns, active and closed, newest first. */
async function campaignsOf(organisationId) {
  const found = [];
  let cursor = null;
  for (let pages = 0; pages < 10; pages += 1) {
    const page = await get(`/api/v1/campaigns${query({ organisationId, limit: 200, cursor })}`);
    found.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return found.sort((a, b) => String(b.openedAt).localeCompare(String(a.openedAt)));
}

function campaignItem(campaign) {
  return h('li', { class: 'campaign-row' },
    h('a', { href: `#/console/campaigns/${campaign.id}` }, campaign.title), ' ',
    h('span', { class: `badge campaign-${campaign.status}` }, t(`campaignStatus.${campaign.status}`)), ' ',
    h('span', { class: 'meta' }, t(`kind.${campaign.kind}`), ' · ', campaign.region, ' · ', t('campaign.opened', { date: date(campaign.openedAt) })));
}

function organisationSection(organisationId, name) {
  const headingId = uid('org');
  const listName = t('console.campaignsOf', { name });
  const list = h('ul', { class: 'plain campaign-list', 'aria-label': listName, 'aria-busy': 'true' });
  const status = h('p', { class: 'muted' }, t('common.loading'));
  campaignsOf(organisationId).then((campaigns) => {
    replace(list, campaigns.map(campaignItem));
    replace(status, campaigns.length ? '' : t('console.noCampaigns'));
    status.hidden = campaigns.length > 0;
  }).catch((error) => {
    replace(status, problemMessage(error));
    status.setAttribute('role', 'alert');
  }).finally(() => list.removeAttribute('aria-busy'));
  return h('section', { class: 'card organisation', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, name), status, list);
}

function openCampaignForm(organisations, names) {
  const headingId = uid('h');
  const organisation = organisations.length > 1
    ? field(t('console.organisation'), select('organisationId', organisations.map((id) => [id, names.get(id) || t('console.organisationFallback', { id: shortId(id) })]), organisations[0]))
    : null;
  const title = field(t('console.campaignTitle'), h('input', { type: 'text', name: 'title', maxlength: '200', required: true }));
  const kind = field(t('console.kind'), select('kind', KINDS.map((code) => [code, t(`kind.${code}`)]), 'EARTHQUAKE'));
  const region = field(t('console.region'), h('input', { type: 'text', name: 'region', maxlength: '200', required: true }),
    t('console.regionHint'));
  const lat = field(t('filters.lat'), h('input', { type: 'number', name: 'lat', step: 'any', min: '-90', max: '90', inputmode: 'decimal', required: true }));
  const lon = field(t('filters.lon'), h('input', { type: 'number', name: 'lon', step: 'any', min: '-180', max: '180', inputmode: 'decimal', required: true }));
  const description = field(t('console.description'), h('textarea', { name: 'description', rows: '4', maxlength: '5000' }));
  const glide = field(t('console.glide'), h('input', { type: 'text', name: 'glide', maxlength: '20', autocapitalize: 'characters', spellcheck: 'false' }),
    t('console.glideHint'));
  const form = h('form', { class: 'card console-form', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('console.openTitle')),
    organisation?.field, title.field, kind.field, region.field,
    h('fieldset', {}, h('legend', {}, t('console.location')), h('div', { class: 'row' }, lat.field, lon.field)),
    description.field, glide.field,
    h('button', { type: 'submit', class: 'primary' }, t('console.openSubmit')));
  writeForm(form, {
    fields: { ...(organisation ? { organisationId: organisation } : {}), title, kind, region, 'location.lat': lat, 'location.lon': lon, description, glide },
    body: () => {
      const body = {
        organisationId: organisation ? organisation.control.value : organisations[0],
        title: title.control.value.trim(),
        kind: kind.control.value,
        region: region.control.value.trim(),
      };
      if (!body.title) throw invalid('title', t('console.titleRequired'));
      if (!body.region) throw invalid('region', t('console.regionRequired'));
      const la = typedNumber(lat.control);
      const lo = typedNumber(lon.control);
      if (!(Math.abs(la) <= 90)) throw invalid('location.lat', t('form.badLat'));
      if (!(Math.abs(lo) <= 180)) throw invalid('location.lon', t('form.badLon'));
      body.location = { lat: la, lon: lo };
      if (description.control.value.trim()) body.description = description.control.value.trim();
      const glideText = glide.control.value.trim().toUpperCase();
      if (glideText) {
        if (!GLIDE.test(glideText)) throw invalid('glide', t('console.glideHint'));
        body.glide = glideText;
      }
      return body;
    },
    send: (body, key) => post('/api/v1/campaigns', body, key),
    done: (campaign) => {
      announce(t('console.opened', { title: campaign.title }));
      location.hash = `#/console/campaigns/${campaign.id}`;
    },
  });
  return form;
}

export function consoleView() {
  const title = t('console.title');
  if (!hasRole('coordinator')) return roleNeededView(title, 'coordinator');
  const organisations = myOrganisations();
  const list = h('div', { class: 'organisations', 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('common.loading')));
  const formArea = h('div', {});
  const node = h('section', { class: 'console' }, h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('console.lead')),
    h('div', { class: 'console-home' }, list, formArea));
  if (!organisations.length) {
    replace(list, h('p', { class: 'role-needed' }, t('console.noOrganisations')));
    list.removeAttribute('aria-busy');
    return { title, node };
  }
  organisationNames().catch(() => new Map()).then((names) => {
    const nameOf = (id) => names.get(id) || t('console.organisationFallback', { id: shortId(id) });
    replace(list, organisations.map((id) => organisationSection(id, nameOf(id))));
    list.removeAttribute('aria-busy');
    replace(formArea, openCampaignForm(organisations, names));
  });
  return { title, node };
}
