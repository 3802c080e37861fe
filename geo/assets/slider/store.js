/* store: decode the page's compact geometry store (geo/store.py): shared arcs written as polyline
 * strings of quantised coordinates, and references to them. Arcs are decoded once and kept. */

function GeometryStore(store) {
  this.scale = store.scale;
  this.arcs = store.arcs;
  this.decoded = [];
}

GeometryStore.prototype.arc = function (i) {
  var k = i < 0 ? ~i : i, points = this.decoded[k];
  if (!points) {
    var text = this.arcs[k], values = [], value = 0, shift = 0;
    for (var c = 0; c < text.length; c++) {
      var chunk = text.charCodeAt(c) - 63;
      value |= (chunk & 0x1f) << shift;
      shift += 5;
      if (chunk < 0x20) { values.push(value & 1 ? ~(value >> 1) : value >> 1); value = 0; shift = 0; }
    }
    points = [];
    for (var j = 0, x = 0, y = 0; j < values.length; j += 2) {
      x += values[j]; y += values[j + 1];
      points.push([y / this.scale, x / this.scale]);
    }
    this.decoded[k] = points;
  }
  return i < 0 ? points.slice().reverse() : points;
};

/* A line or ring from its arcs, each arc after the first without its first point (shared with the last). */
GeometryStore.prototype.chain = function (ids) {
  var out = [];
  for (var i = 0; i < ids.length; i++) {
    var pts = this.arc(ids[i]);
    out = out.length ? out.concat(pts.slice(1)) : pts.slice();
  }
  return out;
};

/* A ring starting at its south-westernmost point, however its arcs were cut: Leaflet simplifies a path
 * from its first point, so a ring is drawn the same whichever shapes it shares its arcs with. */
GeometryStore.prototype.ring = function (ids) {
  var points = this.chain(ids), best = 0;
  points.pop();  // the closing point
  for (var i = 1; i < points.length; i++) {
    var p = points[i], q = points[best];
    if (p[0] < q[0] || (p[0] === q[0] && p[1] < q[1])) best = i;
  }
  return points.slice(best).concat(points.slice(0, best));
};

/* Leaflet's latlngs for a reference: a point, points, a line, lines, a polygon's rings or polygons. */
GeometryStore.prototype.latLngs = function (ref) {
  var self = this, kind = ref[0], data = ref[1], pt = function (p) { return [p[1] / self.scale, p[0] / self.scale]; };
  if (kind === "P") return pt(data);
  if (kind === "MP") return data.map(pt);
  if (kind === "L") return this.chain(data);
  if (kind === "ML") return data.map(function (ids) { return self.chain(ids); });
  if (kind === "A") return data.map(function (ids) { return self.ring(ids); });
  return data.map(function (rings) { return rings.map(function (ids) { return self.ring(ids); }); });
};

/* Every ring of a polygon or polygons, flat: drawn with the even-odd rule inside a frame, they make
 * the frame less the shape (the UN side is drawn so from the communist side's rings). */
GeometryStore.prototype.rings = function (ref) {
  var ll = this.latLngs(ref);
  return ref[0] === "A" ? ll : [].concat.apply([], ll);
};
