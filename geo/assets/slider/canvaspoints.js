/* canvaspoints: a teacher's layer of many points (thousands to 100,000) drawn on one canvas instead of a
 * Leaflet shape per point. Points are kept sorted by the day they appear, so a date's points are found
 * by one binary search and one pass; a click opens the nearest point's popup. */

var CanvasPoints = L.Layer.extend({
  initialize: function (record, scale) {
    this.record = record;
    this.scale = scale;
    this.drawn = [];
    this.screen = [];
    this.points = record.features.slice().sort(function (a, b) {
      var x = shownFrom(a.props), y = shownFrom(b.props);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    this.starts = this.points.map(function (f) { return shownFrom(f.props); });
  },
  onAdd: function (map) {
    this.map = map;
    this.canvas = L.DomUtil.create("canvas", "kw-canvas-points leaflet-zoom-hide");
    map.getPane("kw-" + this.record.cfg.pane).appendChild(this.canvas);
    map.on("moveend zoomend resize", this.redraw, this);
    map.on("click", this.click, this);
    this.redraw();
  },
  onRemove: function (map) {
    L.DomUtil.remove(this.canvas);
    map.off("moveend zoomend resize", this.redraw, this);
    map.off("click", this.click, this);
  },
  show: function (date) {
    var upto = lastNotAfter(this.starts, date) + 1, drawn = [];
    for (var i = 0; i < upto; i++) {
      var until = shownUntil(this.points[i].props);
      if (until === null || date <= until) drawn.push(this.points[i]);
    }
    this.drawn = drawn;
    if (this.map) this.redraw();
  },
  redraw: function () {
    var map = this.map, size = map.getSize(), canvas = this.canvas, ratio = window.devicePixelRatio || 1;
    var style = this.record.cfg.style, r = Math.min(this.record.cfg.radius, 4), scale = this.scale;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    canvas.style.width = size.x + "px";
    canvas.style.height = size.y + "px";
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = style.fillColor || style.color || "#6A3D9A";
    ctx.strokeStyle = style.color || "#000000";
    ctx.beginPath();
    this.screen = [];
    for (var i = 0; i < this.drawn.length; i++) {
      var g = this.drawn[i].ref[1], p = map.latLngToContainerPoint([g[1] / scale, g[0] / scale]);
      if (p.x < -r || p.y < -r || p.x > size.x + r || p.y > size.y + r) continue;
      ctx.moveTo(p.x + r, p.y);
      ctx.arc(p.x, p.y, r, 0, 6.2832);
      this.screen.push([p.x, p.y, this.drawn[i]]);
    }
    ctx.fill();
    ctx.stroke();
  },
  click: function (e) {
    var best = null, nearest = 64, x = e.containerPoint.x, y = e.containerPoint.y;
    this.screen.forEach(function (s) {
      var d = (s[0] - x) * (s[0] - x) + (s[1] - y) * (s[1] - y);
      if (d <= nearest) { nearest = d; best = s[2]; }
    });
    if (best && this.popups) L.popup({ maxWidth: 340 }).setLatLng(e.latlng).setContent(this.popups(best)).openOn(this.map);
  }
});
