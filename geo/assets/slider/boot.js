/* boot: the page's own script and its data travel deflated and base64-encoded, a third of their size;
 * the browser's DecompressionStream opens them and the atlas starts. A browser without it is told so. */
window.KoreanWarAtlasBoot = function (map, code, data) {
  var open = function (text) {
    var raw = atob(text), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
  };
  if (!window.DecompressionStream) {
    map.getContainer().textContent = "This map needs a newer browser (Chrome, Edge, Firefox or Safari from 2023 on).";
    return;
  }
  Promise.all([open(code), open(data)]).then(function (parts) {
    new Function(parts[0])();
    window.KoreanWarAtlas(map, JSON.parse(parts[1]));
  });
};
