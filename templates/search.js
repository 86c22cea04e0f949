// Client-side search over touchpoints and standards: every word must match; results are
// written as text nodes, never as HTML, so no journey text can become markup.
(function () {
  "use strict";
  var data = (window.JOURNEYMAP_INDEX || []).map(function (item) {
    return { item: item, hay: (item.title + " " + item.where + " " + item.text).toLowerCase() };
  });
  var input = document.getElementById("q");
  var list = document.getElementById("q-results");
  var status = document.getElementById("q-status");
  if (!input || !list || !status) { return; }
  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!words.length) { status.textContent = ""; return; }
    var hits = data.filter(function (d) {
      return words.every(function (w) { return d.hay.indexOf(w) !== -1; });
    });
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches");
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
  input.addEventListener("input", run);
  run();
}());
