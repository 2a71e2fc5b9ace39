// #/admin — organisations and their coordinators, partners and their API keys (a new key is shown once, kept nowhere).
import { h, replace, uid } from './dom.js';
import { t, dateTime } from './i18n.js';
import { call, get, post, query } from './api.js';
import { field, select, writeForm, invalid, problemMessage } from './forms.js';
import { announce } from './status.js';
import { hasRole, roleNeededView } from './console-common.js';

const SCOPES = ['feed:read', 'webhooks:manage'];

/** Every page of a list (at most 20 pages of 200). */
async function listAll(path) {
  const items = [];
  let cursor = null;
  for (let pages = 0; pages < 20; pages += 1) {
    const page = await get(`${path}${query({ limit: 200, cursor })}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export function adminView() {
  const title = t('admin.title');
  if (!hasRole('admin')) return roleNeededView(title, 'admin');

  const organisations = new Map(); // id -> {id, name}
  const orgNotes = h('div', {});
  const orgList = h('ul', { class: 'cards organisations', 'aria-busy': 'true' });
  const partnerNotes = h('div', {});
  const partnerList = h('ul', { class: 'cards partners', 'aria-busy': 'true' });
  const keyArea = h('div', {});
  let partnerOrgSelect = null;

  // --- organisations ---------------------------------------------------------------------------------------------
  function coordinatorItem(coordinator) {
    return h('li', {}, coordinator.displayName ? [h('strong', {}, coordinator.displayName), ' · '] : null, coordinator.email);
  }

  // An organisation's coordinators are read when its card is opened: an admin of many organisations waits for none.
  function organisationCard(organisation, { open = false } = {}) {
    const headingId = uid('org');
    const listLabel = t('admin.coordinatorsOf', { name: organisation.name });
    const list = h('ul', { class: 'plain coordinators', 'aria-label': listLabel });
    const status = h('p', { class: 'muted' }, t('common.loading'));
    const confirmation = h('p', { class: 'confirmation', hidden: true });
    async function loadCoordinators() {
      list.setAttribute('aria-busy', 'true');
      try {
        const all = await listAll(`/api/v1/organisations/${organisation.id}/coordinators`);
        replace(list, all.map(coordinatorItem));
        replace(status, all.length ? '' : t('admin.noCoordinators'));
        status.hidden = all.length > 0;
      } catch (error) {
        replace(status, problemMessage(error));
        status.hidden = false;
      } finally {
        list.removeAttribute('aria-busy');
      }
    }
    const formId = uid('h');
    const email = field(t('admin.coordinatorEmail'), h('input', { type: 'email', name: 'email', autocomplete: 'off', maxlength: '254', required: true }),
      t('admin.coordinatorHint'));
    const form = h('form', { class: 'action-form', 'aria-labelledby': formId },
      h('h4', { id: formId }, t('admin.addCoordinatorTitle', { name: organisation.name })), email.field,
      h('button', { type: 'submit', class: 'primary' }, t('admin.addCoordinator')));
    writeForm(form, {
      fields: { email },
      body: () => {
        const value = email.control.value.trim();
        if (!value) throw invalid('email', t('account.emailRequired'));
        return { email: value };
      },
      send: (body, key) => post(`/api/v1/organisations/${organisation.id}/coordinators`, body, key),
      done: (account) => {
        const text = t('admin.coordinatorAdded', { who: account.displayName || account.email, name: organisation.name });
        replace(confirmation, text);
        confirmation.hidden = false;
        announce(text);
        email.control.value = '';
        loadCoordinators();
      },
    });
    const details = h('details', { class: 'coordinators-panel', open },
      h('summary', {}, t('admin.coordinators')), status, list, form, confirmation);
    let loaded = false;
    const loadOnce = () => {
      if (details.open && !loaded) {
        loaded = true;
        loadCoordinators();
      }
    };
    details.addEventListener('toggle', loadOnce);
    loadOnce();
    return h('li', {}, h('article', { class: 'card organisation', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, organisation.name), details));
  }

  function addOrganisation(organisation, { first } = {}) {
    if (organisations.has(organisation.id)) return;
    organisations.set(organisation.id, organisation);
    const card = organisationCard(organisation, { open: Boolean(first) });
    if (first) orgList.prepend(card);
    else orgList.append(card);
    refreshPartnerOrganisations();
  }

  function organisationForm() {
    const headingId = uid('h');
    const name = field(t('admin.organisationName'), h('input', { type: 'text', name: 'name', maxlength: '200', required: true }));
    const form = h('form', { class: 'card console-form', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, t('admin.createOrganisationTitle')), name.field,
      h('button', { type: 'submit', class: 'primary' }, t('admin.createOrganisation')));
    writeForm(form, {
      fields: { name },
      body: () => {
        const value = name.control.value.trim();
        if (!value) throw invalid('name', t('admin.nameRequired'));
        return { name: value };
      },
      send: (body, key) => post('/api/v1/organisations', body, key),
      done: (organisation) => {
        addOrganisation(organisation, { first: true });
        name.control.value = '';
        announce(t('admin.organisationCreated', { name: organisation.name }));
      },
    });
    return form;
  }

  // --- partners --------------------------------------------------------------------------------------------------
  function organisationName(id) {
    return organisations.get(id)?.name || id;
  }

  function refreshPartnerOrganisations() {
    if (!partnerOrgSelect) return;
    const chosen = partnerOrgSelect.value;
    replace(partnerOrgSelect, [['', t('admin.noOrganisation')], ...[...organisations.values()].map((o) => [o.id, o.name])]
      .map(([value, text]) => h('option', { value, selected: value === chosen }, text)));
  }

  function partnerItem(partner) {
    const revoked = Boolean(partner.revoked || partner.revokedAt);
    const headingId = uid('partner');
    const revoke = h('form', { class: 'inline-form' }, h('button', { type: 'submit', class: 'danger' }, t('admin.revoke')));
    const item = h('li', {}, h('article', { class: 'card partner', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, partner.name),
      h('p', { class: 'meta' }, h('span', { class: `badge partner-${revoked ? 'revoked' : 'active'}` }, t(revoked ? 'admin.revoked' : 'admin.active')),
        partner.createdAt ? ` · ${t('admin.created', { when: dateTime(partner.createdAt) })}` : ''),
      h('dl', { class: 'need-details' },
        h('dt', {}, t('admin.scopes')), h('dd', {}, (partner.scopes || []).map((scope) => t(`scope.${scope}`)).join(', ')),
        h('dt', {}, t('admin.organisation')), h('dd', {}, partner.organisationId ? organisationName(partner.organisationId) : t('admin.noOrganisation'))),
      revoked ? null : revoke));
    writeForm(revoke, {
      body: () => {
        if (!window.confirm(t('admin.revokeConfirm', { name: partner.name }))) throw new Error(t('admin.revokeKept'));
        return {};
      },
      send: () => call('DELETE', `/api/v1/partners/${partner.id}/key`),
      done: () => {
        item.replaceWith(partnerItem({ ...partner, revoked: true }));
        announce(t('admin.revokedDone', { name: partner.name }));
      },
    });
    return item;
  }

  function showKey(partner) {
    const headingId = uid('h');
    const input = h('input', { type: 'text', name: 'apiKey', readonly: true, value: partner.apiKey, spellcheck: 'false', autocomplete: 'off', class: 'key' });
    const keyField = field(t('admin.apiKey'), input);
    const copied = h('p', { class: 'confirmation', hidden: true });
    const copy = h('button', { type: 'button', class: 'primary', onclick: async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        replace(copied, t('admin.copied'));
      } catch {
        input.focus();
        input.select();
        replace(copied, t('admin.copyByHand'));
      }
      copied.hidden = false;
      announce(copied.textContent);
    } }, t('admin.copy'));
    const done = h('button', { type: 'button', class: 'secondary', onclick: () => {
      replace(keyArea);
      announce(t('admin.keyHidden'));
    } }, t('admin.keyDone'));
    const panel = h('section', { class: 'card key-panel', role: 'region', 'aria-labelledby': headingId },
      h('h3', { id: headingId, tabindex: '-1' }, t('admin.newKey')),
      h('p', { class: 'warning' }, t('admin.keyWarning', { name: partner.name })),
      keyField.field, h('div', { class: 'actions' }, copy, done), copied);
    replace(keyArea, panel);
    panel.querySelector('h3').focus();
  }

  function partnerForm() {
    const headingId = uid('h');
    const name = field(t('admin.partnerName'), h('input', { type: 'text', name: 'name', maxlength: '200', required: true }));
    partnerOrgSelect = select('organisationId', [['', t('admin.noOrganisation')]], '');
    const organisation = field(t('admin.partnerOrganisation'), partnerOrgSelect);
    refreshPartnerOrganisations();
    const scopeError = h('p', { class: 'field-error', id: uid('scopes-error'), hidden: true });
    const boxes = SCOPES.map((scope) => {
      const id = uid('scope');
      const box = h('input', { type: 'checkbox', name: 'scopes', id, value: scope, checked: scope === 'feed:read', 'aria-describedby': scopeError.id });
      return { box, node: h('div', { class: 'check' }, box, h('label', { for: id }, t(`scope.${scope}`))) };
    });
    const scopes = h('fieldset', {}, h('legend', {}, t('admin.scopes')), boxes.map((b) => b.node), scopeError);
    const form = h('form', { class: 'card console-form', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, t('admin.createPartnerTitle')), name.field, organisation.field, scopes,
      h('button', { type: 'submit', class: 'primary' }, t('admin.createPartner')));
    writeForm(form, {
      fields: { name, organisationId: organisation, scopes: { control: boxes[0].box, error: scopeError } },
      body: () => {
        const body = { name: name.control.value.trim(), scopes: boxes.filter((b) => b.box.checked).map((b) => b.box.value) };
        if (!body.name) throw invalid('name', t('admin.nameRequired'));
        if (!body.scopes.length) throw invalid('scopes', t('admin.scopeRequired'));
        if (partnerOrgSelect.value) body.organisationId = partnerOrgSelect.value;
        return body;
      },
      send: (body, key) => post('/api/v1/partners', body, key),
      done: (partner) => {
        const { apiKey, ...withoutKey } = partner;
        const stored = { ...withoutKey, createdAt: withoutKey.createdAt || new Date().toISOString() };
        partnerList.prepend(partnerItem(stored));
        partnerEmpty.hidden = true;
        name.control.value = '';
        if (apiKey) {
          showKey({ ...stored, apiKey });
          announce(t('admin.partnerCreated', { name: stored.name }));
        } else {
          // A replayed creation answers without the key: it was shown the first time only.
          announce(t('admin.partnerReplayed', { name: stored.name }));
        }
      },
    });
    return form;
  }
  const partnerEmpty = h('p', { class: 'muted', hidden: true }, t('admin.noPartners'));

  // --- loading ---------------------------------------------------------------------------------------------------
  async function load() {
    try {
      (await listAll('/api/v1/organisations')).forEach((organisation) => addOrganisation(organisation));
    } catch (error) {
      replace(orgNotes, h('p', { class: 'form-message', role: 'alert' }, problemMessage(error)));
    } finally {
      orgList.removeAttribute('aria-busy');
    }
    try {
      const all = await listAll('/api/v1/partners');
      replace(partnerList, all.map(partnerItem));
      partnerEmpty.hidden = all.length > 0;
    } catch (error) {
      replace(partnerNotes, h('p', { class: 'form-message', role: 'alert' }, problemMessage(error)));
    } finally {
      partnerList.removeAttribute('aria-busy');
    }
  }

  const orgHeading = uid('h');
  const partnerHeading = uid('h');
  const node = h('section', { class: 'admin' }, h('h1', { tabindex: '-1' }, title),
    h('p', { class: 'lead' }, t('admin.lead')),
    h('div', { class: 'admin-columns' },
      h('section', { 'aria-labelledby': orgHeading },
        h('h2', { id: orgHeading }, t('admin.organisations')), organisationForm(), orgNotes, orgList),
      h('section', { 'aria-labelledby': partnerHeading },
        h('h2', { id: partnerHeading }, t('admin.partners')), partnerForm(), keyArea, partnerNotes, partnerEmpty, partnerList)));
  load();
  return { title, node };
}
