// The map of a campaign's sites with Leaflet, loaded only when a campaign page is shown. With no tile server
// configured (lifeline.web.map-tiles) it shows the sites on a plain background instead of failing.
import { h } from './dom.js';
import { t } from './i18n.js';

let config = null;
async function webConfig() {
  if (!config) {
    config = fetch('/web-config.json', { credentials: 'omit' }).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  }
  return config;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Shows the needs' sites in container; returns {update(needs), remove()}. */
export async function siteMap(container, center) {
  const [{ default: L }, settings] = await Promise.all([import('leaflet'), webConfig()]);
  // No zoom or fade animation: nothing moves for reduced-motion users, and a page left in the middle of one does not
  // leave Leaflet finishing it on a removed map (a TypeError on '_leaflet_pos').
  const map = L.map(container, { scrollWheelZoom: false, attributionControl: Boolean(settings.mapTiles),
    zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false })
    .setView([center.lat, center.lon], 9);
  if (settings.mapTiles) {
    L.tileLayer(settings.mapTiles, { maxZoom: 18, attribution: settings.mapAttribution ? escapeHtml(settings.mapAttribution) : '' }).addTo(map);
  } else {
    container.classList.add('no-tiles');
  }
  const layer = L.layerGroup().addTo(map);
  return {
    update(needs) {
      layer.clearLayers();
      const points = [];
      for (const need of needs) {
        if (!need.site) continue;
        const point = [need.site.lat, need.site.lon];
        points.push(point);
        const approximate = need.site.privacy === 'APPROXIMATE';
        // Tooltip content as a node: Leaflet would take a string as HTML.
        const label = h('span', {}, `${need.item} · ${need.site.name}`, approximate ? ` (${t('need.approximate')})` : '');
        L.circleMarker(point, {
          radius: approximate ? 12 : 7,
          color: '#7a1f1f',
          weight: 2,
          fillColor: need.urgency === 'CRITICAL' ? '#b3261e' : '#c76b00',
          fillOpacity: approximate ? 0.25 : 0.7,
          dashArray: approximate ? '4 4' : null,
        }).bindTooltip(label).addTo(layer);
      }
      if (points.length === 1) map.setView(points[0], 11, { animate: false });
      else if (points.length > 1) map.fitBounds(points, { padding: [24, 24], maxZoom: 12, animate: false });
    },
    remove() {
      map.remove();
    },
  };
}
