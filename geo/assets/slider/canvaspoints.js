/* canvaspoints: a teacher's layer of many points (thousands to 100,000) drawn on one canvas instead of a
 * Leaflet shape per point. Points are kept sorted by the day they appear, so a date's points are found
 * by one binary search and one pass; their Web Mercator positions are worked out once, so a redraw only
 * scales and shifts them; a click opens the nearest point's popup. */

var CanvasPoints = L.Layer.extend({
  initialize: function (record, scale) {
    this.record = record;
    this.drawn = [];
    this.screen = [];
    this.points = record.features.slice().sort(function (a, b) {
      var x = shownFrom(a.props), y = shownFrom(b.props);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    this.starts = this.points.map(function (f) { return shownFrom(f.props); });
    var n = this.points.length, unit = this.unit = new Float64Array(2 * n);
    for (var i = 0; i < n; i++) {  // Web Mercator in [0, 1], as Leaflet's CRS projects
      var g = this.points[i].ref[1], lat = Math.max(-85, Math.min(85, g[1] / scale)) * Math.PI / 180;
      unit[2 * i] = (g[0] / scale + 180) / 360;
      unit[2 * i + 1] = (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2;
      this.points[i].index = i;
    }
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
    var style = this.record.cfg.style, r = Math.min(this.record.cfg.radius, 4), world = 256 * Math.pow(2, map.getZoom());
    var origin = map.getPixelOrigin().subtract(L.DomUtil.getPosition(map.getPane("mapPane")));
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
    }
    var ctx = canvas.getContext("2d"), unit = this.unit, screen = [];
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    ctx.beginPath();
    for (var i = 0; i < this.drawn.length; i++) {
      var k = this.drawn[i].index, x = unit[2 * k] * world - origin.x, y = unit[2 * k + 1] * world - origin.y;
      if (x < -r || y < -r || x > size.x + r || y > size.y + r) continue;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 6.2832);
      screen.push(x, y, i);
    }
    ctx.fillStyle = style.fillColor || style.color || "#6A3D9A";
    ctx.strokeStyle = style.color || "#000000";
    ctx.fill();
    ctx.stroke();
    this.screen = screen;
  },
  click: function (e) {
    var best = -1, nearest = 64, x = e.containerPoint.x, y = e.containerPoint.y, s = this.screen;
    for (var i = 0; i < s.length; i += 3) {
      var d = (s[i] - x) * (s[i] - x) + (s[i + 1] - y) * (s[i + 1] - y);
      if (d <= nearest) { nearest = d; best = s[i + 2]; }
    }
    if (best >= 0 && this.popups) L.popup({ maxWidth: 340 }).setLatLng(e.latlng).setContent(this.popups(this.drawn[best])).openOn(this.map);
  }
});
