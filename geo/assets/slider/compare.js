/* compare: two dates side by side in one map. The map as usual at the first date left of a divider, the
 * second date's territory and front right of it; each side is named with its date and its own legend
 * (the sides' shares that day), and a box gives both dates (changeable), their km² and the change in
 * percentage points. The divider moves by drag or by arrow keys (5% a press). Any slider move ends it. */

var COMPARE_PANES = { territory: "kw-compare-territory", front: "kw-compare-lines" };
var MAIN_PANES = ["kw-territory", "kw-areas", "kw-lines", "kw-key"];

function Compare(map, layers, cfg, state, panel) {
  var self = this;
  this.map = map;
  this.layers = layers;
  this.cfg = cfg;
  this.state = state;
  this.view = null;
  panel.compareButton.addEventListener("click", function () {
    var stage = stageFor(cfg.stages, state.date), before = cfg.stages.filter(function (s) { return s.id === stage.id - 1; })[0];
    state.set({ playing: null });
    self.open(before ? before.key_date : cfg.first, state.date);
  });
  state.on(function (s, changed) {
    if (changed.comparing) { self.close(); if (s.comparing) self.build(s.comparing[0], s.comparing[1]); }
    else if (changed.date && s.comparing) s.set({ comparing: null });
  });
}

Compare.prototype.open = function (a, b) {
  var cfg = this.cfg, fit = function (d) { return d < cfg.first ? cfg.first : d > cfg.last ? cfg.last : d; };
  a = fit(a); b = fit(b);
  this.state.set({ date: a, comparing: [a, b] });
};

Compare.prototype.sideLegend = function (date, where) {
  var cfg = this.cfg, s = situation(cfg, date), box = el("div", { "class": "kw-compare-label kw-compare-label-" + where });
  box.appendChild(el("strong", {}, (where === "left" ? "◀ " : "") + formatDate(date, cfg.texts) + (where === "right" ? " ▶" : "")));
  ["un", "communist"].forEach(function (side) {
    var row = box.appendChild(el("span", { "class": "kw-compare-side" }));
    row.appendChild(el("span", { "class": "kw-swatch kw-swatch-area", "aria-hidden": "true",
      style: "background:" + cfg.sides[side].fill + ";opacity:0.55" }));
    row.appendChild(document.createTextNode(sideName(cfg, side, date) + " " + cfg.versions[side][s.index].toFixed(0) + "%"));
  });
  return box;
};

Compare.prototype.build = function (a, b) {
  var self = this, map = this.map, cfg = this.cfg, ui = cfg.texts.ui, v = cfg.versions;
  var group = this.layers.copies(b, COMPARE_PANES).addTo(map);
  var container = map.getContainer();
  var line = container.appendChild(el("div", { "class": "kw-compare-line", "aria-hidden": "true" }));
  var bar = container.appendChild(isolate(el("div", { "class": "kw-compare" })));
  var swipe = bar.appendChild(el("input", { type: "range", min: "0", max: "1000", step: "50", value: "500",
    "class": "kw-compare-swipe", "aria-label": ui.compare_swipe }));
  var left = container.appendChild(this.sideLegend(a, "left")), right = container.appendChild(this.sideLegend(b, "right"));
  var info = container.appendChild(isolate(el("div", { "class": "kw-compare-info", role: "region", "aria-label": ui.compare_title })));
  info.appendChild(el("strong", {}, ui.compare_title));
  var inputs = info.appendChild(el("div", { "class": "kw-compare-dates" }));
  [a, b].forEach(function (date, i) {
    var label = inputs.appendChild(el("label", {}, (i ? ui.compare_second : ui.compare_first) + " "));
    var input = label.appendChild(el("input", { type: "date", min: cfg.first, max: cfg.last, value: date }));
    input.addEventListener("change", function () {
      if (!isDate(input.value)) return;
      self.open(i ? a : input.value, i ? input.value : b);
    });
  });
  var sa = situation(cfg, a), sb = situation(cfg, b), row = function (d, s) {
    return el("p", {}, formatDate(d, cfg.texts) + ": " + sideName(cfg, "un", d) + " " + v.un[s.index].toFixed(1) + "% (" +
      Math.round(v.un_km2[s.index]).toLocaleString("en") + " " + ui.km2 + ") · " + sideName(cfg, "communist", d) + " " +
      v.communist[s.index].toFixed(1) + "% (" + Math.round(v.communist_km2[s.index]).toLocaleString("en") + " " + ui.km2 + ")");
  };
  info.appendChild(row(a, sa));
  info.appendChild(row(b, sb));
  var points = v.un[sb.index] - v.un[sa.index], km2 = v.un_km2[sb.index] - v.un_km2[sa.index];
  info.appendChild(el("p", { "class": "kw-compare-change" }, ui.compare_change + ": " + (points >= 0 ? "+" : "−") +
    Math.abs(points).toFixed(1) + " " + ui.points + " (" + (km2 >= 0 ? "+" : "−") + Math.abs(Math.round(km2)).toLocaleString("en") + " " + ui.km2 + ")"));
  var close = info.appendChild(el("button", { type: "button", "class": "kw-compare-close" }, ui.compare_close));
  close.addEventListener("click", function () { self.state.set({ comparing: null }); });
  var clip = function () {
    var size = map.getSize(), x = size.x * +swipe.value / 1000, origin = L.DomUtil.getPosition(map.getPane("mapPane"));
    var box = function (x0, x1) {
      var l = x0 - origin.x, r = x1 - origin.x, top = -origin.y, bottom = size.y - origin.y;
      return "polygon(" + l + "px " + top + "px, " + r + "px " + top + "px, " + r + "px " + bottom + "px, " + l + "px " + bottom + "px)";
    };
    MAIN_PANES.forEach(function (p) { if (map.getPane(p)) map.getPane(p).style.clipPath = box(0, x); });
    ["kw-compare-territory", "kw-compare-lines"].forEach(function (p) { map.getPane(p).style.clipPath = box(x, size.x); });
    line.style.left = x + "px";
    // each side's date and legend stand beside the divider, under the figures
    var top = info.getBoundingClientRect().bottom - container.getBoundingClientRect().top + 8;
    left.style.top = right.style.top = top + "px";
    left.style.right = (size.x - x + 8) + "px";
    right.style.left = (x + 8) + "px";
  };
  // the divider stands down the middle of the peninsula, wherever the fit put it
  var centre = function () {
    var middle = map.latLngToContainerPoint(L.latLngBounds(cfg.fit_bounds).getCenter()).x;
    swipe.value = String(50 * Math.round(20 * clamp(middle / map.getSize().x, 0.05, 0.95)));
    clip();
  };
  swipe.addEventListener("input", clip);
  map.on("move zoom resize", clip);
  centre();
  this.view = { group: group, nodes: [line, bar, left, right, info], clip: clip, centre: centre };
  document.documentElement.setAttribute("data-kw-compare", a + "," + b);
  if (this.onLayout) this.onLayout();
};

Compare.prototype.close = function () {
  var view = this.view, map = this.map;
  if (!view) return;
  this.view = null;
  map.removeLayer(view.group);
  map.off("move zoom resize", view.clip);
  view.nodes.forEach(function (n) { if (n.parentNode) n.parentNode.removeChild(n); });
  MAIN_PANES.concat(["kw-compare-territory", "kw-compare-lines"]).forEach(function (p) { if (map.getPane(p)) map.getPane(p).style.clipPath = ""; });
  document.documentElement.removeAttribute("data-kw-compare");
  if (this.onLayout) this.onLayout();
};
