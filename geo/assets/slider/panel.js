/* panel: the control panel in the corner of the map (title, stage buttons, the big date, the slider with
 * its stage band, play options, caption, shares with the front's age, the share chart, the tools) and,
 * as the state changes, what it shows. Its buttons only change the state (controls.js wires them). */

function Panel(map, cfg, state, layers) {
  var self = this, ui = cfg.texts.ui;
  this.cfg = cfg;
  this.texts = cfg.texts;
  this.layers = layers;
  var root = this.root = isolate(el("section", { "class": "kw-panel", role: "group", "aria-label": ui.time_control }));
  root.appendChild(el("h1", { "class": "kw-title" }, cfg.texts.title));
  this.printTitle = root.appendChild(el("p", { "class": "kw-print-title", "aria-hidden": "true" }));
  var stageList = root.appendChild(el("div", { "class": "kw-stages", role: "group", "aria-label": ui.stages }));
  this.stageButtons = cfg.stages.map(function (stage) {
    var b = el("button", { type: "button", "class": "kw-stage", "data-stage": stage.id, "aria-pressed": "false",
      style: "--stage-colour:" + stage.colour });
    b.appendChild(el("span", { "class": "kw-stage-number" }, stage.id));
    b.appendChild(el("span", { "class": "kw-stage-title" }, stage.title));
    return stageList.appendChild(b);
  });
  this.bigDate = root.appendChild(el("p", { "class": "kw-big-date", "aria-hidden": "true" }));
  var row = root.appendChild(el("div", { "class": "kw-row" }));
  this.playButton = row.appendChild(el("button", { type: "button", "class": "kw-play", "aria-label": ui.play }, "▶"));
  this.prev = row.appendChild(el("button", { type: "button", "class": "kw-step", "aria-label": ui.previous }, "‹"));
  var id = "kw-slider", slot = row.appendChild(el("div", { "class": "kw-slot" }));
  slot.appendChild(el("label", { "for": id, "class": "kw-visually-hidden" }, ui.slider));
  this.slider = slot.appendChild(el("input", { id: id, type: "range", min: "0", max: String(cfg.steps.length - 1), step: "1",
    value: "0", "class": "kw-slider" }));
  this.track = slot.appendChild(this.band());
  this.timelineSlot = slot.appendChild(el("div", { "class": "kw-timeline-slot" }));
  this.next = row.appendChild(el("button", { type: "button", "class": "kw-step", "aria-label": ui.next }, "›"));
  this.dateLabel = row.appendChild(el("output", { "class": "kw-date", "for": id }));
  var options = root.appendChild(el("div", { "class": "kw-play-options" }));
  var speedLabel = options.appendChild(el("label", {}, ui.speed + " "));
  this.speed = speedLabel.appendChild(el("select", { "class": "kw-speed" }));
  ["0.5", "1", "2", "4"].forEach(function (v) {
    var o = self.speed.appendChild(el("option", { value: v }, v + "×"));
    if (v === "1") o.selected = true;
  });
  this.loop = this.checkbox(options, "kw-loop", ui.loop);
  this.stageOnly = this.checkbox(options, "kw-stage-only", ui.stage_only);
  this.eventList = root.appendChild(el("div", { "class": "kw-events-slot" }));
  root.appendChild(el("p", { "class": "kw-keys" }, ui.keys));
  var captions = root.appendChild(el("div", { "class": "kw-captions" }));
  this.captions = cfg.stages.map(function (stage) {
    return captions.appendChild(el("p", { "class": "kw-caption", "data-stage": stage.id }, stage.caption));
  });
  this.share = root.appendChild(el("p", { "class": "kw-share" }));
  root.appendChild(el("p", { "class": "kw-chart-title", "aria-hidden": "true" }, ui.chart_title));
  root.appendChild(this.chart());
  var tools = root.appendChild(el("div", { "class": "kw-tools" }));
  this.compareButton = tools.appendChild(el("button", { type: "button", "class": "kw-compare-open" }, ui.compare));
  this.tourButton = tools.appendChild(el("button", { type: "button", "class": "kw-tour-open" }, ui.tour));
  if (!cfg.tour.length) this.tourButton.hidden = true;
  this.fullscreenButton = tools.appendChild(el("button", { type: "button", "class": "kw-fullscreen", "aria-pressed": "false" }, ui.fullscreen));
  this.live = root.appendChild(el("div", { "class": "kw-visually-hidden", "aria-live": "polite", role: "status" }));
  this.textSlot = root.appendChild(el("div", { "class": "kw-text-slot" }));
  var Control = L.Control.extend({ options: { position: "bottomleft" }, onAdd: function () { return root; } });
  if (map.zoomControl) map.zoomControl.setPosition("bottomright");  // the panel grows up the left side
  new Control().addTo(map);
  state.on(function (s, changed) {
    if (changed.date) self.update(s.date);
    if (changed.stage) self.announce(s.stage, s.date);
    if (changed.playing) self.playing(s.playing);
  });
}

Panel.prototype.checkbox = function (parent, name, text) {
  var label = parent.appendChild(el("label", { "class": name }));
  var box = label.appendChild(el("input", { type: "checkbox" }));
  label.appendChild(document.createTextNode(" " + text));
  return box;
};

/* The stage band uses the slider's own scale (its steps): each colour sits under its stage's thumb positions. */
Panel.prototype.band = function () {
  var cfg = this.cfg, track = el("div", { "class": "kw-track", "aria-hidden": "true" }), last = cfg.steps.length - 1;
  cfg.stages.forEach(function (stage) {
    var inside = cfg.steps.map(function (d, i) { return d >= stage.start && d <= stage.end ? i : -1; }).filter(function (i) { return i >= 0; });
    if (!inside.length) return;
    var from = Math.max(0, inside[0] - 0.5) / last, to = Math.min(last, inside[inside.length - 1] + 0.5) / last;
    track.appendChild(el("span", { "class": "kw-segment", "data-stage": stage.id,
      style: "left:" + (100 * from) + "%;width:" + (100 * (to - from)) + "%;background:" + stage.colour }));
  });
  return track;
};

Panel.prototype.chart = function () {
  var v = this.cfg.versions, w = 300, h = 44, first = dayNumber(this.cfg.first), span = dayNumber(this.cfg.last) - first;
  var x = this.chartX = function (d) { return clamp(w * (dayNumber(d) - first) / span, 0, w); };
  var y = function (share) { return h - h * share / 100; };
  var points = [];
  v.start.forEach(function (d, i) {
    if (d < this.cfg.first) d = this.cfg.first;
    var next = v.start[i + 1] || this.cfg.last;
    if (next < this.cfg.first) return;
    points.push(x(d) + "," + y(v.un[i]), x(next) + "," + y(v.un[i]));
  }, this);
  var svg = svgEl("svg", { viewBox: "0 0 " + w + " " + h, "class": "kw-chart", preserveAspectRatio: "none", role: "img",
    "aria-label": this.texts.ui.control_share + ": " + this.texts.sides.un });
  svg.appendChild(svgEl("polygon", { points: "0," + h + " " + points.join(" ") + " " + w + "," + h, "class": "kw-chart-un" }));
  svg.appendChild(svgEl("line", { x1: 0, x2: w, y1: h / 2, y2: h / 2, "class": "kw-chart-half" }));
  this.cursor = svg.appendChild(svgEl("line", { y1: 0, y2: h, "class": "kw-chart-cursor" }));
  return svg;
};

Panel.prototype.update = function (date) {
  var cfg = this.cfg, t = this.texts, ui = t.ui, stage = stageFor(cfg.stages, date), label = formatDate(date, t);
  this.slider.value = String(Math.max(0, lastNotAfter(cfg.steps, date)));
  this.slider.setAttribute("aria-valuetext", label);
  this.dateLabel.textContent = label;
  this.bigDate.textContent = label;
  this.stageButtons.forEach(function (b) { b.setAttribute("aria-pressed", String(+b.getAttribute("data-stage") === stage.id)); });
  this.captions.forEach(function (node) { node.classList.toggle("kw-current", +node.getAttribute("data-stage") === stage.id); });
  this.printTitle.textContent = t.title + " · " + ui.stage + " " + stage.id + ": " + stage.title + " · ";
  this.printTitle.appendChild(el("span", { "class": "kw-nowrap" }, label));
  this.share.textContent = this.shareText(date);
  var cx = this.chartX(date);
  this.cursor.setAttribute("x1", String(cx));
  this.cursor.setAttribute("x2", String(cx));
};

/* "Share of the peninsula held: UN ... 8% · North Korea 92% (front line of ..., its age and moves)". */
Panel.prototype.shareText = function (date) {
  var s = situation(this.cfg, date), v = this.cfg.versions, ui = this.texts.ui;
  if (!s) return "";
  return ui.control_share + ": " + sideName(this.cfg, "un", date) + " " + v.un[s.index].toFixed(0) + "% · " +
    sideName(this.cfg, "communist", date) + " " + v.communist[s.index].toFixed(0) + "% (" + frontNote(s, this.texts) + ")";
};

Panel.prototype.announce = function (stageId, date) {
  var stage = this.cfg.stages.filter(function (x) { return x.id === stageId; })[0];
  if (!stage) return;
  this.live.textContent = fill(this.texts.ui.stage_announcement, { n: stage.id, total: this.cfg.stages.length,
    title: stage.title, date: formatDate(date, this.texts) });
};

Panel.prototype.playing = function (playing) {
  this.playButton.textContent = playing ? "❚❚" : "▶";
  this.playButton.setAttribute("aria-label", playing ? this.texts.ui.pause : this.texts.ui.play);
  this.playButton.setAttribute("aria-pressed", String(!!playing));
};
