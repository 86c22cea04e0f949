// Client-side search over touchpoints and standards: every word must match; results are
// written as text nodes, never as HTML, so no journey text can become markup.
// A one-file handbook carries its index inline (JOURNEYMAP_INDEX). A folder handbook lists
// its index in parts, one per journey (JOURNEYMAP_PARTS), loaded only once someone searches:
// pages load fast whatever the size of the handbook, and results grow as parts arrive.
(function () {
  "use strict";
  var data = [];
  var parts = window.JOURNEYMAP_PARTS || [];
  var loaded = 0;
  var started = false;
  var input = document.getElementById("q");
  var list = document.getElementById("q-results");
  var status = document.getElementById("q-status");
  if (!input || !list || !status) { return; }
  function add(items) {
    items.forEach(function (item) {
      data.push({ item: item, hay: (item.title + " " + item.where + " " + item.text).toLowerCase() });
    });
  }
  function loadNext() {
    if (loaded >= parts.length) { return; }
    var script = document.createElement("script");
    script.src = parts[loaded];
    script.onerror = function () { window.journeymapSearchPart([]); };
    document.head.appendChild(script);
  }
  window.journeymapSearchPart = function (items) {
    add(items);
    loaded += 1;
    run();
    loadNext();
  };
  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!words.length) { status.textContent = ""; return; }
    var hits = data.filter(function (d) {
      return words.every(function (w) { return d.hay.indexOf(w) !== -1; });
    });
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches") +
      (loaded < parts.length ? " so far (searching " + loaded + " of " + parts.length + " journeys)" : "");
    hits.slice(0, 50).forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.item.href;
      a.textContent = d.item.title;
      var where = document.createElement("span");
      where.className = "muted";
      where.textContent = " (" + d.item.kind + ", " + d.item.where + ")";
      li.appendChild(a);
      li.appendChild(where);
      list.appendChild(li);
    });
  }
  add(window.JOURNEYMAP_INDEX || []);
  input.addEventListener("input", function () {
    if (!started) { started = true; loadNext(); }
    run();
  });
  run();
}());
