/* api: the page's start and its public face for lesson authors, window.koreanWarMap. */

window.KoreanWarAtlas = function (map, cfg) {
  // the map, its controls and its texts are the page's main content
  map.getContainer().setAttribute("role", "main");
  map.getContainer().setAttribute("aria-label", cfg.texts.title);
  var state = new State(function (values) {
    if (values.date) values.stage = stageFor(cfg.stages, values.date).id;
    return values;
  });
  var store = new GeometryStore(cfg.store);
  var layers = new AtlasLayers(map, cfg, store, state);  // first: the listeners below read what it drew
  new Popups(layers, cfg);
  var legend = new Legend(map, layers, cfg, state);
  layers.addLayerList();
  var panel = new Panel(map, cfg, state, layers);
  L.control.scale({ imperial: false, position: "bottomleft", maxWidth: 120 }).addTo(map);  // km, in print too
  var labels = new Labels(map, layers, cfg, state);
  new Timeline(panel, layers, cfg, state);
  new TextVersion(panel, layers, cfg, state);
  var controls = new Controls(panel, cfg, state);
  var fit = new Fit(map, cfg, panel, legend, labels);
  var compare = new Compare(map, layers, cfg, state, panel);
  fit.onFit = function () { if (compare.view) compare.view.centre(); };
  compare.onLayout = function () { if (!fit.moved) fit.fit(); };
  var tour = new Tour(map, cfg, state, panel, fit);
  var url = new Url(cfg, state, controls, compare, tour);
  if (window.self !== window.top) map.scrollWheelZoom.disable();  // let an embedding page scroll
  url.read();
  if (!state.touring) fit.fit();

  var stopped = function (f) { return function () { controls.stop(); return f.apply(null, arguments); }; };
  window.koreanWarMap = {
    stages: cfg.stages.map(function (s) { return { id: s.id, title: s.title, start: s.start, end: s.end }; }),
    steps: cfg.steps.slice(),
    map: map,
    setStage: stopped(function (n) { controls.setStage(n); }),
    setDate: stopped(function (d) {
      if (!isDate(d)) throw new Error("setDate expects 'YYYY-MM-DD', got " + d);
      controls.setDate(d);
    }),
    compare: stopped(function (a, b) {
      if (!isDate(a) || !isDate(b)) throw new Error("compare expects two dates 'YYYY-MM-DD'");
      compare.open(a, b);
    }),
    comparing: function () { return state.comparing ? state.comparing.slice() : null; },
    currentDate: function () { return state.date; },
    currentStage: function () { return state.stage; },
    situation: function (d) {
      var s = situation(cfg, isDate(d) ? d : state.date);
      return s && { date: s.date, stage: s.stage, version: s.version, front_date: s.front_date, age_days: s.age_days,
        line: s.line, next_front: s.next_front, move_km: s.move_km, moving: s.moving, note: frontNote(s, cfg.texts),
        side_un: sideName(cfg, "un", s.date), side_communist: sideName(cfg, "communist", s.date) };
    },
    visibleLayers: function () { return layers.visibleLayers(); },
    visibleFeatures: function (id) {
      return layers.drawn(id).map(function (f) {
        var p = f.props;
        return { name: p.name, start: p.start, end: p.end, side: p.side, number: p.number };
      });
    },
    play: function (options) { controls.play(options || {}); },
    stop: function () { controls.stop(); },
    playing: function () { return !!state.playing; },
    tour: function () { return cfg.tour.map(function (s) { return L.extend({}, s); }); },
    tourStop: function (n) { tour.go(n); },
    currentTourStop: function () { return state.touring; },
    ready: true
  };
  if (window.performance && performance.mark) performance.mark("kw-ready");
};
