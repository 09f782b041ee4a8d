/* conflictwatch dashboard: filters drive the map, the timeline and the list; #/incident/ID
   opens one incident. */
"use strict";

const PAGE = 50;
const MAP_LIMIT = 2000;
const state = { offset: 0, sort: "-date_start", total: 0 };

function filterParams() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (key === "in_view" || String(value).trim() === "") continue;
    params.set(key, String(value).trim());
  }
  if (form.elements.in_view.checked) params.set("bbox", CW.map.bbox());
  return params;
}

function withParams(path, params, extra) {
  const all = new URLSearchParams(params);
  for (const [key, value] of Object.entries(extra || {})) all.set(key, value);
  return `${path}?${all.toString()}`;
}

function renderList(page) {
  const body = CW.clear(document.querySelector("#list tbody"));
  for (const incident of page.items) {
    const f = incident.fatalities || {};
    const loc = incident.location || {};
    const row = CW.el("tr", { class: "incident-row", "data-id": incident.incident_id,
      tabindex: "0" },
      CW.el("td", {}, CW.fmt(incident.date_start)),
      CW.el("td", {}, (incident.event_type || "–").replace(/_/g, " ")),
      CW.el("td", {}, CW.place(incident.location)),
      CW.el("td", {}, CW.fmt(loc.country_code)),
      CW.el("td", { class: "num" }, CW.fmt(f.best)),
      CW.el("td", { class: "num" }, String(incident.report_count || 0)));
    const open = () => { location.hash = "#/incident/" + encodeURIComponent(incident.incident_id); };
    row.addEventListener("click", open);
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
    body.appendChild(row);
  }
  state.total = page.total;
  document.getElementById("count").textContent = String(page.total);
  const last = Math.min(state.offset + PAGE, page.total);
  document.getElementById("page-info").textContent =
    page.total ? `${state.offset + 1}–${last} of ${page.total}` : "";
  document.getElementById("prev").disabled = state.offset === 0;
  document.getElementById("next").disabled = last >= page.total;
}

async function refresh(options) {
  const params = filterParams();
  CW.status("Loading…");
  try {
    const [page, points, timeline] = await Promise.all([
      CW.get(withParams("incidents", params,
        { limit: PAGE, offset: state.offset, sort: state.sort })),
      CW.get(withParams("incidents", params, { limit: MAP_LIMIT, sort: "-fatalities" })),
      CW.get(withParams("incidents/timeline", params, {})),
    ]);
    renderList(page);
    CW.map.show(points.items, options && options.fit);
    CW.chart.timeline(document.getElementById("timeline"), timeline.rows, pickPeriod);
    document.body.dataset.loaded = "true";
    CW.status(points.total > MAP_LIMIT
      ? `Map shows the ${MAP_LIMIT} deadliest of ${points.total} incidents.` : "");
  } catch (err) {
    CW.status("Could not load incidents: " + err.message);
  }
}

function pickPeriod(row) {
  const form = document.getElementById("filters");
  form.elements.date_from.value = row.start;
  form.elements.date_to.value = row.end;
  state.offset = 0;
  refresh({ fit: true });
}

async function route() {
  const match = location.hash.match(/^#\/incident\/(.+)$/);
  document.getElementById("overview").hidden = Boolean(match);
  document.getElementById("incident").hidden = !match;
  if (!match) {
    CW.map.leaflet.invalidateSize();
    return;
  }
  CW.status("Loading incident…");
  try {
    await CW.incident.open(decodeURIComponent(match[1]));
    document.body.dataset.incident = decodeURIComponent(match[1]);
    CW.status("");
  } catch (err) {
    CW.status("Could not load the incident: " + err.message);
  }
}

async function start() {
  let config = {};
  try {
    config = await CW.get("config");
  } catch (err) {
    CW.status("Could not read the configuration: " + err.message);
  }
  CW.map.create(config, (id) => { location.hash = "#/incident/" + encodeURIComponent(id); });
  const form = document.getElementById("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    state.offset = 0;
    refresh({ fit: true });
  });
  form.addEventListener("reset", () => setTimeout(() => { state.offset = 0; refresh({}); }, 0));
  document.getElementById("prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - PAGE);
    refresh({});
  });
  document.getElementById("next").addEventListener("click", () => {
    state.offset += PAGE;
    refresh({});
  });
  for (const th of document.querySelectorAll("#list th[data-sort]")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      state.sort = state.sort === "-" + key ? key : "-" + key;
      state.offset = 0;
      refresh({});
    });
  }
  window.addEventListener("hashchange", route);
  await refresh({ fit: true });
  await route();
}

document.addEventListener("DOMContentLoaded", start);
