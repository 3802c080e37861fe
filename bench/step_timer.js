// Times every step of a time slider, forward then back, three rounds, with style and layout forced after
// each step (so the browser's work is counted, not only the script's). `step(i)` shows step i; `drawn()`
// counts what is drawn, recorded on the first forward round to check the steps really draw.
window.timeSteps = function (count, step, drawn) {
  const forward = [], back = [], shown = [];
  const ahead = [...Array(count).keys()];
  for (let round = 0; round < 3; round++) {
    for (const [times, order] of [[forward, ahead], [back, [...ahead].reverse()]]) {
      for (const i of order) {
        const t0 = performance.now();
        step(i);
        document.body.getBoundingClientRect();
        times.push(performance.now() - t0);
        if (round === 0 && times === forward) shown.push(drawn());
      }
    }
  }
  const stats = (t) => {
    const s = [...t].sort((a, b) => a - b);
    return {median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)], count: s.length};
  };
  return {forward: stats(forward), back: stats(back), all: stats(forward.concat(back)), drawn: shown};
};
