/* layers: the map's layers, built from the geometry store as the layer catalogue says (pane, style),
 * each feature's Leaflet shape made the first time it is shown. On every date it puts on the map the
 * features the map shows that day and takes off the others; what is drawn is read back from Leaflet. */

var BIG_POINT_LAYER = 1500;  // more points than this are drawn on one canvas (canvaspoints.js)

function AtlasLayers(map, cfg, store, state) {
  var self = this;
  this.map = map;
  this.cfg = cfg;
  this.store = store;
  var f = cfg.frame;
  this.frameRing = [[f[0][0], f[0][1]], [f[0][0], f[1][1]], [f[1][0], f[1][1]], [f[1][0], f[0][1]]];
  Object.keys(cfg.panes).forEach(function (name) {
    var pane = map.createPane("kw-" + name);
    pane.style.zIndex = String(cfg.panes[name]);
    if (name === "mask") pane.style.pointerEvents = "none";
  });
  map.createPane("kw-labels").style.zIndex = "640";
  var base = cfg.basemap.style;
  [[cfg.basemap.sea, base.sea, 0.7], [cfg.basemap.land, base.land, 0]].forEach(function (b) {
    if (!b[0]) return;
    L.polygon(store.rings(b[0]), { pane: "kw-mask", interactive: false, fillColor: b[1], fillOpacity: 1,
      color: base.coast, weight: b[2], fillRule: "evenodd" }).addTo(map);
  });
  this.layers = cfg.layers.map(function (layer) {
    var record = { id: layer.id, role: layer.role, cfg: layer, group: L.layerGroup(), on: false };
    record.features = layer.features.map(function (feature) {
      return { layer: record, props: self.completed(layer, feature.p), ref: feature.g, un: !!feature.un, sub: null, shown: false };
    });
    var points = layer.features.length > BIG_POINT_LAYER && layer.features.every(function (x) { return x.g && x.g[0] === "P"; });
    if (points) record.canvas = new CanvasPoints(record, store.scale);
    return record;
  });
  this.features = [].concat.apply([], this.layers.map(function (l) { return l.canvas ? [] : l.features; }));
  this.popups = null;  // set by the popup room: f -> content
  state.on(function (s, changed) { if (changed.date) self.show(s.date); });
}

/* What the build leaves for the page to say: a territory's side name and figures (from the versions
 * table) and a front's name (its date). */
AtlasLayers.prototype.completed = function (layer, p) {
  var cfg = this.cfg, t = cfg.texts;
  if (layer.role === "territory") {
    var v = cfg.versions, i = lastNotAfter(v.start, p.start), km2 = v[p.side + "_km2"][i];
    p.name = sideName(cfg, p.side, p.start);
    p.figures = [[t.figures.area_km2, km2.toLocaleString("en") + " km²"], [t.figures.share, v[p.side][i].toFixed(1) + "%"]];
  } else if (layer.role === "front" || layer.role === "previous_front") {
    p.name = fill(t.ui.front_of, { date: formatDate(p.start, t) });
  }
  return p;
};

AtlasLayers.prototype.byRole = function (role) {
  return this.layers.filter(function (l) { return l.role === role; })[0] || null;
};

AtlasLayers.prototype.byId = function (id) {
  return this.layers.filter(function (l) { return l.id === id; })[0] || null;
};

AtlasLayers.prototype.style = function (f) {
  var layer = f.layer.cfg, style = L.extend({}, layer.style), side = own(this.cfg.sides, f.props.side);
  if ((f.layer.role === "territory" || f.layer.role === "movements") && side) {
    style.fillColor = side.fill;
    style.color = side.fill;
  }
  style.fill = "fillOpacity" in style;
  return style;
};

/* The Leaflet shape of a feature, made on first use and kept. */
AtlasLayers.prototype.sub = function (f, pane) {
  if (f.sub && !pane) return f.sub;
  var options = L.extend(this.style(f), { pane: pane || "kw-" + f.layer.cfg.pane, interactive: !pane });
  var ref = f.ref, kind = ref[0], shape;
  if (f.un) {
    shape = L.polygon([this.frameRing].concat(this.store.rings(ref)), L.extend(options, { fillRule: "evenodd" }));
  } else if (kind === "P" || kind === "MP") {
    shape = this.marker(f, options);
  } else if (kind === "L" || kind === "ML") {
    shape = L.polyline(this.store.latLngs(ref), options);
  } else {
    shape = L.polygon(this.store.latLngs(ref), options);
  }
  shape.feature = { type: "Feature", properties: f.props };
  if (pane) return shape;
  shape.atlasFeature = f;
  var self = this, untab = function () {  // the map is read with the mouse or the text version, never tabbed through
    var node = shape.getElement && shape.getElement();
    if (node) node.setAttribute("tabindex", "-1");
  };
  shape.on("add", untab);
  if (this.popups) shape.bindPopup(function () { return self.popups(f); }, { maxWidth: 340 });
  f.sub = shape;
  return shape;
};

AtlasLayers.prototype.marker = function (f, options) {
  var ll = this.store.latLngs(f.ref), role = f.layer.role;
  if (role === "events") {
    var icon = L.divIcon({ className: "kw-event", iconSize: null, html: "" });
    var marker = L.marker(ll, { icon: icon, pane: options.pane, keyboard: false, riseOnHover: true, title: "" });
    marker.on("add", function () {
      var node = marker.getElement();
      if (!node.firstChild) node.appendChild(el("span", { "class": "kw-event-badge", "data-number": f.props.number }, f.props.number));
    });
    return marker;
  }
  var radius = role === "places" ? 3 : f.layer.cfg.radius, dot = L.extend(options, { radius: radius });
  if (f.ref[0] === "MP") return L.featureGroup(ll.map(function (p) { return L.circleMarker(p, dot); }));
  return L.circleMarker(ll, dot);
};

/* Put on the map what it shows on ``date``, and nothing else. */
AtlasLayers.prototype.show = function (date) {
  var map = this.map;
  for (var i = 0; i < this.features.length; i++) {
    var f = this.features[i], want = shownOn(f.props, date);
    if (want !== f.shown) {
      if (want) f.layer.group.addLayer(this.sub(f)); else f.layer.group.removeLayer(f.sub);
      f.shown = want;
    }
  }
  this.layers.forEach(function (layer) {
    if (layer.canvas) layer.canvas.show(date);
    if (!layer.on) { map.addLayer(layer.canvas || layer.group); layer.on = true; }  // only now, with this date's features
  });
};

/* The layer list: each drawn layer by its title (shown as text), and modern map tiles for those online. */
AtlasLayers.prototype.addLayerList = function () {
  var list = L.control.layers(null, null, { collapsed: true, position: "topright" }), map = this.map;
  var text = function (s) { var span = el("span", {}, s); return span.innerHTML; };  // Leaflet sets names as HTML
  this.layers.forEach(function (layer) { list.addOverlay(layer.canvas || layer.group, text(layer.cfg.title)); });
  var tiles = this.cfg.tiles;
  list.addOverlay(L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }), text(this.cfg.texts.ui.online_tiles));
  list.addTo(map);
  var toggle = list.getContainer().querySelector(".leaflet-control-layers-toggle");
  if (toggle) { toggle.setAttribute("aria-label", this.cfg.texts.ui.layers); toggle.setAttribute("title", this.cfg.texts.ui.layers); }
  return list;
};

/* The features of a layer that Leaflet has drawn now. */
AtlasLayers.prototype.drawn = function (id) {
  var layer = this.byId(id), map = this.map;
  if (!layer || !map.hasLayer(layer.canvas || layer.group)) return [];
  if (layer.canvas) return layer.canvas.drawn;
  return layer.features.filter(function (f) { return f.shown && f.sub; });  // shown: in the group, on the map
};

AtlasLayers.prototype.visibleLayers = function () {
  var self = this;
  return this.layers.filter(function (l) { return self.drawn(l.id).length > 0; }).map(function (l) { return l.id; });
};

/* Copies of the features of some roles shown on ``date``, in other panes (the comparison's). */
AtlasLayers.prototype.copies = function (date, panes) {
  var self = this, group = L.layerGroup();
  this.layers.forEach(function (layer) {
    var pane = own(panes, layer.role);
    if (!pane) return;
    layer.features.forEach(function (f) { if (shownOn(f.props, date)) group.addLayer(self.sub(f, pane)); });
  });
  return group;
};
