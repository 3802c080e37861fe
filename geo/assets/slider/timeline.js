/* timeline: the events in time, under the slider. Each event is a tick at its date on the slider's scale,
 * and the current stage's events are listed by number and name; choosing one sets the map to its date and
 * opens it. The list follows the slider: events already drawn are marked, the latest one as current. */

function Timeline(panel, layers, cfg, state) {
  var self = this, events = layers.byRole("events");
  this.state = state;
  this.cfg = cfg;
  this.events = events ? events.features.slice().sort(function (a, b) { return a.props.number - b.props.number; }) : [];
  this.layers = layers;
  if (!this.events.length) return;
  var last = cfg.steps.length - 1, ticks = el("div", { "class": "kw-timeline", "aria-hidden": "true" });
  this.events.forEach(function (f) {
    var i = Math.max(0, lastNotAfter(cfg.steps, f.props.start));
    var tick = ticks.appendChild(el("span", { "class": "kw-tick", "data-number": f.props.number, title: f.props.name,
      style: "left:" + (100 * i / last) + "%" }));
    tick.addEventListener("click", function () { self.choose(f); });
  });
  panel.timelineSlot.appendChild(ticks);
  this.list = panel.eventList.appendChild(el("ol", { "class": "kw-events", "aria-label": cfg.texts.ui.events_list }));
  this.stageShown = null;
  state.on(function (s, changed) { if (changed.date) self.update(s.date); });
}

Timeline.prototype.choose = function (f) {
  this.state.set({ playing: null });
  this.state.set({ date: f.props.start });
  if (f.sub && this.layers.map.hasLayer(f.sub)) f.sub.openPopup();
};

Timeline.prototype.update = function (date) {
  var self = this, stage = stageFor(this.cfg.stages, date);
  if (stage.id !== this.stageShown) {
    this.stageShown = stage.id;
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    this.items = this.events.filter(function (f) { return f.props.start >= stage.start && f.props.start <= stage.end; })
      .map(function (f) {
        var li = self.list.appendChild(el("li", {}));
        var b = li.appendChild(el("button", { type: "button", "class": "kw-event-item", "data-number": f.props.number }));
        b.appendChild(el("span", { "class": "kw-event-badge kw-in-text", "aria-hidden": "true" }, f.props.number));
        b.appendChild(el("span", {}, f.props.name));
        b.addEventListener("click", function () { self.choose(f); });
        return { feature: f, button: b };
      });
  }
  var current = null;
  this.items.forEach(function (item) {
    var past = item.feature.props.start <= date;
    item.button.classList.toggle("kw-past", past);
    item.button.removeAttribute("aria-current");
    if (past) current = item;
  });
  if (current) current.button.setAttribute("aria-current", "true");
};
