/* tour: the guided tour, a story map of the war. A panel reads each stop's narration and asks its
 * question (the answer shows on request); Next and Back (or ← →) move between stops, each setting the
 * slider to its date and the map to its view; Esc leaves; a live region announces each stop. */

function Tour(map, cfg, state, panel, fit) {
  var self = this, ui = cfg.texts.ui;
  this.cfg = cfg;
  this.state = state;
  this.fit = fit;
  this.panel = panel;
  this.stops = cfg.tour;
  if (!this.stops.length) return;
  var box = this.box = isolate(el("section", { "class": "kw-tour", role: "region", "aria-label": ui.tour, tabindex: "-1" }));
  box.hidden = true;
  this.count = box.appendChild(el("p", { "class": "kw-tour-count" }));
  this.title = box.appendChild(el("h2", { "class": "kw-tour-title", tabindex: "-1" }));
  this.date = box.appendChild(el("p", { "class": "kw-tour-date" }));
  this.narration = box.appendChild(el("p", { "class": "kw-tour-narration" }));
  var question = box.appendChild(el("div", { "class": "kw-tour-question" }));
  question.appendChild(el("strong", {}, ui.question + " "));
  this.question = question.appendChild(el("span", {}));
  this.answerButton = box.appendChild(el("button", { type: "button", "class": "kw-tour-show", "aria-expanded": "false" }, ui.show_answer));
  this.answer = box.appendChild(el("p", { "class": "kw-tour-answer", hidden: "" }));
  this.source = box.appendChild(el("p", { "class": "kw-tour-source" }));
  var nav = box.appendChild(el("div", { "class": "kw-tour-nav" }));
  this.back = nav.appendChild(el("button", { type: "button", "class": "kw-tour-back" }, "‹ " + ui.tour_back));
  this.next = nav.appendChild(el("button", { type: "button", "class": "kw-tour-next" }, ui.tour_next + " ›"));
  this.exit = nav.appendChild(el("button", { type: "button", "class": "kw-tour-exit" }, ui.tour_exit));
  this.live = box.appendChild(el("div", { "class": "kw-visually-hidden", "aria-live": "polite", role: "status" }));
  map.getContainer().appendChild(box);
  this.answerButton.addEventListener("click", function () {
    self.answer.hidden = !self.answer.hidden;
    self.answerButton.setAttribute("aria-expanded", String(!self.answer.hidden));
  });
  this.back.addEventListener("click", function () { self.go(state.touring - 1); });
  this.next.addEventListener("click", function () { self.go(state.touring + 1); });
  this.exit.addEventListener("click", function () { self.leave(); });
  box.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { e.preventDefault(); self.leave(); }
    else if (e.key === "ArrowRight" && e.target.tagName !== "INPUT") { e.preventDefault(); self.go(state.touring + 1); }
    else if (e.key === "ArrowLeft" && e.target.tagName !== "INPUT") { e.preventDefault(); self.go(state.touring - 1); }
  });
  panel.tourButton.addEventListener("click", function () { self.go(state.touring || 1); });
  state.on(function (s, changed) { if (changed.touring) self.show(s.touring); });
}

Tour.prototype.go = function (n) {
  if (!this.stops.length) return;
  n = clamp(+n || 1, 1, this.stops.length);
  var stop = this.stops[n - 1];
  this.state.set({ playing: null, comparing: null });
  this.state.set({ date: stop.date, touring: n });
  this.fit.show(stop, this.box);
  this.title.focus({ preventScroll: true });
};

Tour.prototype.leave = function () {
  this.state.set({ touring: null });
  this.fit.moved = false;
  this.fit.fit();
  this.panel.tourButton.focus({ preventScroll: true });
};

Tour.prototype.show = function (n) {
  var cfg = this.cfg, ui = cfg.texts.ui;
  this.box.hidden = !n;
  document.documentElement.toggleAttribute("data-kw-tour", !!n);
  if (!n) return;
  var stop = this.stops[n - 1];
  this.count.textContent = fill(ui.tour_count, { n: n, total: this.stops.length });
  this.title.textContent = stop.title;
  this.date.textContent = formatDate(stop.date, cfg.texts);
  this.narration.textContent = stop.narration;
  this.question.textContent = stop.question;
  this.answer.textContent = stop.answer;
  this.answer.hidden = true;
  this.answerButton.setAttribute("aria-expanded", "false");
  this.source.textContent = ui.source + ": " + stop.source;
  this.back.disabled = n <= 1;
  this.next.disabled = n >= this.stops.length;
  this.live.textContent = this.count.textContent + ": " + stop.title;
};
