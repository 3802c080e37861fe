/* controls: the panel's buttons, the slider, its keys and ▶ play. They only change the state. Play spends
 * time by the story (the build gives each step its time at 1×); its speed runs from 0.5× to 4×, it can
 * loop, and it can play the current stage only. */

function Controls(panel, cfg, state) {
  var self = this;
  this.cfg = cfg;
  this.state = state;
  this.panel = panel;
  this.timer = null;
  panel.stageButtons.forEach(function (b) {
    b.addEventListener("click", function () { self.stop(); self.setStage(+b.getAttribute("data-stage")); });
  });
  panel.playButton.addEventListener("click", function () { state.playing ? self.stop() : self.play(self.options()); });
  panel.prev.addEventListener("click", function () { self.stop(); self.step(-1); });
  panel.next.addEventListener("click", function () { self.stop(); self.step(1); });
  panel.slider.addEventListener("input", function () { self.stop(); state.set({ date: cfg.steps[+panel.slider.value] }); });
  panel.slider.addEventListener("keydown", function (e) {
    if (e.key !== "PageUp" && e.key !== "PageDown") return;
    e.preventDefault();
    self.stop();
    self.setStage(clamp((state.stage || 1) + (e.key === "PageUp" ? 1 : -1), 1, cfg.stages.length));
  });
  [panel.speed, panel.loop, panel.stageOnly].forEach(function (input) {
    input.addEventListener("change", function () { if (state.playing) self.play(self.options(), true); });
  });
  state.on(function (s, changed) {
    if (changed.playing && !s.playing) self.clear();
  });
}

Controls.prototype.options = function () {
  return { speed: +this.panel.speed.value, loop: this.panel.loop.checked, stage: this.panel.stageOnly.checked };
};

Controls.prototype.setDate = function (date) {
  var cfg = this.cfg;
  this.state.set({ date: date < cfg.first ? cfg.first : date > cfg.last ? cfg.last : date });
};

Controls.prototype.setStage = function (n) {
  var stage = this.cfg.stages.filter(function (s) { return s.id === +n; })[0];
  if (!stage) throw new Error("setStage expects 1 to " + this.cfg.stages.length + ", got " + n);
  this.state.set({ date: stage.key_date });
};

Controls.prototype.step = function (delta) {
  var steps = this.cfg.steps, i = lastNotAfter(steps, this.state.date) + delta;
  if (i < 0 || i >= steps.length) return false;
  this.state.set({ date: steps[i] });
  return true;
};

/* The steps ▶ walks: all of them, or the current stage's (options.stage true, or a stage's number). */
Controls.prototype.range = function (options) {
  var steps = this.cfg.steps, stageId = options.stage === true ? this.state.stage : +options.stage;
  var stage = options.stage ? this.cfg.stages.filter(function (s) { return s.id === stageId; })[0] : null;
  if (!stage) return [0, steps.length - 1];
  return [Math.max(0, lastNotAfter(steps, stage.start)), lastNotAfter(steps, stage.end)];
};

Controls.prototype.play = function (options, keepPlace) {
  options = { speed: clamp(+(options && options.speed) || 1, 0.5, 4), loop: !!(options && options.loop),
    stage: options && options.stage ? options.stage : false };
  if (options.stage === true) options.stage = this.state.stage;
  var range = this.range(options), i = lastNotAfter(this.cfg.steps, this.state.date);
  if (!keepPlace && (i < range[0] || i >= range[1])) this.state.set({ date: this.cfg.steps[range[0]] });
  this.state.set({ playing: options });
  this.schedule();
};

Controls.prototype.schedule = function () {
  var self = this, options = this.state.playing;
  this.clear();
  if (!options) return;
  var i = lastNotAfter(this.cfg.steps, this.state.date);
  this.timer = setTimeout(function () {
    var range = self.range(options);
    self.timer = null;
    if (i + 1 <= range[1]) self.state.set({ date: self.cfg.steps[i + 1] });
    else if (options.loop) self.state.set({ date: self.cfg.steps[range[0]] });
    else { self.stop(); return; }
    self.schedule();
  }, Math.max(16, this.cfg.play[i] / options.speed));
};

Controls.prototype.clear = function () {
  if (this.timer) clearTimeout(this.timer);
  this.timer = null;
};

Controls.prototype.stop = function () {
  this.clear();
  this.state.set({ playing: null });
};
