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
