// The API has no "my donations" list: the ids of donations made in this browser are kept per account.
import * as session from './session.js';

function key() {
  const account = session.current();
  return account?.subject ? `lifeline.donations.${account.subject}` : null;
}

export function rememberDonation(id) {
  const storeKey = key();
  if (!storeKey) return;
  const ids = knownDonations().filter((known) => known !== id);
  ids.unshift(id);
  localStorage.setItem(storeKey, JSON.stringify(ids.slice(0, 100)));
}

export function knownDonations() {
  const storeKey = key();
  if (!storeKey) return [];
  try {
    const ids = JSON.parse(localStorage.getItem(storeKey) || '[]');
    return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
