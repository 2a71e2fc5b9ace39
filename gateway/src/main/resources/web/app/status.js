// The page's polite live region: short announcements ("Pledged", "Reconnecting…") for screen readers, shown too.
let timer;

export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick, so that the same message twice is announced twice.
  setTimeout(() => {
    region.textContent = text;
    region.classList.add('visible');
    clearTimeout(timer);
    timer = setTimeout(() => region.classList.remove('visible'), 6000);
  }, 50);
}

/** Hides the announcement shown when the page changes (it spoke of the page left); one still on its way is kept. */
export function clearAnnouncement() {
  const region = document.getElementById('announcer');
  if (!region) return;
  clearTimeout(timer);
  region.classList.remove('visible');
}
