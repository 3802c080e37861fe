/* popup: what a click on a shape opens: its name, place, when it happened (as its layer's dates read:
 * an event's day or days, a front's date, a span), description, figures, precision and source. Events
 * drawn at one place open together, oldest first. */

function Popups(layers, cfg) {
  var self = this;
  this.layers = layers;
  this.cfg = cfg;
  this.texts = cfg.texts;
  layers.popups = function (f) { return self.content(f); };
  layers.layers.forEach(function (layer) { if (layer.canvas) layer.canvas.popups = layers.popups; });
}

/* Events of the same layer drawn within a few pixels of ``f``. */
Popups.prototype.stack = function (f) {
  var map = this.layers.map;
  if (f.cluster) return f.cluster;  // one badge names several events: they open together
  if (!f.sub || !f.sub.getLatLng || !map.hasLayer(f.sub)) return [f];
  var here = map.latLngToLayerPoint(f.sub.getLatLng());
  return f.layer.features.filter(function (g) {
    return g.sub && g.sub.getLatLng && map.hasLayer(g.sub) && map.latLngToLayerPoint(g.sub.getLatLng()).distanceTo(here) <= 8;
  }).sort(function (a, b) { return a.props.start < b.props.start ? -1 : a.props.start > b.props.start ? 1 : 0; });
};

Popups.prototype.content = function (f) {
  var box = el("div", { "class": "kw-popup" }), self = this;
  this.stack(f).forEach(function (g, i) {
    if (i) box.appendChild(el("hr", {}));
    box.appendChild(self.entry(g));
  });
  return box;
};

/* When a thing happened, never the window during which the map shows it. */
Popups.prototype.when = function (mode, p) {
  var t = this.texts, ui = t.ui;
  if (!p.start || mode === "none") return "";
  if (mode === "front") return fill(ui.front_of, { date: formatDate(p.start, t) });
  if (mode === "span" && !p.end) return fill(ui.since, { date: formatDate(p.start, t) });
  if (!p.end || p.end === p.start) return formatDate(p.start, t);
  return formatDate(p.start, t) + " – " + formatDate(p.end, t);
};

Popups.prototype.entry = function (f) {
  var ui = this.texts.ui, p = f.props, box = el("div", {});
  var title = p.name || sideName(this.cfg, p.side, p.start) || f.layer.cfg.title;
  if (p.number) box.appendChild(el("span", { "class": "kw-event-badge kw-in-text", "aria-hidden": "true" }, p.number));
  box.appendChild(el("strong", {}, title));
  if (p.name_today && p.name_today !== p.name) box.appendChild(el("span", { "class": "kw-today" }, " (" + p.name_today + ")"));
  if (p.place) box.appendChild(el("div", { "class": "kw-place-line" }, p.place + (p.place_today && p.place_today !== p.place ? " (" + p.place_today + ")" : "")));
  var when = this.when(f.layer.cfg.dates, p);
  if (when && when !== title) box.appendChild(el("div", { "class": "kw-dates" }, when));  // a front's name is its date
  if (p.description) box.appendChild(el("p", {}, p.description));
  if (p.figures && p.figures.length) {
    var list = el("dl", { "class": "kw-figures" });
    p.figures.forEach(function (pair) { list.appendChild(el("dt", {}, pair[0])); list.appendChild(el("dd", {}, pair[1])); });
    box.appendChild(list);
  }
  if (p.confidence) box.appendChild(el("div", { "class": "kw-source" }, ui.confidence + ": " + p.confidence));
  if (p.source) box.appendChild(el("div", { "class": "kw-source" }, ui.source + ": " + p.source));
  return box;
};
