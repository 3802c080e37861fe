/* state: the one state of the page (date, stage, comparing, touring, playing) and its listeners.
 * Controls change it; everything that shows something listens to it. */

function State(derive) {
  this.derive = derive;    // values that follow from others (the stage from the date)
  this.date = null;
  this.stage = null;
  this.comparing = null;   // [a, b] while two dates are compared
  this.touring = null;     // the tour stop shown (1, 2 ...) while the tour is open
  this.playing = null;     // {speed, loop, stage} while ▶ plays
  this.listeners = [];
}

State.prototype.on = function (listener) { this.listeners.push(listener); };

/* Change some of the state and tell every listener what changed (nothing if nothing did). */
State.prototype.set = function (values) {
  var changed = {}, any = false, self = this;
  if (this.derive) values = this.derive(values);
  Object.keys(values).forEach(function (key) {
    if (self[key] !== values[key]) { self[key] = values[key]; changed[key] = true; any = true; }
  });
  if (any) this.listeners.forEach(function (listener) { listener(self, changed); });
  return any;
};
