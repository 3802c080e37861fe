/* Korean War atlas, the page's script. The rooms are joined in a fixed order (geo/slider.py) inside one
 * function: each room only uses the rooms above it. Text from the data is always set with textContent,
 * never parsed as HTML. Dates are ISO strings compared as text: no Date objects, so nothing depends on
 * how a browser treats dates before 1970.
 *
 * util: small helpers every room uses. */

function el(tag, attrs, text) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svgEl(tag, attrs) {
  var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
  return node;
}

/* A value of a plain lookup table from the data, never one inherited from Object.prototype (a layer id
 * such as 'constructor' or '__proto__' is just a name). */
function own(table, key) {
  return table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

function clamp(value, low, high) { return value < low ? low : value > high ? high : value; }

/* A text from the language file with its {placeholders} filled in. */
function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, function (all, key) {
    var v = own(values, key);
    return v === undefined ? all : String(v);
  });
}

/* Keep a control's clicks and wheel turns from reaching the map beneath it. */
function isolate(node) {
  L.DomEvent.disableClickPropagation(node);
  L.DomEvent.disableScrollPropagation(node);
  return node;
}

function overlaps(a, b, gap) {
  gap = gap || 0;
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}
