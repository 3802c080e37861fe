/* text: the text version of the map, for screen readers and for reading aloud: the stage, its caption,
 * the shares with the front's age, and a table of the stage's events so far. Written only while open. */

function TextVersion(panel, layers, cfg, state) {
  var self = this, ui = cfg.texts.ui;
  this.cfg = cfg;
  this.layers = layers;
  this.panel = panel;
  this.state = state;
  var details = this.details = panel.textSlot.appendChild(el("details", { "class": "kw-text" }));
  details.appendChild(el("summary", {}, ui.text_alternative));
  this.body = details.appendChild(el("div", { tabindex: "0", role: "region", "aria-label": ui.text_alternative }));
  details.addEventListener("toggle", function () { if (details.open) self.update(state.date); });
  state.on(function (s, changed) { if (changed.date && details.open) self.update(s.date); });
}

TextVersion.prototype.update = function (date) {
  var cfg = this.cfg, t = cfg.texts, ui = t.ui, body = this.body, stage = stageFor(cfg.stages, date);
  while (body.firstChild) body.removeChild(body.firstChild);
  body.appendChild(el("h2", {}, ui.stage + " " + stage.id + ": " + stage.title + " (" + formatDate(stage.start, t) + " – " + formatDate(stage.end, t) + ")"));
  body.appendChild(el("p", {}, stage.caption));
  body.appendChild(el("p", {}, this.panel.shareText(date)));
  var events = this.layers.byRole("events");
  var shown = (events ? events.features : []).filter(function (f) { return f.props.start >= stage.start && f.props.start <= date; });
  if (!shown.length) return;
  var table = body.appendChild(el("table", {}));
  table.appendChild(el("caption", {}, ui.events_table));
  var head = table.appendChild(el("tr", {}));
  ["#", ui.date_column, ui.event_column, ui.place_column].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
  shown.forEach(function (f) {
    var p = f.props, tr = table.appendChild(el("tr", {}));
    tr.appendChild(el("td", {}, p.number));
    tr.appendChild(el("td", {}, formatDate(p.start, t)));
    tr.appendChild(el("td", {}, p.name + ": " + p.description));
    tr.appendChild(el("td", {}, (p.place || "") + (p.place_today && p.place_today !== p.place ? " (" + p.place_today + ")" : "")));
  });
};
