/* conflictwatch dashboard: plain-SVG charts (timeline of incidents and deaths, toll evolution). */
"use strict";

CW.chart = {
  frame(svg, height) {
    CW.clear(svg);
    const width = Math.max(svg.clientWidth || svg.parentNode.clientWidth || 600, 200);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("height", height);
    return { width, height, left: 44, right: 44, top: 10, bottom: 24 };
  },

  axisLabel(svg, x, y, text, anchor) {
    svg.appendChild(CW.svg("text", { x, y, "text-anchor": anchor || "middle", class: "axis" },
      text));
  },

  /* rows: [{period: "YYYY-MM-DD", incidents: n, deaths: n}] */
  timeline(svg, rows, onPick) {
    const f = this.frame(svg, 150);
    if (!rows.length) {
      this.axisLabel(svg, f.width / 2, f.height / 2, "no incidents match");
      return;
    }
    const plotW = f.width - f.left - f.right;
    const plotH = f.height - f.top - f.bottom;
    const maxN = Math.max(1, ...rows.map((r) => r.incidents));
    const maxD = Math.max(1, ...rows.map((r) => r.deaths));
    const step = plotW / rows.length;
    const barW = Math.min(Math.max(1, step * 0.8), 24);
    const points = [];
    rows.forEach((row, i) => {
      const x = f.left + i * step;
      const h = (row.incidents / maxN) * plotH;
      const bar = CW.svg("rect", {
        x: x + (step - barW) / 2, y: f.top + plotH - h, width: barW, height: Math.max(h, 0.5),
        class: "bar", "data-period": row.period,
      }, CW.svg("title", {}, `${row.period}: ${row.incidents} incidents, ${row.deaths} deaths`));
      if (onPick) bar.addEventListener("click", () => onPick(row));
      svg.appendChild(bar);
      points.push(`${x + step / 2},${f.top + plotH - (row.deaths / maxD) * plotH}`);
    });
    svg.appendChild(CW.svg("polyline", { points: points.join(" "), class: "deaths" }));
    this.axisLabel(svg, f.left - 4, f.top + 8, String(maxN), "end");
    this.axisLabel(svg, f.width - f.right + 4, f.top + 8, String(maxD), "start");
    this.axisLabel(svg, f.left, f.height - 6, rows[0].period, "start");
    this.axisLabel(svg, f.width - f.right, f.height - 6, rows[rows.length - 1].period, "end");
  },

  /* points: [{as_of, best, low, high, source, outcome, report_id}] -> one line per source */
  evolution(svg, points) {
    const f = this.frame(svg, 180);
    const killed = points.filter((p) => p.outcome === "killed" && p.as_of && p.best !== null);
    if (!killed.length) {
      this.axisLabel(svg, f.width / 2, f.height / 2, "no dated death toll to chart");
      return;
    }
    f.right = 170;
    const plotW = f.width - f.left - f.right;
    const plotH = f.height - f.top - f.bottom;
    const times = killed.map((p) => Date.parse(p.as_of));
    const t0 = Math.min(...times);
    const t1 = Math.max(...times);
    const maxV = Math.max(1, ...killed.map((p) => p.high || p.best));
    const x = (t) => f.left + (t1 === t0 ? plotW / 2 : ((t - t0) / (t1 - t0)) * plotW);
    const y = (v) => f.top + plotH - (v / maxV) * plotH;
    const bySource = new Map();
    for (const p of killed) {
      const key = p.source || "(the publication)";
      if (!bySource.has(key)) bySource.set(key, []);
      bySource.get(key).push(p);
    }
    const colors = ["#c0392b", "#2471a3", "#229954", "#7d3c98", "#b9770e", "#566573"];
    let i = 0;
    for (const [source, series] of bySource) {
      const color = colors[i % colors.length];
      series.sort((a, b) => Date.parse(a.as_of) - Date.parse(b.as_of));
      const line = series.map((p) => `${x(Date.parse(p.as_of))},${y(p.best)}`).join(" ");
      svg.appendChild(CW.svg("polyline", { points: line, class: "series", stroke: color }));
      for (const p of series) {
        svg.appendChild(CW.svg("circle", {
          cx: x(Date.parse(p.as_of)), cy: y(p.best), r: 3.5, fill: color, class: "point",
        }, CW.svg("title", {}, `${source}, as of ${p.as_of}: ${p.best}`)));
      }
      svg.appendChild(CW.svg("text", {
        x: f.width - f.right + 10, y: f.top + 12 + i * 15, fill: color, class: "legend",
      }, source.length > 26 ? source.slice(0, 25) + "…" : source));
      i += 1;
    }
    this.axisLabel(svg, f.left - 4, f.top + 8, String(maxV), "end");
    this.axisLabel(svg, f.left, f.height - 6, new Date(t0).toISOString().slice(0, 10), "start");
    if (t1 !== t0) {
      this.axisLabel(svg, f.width - f.right, f.height - 6,
        new Date(t1).toISOString().slice(0, 10), "end");
    }
  },
};
