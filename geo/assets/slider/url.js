/* url: the address follows the map (#date=, #stage=, #compare=, #tour=), written once the slider settles
 * rather than on every step; and a link opens the map where it points. A date that does not exist is
 * ignored. */

var SETTLE_MS = 300;

function Url(cfg, state, controls, compare, tour) {
  var self = this;
  this.cfg = cfg;
  this.state = state;
  this.controls = controls;
  this.compare = compare;
  this.tour = tour;
  this.written = null;
  this.timer = null;
  window.addEventListener("hashchange", function () { if (location.hash !== self.written) self.read(); });
  state.on(function (s, changed) {
    if (!(changed.date || changed.comparing || changed.touring)) return;
    clearTimeout(self.timer);
    self.timer = setTimeout(function () { self.write(); }, s.playing ? SETTLE_MS * 3 : SETTLE_MS);
  });
}

Url.prototype.hash = function () {
  var s = this.state, stage = stageFor(this.cfg.stages, s.date);
  if (s.comparing) return "#compare=" + s.comparing[0] + "," + s.comparing[1];
  if (s.touring) return "#tour=" + s.touring;
  return s.date === stage.key_date ? "#stage=" + stage.id : "#date=" + s.date;
};

Url.prototype.write = function () {
  this.timer = null;
  var hash = this.hash();
  if (hash === location.hash) return;
  this.written = hash;
  try { history.replaceState(null, "", hash); } catch (e) { /* a sandboxed frame may refuse; the map still works */ }
};

/* Open the map where the address points, or at the war's first day. */
Url.prototype.read = function () {
  var m = /^#(stage|date|compare|tour)=([0-9,-]+)$/.exec(location.hash), cfg = this.cfg;
  var pair = m && m[1] === "compare" ? m[2].split(",") : null;
  if (pair && pair.length === 2 && isDate(pair[0]) && isDate(pair[1])) this.compare.open(pair[0], pair[1]);
  else if (m && m[1] === "stage" && +m[2] >= 1 && +m[2] <= cfg.stages.length) this.controls.setStage(+m[2]);
  else if (m && m[1] === "date" && isDate(m[2])) this.controls.setDate(m[2]);
  else if (m && m[1] === "tour" && +m[2] >= 1 && +m[2] <= cfg.tour.length) this.tour.go(+m[2]);
  else if (this.state.date === null) this.state.set({ date: cfg.first });
};
