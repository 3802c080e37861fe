/* fit: show the whole peninsula in the part of the frame the panel and the legend leave free, on opening
 * and whenever the frame changes size (until the reader moves the map); lay the page out for paper when
 * printing; and the fullscreen button, which also works inside a lesson's iframe. */

function Fit(map, cfg, panel, legend, labels) {
  var self = this;
  this.map = map;
  this.cfg = cfg;
  this.panel = panel;
  this.legend = legend;
  this.labels = labels;
  this.moved = false;
  this.fitting = false;
  this.beforePrint = null;
  map.on("movestart zoomstart", function () { if (!self.fitting) self.moved = true; });
  map.on("resize", function () { if (!self.moved) self.fit(); });
  map.on("zoomend", function () { map.getContainer().classList.toggle("kw-zoomed", map.getZoom() >= 8); });
  // the panel and legend change size with the frame's layout (a media query can move the panel beside the
  // map after Leaflet's resize has run): refit then too, until the reader moves the map
  if (window.ResizeObserver) {
    var refit = new ResizeObserver(function () { if (!self.moved && !self.beforePrint) self.fit(); });
    refit.observe(panel.root);
    refit.observe(legend.box);
  }
  var printing = window.matchMedia && window.matchMedia("print");
  if (printing && printing.addEventListener) printing.addEventListener("change", function (e) { self.printLayout(e.matches); });
  panel.fullscreenButton.addEventListener("click", function () { self.toggleFullscreen(); });
  document.addEventListener("fullscreenchange", function () {
    panel.fullscreenButton.setAttribute("aria-pressed", String(!!document.fullscreenElement));
  });
  if (!document.fullscreenEnabled) panel.fullscreenButton.hidden = true;
}

Fit.prototype.toggleFullscreen = function () {
  var root = document.documentElement;
  if (document.fullscreenElement) document.exitFullscreen();
  else if (root.requestFullscreen) root.requestFullscreen().catch(function () { /* refused by the browser */ });
};

/* Tell Leaflet its frame changed size without counting it as the reader moving the map. */
Fit.prototype.resized = function () {
  this.fitting = true;
  this.map.invalidateSize({ animate: false, pan: false });
  this.fitting = false;
};

/* Beside the panel, above it, or between it and the legend: whichever shows the peninsula largest. */
Fit.prototype.fit = function () {
  var map = this.map, frame = map.getContainer().getBoundingClientRect(), gap = 8;
  var panel = this.panel.root.getBoundingClientRect(), legend = this.legend.box.getBoundingClientRect();
  var besidePanel = panel.right - frame.left + gap, abovePanel = frame.bottom - panel.top + gap;
  var besideLegend = frame.right - legend.left + gap, belowLegend = legend.bottom - frame.top + gap;
  var bounds = L.latLngBounds(this.cfg.fit_bounds), size = map.getSize();
  var leftOfBoth = frame.right - Math.min(panel.left, legend.left) + gap;  // both in a right-hand column (print)
  var above = 0, below = 0;  // a comparison's figures above the map and, on a phone, its legends below it
  [].forEach.call(map.getContainer().querySelectorAll(".kw-compare-info, .kw-compare-label, .kw-compare"), function (node) {
    var r = node.getBoundingClientRect();
    if (!r.height) return;
    if (node.classList.contains("kw-compare-info")) above = Math.max(above, r.bottom - frame.top + gap);
    else if (r.top - frame.top > frame.height / 2) below = Math.max(below, frame.bottom - r.top + gap);
  });
  var best = [
    [[besidePanel, gap], [besideLegend, gap]],
    [[besidePanel, belowLegend], [gap, gap]],  // right of a column panel, under the legend
    [[gap, gap], [leftOfBoth, gap]],
    [[gap, gap], [besideLegend, abovePanel]],
    [[gap, belowLegend], [gap, abovePanel]]
  ].map(function (p) {
    return [[p[0][0], Math.max(p[0][1], above)], [p[1][0], Math.max(p[1][1], below)]];
  }).filter(function (p) {  // a strip under 120 px is no place for a map
    return size.x - p[0][0] - p[1][0] >= 120 && size.y - p[0][1] - p[1][1] >= 120;
  }).map(function (p) {
    return { topLeft: p[0], bottomRight: p[1], zoom: map.getBoundsZoom(bounds, false, L.point(p[0]).add(p[1])) };
  }).reduce(function (a, b) { return b.zoom > a.zoom ? b : a; }, { topLeft: [gap, gap], bottomRight: [gap, gap], zoom: -1 });
  this.fitting = true;
  map.fitBounds(bounds, { paddingTopLeft: best.topLeft, paddingBottomRight: best.bottomRight, animate: false });
  this.fitting = false;
  this.labels.layout();
  if (this.onFit) this.onFit();
};

/* Printing lays the page out on paper (see print.css): the legend open, the peninsula fitted there. */
Fit.prototype.printLayout = function (on) {
  var map = this.map, saved = this.beforePrint, box = this.legend.box;
  if (on && !saved) {
    this.beforePrint = { open: box.open, moved: this.moved, center: map.getCenter(), zoom: map.getZoom() };
    box.open = true;
    this.resized();
    this.fit();
    document.documentElement.setAttribute("data-kw-print", "laid-out");
  } else if (!on && saved) {
    this.beforePrint = null;
    document.documentElement.removeAttribute("data-kw-print");
    box.open = saved.open;
    this.moved = saved.moved;
    this.resized();
    if (saved.moved) {
      this.fitting = true;
      map.setView(saved.center, saved.zoom, { animate: false });
      this.fitting = false;
      this.labels.layout();
    } else {
      this.fit();
    }
  }
};

/* Go to a view (the tour's): a zoom round a point, or a box, in the part of the frame ``beside`` (the
 * tour's panel) leaves free: right of it on a screen, below it on a phone. */
Fit.prototype.show = function (view, beside) {
  var map = this.map, frame = map.getContainer().getBoundingClientRect(), gap = 8;
  var box = beside.getBoundingClientRect(), wide = frame.width > 520;
  var left = wide ? Math.min(box.right - frame.left + gap, frame.width / 2) : gap;
  var top = wide ? gap : Math.min(box.bottom - frame.top + gap, frame.height / 2);
  this.moved = true;
  if (view.bbox) {
    var b = view.bbox;
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { paddingTopLeft: [left, top], paddingBottomRight: [gap, gap], animate: false });
  } else {
    map.setView([view.lat, view.lon], view.zoom, { animate: false });
    map.panBy([-left / 2, -top / 2], { animate: false });
  }
  this.labels.layout();
};
