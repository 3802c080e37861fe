/* dates: the date rules, the same as geo/dates.py (a browser test compares the two for every day of the
 * war). They read the table of territory versions the build computed: each version's start, the traced
 * front it comes from, what that line was, the next traced front and how far the front moved by then. */

function isDate(s) {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  var y = +s.slice(0, 4), m = +s.slice(5, 7), d = +s.slice(8, 10);
  var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/* Days since 1970-01-01 by integer arithmetic (H. Hinnant's days_from_civil). */
function dayNumber(iso) {
  var y = +iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10);
  y -= m <= 2 ? 1 : 0;
  var era = Math.floor(y / 400), yoe = y - era * 400;
  var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function daysBetween(first, last) { return dayNumber(last) - dayNumber(first); }

function formatDate(iso, texts) {
  var y = +iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10);
  return texts.date_format === "ymd" ? y + "년 " + texts.months[m - 1] + " " + d + "일" : d + " " + texts.months[m - 1] + " " + y;
}

function stageFor(stages, date) {
  for (var i = 0; i < stages.length; i++) if (date <= stages[i].end) return stages[i];
  return stages[stages.length - 1];
}

/* Position of the last of the sorted ISO dates not after ``date``, or -1. */
function lastNotAfter(sorted, date) {
  var lo = 0, hi = sorted.length;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (sorted[mid] <= date) lo = mid + 1; else hi = mid;
  }
  return lo - 1;
}

/* What the map shows on a day: see geo.dates.situation. */
function situation(cfg, date) {
  var v = cfg.versions, i = lastNotAfter(v.start, date);
  if (i < 0) return null;
  var move = v.move_km[i];
  return { date: date, stage: stageFor(cfg.stages, date).id, version: v.start[i], front_date: v.front_date[i],
    age_days: daysBetween(v.front_date[i], date), line: v.line[i], next_front: v.next_front[i], move_km: move,
    moving: move !== null && move >= cfg.moving_km, index: i };
}

/* The same words as geo.dates.front_note. */
function frontNote(s, texts) {
  var ui = texts.ui;
  if (s.line === "pre_war") return ui.note_pre_war;
  if (s.line === "armistice") return fill(ui.note_armistice, { date: formatDate(s.front_date, texts) });
  var note = fill(ui.note_traced, { date: formatDate(s.front_date, texts) });
  if (s.age_days === 0) return note;
  note += fill(s.age_days === 1 ? ui.note_age_one : ui.note_age, { days: s.age_days });
  if (s.next_front === null) return note;
  var km = Math.max(1, Math.ceil(s.move_km));
  return note + fill(s.moving ? ui.note_moving : ui.note_static, { km: km, next: formatDate(s.next_front, texts) });
}

/* Before the Chinese armies crossed the Yalu the Communist side was North Korea alone. */
function sideName(cfg, side, date) {
  var names = cfg.texts.sides;
  return side === "communist" && date < cfg.chinese_entry ? names.communist_before_china : own(names, side);
}

/* Whether the map shows a feature on ``date``: its display window (shown_from / shown_until, sent only
 * where they differ from its start / end); an open end means still shown. */
function shownFrom(p) { return "shown_from" in p ? p.shown_from : p.start; }
function shownUntil(p) { var u = "shown_until" in p ? p.shown_until : p.end; return u === undefined ? null : u; }
function shownOn(p, date) {
  var until = shownUntil(p);
  return shownFrom(p) <= date && (until === null || date <= until);
}
