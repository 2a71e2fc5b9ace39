// #/signin and #/signup.
import { h } from './dom.js';
import { t } from './i18n.js';
import { post } from './api.js';
import * as session from './session.js';
import { field, writeForm, invalid } from './forms.js';
import { announce } from './status.js';

async function signIn(email, password) {
  let response;
  try {
    response = await post('/api/v1/auth/token', { email, password });
  } catch (error) {
    if (error.status === 401) throw new Error(t('account.badCredentials'));
    throw error;
  }
  session.signIn(response.accessToken, response.expiresIn, email);
}

function afterSignIn() {
  const back = sessionStorage.getItem('lifeline.back');
  sessionStorage.removeItem('lifeline.back');
  announce(t('account.signedIn'));
  location.hash = back && back.startsWith('#/') && !/^#\/sign(in|up)/.test(back) ? back : '#/';
}

/** Remembers the page a visitor came from, to return there after signing in. */
export function rememberReturn(from) {
  if (from && from.startsWith('#/') && !/^#\/sign(in|up)/.test(from)) sessionStorage.setItem('lifeline.back', from);
}

window.addEventListener('hashchange', (event) => {
  const to = new URL(event.newURL).hash;
  if (/^#\/sign(in|up)$/.test(to)) rememberReturn(new URL(event.oldURL).hash);
});

export function signInView() {
  const email = field(t('account.email'), h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true }));
  const password = field(t('account.password'), h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true }));
  const form = h('form', { class: 'card narrow' }, email.field, password.field,
    h('button', { type: 'submit', class: 'primary' }, t('account.signInButton')));
  writeForm(form, {
    fields: { email, password },
    body: () => {
      if (!email.control.value.trim()) throw invalid('email', t('account.emailRequired'));
      if (!password.control.value) throw invalid('password', t('account.passwordRequired'));
      return { email: email.control.value.trim(), password: password.control.value };
    },
    send: (body) => signIn(body.email, body.password),
    done: afterSignIn,
  });
  return {
    title: t('account.signInTitle'),
    node: h('section', { class: 'account-page' }, h('h1', { tabindex: '-1' }, t('account.signInTitle')), form,
      h('p', {}, t('account.noAccount'), ' ', h('a', { href: '#/signup' }, t('nav.signUp')))),
  };
}

export function signUpView() {
  const name = field(t('account.displayName'), h('input', { type: 'text', name: 'displayName', autocomplete: 'nickname', required: true, maxlength: '100' }),
    t('account.displayNameHint'));
  const email = field(t('account.email'), h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true }));
  const password = field(t('account.password'), h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: '10' }),
    t('account.passwordHint'));
  const form = h('form', { class: 'card narrow' }, name.field, email.field, password.field,
    h('button', { type: 'submit', class: 'primary' }, t('account.signUpButton')));
  writeForm(form, {
    fields: { displayName: name, email, password },
    body: () => {
      if (!name.control.value.trim()) throw invalid('displayName', t('account.nameRequired'));
      if (!email.control.value.trim()) throw invalid('email', t('account.emailRequired'));
      if (password.control.value.length < 10) throw invalid('password', t('account.passwordHint'));
      return { displayName: name.control.value.trim(), email: email.control.value.trim(), password: password.control.value };
    },
    send: async (body, key) => {
      await post('/api/v1/auth/register', body, key);
      await signIn(body.email, body.password);
    },
    done: afterSignIn,
  });
  return {
    title: t('account.signUpTitle'),
    node: h('section', { class: 'account-page' }, h('h1', { tabindex: '-1' }, t('account.signUpTitle')),
      h('p', { class: 'lead' }, t('account.signUpLead')), form,
      h('p', {}, t('account.haveAccount'), ' ', h('a', { href: '#/signin' }, t('nav.signIn')))),
  };
}
