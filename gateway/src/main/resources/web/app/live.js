// The live feed over Server-Sent Events. EventSource reconnects by itself after a dropped connection and sends the
// last id it saw as Last-Event-ID; when the server refused the stream (429, 503) it gives up, so this opens a new one
// after a pause, passing the last position as ?lastEventId= (EventSource cannot set headers).
import { h, replace } from './dom.js';
import { t } from './i18n.js';

const EVENTS = ['need', 'post', 'campaign', 'match-pool'];

/**
 * A page's small "live / reconnecting" indicator: {node, onState}, onState being subscribe()'s state callback. When
 * the stream is back after a drop, onBackUp() reads the page again: the stream replays what it missed from
 * Last-Event-ID when it had one, but a stream that had delivered no event yet has no position to resume from.
 */
export function liveIndicator(onBackUp) {
  const node = h('p', { class: 'live-state', role: 'status', 'aria-label': t('live.label') }, t('live.connecting'));
  let wasDown = false;
  const onState = (state) => {
    replace(node, h('span', { class: `dot ${state}`, 'aria-hidden': 'true' }), ' ', t(`live.${state}`));
    node.dataset.state = state;
    if (state === 'reconnecting') wasDown = true;
    if (state === 'live' && wasDown) {
      wasDown = false;
      onBackUp();
    }
  };
  return { node, onState };
}

/** Subscribes to one campaign's events; onEvent(name, data), onState('live' | 'reconnecting'). Returns close(). */
export function subscribe(campaignId, onEvent, onState) {
  let lastEventId = null;
  let source = null;
  let retryTimer = null;
  let retryDelay = 2000;
  let closed = false;
  let state = null;

  function setState(next) {
    if (next !== state) {
      state = next;
      onState(next);
    }
  }

  function open() {
    const params = new URLSearchParams({ campaignId });
    if (lastEventId !== null) params.set('lastEventId', lastEventId);
    source = new EventSource(`/api/v1/feed/stream?${params}`);
    source.onopen = () => {
      retryDelay = 2000;
      setState('live');
    };
    for (const name of EVENTS) {
      source.addEventListener(name, (event) => {
        if (event.lastEventId) lastEventId = event.lastEventId;
        let data;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        onEvent(name, data);
      });
    }
    source.onerror = () => {
      if (closed) return;
      setState('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        source = null;
        clearTimeout(retryTimer);
        retryTimer = setTimeout(open, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      }
    };
  }

  open();
  return () => {
    closed = true;
    clearTimeout(retryTimer);
    if (source) source.close();
  };
}
