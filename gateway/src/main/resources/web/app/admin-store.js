// What the admin pages created in this browser (organisations, coordinators added, partners), shown where the server
// cannot list them. Ids, names and scopes only: an API key is never kept anywhere.
const KEY = 'lifeline.admin.known';

function read() {
  try {
    const known = JSON.parse(localStorage.getItem(KEY) || '{}');
    return {
      organisations: Array.isArray(known.organisations) ? known.organisations : [],
      coordinators: known.coordinators && typeof known.coordinators === 'object' ? known.coordinators : {},
      partners: Array.isArray(known.partners) ? known.partners : [],
    };
  } catch {
    return { organisations: [], coordinators: {}, partners: [] };
  }
}

function write(known) {
  try {
    localStorage.setItem(KEY, JSON.stringify(known));
  } catch {
    // Storage full or refused: the lists then show what the server answers only.
  }
}

export function knownOrganisations() {
  return read().organisations;
}

export function rememberOrganisation({ id, name }) {
  const known = read();
  if (!known.organisations.some((organisation) => organisation.id === id)) known.organisations.push({ id, name });
  write(known);
}

export function knownCoordinators(organisationId) {
  return read().coordinators[organisationId] || [];
}

export function rememberCoordinator(organisationId, { id, email, displayName }) {
  const known = read();
  const list = known.coordinators[organisationId] || [];
  if (!list.some((coordinator) => coordinator.email === email)) list.push({ accountId: id, email, displayName });
  known.coordinators[organisationId] = list;
  write(known);
}

export function knownPartners() {
  return read().partners;
}

export function rememberPartner({ id, name, organisationId, scopes, createdAt }) {
  const known = read();
  if (!known.partners.some((partner) => partner.id === id)) known.partners.push({ id, name, organisationId: organisationId || null, scopes, createdAt });
  write(known);
}

export function rememberRevoked(id) {
  const known = read();
  known.partners = known.partners.map((partner) => (partner.id === id ? { ...partner, revoked: true } : partner));
  write(known);
}
