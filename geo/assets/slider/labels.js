/* labels: the names written on the map, placed where they hide nothing a class must see. Each key layer's
 * name goes beside its line (on the side with room), event numbers sit on their events or, where the spot
 * is taken or lies on the stage's key line, fan out a little with a leader, and town names go right or
 * left of their dots or are left out. Nothing overlaps: labels are placed by rank (the stage's key line
 * first, then the other key lines, events, and towns by importance), and each avoids the panel, the
 * legend, the labels before it and the key lines. */

var LABEL_GAP = 4, BADGE_RING = [0, 20, 32, 46, 64];

function Labels(map, layers, cfg, state) {
  var self = this;
  this.map = map;
  this.layers = layers;
  this.cfg = cfg;
  this.state = state;
  this.pane = map.getPane("kw-labels");
  this.pane.classList.add("leaflet-zoom-hide");
  this.leaders = svgEl("svg", { "class": "kw-leaders", "aria-hidden": "true" });
  // leaders run beneath the fronts and key lines, so a line stays whole where a leader crosses it
  var under = map.getPane("kw-leaders") || map.createPane("kw-leaders");
  under.style.zIndex = String(cfg.panes.lines - 1);
  under.classList.add("leaflet-zoom-hide");
  under.appendChild(this.leaders);
  this.keys = layers.layers.filter(function (l) { return l.cfg.label; }).map(function (l) {
    var node = el("div", { "class": "kw-layer-label", "data-layer": l.id }, l.cfg.label);
    self.pane.appendChild(node);
    return { layer: l, node: node };
  });
  var places = layers.byRole("places");
  this.places = (places ? places.features : []).slice().sort(function (a, b) { return a.props.rank - b.props.rank; })
    .map(function (f) {
      var node = el("div", { "class": "kw-place", "data-rank": f.props.rank }, f.props.name);
      self.pane.appendChild(node);
      return { feature: f, node: node };
    });
  this.signature = "";
  this.sizes = new Map();
  map.on("resize", function () { self.sizes.clear(); });
  if (document.fonts) document.fonts.ready.then(function () { self.sizes.clear(); self.layout(); });
  map.on("zoomend moveend resize", function () { self.layout(); });
  state.on(function (s, changed) { if (changed.date || changed.stage || changed.comparing || changed.touring) self.layoutIfChanged(); });
}

/* Lay out again only if what carries a label changed (most slider steps change nothing here). */
Labels.prototype.layoutIfChanged = function () {
  if (this.currentSignature() !== this.signature) this.layout();
};

Labels.prototype.keyLayer = function () {
  var stage = this.state.stage && this.cfg.stages.filter(function (s) { return s.id === this.state.stage; }, this)[0];
  return stage ? this.layers.byId(stage.key_layer) : null;
};

/* The screen polylines of a layer's drawn shapes, in container pixels. */
Labels.prototype.polylines = function (layer) {
  var map = this.map, out = [];
  this.layers.drawn(layer.id).forEach(function (f) {
    var ll = f.sub.getLatLngs ? f.sub.getLatLngs() : [];
    var walk = function (x) {
      if (!x.length) return;
      if (x[0] instanceof L.LatLng) out.push(x.map(function (p) { return map.latLngToContainerPoint(p); }));
      else x.forEach(walk);
    };
    walk(ll);
  });
  return out;
};

function boxCrosses(box, lines) {
  for (var i = 0; i < lines.length; i++) {
    var pts = lines[i];
    for (var j = 1; j < pts.length; j++) if (segmentInBox(pts[j - 1], pts[j], box)) return true;
  }
  return false;
}

/* Whether the segment a-b passes through the box (Liang-Barsky clipping). */
function segmentInBox(a, b, box) {
  var t0 = 0, t1 = 1, dx = b.x - a.x, dy = b.y - a.y;
  var edges = [[-dx, a.x - box.left], [dx, box.right - a.x], [-dy, a.y - box.top], [dy, box.bottom - a.y]];
  for (var i = 0; i < 4; i++) {
    var p = edges[i][0], q = edges[i][1];
    if (p === 0) { if (q < 0) return false; continue; }
    var r = q / p;
    if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
  }
  return true;
}

function rect(x, y, w, h) { return { left: x, top: y, right: x + w, bottom: y + h }; }

Labels.prototype.layout = function () {
  var map = this.map, size = map.getSize(), self = this;
  if (!size.x || !size.y) return;
  var frame = map.getContainer().getBoundingClientRect();
  var taken = [].slice.call(map.getContainer().querySelectorAll(".leaflet-control, .kw-compare-info, .kw-tour"))
    .filter(function (n) { return n.offsetParent !== null; })
    .map(function (n) { var r = n.getBoundingClientRect(); return rect(r.left - frame.left, r.top - frame.top, r.width, r.height); });
  var inside = function (b) { return b.left >= 2 && b.top >= 2 && b.right <= size.x - 2 && b.bottom <= size.y - 2; };
  var free = function (b, lines) {
    return inside(b) && !taken.some(function (t) { return overlaps(b, t, LABEL_GAP); }) && !boxCrosses(b, lines);
  };
  var key = this.keyLayer(), keyLines = key ? this.polylines(key) : [];
  var labelled = this.keys.filter(function (k) { return self.layers.drawn(k.layer.id).length; });
  var otherLines = [].concat.apply([], labelled.map(function (k) { return self.polylines(k.layer); }));
  while (this.leaders.firstChild) this.leaders.removeChild(this.leaders.firstChild);
  var ordered = labelled.sort(function (a, b) { return (b.layer === key) - (a.layer === key); });
  this.keys.forEach(function (k) { k.node.hidden = true; });
  ordered.forEach(function (k) { self.placeKeyLabel(k, keyLines.concat(otherLines), free, taken); });
  this.placeEvents(keyLines, free, taken);
  this.places.forEach(function (p) { self.placePlace(p, keyLines, free, taken); });  // by rank, the most important first
  this.signature = this.currentSignature();
};

/* What carries a label now: the events drawn, the key layer's drawn features and the visible layers. */
Labels.prototype.currentSignature = function () {
  var events = this.layers.byRole("events"), key = this.keyLayer();
  var drawn = (events ? this.layers.drawn(events.id) : []).map(function (f) { return f.props.number; });
  var keyDrawn = key ? this.layers.drawn(key.id).map(function (f) { return f.props.start; }) : [];
  return drawn.join(",") + "|" + (key ? key.id : "") + ":" + keyDrawn.join(",") + "|" + this.layers.visibleLayers().join(",");
};

/* A label's size in pixels, measured once per text: measuring forces a layout, and a step would force
 * dozens, one after each label placed. */
Labels.prototype.size = function (node) {
  var text = node.textContent, known = this.sizes.get(node);
  if (known && known.text === text) return known;
  var hidden = node.hidden;
  node.hidden = false;
  var size = { text: text, w: node.offsetWidth, h: node.offsetHeight };
  node.hidden = hidden;
  if (size.w) this.sizes.set(node, size);
  return size;
};

Labels.prototype.put = function (node, box) {
  node.hidden = false;
  L.DomUtil.setPosition(node, this.map.containerPointToLayerPoint([box.left, box.top]));
};

/* A key layer's name beside its line: at the catalogue's point or the nearest with room, on either side. */
Labels.prototype.placeKeyLabel = function (k, lines, free, taken) {
  var map = this.map, node = k.node;
  var size = this.size(node), w = size.w, h = size.h, points = k.layer.cfg.label_at || [];
  for (var i = 0; i < points.length; i++) {
    var p = map.latLngToContainerPoint(points[i]);
    var candidates = [[p.x - w / 2, p.y - h - 6], [p.x - w / 2, p.y + 6], [p.x + 8, p.y - h / 2], [p.x - w - 8, p.y - h / 2]];
    for (var j = 0; j < candidates.length; j++) {
      var box = rect(candidates[j][0], candidates[j][1], w, h);
      if (free(box, lines)) { this.put(node, box); taken.push(box); return; }
    }
  }
  node.hidden = true;
};

/* Event numbers: each on its event, or moved a little with a leader where that spot is taken or lies on
 * the stage's key line. Events drawn close together fan out round their place; where there is no room
 * for that, one badge names the group ("28–34") and opens them together. A group that finds no room
 * joins its nearest neighbour and they try again. */
Labels.prototype.placeEvents = function (keyLines, free, taken) {
  var events = this.layers.byRole("events"), map = this.map, self = this;
  if (!events) return;
  var drawn = this.layers.drawn(events.id).filter(function (f) { return f.sub.getElement() && f.sub.getElement().firstChild; })
    .map(function (f) { return { f: f, at: map.latLngToContainerPoint(f.sub.getLatLng()), badge: f.sub.getElement().firstChild }; });
  var groups = [];
  drawn.forEach(function (d) {
    var near = groups.filter(function (g) { return g[0].at.distanceTo(d.at) <= 24; })[0];
    if (near) near.push(d); else groups.push([d]);
  });
  var plan = this.eventPlan(groups, keyLines, free, taken.slice());
  while (plan.failed !== null && groups.length > 1) {  // the group without room joins its nearest neighbour
    var centre = groups[plan.failed][0].at, nearest = -1;
    groups.forEach(function (g, i) {
      var d = g[0].at.distanceTo(centre);
      if (i !== plan.failed && d <= 64 && (nearest < 0 || d < groups[nearest][0].at.distanceTo(centre))) nearest = i;
    });
    if (nearest < 0) break;  // nobody near: it keeps its own badge, placed as well as it can be
    var lost = groups.splice(plan.failed, 1)[0];
    if (nearest > plan.failed) nearest -= 1;
    groups[nearest] = groups[nearest].concat(lost).sort(function (a, b) { return a.f.props.number - b.f.props.number; });
    plan = this.eventPlan(groups, keyLines, free, taken.slice());
  }
  drawn.forEach(function (d) { d.badge.hidden = true; d.f.cluster = null; });
  plan.badges.forEach(function (b) {
    var d = b.member, box = b.box, w = box.right - box.left, h = box.bottom - box.top;
    var dx = box.left + w / 2 - d.at.x, dy = box.top + h / 2 - d.at.y;
    d.badge.hidden = false;
    d.badge.textContent = b.text;
    d.badge.style.transform = "translate(" + Math.round(dx) + "px," + Math.round(dy) + "px)";
    if (b.shared) b.group.forEach(function (m) { m.f.cluster = b.group.map(function (x) { return x.f; }); });
    taken.push(box);
    if (dx || dy) self.leader(d.at, { x: d.at.x + dx, y: d.at.y + dy });
  });
};

/* Where each group's badges go: fanned out if there is room, else one badge for the group; ``failed``
 * is the first group that found no room at all (or null). */
Labels.prototype.eventPlan = function (groups, keyLines, free, taken) {
  var self = this, badges = [], failed = null;
  var freeHere = function (box, lines) { return free(box, lines) && !taken.some(function (t) { return overlaps(box, t, 2); }); };
  groups.forEach(function (group, index) {
    var fanned = [];
    var fits = group.length <= 6 && group.every(function (d) {
      d.badge.textContent = d.f.props.number;
      var box = self.badgeBox(d, group.length > 1 ? 1 : 0, freeHere, keyLines, fanned.map(function (x) { return x.box; }));
      if (box) fanned.push({ member: d, box: box, text: String(d.f.props.number), group: group, shared: false });
      return !!box;
    });
    if (fits) { fanned.forEach(function (b) { badges.push(b); taken.push(b.box); }); return; }
    var numbers = group.map(function (d) { return d.f.props.number; }).sort(function (a, b) { return a - b; });
    var first = group[0], text = numbers.length > 2 ? numbers[0] + "–" + numbers[numbers.length - 1] : numbers.join(", ");
    first.badge.textContent = text;
    var box = self.badgeBox(first, 0, freeHere, keyLines, []);
    if (!box) { if (failed === null) failed = index; box = self.badgeRect(first, first.at); }
    badges.push({ member: first, box: box, text: text, group: group, shared: true });
    taken.push(box);
  });
  return { badges: badges, failed: failed };
};

Labels.prototype.badgeRect = function (d, centre) {
  var size = this.size(d.badge), w = size.w || 20, h = size.h || 20;
  return rect(centre.x - w / 2, centre.y - h / 2, w, h);
};

/* The first free spot for a badge: on its place, then on rings round it (from the first ring if the
 * place is shared), clear of the key line, what is taken and the badges of its own group. */
Labels.prototype.badgeBox = function (d, firstRing, free, keyLines, group) {
  for (var r = firstRing; r < BADGE_RING.length; r++) {
    var radius = BADGE_RING[r], steps = radius ? 12 : 1;
    for (var a = 0; a < steps; a++) {
      var angle = -Math.PI / 2 + a * 2 * Math.PI / steps;
      var box = this.badgeRect(d, L.point(d.at.x + radius * Math.cos(angle), d.at.y + radius * Math.sin(angle)));
      if (free(box, keyLines) && !group.some(function (g) { return overlaps(box, g, 2); })) return box;
    }
  }
  return null;
};

Labels.prototype.leader = function (from, to) {
  var a = this.map.containerPointToLayerPoint(from), b = this.map.containerPointToLayerPoint(to);
  this.leaders.appendChild(svgEl("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y }));
  this.leaders.appendChild(svgEl("circle", { cx: a.x, cy: a.y, r: 2.5 }));
};

/* A town's name beside its dot (right or left first, as the data prefers, then above or below), or not
 * at all, and then its dot goes too: a dot without a name tells a class nothing. */
Labels.prototype.placePlace = function (p, keyLines, free, taken) {
  var map = this.map, node = p.node, f = p.feature, dot = f.sub && f.sub.getElement && f.sub.getElement();
  var hide = function () { node.hidden = true; if (dot) dot.style.display = "none"; };
  if (!f.sub || !map.hasLayer(f.sub) || (f.props.rank > 1 && map.getZoom() < 7)) { hide(); return; }
  var at = map.latLngToContainerPoint(f.sub.getLatLng()), size = this.size(node), w = size.w, h = size.h;
  var right = rect(at.x + 5, at.y - h / 2, w, h), left = rect(at.x - 5 - w, at.y - h / 2, w, h);
  var above = rect(at.x - w / 2, at.y - h - 4, w, h), below = rect(at.x - w / 2, at.y + 4, w, h);
  var order = f.props.label_side === "left" ? [left, right, above, below] : [right, left, above, below];
  for (var i = 0; i < order.length; i++) {
    if (free(order[i], keyLines)) {
      this.put(node, order[i]);
      taken.push(order[i]);
      taken.push(rect(at.x - 4, at.y - 4, 8, 8));  // its dot too
      if (dot) dot.style.display = "";
      return;
    }
  }
  hide();
};
