/* Stage slider for the Korean War atlas.
 * Dates are ISO strings ('1950-09-15') compared as text: no Date objects, so nothing depends on
 * how a browser treats dates before 1970. Text from the data is always set with textContent. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* Days since 1970-01-01 for an ISO date, by integer arithmetic (H. Hinnant's days_from_civil). */
  function dayNumber(iso) {
    var y = +iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10);
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400), yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  /* A real calendar date written YYYY-MM-DD: '1951-02-31' is refused, not shown as 31 Feb. */
  function isDate(s) {
    if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    var y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
    var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    return days !== undefined && d >= 1 && d <= days;
  }

  /* Whether the map shows a feature on ``date``: its display window (``shown_from``/``shown_until``,
   * sent only where they differ from its ``start``/``end``); an open end means still shown. */
  function shownOn(p, date) {
    var from = "shown_from" in p ? p.shown_from : p.start, until = "shown_until" in p ? p.shown_until : p.end;
    return from <= date && (until === null || until === undefined || date <= until);
  }

  /* A value of a plain lookup table from the data, never one inherited from Object.prototype
   * (a layer id such as 'constructor' or '__proto__' is just a name). */
  function own(table, key) {
    return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  }

  function StageSlider(map, config, overlays) {
    this.map = map;
    this.config = config;
    this.texts = config.texts;
    this.overlays = overlays;          // [{id, group}] in drawing order
    this.date = null;
    this.stageId = null;
    this.timer = null;
    this.features = [];                // [{layerId, group, sub, props}]
    this.index();
    this.build();
    if (window.self !== window.top) map.scrollWheelZoom.disable();  // let an embedding page scroll
  }

  StageSlider.prototype.index = function () {
    var self = this;
    this.overlays.forEach(function (overlay) {
      var labelled = false;
      overlay.group.eachLayer(function (sub) {
        var props = (sub.feature && sub.feature.properties) || {};
        var f = { layerId: overlay.id, overlay: overlay, group: overlay.group, sub: sub, props: props, shown: true };
        self.features.push(f);
        sub.bindPopup(function () { return self.popup(f); }, { maxWidth: 340 });
        // the map is read with the mouse or the text version; its shapes stay out of the Tab order
        var untab = function () { var node = sub.getElement && sub.getElement(); if (node) node.setAttribute("tabindex", "-1"); };
        untab();
        sub.on("add", untab);
        if (overlay.id === "places") {
          sub.bindTooltip(el("span", {}, props.label), { permanent: props.rank === 1,
            direction: props.label_side === "left" ? "left" : "right", className: "kw-place" });
        } else if (overlay.label && !labelled && props.label_at) {
          labelled = true;  // one name on the map per key layer, at the point the catalogue chose on its line
          var at = L.latLng(props.label_at);
          sub.getCenter = function () { return at; };  // Leaflet opens a path's tooltip at its centre
          sub.bindTooltip(el("span", {}, overlay.label), { permanent: true, direction: "center", className: "kw-layer-label" });
        }
      });
    });
  };

  /* Events drawn within a few pixels of one another: one click opens them all. */
  StageSlider.prototype.stackedWith = function (f) {
    if (!f.sub.getLatLng) return [f];
    var map = this.map, here = map.latLngToLayerPoint(f.sub.getLatLng());
    return this.features.filter(function (g) {
      return g.overlay === f.overlay && g.sub.getLatLng && map.hasLayer(g.sub) &&
        map.latLngToLayerPoint(g.sub.getLatLng()).distanceTo(here) <= 8;
    }).sort(function (a, b) { return a.props.start < b.props.start ? -1 : a.props.start > b.props.start ? 1 : 0; });
  };

  StageSlider.prototype.formatDate = function (iso) {
    var t = this.texts, y = +iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10);
    return t.date_format === "ymd" ? y + "년 " + t.months[m - 1] + " " + d + "일" : d + " " + t.months[m - 1] + " " + y;
  };

  /* When a thing happened, as its layer's catalogue says dates read: an event's day or days, a front's
   * date, a span; never the window during which the map shows it. */
  StageSlider.prototype.when = function (mode, p) {
    var t = this.texts.ui;
    if (!p.start || mode === "none") return "";
    if (mode === "front") return t.front_of.replace("{date}", this.formatDate(p.start));
    if (mode === "span" && !p.end) return t.since.replace("{date}", this.formatDate(p.start));
    if (!p.end || p.end === p.start) return this.formatDate(p.start);
    return this.formatDate(p.start) + " – " + this.formatDate(p.end);
  };

  StageSlider.prototype.popup = function (f) {
    var stack = this.stackedWith(f), box = el("div", { "class": "kw-popup" }), self = this;
    stack.forEach(function (g, i) {
      if (i) box.appendChild(el("hr", {}));
      box.appendChild(self.popupEntry(g));
    });
    return box;
  };

  StageSlider.prototype.popupEntry = function (f) {
    var t = this.texts.ui, p = f.props, box = el("div", {});
    var title = p.name || own(this.texts.sides, p.side) || f.overlay.label || f.layerId;
    box.appendChild(el("strong", {}, title));
    if (p.name_today && p.name_today !== p.name) box.appendChild(el("span", { "class": "kw-today" }, " (" + p.name_today + ")"));
    if (p.place) box.appendChild(el("div", { "class": "kw-place-line" }, p.place + (p.place_today && p.place_today !== p.place ? " (" + p.place_today + ")" : "")));
    var when = this.when(f.overlay.dates, p);
    if (when) box.appendChild(el("div", { "class": "kw-dates" }, when));
    if (p.description) box.appendChild(el("p", {}, p.description));
    var figures = p.figures || [];
    if (figures.length) {
      var list = el("dl", { "class": "kw-figures" });
      figures.forEach(function (f) { list.appendChild(el("dt", {}, f[0])); list.appendChild(el("dd", {}, f[1])); });
      box.appendChild(list);
    }
    if (p.confidence) box.appendChild(el("div", { "class": "kw-source" }, t.confidence + ": " + p.confidence));
    if (p.source) box.appendChild(el("div", { "class": "kw-source" }, t.source + ": " + p.source));
    return box;
  };

  StageSlider.prototype.build = function () {
    var self = this, t = this.texts.ui, cfg = this.config;
    var Panel = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () { return self.panel(); }
    });
    var Legend = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () { return self.legend(); }
    });
    // the panel grows up the left side in low frames; the zoom buttons live bottom right, clear of it
    if (this.map.zoomControl) this.map.zoomControl.setPosition("bottomright");
    new Legend().addTo(this.map);
    new Panel().addTo(this.map);
    L.DomEvent.disableClickPropagation(this.root);
    L.DomEvent.disableScrollPropagation(this.root);
    L.DomEvent.disableClickPropagation(this.legendBox);
    L.DomEvent.disableScrollPropagation(this.legendBox);
    window.addEventListener("hashchange", function () { self.fromHash(); });
    this.map.on("movestart zoomstart", function () { if (!self.fitting) self.moved = true; });
    this.map.on("resize", function () { if (!self.moved) self.fit(); });
    // the panel and legend change size with the frame's layout (a media query can move the panel beside
    // the map after Leaflet's resize has run): refit then too, until the reader moves the map
    if (window.ResizeObserver) {
      var refit = new ResizeObserver(function () { if (!self.moved && !self.beforePrint) self.fit(); });
      refit.observe(this.root);
      refit.observe(this.legendBox);
    }
    this.map.on("zoomend", function () { self.declutter(); });
    // printing lays the page out on paper (see the print CSS): open the legend and fit the peninsula there
    var printing = window.matchMedia && window.matchMedia("print");
    if (printing && printing.addEventListener) printing.addEventListener("change", function (e) { self.printLayout(e.matches); });
  };

  /* Tell Leaflet its frame changed size without counting it as the reader moving the map. */
  StageSlider.prototype.resized = function () {
    this.fitting = true;
    this.map.invalidateSize({ animate: false, pan: false });
    this.fitting = false;
  };

  StageSlider.prototype.printLayout = function (on) {
    var map = this.map, saved = this.beforePrint;
    if (on && !saved) {
      this.beforePrint = { open: this.legendBox.open, moved: this.moved, center: map.getCenter(), zoom: map.getZoom() };
      this.legendBox.open = true;
      this.updateLegend(this.date);
      this.resized();
      this.fit();
      document.documentElement.setAttribute("data-kw-print", "laid-out");
    } else if (!on && saved) {
      this.beforePrint = null;
      document.documentElement.removeAttribute("data-kw-print");
      this.legendBox.open = saved.open;
      this.moved = saved.moved;
      this.resized();
      if (saved.moved) {
        this.fitting = true;
        map.setView(saved.center, saved.zoom, { animate: false });
        this.fitting = false;
      } else {
        this.fit();
      }
    }
  };

  /* Hide a place label that would overlap a key layer's name or a place label shown before it (places
     come in order of importance). */
  StageSlider.prototype.declutter = function () {
    var shown = [], map = this.map;
    var labels = this.features.filter(function (f) { return f.layerId !== "places" && f.sub.getTooltip() && map.hasLayer(f.sub); })
      .concat(this.features.filter(function (f) { return f.layerId === "places"; }));
    labels.forEach(function (f) {
      var tooltip = f.sub.getTooltip(), node = tooltip && tooltip.getElement();
      if (!node || !tooltip.options.permanent) return;
      node.classList.remove("kw-place-hidden");
      var r = node.getBoundingClientRect();
      var overlaps = shown.some(function (s) { return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom; });
      if (overlaps && f.layerId === "places") node.classList.add("kw-place-hidden"); else shown.push(r);
    });
  };

  /* Show the whole peninsula in the part of the frame the panel and the legend leave free: beside the
     panel, above it, or between it and the legend, whichever shows the peninsula largest. */
  StageSlider.prototype.fit = function () {
    var map = this.map, frame = map.getContainer().getBoundingClientRect(), gap = 8;
    var panel = this.root.getBoundingClientRect(), legend = this.legendBox.getBoundingClientRect();
    var besidePanel = panel.right - frame.left + gap, abovePanel = frame.bottom - panel.top + gap;
    var besideLegend = frame.right - legend.left + gap, belowLegend = legend.bottom - frame.top + gap;
    var bounds = L.latLngBounds(this.config.fit_bounds), size = map.getSize();
    var leftOfBoth = frame.right - Math.min(panel.left, legend.left) + gap;  // both in a right-hand column (print)
    var layouts = [
      [[besidePanel, gap], [besideLegend, gap]],
      [[besidePanel, belowLegend], [gap, gap]],  // right of a column panel, under the legend
      [[gap, gap], [leftOfBoth, gap]],
      [[gap, gap], [besideLegend, abovePanel]],
      [[gap, belowLegend], [gap, abovePanel]]
    ].filter(function (p) {  // a strip under 120 px is no place for a map
      return size.x - p[0][0] - p[1][0] >= 120 && size.y - p[0][1] - p[1][1] >= 120;
    });
    var best = layouts.map(function (p) {
      return { paddingTopLeft: p[0], paddingBottomRight: p[1], zoom: map.getBoundsZoom(bounds, false, L.point(p[0]).add(p[1])) };
    }).reduce(function (a, b) { return b.zoom > a.zoom ? b : a; }, { paddingTopLeft: [gap, gap], paddingBottomRight: [gap, gap], zoom: -1 });
    this.fitting = true;
    map.fitBounds(bounds, { paddingTopLeft: best.paddingTopLeft, paddingBottomRight: best.paddingBottomRight, animate: false });
    this.fitting = false;
    this.declutter();
    if (this.comparing) this.comparing.centre();
  };

  StageSlider.prototype.panel = function () {
    var self = this, t = this.texts.ui, cfg = this.config;
    var root = this.root = el("section", { "class": "kw-panel", role: "group", "aria-label": t.time_control });
    root.appendChild(el("h1", { "class": "kw-title" }, this.texts.title));
    this.printTitle = el("p", { "class": "kw-print-title", "aria-hidden": "true" });  // a printed page says what it shows
    root.appendChild(this.printTitle);
    var stageList = el("div", { "class": "kw-stages", role: "group", "aria-label": t.stages });
    this.stageButtons = cfg.stages.map(function (stage) {
      var b = el("button", { type: "button", "class": "kw-stage", "data-stage": stage.id, "aria-pressed": "false",
        style: "--stage-colour:" + stage.colour });
      b.appendChild(el("span", { "class": "kw-stage-number" }, stage.id));
      b.appendChild(el("span", { "class": "kw-stage-title" }, stage.title));
      b.addEventListener("click", function () { self.stop(); self.setStage(stage.id); });
      stageList.appendChild(b);
      return b;
    });
    root.appendChild(stageList);

    var row = el("div", { "class": "kw-row" });
    this.playButton = el("button", { type: "button", "class": "kw-play", "aria-label": t.play }, "▶");
    this.playButton.addEventListener("click", function () { self.timer ? self.stop() : self.play(); });
    var prev = el("button", { type: "button", "class": "kw-step", "aria-label": t.previous }, "‹");
    var next = el("button", { type: "button", "class": "kw-step", "aria-label": t.next }, "›");
    prev.addEventListener("click", function () { self.stop(); self.step(-1); });
    next.addEventListener("click", function () { self.stop(); self.step(1); });
    var sliderId = "kw-slider-" + Math.random().toString(36).slice(2, 8);
    var label = el("label", { "for": sliderId, "class": "kw-visually-hidden" }, t.slider);
    this.slider = el("input", { id: sliderId, type: "range", min: "0", max: String(cfg.steps.length - 1), step: "1",
      value: "0", "class": "kw-slider", list: sliderId + "-ticks" });
    this.slider.addEventListener("input", function () { self.stop(); self.setDate(cfg.steps[+self.slider.value]); });
    this.slider.addEventListener("keydown", function (e) {
      if (e.key === "PageUp" || e.key === "PageDown") {
        e.preventDefault();
        self.stop();
        var s = Math.min(cfg.stages.length, Math.max(1, self.stageId + (e.key === "PageUp" ? 1 : -1)));
        self.setStage(s);
      }
    });
    var ticks = el("datalist", { id: sliderId + "-ticks" });
    cfg.ticks.forEach(function (d) { ticks.appendChild(el("option", { value: String(cfg.steps.indexOf(d)), label: d })); });
    this.dateLabel = el("output", { "class": "kw-date", "for": sliderId });
    row.appendChild(this.playButton);
    row.appendChild(prev);
    row.appendChild(label);
    row.appendChild(this.slider);
    row.appendChild(ticks);
    row.appendChild(next);
    row.appendChild(this.dateLabel);
    root.appendChild(row);

    // the stage band uses the slider's own scale (its steps), so each colour sits under the thumb positions of its stage
    this.track = el("div", { "class": "kw-track", "aria-hidden": "true" });
    var last = cfg.steps.length - 1;
    cfg.stages.forEach(function (stage) {
      var inside = cfg.steps.map(function (d, i) { return d >= stage.start && d <= stage.end ? i : -1; })
        .filter(function (i) { return i >= 0; });
      if (!inside.length) return;
      var from = Math.max(0, inside[0] - 0.5) / last, to = Math.min(last, inside[inside.length - 1] + 0.5) / last;
      self.track.appendChild(el("span", { "class": "kw-segment", "data-stage": stage.id,
        style: "left:" + (100 * from) + "%;width:" + (100 * (to - from)) + "%;background:" + stage.colour }));
    });
    var slot = el("div", { "class": "kw-slot" });
    this.slider.parentNode.replaceChild(slot, this.slider);
    slot.appendChild(this.slider);
    slot.appendChild(this.track);
    root.appendChild(el("p", { "class": "kw-keys" }, t.keys));

    // every stage's caption sits in one grid cell, only the current one visible: the panel keeps one height
    this.captions = el("div", { "class": "kw-captions" });
    this.captionNodes = cfg.stages.map(function (stage) {
      var node = el("p", { "class": "kw-caption", "data-stage": stage.id }, stage.caption);
      self.captions.appendChild(node);
      return node;
    });
    this.share = el("p", { "class": "kw-share" });
    this.chart = this.shareChart();
    root.appendChild(this.captions);
    root.appendChild(this.share);
    if (this.chart) {
      root.appendChild(el("p", { "class": "kw-chart-title", "aria-hidden": "true" }, t.chart_title));
      root.appendChild(this.chart);
    }
    this.live = el("div", { "class": "kw-visually-hidden", "aria-live": "polite", role: "status" });
    root.appendChild(this.live);
    root.appendChild(this.textAlternative());
    return root;
  };

  StageSlider.prototype.shareChart = function () {
    var shares = this.config.shares, dates = Object.keys(shares).sort();
    if (!dates.length) return null;
    var ns = "http://www.w3.org/2000/svg", w = 300, h = 44;
    var first = dayNumber(this.config.first), span = dayNumber(this.config.last) - first;
    var x = function (d) { return Math.max(0, Math.min(w, w * (dayNumber(d) - first) / span)); };
    var y = function (v) { return h - h * v / 100; };
    var points = [];
    dates.forEach(function (d, i) {
      var next = dates[i + 1] || this.config.last;
      points.push(x(d) + "," + y(shares[d].un), x(next) + "," + y(shares[d].un));
    }, this);
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("class", "kw-chart");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", this.texts.ui.control_share + ": " + this.texts.sides.un);
    var area = document.createElementNS(ns, "polygon");
    area.setAttribute("points", "0," + h + " " + points.join(" ") + " " + w + "," + h);
    area.setAttribute("class", "kw-chart-un");
    var half = document.createElementNS(ns, "line");
    half.setAttribute("x1", "0"); half.setAttribute("x2", String(w));
    half.setAttribute("y1", String(h / 2)); half.setAttribute("y2", String(h / 2));
    half.setAttribute("class", "kw-chart-half");
    this.cursor = document.createElementNS(ns, "line");
    this.cursor.setAttribute("y1", "0"); this.cursor.setAttribute("y2", String(h));
    this.cursor.setAttribute("class", "kw-chart-cursor");
    this.chartX = x;
    svg.appendChild(area); svg.appendChild(half); svg.appendChild(this.cursor);
    return svg;
  };

  StageSlider.prototype.textAlternative = function () {
    var t = this.texts.ui, details = el("details", { "class": "kw-text" });
    details.appendChild(el("summary", {}, t.text_alternative));
    this.textBody = el("div", { tabindex: "0", role: "region", "aria-label": t.text_alternative });
    details.appendChild(this.textBody);
    return details;
  };

  StageSlider.prototype.legend = function () {
    var box = this.legendBox = el("details", { "class": "kw-legend" });
    box.open = window.innerWidth >= 900 && window.innerHeight >= 600;  // a phone or lesson frame starts with the map
    box.appendChild(el("summary", {}, this.texts.ui.legend));
    var list = el("ul", {});
    this.legendItems = this.config.legend.map(function (item) {
      var li = el("li", { "data-layer": item.layer }), text = el("span", {}, item.label);
      li.appendChild(el("span", { "class": "kw-swatch kw-swatch-" + item.shape, style: item.css, "aria-hidden": "true" }));
      li.appendChild(text);
      list.appendChild(li);
      return { node: li, text: text, item: item };
    });
    box.appendChild(list);
    box.appendChild(el("p", { "class": "kw-credits" }, this.texts.ui.credits));
    return box;
  };

  StageSlider.prototype.stageFor = function (date) {
    var stages = this.config.stages;
    for (var i = 0; i < stages.length; i++) if (date <= stages[i].end) return stages[i];
    return stages[stages.length - 1];
  };

  StageSlider.prototype.apply = function (date, keepComparing) {
    var self = this;
    if (!keepComparing) this.endCompare();
    this.date = date;
    this.features.forEach(function (f) {
      var want = shownOn(f.props, date);
      if (want !== f.shown) {
        if (want) f.group.addLayer(f.sub); else f.group.removeLayer(f.sub);
        f.shown = want;
      }
    });
    if (!this.drawnOnce) {  // the layers go on the map only now, with just this date's features in them
      this.overlays.forEach(function (o) { self.map.addLayer(o.group); });
      this.drawnOnce = true;
    }
    var steps = this.config.steps, i = 0;
    while (i + 1 < steps.length && steps[i + 1] <= date) i++;
    this.slider.value = String(i);
    var label = this.formatDate(date);
    this.slider.setAttribute("aria-valuetext", label);
    this.dateLabel.textContent = label;
    var stage = this.stageFor(date), changed = stage.id !== this.stageId;
    this.stageId = stage.id;
    this.stageButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(+b.getAttribute("data-stage") === stage.id)); });
    this.captionNodes.forEach(function (node) { node.classList.toggle("kw-current", +node.getAttribute("data-stage") === stage.id); });
    this.printTitle.textContent = this.texts.title + " · " + this.texts.ui.stage + " " + stage.id + ": " + stage.title + " · ";
    this.printTitle.appendChild(el("span", { "class": "kw-nowrap" }, label));
    this.updateShare(date);
    this.updateLegend(date);
    this.declutter();
    this.updateText(stage, date);
    if (changed) {
      this.live.textContent = this.texts.ui.stage_announcement.replace("{n}", stage.id).replace("{title}", stage.title)
        .replace("{date}", label);
    }
    if (!keepComparing) this.replaceHash("#date=" + date);
    this.hashDate = date;
    document.documentElement.setAttribute("data-kw-date", date);
    document.documentElement.setAttribute("data-kw-stage", String(stage.id));
  };

  StageSlider.prototype.frontDate = function (date) {
    var dates = Object.keys(this.config.shares).sort(), found = null;
    dates.forEach(function (d) { if (d <= date) found = d; });
    return found;
  };

  StageSlider.prototype.updateShare = function (date) {
    var d = this.frontDate(date), t = this.texts;
    if (!d) { this.share.textContent = ""; return; }
    var s = own(this.config.shares, d);
    this.share.textContent = t.ui.control_share + ": " + this.sideName("un", date) + " " + s.un.toFixed(0) + "% · " +
      this.sideName("communist", date) + " " + s.communist.toFixed(0) + "% (" + this.frontNote(d, date) + ")";
    if (this.cursor) {
      var x = this.chartX(date);
      this.cursor.setAttribute("x1", String(x));
      this.cursor.setAttribute("x2", String(x));
    }
  };

  /* Which traced front the map shows and, on a day without one, how old it is: during the war of
   * movement the day's own line is not known, and the map says so rather than present an old one as fact. */
  StageSlider.prototype.frontNote = function (front, date) {
    var ui = this.texts.ui;
    if (front === date) return ui.front_on + ": " + this.formatDate(front);
    var mobile = this.config.mobile_war, days = dayNumber(date) - dayNumber(front);
    return ui.front_age.replace("{date}", this.formatDate(front)).replace("{days}", String(days)) + "; " +
      (date >= mobile[0] && date <= mobile[1] ? ui.front_moving : ui.front_static);
  };

  /* Before the Chinese armies crossed the Yalu the Communist side was North Korea alone. */
  StageSlider.prototype.sideName = function (side, date) {
    var names = this.texts.sides;
    return side === "communist" && date < this.config.chinese_entry ? names.communist_before_china : names[side];
  };

  /* The legend lists what Leaflet has drawn at this date, and names the sides as they were then. */
  StageSlider.prototype.updateLegend = function (date) {
    var self = this, drawn = new Set(this.visibleLayers());
    this.legendItems.forEach(function (entry) {
      entry.node.hidden = !drawn.has(entry.item.layer);
      if (entry.item.side) entry.text.textContent = self.sideName(entry.item.side, date);
    });
  };

  StageSlider.prototype.updateText = function (stage, date) {
    var self = this, t = this.texts.ui, body = this.textBody;
    while (body.firstChild) body.removeChild(body.firstChild);
    body.appendChild(el("h2", {}, t.stage + " " + stage.id + ": " + stage.title + " (" + this.formatDate(stage.start) + " – " + this.formatDate(stage.end) + ")"));
    body.appendChild(el("p", {}, stage.caption));
    body.appendChild(el("p", {}, this.share.textContent));
    var events = this.features.filter(function (f) {
      return f.layerId === "events" && f.props.start >= stage.start && f.props.start <= date;
    });
    if (!events.length) return;
    var table = el("table", {});
    table.appendChild(el("caption", {}, t.events_table));
    var head = el("tr", {});
    [t.date_column, t.event_column, t.place_column].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(head);
    events.forEach(function (f) {
      var tr = el("tr", {});
      tr.appendChild(el("td", {}, self.formatDate(f.props.start)));
      tr.appendChild(el("td", {}, f.props.name + ": " + f.props.description));
      tr.appendChild(el("td", {}, (f.props.place || "") + (f.props.place_today && f.props.place_today !== f.props.place ? " (" + f.props.place_today + ")" : "")));
      table.appendChild(tr);
    });
    body.appendChild(table);
  };

  StageSlider.prototype.setDate = function (date) {
    if (!isDate(date)) throw new Error("setDate expects 'YYYY-MM-DD', got " + date);
    var cfg = this.config;
    this.apply(date < cfg.first ? cfg.first : date > cfg.last ? cfg.last : date);
  };

  StageSlider.prototype.setStage = function (n) {
    var stage = this.config.stages.filter(function (s) { return s.id === +n; })[0];
    if (!stage) throw new Error("setStage expects 1 to " + this.config.stages.length + ", got " + n);
    this.apply(stage.key_date);
    history.replaceState && this.replaceHash("#stage=" + stage.id);
  };

  StageSlider.prototype.replaceHash = function (hash) {
    try { history.replaceState(null, "", hash); } catch (e) { /* ignore */ }
  };

  StageSlider.prototype.step = function (delta) {
    var i = +this.slider.value + delta, steps = this.config.steps;
    if (i < 0 || i >= steps.length) return false;
    this.apply(steps[i]);
    return true;
  };

  StageSlider.prototype.play = function () {
    var self = this;
    if (+this.slider.value >= this.config.steps.length - 1) this.apply(this.config.steps[0]);
    this.playButton.textContent = "❚❚";
    this.playButton.setAttribute("aria-label", this.texts.ui.pause);
    this.timer = setInterval(function () { if (!self.step(1)) self.stop(); }, this.config.play_ms);
  };

  StageSlider.prototype.stop = function () {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.playButton.textContent = "▶";
    this.playButton.setAttribute("aria-label", this.texts.ui.play);
  };

  StageSlider.prototype.fromHash = function () {
    var m = /^#(stage|date|compare)=([0-9,-]+)$/.exec(location.hash), pair = m && m[1] === "compare" && m[2].split(",");
    if (pair && pair.length === 2 && isDate(pair[0]) && isDate(pair[1])) {
      if (location.hash !== this.hashCompare) this.compare(pair[0], pair[1]);
    } else if (m && m[1] === "stage" && +m[2] >= 1 && +m[2] <= this.config.stages.length) {
      this.setStage(+m[2]);
    } else if (m && m[1] === "date" && isDate(m[2])) {
      if (m[2] !== this.hashDate) this.setDate(m[2]);
    } else if (this.date === null) {
      this.apply(this.config.start);
    }
  };

  /* Compare two dates with a swipe: the map as usual at ``a`` left of a divider the reader moves, and
   * ``b``'s territory and front in panes of their own right of it, with each date's km² and share. */
  StageSlider.prototype.compare = function (a, b) {
    var self = this, map = this.map, cfg = this.config, t = this.texts.ui;
    var clamp = function (d) { return d < cfg.first ? cfg.first : d > cfg.last ? cfg.last : d; };
    a = clamp(a); b = clamp(b);
    this.stop();
    this.endCompare();
    this.apply(a, true);
    var group = L.layerGroup();
    this.features.forEach(function (f) {
      if ((f.layerId !== "control_areas" && f.layerId !== "front_lines") || !shownOn(f.props, b)) return;
      var pane = f.layerId === "control_areas" ? "kw-compare-territory" : "kw-compare-lines";
      var style = L.extend({}, f.sub.options);
      delete style.pane;  // drawn in the comparison's own pane, whatever pane the original lives in
      delete style.renderer;
      group.addLayer(L.geoJSON(f.sub.feature, { pane: pane, interactive: false, style: function () { return style; } }));
    });
    group.addTo(map);
    var bar = el("div", { "class": "kw-compare" });
    var line = el("div", { "class": "kw-compare-line", "aria-hidden": "true" });
    var swipe = el("input", { type: "range", min: "0", max: "1000", value: "500", "class": "kw-compare-swipe",
      "aria-label": t.compare_swipe });
    var info = el("div", { "class": "kw-compare-info", role: "region", "aria-label": t.compare_title });
    var row = function (d, side) {
      var s = own(cfg.shares, self.frontDate(d)) || {};
      return el("p", { "class": "kw-compare-" + side }, self.formatDate(d) + ": " + self.sideName("un", d) + " " +
        (s.un || 0).toFixed(1) + "% (" + Math.round(s.un_km2 || 0).toLocaleString("en") + " " + t.km2 + ") · " +
        self.sideName("communist", d) + " " + (s.communist || 0).toFixed(1) + "% (" +
        Math.round(s.communist_km2 || 0).toLocaleString("en") + " " + t.km2 + ")");
    };
    var sa = own(cfg.shares, this.frontDate(a)) || {}, sb = own(cfg.shares, this.frontDate(b)) || {};
    var delta = (sb.un || 0) - (sa.un || 0), deltaKm2 = (sb.un_km2 || 0) - (sa.un_km2 || 0);
    info.appendChild(el("strong", {}, t.compare_title + " · ◀ " + this.formatDate(a) + " | " + this.formatDate(b) + " ▶"));
    info.appendChild(row(a, "left"));
    info.appendChild(row(b, "right"));
    info.appendChild(el("p", { "class": "kw-compare-change" }, t.compare_change + ": " + (delta >= 0 ? "+" : "−") +
      Math.abs(delta).toFixed(1) + " % · " + (deltaKm2 >= 0 ? "+" : "−") + Math.abs(Math.round(deltaKm2)).toLocaleString("en") + " " + t.km2));
    var close = el("button", { type: "button", "class": "kw-compare-close" }, t.compare_close);
    close.addEventListener("click", function () { self.setDate(a); });
    info.appendChild(close);
    bar.appendChild(swipe);
    map.getContainer().appendChild(line);
    map.getContainer().appendChild(bar);
    map.getContainer().appendChild(info);
    L.DomEvent.disableClickPropagation(bar);
    L.DomEvent.disableClickPropagation(info);
    L.DomEvent.disableScrollPropagation(info);
    var clip = function () {
      var size = map.getSize(), x = size.x * +swipe.value / 1000, origin = L.DomUtil.getPosition(map.getPane("mapPane"));
      var box = function (x0, x1) {
        var l = x0 - origin.x, r = x1 - origin.x, top = -origin.y, bottom = size.y - origin.y;
        return "polygon(" + l + "px " + top + "px, " + r + "px " + top + "px, " + r + "px " + bottom + "px, " + l + "px " + bottom + "px)";
      };
      ["kw-territory", "kw-areas", "kw-lines"].forEach(function (p) { map.getPane(p).style.clipPath = box(0, x); });
      ["kw-compare-territory", "kw-compare-lines"].forEach(function (p) { map.getPane(p).style.clipPath = box(x, size.x); });
      line.style.left = x + "px";
    };
    // the divider stands down the middle of the peninsula, wherever the fit put it
    var centre = function () {
      var middle = map.latLngToContainerPoint(L.latLngBounds(cfg.fit_bounds).getCenter()).x;
      swipe.value = String(Math.round(1000 * Math.min(0.95, Math.max(0.05, middle / map.getSize().x))));
      clip();
    };
    swipe.addEventListener("input", clip);
    map.on("move zoom resize", clip);
    centre();
    this.comparing = { a: a, b: b, group: group, nodes: [line, bar, info], clip: clip, centre: centre };
    this.hashCompare = "#compare=" + a + "," + b;
    this.replaceHash(this.hashCompare);
    document.documentElement.setAttribute("data-kw-compare", a + "," + b);
  };

  StageSlider.prototype.endCompare = function () {
    var c = this.comparing, map = this.map;
    if (!c) return;
    this.comparing = null;
    this.hashCompare = null;
    map.removeLayer(c.group);
    map.off("move zoom resize", c.clip);
    c.nodes.forEach(function (n) { n.parentNode && n.parentNode.removeChild(n); });
    ["kw-territory", "kw-areas", "kw-lines", "kw-compare-territory", "kw-compare-lines"].forEach(function (p) { map.getPane(p).style.clipPath = ""; });
    document.documentElement.removeAttribute("data-kw-compare");
  };

  /* What Leaflet has drawn: the features of a layer that are on the map now. */
  StageSlider.prototype.drawn = function (layerId) {
    var map = this.map, out = [];
    this.overlays.forEach(function (o) {
      if (o.id !== layerId || !map.hasLayer(o.group)) return;
      o.group.eachLayer(function (sub) { if (map.hasLayer(sub)) out.push(sub); });
    });
    return out;
  };

  StageSlider.prototype.visibleLayers = function () {
    var self = this;
    return this.overlays.map(function (o) { return o.id; }).filter(function (id) { return self.drawn(id).length > 0; });
  };

  window.KoreanWarStageSlider = function (map, config, overlays) {
    var slider = new StageSlider(map, config, overlays);
    slider.fromHash();
    slider.fit();
    window.koreanWarMap = {
      stages: config.stages.map(function (s) { return { id: s.id, title: s.title, start: s.start, end: s.end }; }),
      setStage: function (n) { slider.stop(); slider.setStage(n); },
      setDate: function (d) { slider.stop(); slider.setDate(d); },
      compare: function (a, b) {
        if (!isDate(a) || !isDate(b)) throw new Error("compare expects two dates 'YYYY-MM-DD'");
        slider.compare(a, b);
      },
      comparing: function () { return slider.comparing ? [slider.comparing.a, slider.comparing.b] : null; },
      currentDate: function () { return slider.date; },
      currentStage: function () { return slider.stageId; },
      visibleLayers: function () { return slider.visibleLayers(); },
      visibleFeatures: function (layerId) {
        return slider.drawn(layerId).map(function (sub) {
          var p = sub.feature.properties;
          return { name: p.name, start: p.start, end: p.end, side: p.side };
        });
      },
      steps: config.steps.slice(),
      map: map,
      ready: true
    };
    if (window.performance && performance.mark) performance.mark("kw-ready");
    return slider;
  };
})();
