/* conflictwatch dashboard: one incident, its claims, the toll's evolution and its reports. */
"use strict";

CW.incident = {
  async open(incidentId) {
    const data = await CW.get("incidents/" + encodeURIComponent(incidentId));
    const incident = data.incident;
    document.getElementById("incident-title").textContent =
      `${(incident.event_type || "incident").replace(/_/g, " ")} — ${CW.place(incident.location)}`;
    this.facts(incident);
    CW.chart.evolution(document.getElementById("evolution"), data.evolution || []);
    this.claims(incident.claims || []);
    this.reports(data.reports || []);
  },

  facts(incident) {
    const dl = CW.clear(document.getElementById("incident-facts"));
    const f = incident.fatalities || {};
    const inj = incident.injured || {};
    const loc = incident.location || {};
    const rows = [
      ["Incident", incident.incident_id],
      ["Date", [incident.date_start, incident.date_end].filter(Boolean).join(" – ") || "–"],
      ["Where", `${CW.place(incident.location)} (${CW.fmt(loc.country_code)})`],
      ["Killed", `${CW.fmt(f.best)} (low ${CW.fmt(f.low)}, high ${CW.fmt(f.high)})`],
      ["Injured", `${CW.fmt(inj.best)} (low ${CW.fmt(inj.low)}, high ${CW.fmt(inj.high)})`],
      ["Actors", (incident.actors || []).map((a) => `${a.name} (${a.role})`).join("; ") || "–"],
      ["Reports", String((incident.report_ids || []).length)],
    ];
    for (const [term, value] of rows) {
      dl.appendChild(CW.el("dt", {}, term));
      dl.appendChild(CW.el("dd", {}, value));
    }
  },

  claims(claims) {
    const body = CW.clear(document.querySelector("#claims tbody"));
    for (const c of claims) {
      body.appendChild(CW.el("tr", { class: "claim" },
        CW.el("td", {}, CW.el("a", { href: "#report-" + c.report_id }, c.report_id)),
        CW.el("td", {}, c.outcome),
        CW.el("td", { class: "num" }, CW.fmt(c.low)),
        CW.el("td", { class: "num" }, CW.fmt(c.best)),
        CW.el("td", { class: "num" }, CW.fmt(c.high)),
        CW.el("td", {}, c.source || "(the publication)"),
        CW.el("td", {}, CW.fmt(c.verified)),
        CW.el("td", {}, CW.fmt(c.as_of)),
        CW.el("td", { class: "evidence" }, c.text || "")));
    }
  },

  /* Split text at every evidence boundary; marked pieces become <mark>, all as text nodes. */
  highlight(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) {
      if (s.start >= 0 && s.end <= text.length && s.start < s.end) {
        cuts.add(s.start);
        cuts.add(s.end);
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < points.length; i += 1) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      const piece = text.slice(a, b);
      if (!covering.length) pieces.push(piece);
      else {
        const kinds = [...new Set(covering.map((s) => s.kind))].join(" ");
        const label = covering.map((s) => s.label).filter(Boolean).join("; ");
        pieces.push(CW.el("mark", { class: kinds, title: label || null }, piece));
      }
    }
    return pieces;
  },

  reports(reports) {
    const box = CW.clear(document.getElementById("reports"));
    for (const r of reports) {
      const meta = [r.source, r.published].filter(Boolean).join(", ");
      const link = r.url && /^https?:\/\//i.test(r.url)
        ? CW.el("a", { href: r.url, rel: "noopener noreferrer nofollow" }, "original") : null;
      box.appendChild(CW.el("article", { class: "report", id: "report-" + r.id },
        CW.el("h4", {}, r.title || r.id),
        CW.el("p", { class: "meta" }, meta, " ", link, " · id ", r.id),
        CW.el("div", { class: "text" }, this.highlight(r.text || "", r.evidence || []))));
    }
  },
};
