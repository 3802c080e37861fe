/* legend: a folding box listing only what Leaflet has drawn at the date, with the sides named as they
 * were then (North Korea alone before the Chinese entry). It opens in big frames and in print. */

function Legend(map, layers, cfg, state) {
  var self = this, ui = cfg.texts.ui;
  this.layers = layers;
  this.cfg = cfg;
  var box = this.box = isolate(el("details", { "class": "kw-legend" }));
  box.open = window.innerWidth >= 900 && window.innerHeight >= 600;  // a phone or lesson frame starts with the map
  box.appendChild(el("summary", {}, ui.legend));
  var list = el("ul", {});
  this.items = cfg.legend.map(function (item) {
    var li = el("li", { "data-layer": item.layer }), text = el("span", {}, item.label);
    if (item.side) li.setAttribute("data-side", item.side);
    li.appendChild(el("span", { "class": "kw-swatch kw-swatch-" + item.shape, style: item.css, "aria-hidden": "true" }));
    li.appendChild(text);
    list.appendChild(li);
    return { node: li, text: text, item: item };
  });
  box.appendChild(list);
  box.appendChild(el("p", { "class": "kw-credits" }, ui.credits));
  var Control = L.Control.extend({ options: { position: "topright" }, onAdd: function () { return box; } });
  new Control().addTo(map);
  state.on(function (s, changed) { if (changed.date) self.update(s.date); });
}

Legend.prototype.update = function (date) {
  var self = this, drawn = {};
  this.layers.visibleLayers().forEach(function (id) { drawn[id] = true; });
  var sidesDrawn = {};
  this.layers.layers.forEach(function (layer) {
    if (layer.role !== "movements") return;
    self.layers.drawn(layer.id).forEach(function (f) { sidesDrawn[layer.id + ":" + f.props.side] = true; });
  });
  this.items.forEach(function (entry) {
    var item = entry.item, shown = !!own(drawn, item.layer);
    if (item.shape === "arrow") shown = !!own(sidesDrawn, item.layer + ":" + item.side);
    entry.node.hidden = !shown;
    if (item.side && item.shape !== "arrow") entry.text.textContent = sideName(self.cfg, item.side, date);
  });
};
