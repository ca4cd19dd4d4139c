// Interactive charts on the environment page: each panel's server-drawn SVG is the fallback
// without JavaScript; here uPlot draws the same series from /api/environments/{name}/series/{id}
// over the page's window (range=, or from= and to= in the URL), with hover values, legend toggles,
// drag to zoom (the URL changes, so a link shows the same window), the previous period dashed
// (compare=previous), alarm transitions as markers and thresholds labelled once. Times are UTC
// unless the viewer chose their own time zone, kept in this browser.
"use strict";
(function () {
  var ZONE_KEY = "stackwatch.timezone";
  var charts = [];

  function localZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  }

  function zone() {
    try {
      return window.localStorage.getItem(ZONE_KEY) === "local" ? localZone() : "UTC";
    } catch (e) {
      return "UTC";
    }
  }

  // Numbers and units as the server writes them (series/Unit.java).
  function number(v) {
    var a = Math.abs(v);
    if (a >= 100 || v === Math.round(v)) {
      return Math.round(v).toLocaleString("en-US");
    }
    return a >= 10 ? v.toFixed(1) : v.toFixed(2);
  }

  function format(unit, v) {
    if (v == null || isNaN(v)) {
      return "no data";
    }
    switch (unit) {
      case "percent":
        return number(v) + " %";
      case "milliseconds":
        return Math.abs(v) >= 1000 ? number(v / 1000) + " s" : number(v) + " ms";
      case "seconds":
        return Math.abs(v) < 1 ? number(v * 1000) + " ms" : number(v) + " s";
      case "bytes":
        var units = ["B", "KB", "MB", "GB", "TB"];
        var i = 0;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
          v /= 1024;
          i++;
        }
        return number(v) + " " + units[i];
      case "per-minute":
        return number(v) + " /min";
      case "usd":
        return (v < 0 ? "-$" : "$") + number(Math.abs(v));
      default:
        return number(v);
    }
  }

  // Tick steps of 1, 2 and 5 in the unit: powers of ten, or of 1,024 for bytes.
  function increments(unit) {
    var steps = [];
    var k;
    if (unit === "bytes") {
      for (k = 0; k <= 4; k++) {
        [1, 2, 5, 10, 20, 50, 100, 200, 500].forEach(function (m) {
          steps.push(m * Math.pow(1024, k));
        });
      }
      return steps;
    }
    for (k = -6; k <= 15; k++) {
      [1, 2, 5].forEach(function (m) {
        steps.push(Number((m * Math.pow(10, k)).toPrecision(6)));
      });
    }
    return steps;
  }

  function colour(index) {
    var v = getComputedStyle(document.documentElement).getPropertyValue("--s" + index);
    return (v || "#1f5fbf").trim();
  }

  function cssVar(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name);
    return (v || fallback).trim();
  }

  // Dates where a day changes, 24-hour times, the zone named on the axis.
  var STAMPS = [
    [31536000, "{YYYY}", null, null, null, null, null, null, 1],
    [2419200, "{MMM}", "\n{YYYY}", null, null, null, null, null, 1],
    [86400, "{D} {MMM}", "\n{YYYY}", null, null, null, null, null, 1],
    [3600, "{HH}:{mm}", "\n{D} {MMM} {YYYY}", null, "\n{D} {MMM}", null, null, null, 1],
    [60, "{HH}:{mm}", "\n{D} {MMM} {YYYY}", null, "\n{D} {MMM}", null, null, null, 1],
    [1, "{HH}:{mm}:{ss}", "\n{D} {MMM} {YYYY}", null, "\n{D} {MMM}", null, null, null, 1]
  ];

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) {
        throw new Error("HTTP " + r.status + " for " + url);
      }
      return r.json();
    });
  }

  function windowOf(live) {
    var q = new URLSearchParams(live.getAttribute("data-window") || "");
    return { query: live.getAttribute("data-window") || "", from: q.get("from"), to: q.get("to") };
  }

  function iso(seconds) {
    return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
  }

  function navigate(from, to) {
    var live = document.getElementById("live");
    var url = "/environments/" + encodeURIComponent(live.getAttribute("data-environment")) +
      "?from=" + iso(Math.floor(from)) + "&to=" + iso(Math.ceil(to));
    if (live.getAttribute("data-compare")) {
      url += "&compare=previous";
    }
    window.location.assign(url);
  }

  function draw(panel, live) {
    var series = JSON.parse(panel.getAttribute("data-series"));
    var unit = panel.getAttribute("data-unit");
    var thresholds = JSON.parse(panel.getAttribute("data-thresholds") || "[]");
    var env = encodeURIComponent(live.getAttribute("data-environment"));
    var compare = !!live.getAttribute("data-compare");
    var svg = panel.querySelector("svg.chart");
    var host = document.createElement("div");
    host.className = "uplot-host";
    var desc = svg.querySelector("desc");
    host.setAttribute("role", "group");
    host.setAttribute("aria-label", (desc ? desc.textContent : "") + " Drag across the chart to zoom.");
    svg.parentNode.insertBefore(host, svg);
    var width = Math.max(200, Math.floor(host.clientWidth || svg.clientWidth || 320));
    var w = windowOf(live);
    var base = "/api/environments/" + env + "/series/";
    var asked = series.map(function (s) {
      return getJson(base + encodeURIComponent(s.id) + "?" + w.query + "&width=" + width);
    });
    return Promise.all(asked).then(function (answers) {
      var from = Date.parse(answers[0].from) / 1000;
      var to = Date.parse(answers[0].to) / 1000;
      var span = to - from;
      var previous = !compare ? Promise.resolve([]) : Promise.all(series.map(function (s) {
        return getJson(base + encodeURIComponent(s.id) + "?from=" + iso(from - span) +
          "&to=" + iso(to - span) + "&width=" + width);
      }));
      return previous.then(function (before) {
        render(panel, host, svg, series, unit, thresholds, answers, before, from, to, width);
      });
    });
  }

  function render(panel, host, svg, series, unit, thresholds, answers, before, from, to, width) {
    var span = to - from;
    var tables = [];
    var opts = [{ label: "time (" + zone() + ")", value: "{D} {MMM} {YYYY} {HH}:{mm}" }];
    answers.forEach(function (a, i) {
      tables.push([a.points.map(function (p) { return p[0]; }), a.points.map(function (p) { return p[1]; })]);
      opts.push({
        label: series[i].title,
        stroke: colour(series[i].colour),
        width: 1.5,
        dash: series[i].dashed ? [6, 4] : undefined,
        value: function (u, v) { return v == null ? "–" : format(unit, v); }
      });
    });
    before.forEach(function (a, i) {
      // The previous period moved forward by one span, over the current one.
      tables.push([a.points.map(function (p) { return p[0] + span; }), a.points.map(function (p) { return p[1]; })]);
      opts.push({
        label: series[i].title + " (previous period)",
        stroke: colour(series[i].colour),
        width: 1,
        dash: [3, 4],
        value: function (u, v) { return v == null ? "–" : format(unit, v); }
      });
    });
    var data = tables.length === 1 ? tables[0] : uPlot.join(tables);
    var max = -Infinity;
    var min = Infinity;
    for (var k = 1; k < data.length; k++) {
      data[k].forEach(function (v) {
        if (v != null) {
          max = Math.max(max, v);
          min = Math.min(min, v);
        }
      });
    }
    thresholds.forEach(function (t) {
      max = Math.max(max, t.value);
    });
    var transitions = [];
    answers.forEach(function (a) {
      // An alarm's first verdict (no data yet, then OK) is not an event worth a mark.
      transitions = transitions.concat((a.transitions || []).filter(function (t) {
        return !(t.from === "INSUFFICIENT_DATA" && t.to === "OK");
      }));
    });
    var tz = zone();
    var u = new uPlot({
      width: width,
      height: 220,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), tz === "UTC" ? "Etc/UTC" : tz); },
      scales: {
        x: { time: true, min: from, max: to },
        y: {
          range: function (self, lo, hi) {
            var top = isFinite(max) ? max : 1;
            var bottom = isFinite(min) ? Math.min(0, min) : 0;
            top = top <= bottom ? bottom + 1 : top * 1.08;
            // A ratio stops at 100 % unless the data passes it.
            if (unit === "percent" && max <= 100) {
              top = Math.min(top, 100);
            }
            return [bottom, top];
          }
        }
      },
      series: opts,
      axes: [
        { values: STAMPS, stroke: cssVar("--muted", "#5b6068"), grid: { stroke: cssVar("--grid", "#e4e5e7") } },
        {
          incrs: increments(unit),
          values: function (self, splits) { return splits.map(function (v) { return format(unit, v); }); },
          size: 72,
          stroke: cssVar("--muted", "#5b6068"),
          grid: { stroke: cssVar("--grid", "#e4e5e7") }
        }
      ],
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { live: true },
      hooks: {
        setSelect: [function (self) {
          if (self.select.width > 4) {
            navigate(self.posToVal(self.select.left, "x"), self.posToVal(self.select.left + self.select.width, "x"));
          }
        }],
        draw: [function (self) {
          drawThresholds(self, thresholds);
        }],
        ready: [function (self) {
          markers(self, transitions);
        }]
      }
    }, data, host);
    panel.classList.add("has-uplot");
    charts.push({ plot: u, host: host });
  }

  function drawThresholds(u, thresholds) {
    var ctx = u.ctx;
    var dpr = window.devicePixelRatio || 1;
    thresholds.forEach(function (t) {
      var y = u.valToPos(t.value, "y", true);
      if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) {
        return;
      }
      ctx.save();
      ctx.strokeStyle = t.severity === "critical" ? cssVar("--alarm", "#b3261e") : cssVar("--warning", "#8a5100");
      ctx.setLineDash([5 * dpr, 4 * dpr]);
      ctx.lineWidth = dpr;
      ctx.beginPath();
      ctx.moveTo(u.bbox.left, y);
      ctx.lineTo(u.bbox.left + u.bbox.width, y);
      ctx.stroke();
      ctx.fillStyle = ctx.strokeStyle;
      ctx.font = (11 * dpr) + "px system-ui, sans-serif";
      ctx.textAlign = "left";
      ctx.fillText(t.label, u.bbox.left + 4 * dpr, y - 3 * dpr);
      ctx.restore();
    });
  }

  // Alarm transitions as markers over the plot: elements, so that they can be read and pointed at.
  function markers(u, transitions) {
    transitions.forEach(function (t) {
      var x = u.valToPos(t.at, "x");
      if (x < 0 || x > u.over.clientWidth) {
        return;
      }
      var m = document.createElement("div");
      m.className = "alarm-marker to-" + t.to.toLowerCase();
      m.style.left = x + "px";
      m.title = t.title + ": " + t.from + " → " + t.to + " at " + iso(t.at);
      m.setAttribute("role", "img");
      m.setAttribute("aria-label", m.title);
      u.over.appendChild(m);
    });
  }

  function zoneChooser(live) {
    var nav = live.querySelector("nav.ranges");
    var label = live.querySelector(".window-label");
    if (!nav || nav.querySelector("select.zone")) {
      return;
    }
    var select = document.createElement("select");
    select.className = "zone";
    select.setAttribute("aria-label", "Time zone");
    [["utc", "UTC"], ["local", "your time zone (" + localZone() + ")"]].forEach(function (o) {
      var option = document.createElement("option");
      option.value = o[0];
      option.textContent = o[1];
      select.appendChild(option);
    });
    select.value = zone() === "UTC" ? "utc" : "local";
    select.addEventListener("change", function () {
      try {
        window.localStorage.setItem(ZONE_KEY, select.value);
      } catch (e) {
        // Without storage the choice lasts for this page only.
      }
      start();
    });
    nav.appendChild(select);
    if (label) {
      label.textContent = label.textContent.replace(/times in .*$/, "times in " + zone());
    }
  }

  function start() {
    charts.forEach(function (c) {
      c.plot.destroy();
      c.host.remove();
    });
    charts = [];
    var live = document.getElementById("live");
    if (!live || typeof uPlot === "undefined") {
      return;
    }
    zoneChooser(live);
    live.querySelectorAll(".panel[data-series]").forEach(function (panel) {
      panel.classList.remove("has-uplot");
      draw(panel, live).catch(function () {
        // The server-drawn chart stays.
        panel.classList.remove("has-uplot");
      });
    });
  }

  document.addEventListener("stackwatch:replaced", start);
  start();
})();
