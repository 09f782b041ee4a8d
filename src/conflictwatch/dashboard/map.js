/* conflictwatch dashboard: the Leaflet map, an offline world basemap and incident circles. */
"use strict";

CW.map = {
  create(config, onOpen) {
    const map = L.map("map", { worldCopyJump: true, minZoom: 1 }).setView([20, 20], 2);
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { maxZoom: 18, attribution: config.tile_attribution || "" })
        .addTo(map);
    }
    CW.get("static/vendor/world-atlas/countries-110m.json")
      .then((topo) => {
        const land = topojson.feature(topo, topo.objects.countries);
        const layer = L.geoJSON(land, {
          style: { color: "#8a8f98", weight: 0.6, fillColor: "#e8e4d8", fillOpacity: 1 },
          interactive: false,
        });
        layer.addTo(map);
        layer.bringToBack();
      })
      .catch((err) => CW.status("Basemap unavailable: " + err.message));
    this.leaflet = map;
    this.layer = L.layerGroup().addTo(map);
    this.onOpen = onOpen;
    return map;
  },

  radius(incident) {
    const deaths = (incident.fatalities && incident.fatalities.best) || 0;
    return Math.min(4 + 2.2 * Math.sqrt(deaths), 40);
  },

  show(incidents, fit) {
    this.layer.clearLayers();
    const points = [];
    for (const incident of incidents) {
      const loc = incident.location;
      if (!loc || loc.lat === null || loc.lon === null) continue;
      const deaths = (incident.fatalities && incident.fatalities.best) || 0;
      const circle = L.circleMarker([loc.lat, loc.lon], {
        radius: this.radius(incident),
        color: "#8b1a1a",
        weight: 1,
        fillColor: deaths > 0 ? "#c0392b" : "#e67e22",
        fillOpacity: 0.55,
        className: "incident-marker",
      });
      /* bindTooltip with a DOM node: Leaflet sets no HTML from our strings. */
      const tip = CW.el("span", {}, CW.place(loc), " · ", CW.fmt(incident.date_start),
        " · ", deaths, " killed");
      circle.bindTooltip(tip);
      circle.on("click", () => this.onOpen(incident.incident_id));
      circle.addTo(this.layer);
      points.push([loc.lat, loc.lon]);
    }
    if (fit && points.length) this.leaflet.fitBounds(points, { maxZoom: 7, padding: [20, 20] });
  },

  bbox() {
    const b = this.leaflet.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map((v) => v.toFixed(4)).join(",");
  },
};
