// The web app: hash routes, the header (navigation, language, account), one view at a time in <main>.
import { h, replace } from './dom.js';
import { t, LANGUAGES, language, setLanguage, onLanguageChange } from './i18n.js';
import * as session from './session.js';
import { announce, clearAnnouncement } from './status.js';
import { campaignsView } from './view-campaigns.js';
import { campaignView } from './view-campaign.js';
import { signInView, signUpView } from './view-account.js';
import { giftsView } from './view-gifts.js';
import { offerView } from './view-offer.js';
import { consoleView } from './view-console.js';
import { consoleCampaignView } from './view-console-campaign.js';
import { adminView } from './view-admin.js';

const ROUTES = [
  [/^\/?$/, () => campaignsView()],
  [/^\/campaigns\/([0-9a-fA-F-]{36})$/, (id) => campaignView(id)],
  [/^\/signin$/, () => signInView()],
  [/^\/signup$/, () => signUpView()],
  [/^\/gifts$/, () => giftsView()],
  [/^\/offer$/, () => offerView()],
  [/^\/console$/, () => consoleView()],
  [/^\/console\/campaigns\/([0-9a-fA-F-]{36})$/, (id) => consoleCampaignView(id)],
  [/^\/admin$/, () => adminView()],
];

let cleanup = null;
let firstRender = true;

function notFoundView() {
  return { title: t('notFound.title'), node: h('section', {}, h('h1', { tabindex: '-1' }, t('notFound.title')),
    h('p', {}, h('a', { href: '#/' }, t('nav.campaigns')))) };
}

export function route() {
  const path = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  let view = null;
  for (const [pattern, make] of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      view = make(...match.slice(1));
      break;
    }
  }
  view = view || notFoundView();
  if (cleanup) cleanup();
  cleanup = view.cleanup || null;
  clearAnnouncement();
  const main = document.getElementById('main');
  replace(main, view.node);
  document.title = view.title ? `${view.title} · Lifeline` : 'Lifeline';
  renderNav(path);
  if (!firstRender) {
    const heading = main.querySelector('h1');
    (heading || main).focus();
  }
  firstRender = false;
}

function renderNav(path) {
  const nav = document.getElementById('nav');
  const account = session.current();
  // A section's link is current on its sub-pages too (a campaign's console is in the Console).
  const current = (href) => `#${path}` === href || (href === '#/' && path === '/') || (href !== '#/' && `#${path}`.startsWith(`${href}/`));
  const link = (href, text) => h('li', {}, h('a', { href, 'aria-current': current(href) ? 'page' : null }, text));
  const items = [link('#/', t('nav.campaigns'))];
  if (account) {
    items.push(link('#/gifts', t('nav.gifts')), link('#/offer', t('nav.offer')));
    const roles = account.roles || [];
    if (roles.includes('coordinator')) items.push(link('#/console', t('nav.console')));
    if (roles.includes('admin')) items.push(link('#/admin', t('nav.admin')));
    items.push(h('li', { class: 'account' },
      h('span', { class: 'who' }, t('nav.signedInAs', { name: account.name || account.email })),
      h('button', { type: 'button', class: 'link-button', onclick: () => {
        session.signOut();
        location.hash = '#/';
      } }, t('nav.signOut'))));
  } else {
    items.push(link('#/signin', t('nav.signIn')), link('#/signup', t('nav.signUp')));
  }
  replace(nav, h('ul', {}, items));
}

function renderChrome() {
  const select = document.getElementById('language');
  replace(select, LANGUAGES.map(({ code, name }) => h('option', { value: code, lang: code, selected: code === language() }, name)));
  document.querySelector('label[for=language]').textContent = t('nav.language');
  document.querySelector('.skip-link').textContent = t('nav.skip');
  document.querySelector('.brand').textContent = t('app.name');
}

function start() {
  renderChrome();
  document.getElementById('language').addEventListener('change', (event) => setLanguage(event.target.value));
  onLanguageChange(() => {
    renderChrome();
    firstRender = true;
    route();
  });
  session.onChange((account) => {
    const path = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
    if (!account) announce(t('account.signedOut'));
    // Signing in moves on to another page by itself; signing out (or a 401) shows the current one as a visitor sees it.
    if (account || /^\/sign(in|up)$/.test(path)) renderNav(path);
    else route();
  });
  window.addEventListener('hashchange', route);
  route();
}

start();
