// Client-side search over touchpoints and standards, for an agent who types the words they
// use: every word of the question must match (as itself, its stem or a service synonym:
// "pick up" finds "answer", "hold" finds "wait"), and results rank by where they match (the
// standard's statement or the touchpoint's title first). A result's page highlights the
// words where it lands. Results are written as text nodes, never as HTML, so no journey text
// can become markup.
// A one-file handbook carries its index inline (JOURNEYMAP_INDEX). A folder handbook lists
// its index in parts, one per journey (JOURNEYMAP_PARTS), loaded only once someone searches:
// pages load fast whatever the size of the handbook, and results grow as parts arrive.
(function () {
  "use strict";
  var STOP = { a: 1, an: 1, the: 1, to: 1, of: 1, "for": 1, "in": 1, on: 1, my: 1, is: 1,
               and: 1, or: 1, with: 1, at: 1, by: 1, it: 1, be: 1, we: 1, our: 1 };
  // words front-line staff use for the same thing, each group matched as one
  var SYNONYMS = [
    ["answer", "pick up", "pickup", "respond", "reply", "reach"],
    ["hold", "wait", "queue", "waiting time"],
    ["call", "phone", "ring", "telephone"],
    ["hang up", "abandon", "drop"],
    ["fix", "repair", "resolve", "solve", "sort out"],
    ["complaint", "complain", "unhappy", "escalation"],
    ["refund", "credit", "money back", "repay"],
    ["engineer", "technician"],
    ["visit", "appointment", "slot"],
    ["bill", "invoice", "charge"],
    ["cancel", "leave", "notice", "cease"],
    ["email", "e-mail", "mail"],
    ["chat", "message", "messaging"],
    ["quick", "fast", "soon", "within"]
  ];
  var FIELDS = [["title", 3], ["where", 1], ["text", 1]];
  var data = [];
  var parts = window.JOURNEYMAP_PARTS || [];
  var loaded = 0;
  var started = false;
  var input = document.getElementById("q");
  var list = document.getElementById("q-results");
  var status = document.getElementById("q-status");

  function plain(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // a light English stemmer: answering, answered, answers -> answer; replies -> reply
  function stem(word) {
    if (word.length > 5 && /ies$/.test(word)) { return word.slice(0, -3) + "y"; }
    if (word.length > 5 && /ing$/.test(word)) { return undouble(word.slice(0, -3)); }
    if (word.length > 4 && /ed$/.test(word)) { return undouble(word.slice(0, -2)); }
    if (word.length > 4 && /(ss|us)$/.test(word)) { return word; }
    if (word.length > 3 && /s$/.test(word)) { return word.slice(0, -1); }
    return word;
  }
  function undouble(word) {
    return /([^aeiouls])\1$/.test(word) ? word.slice(0, -1) : word;
  }
  function stems(text) {
    return plain(text).split(/[^\p{L}\p{N}%]+/u).filter(Boolean).map(stem);
  }
  var groups = SYNONYMS.map(function (group) {
    return group.map(function (phrase) { return stems(phrase).join(" "); });
  });
  // the question as terms: each a list of alternatives (stemmed phrases), all to be matched
  function terms(question) {
    var words = stems(question).filter(function (w) { return !STOP[w]; });
    var out = [];
    for (var i = 0; i < words.length; i += 1) {
      var two = i + 1 < words.length ? words[i] + " " + words[i + 1] : null;
      var group = null;
      groups.forEach(function (g) {
        if (two && g.indexOf(two) !== -1) { group = g; }
      });
      if (group) { out.push(group); i += 1; continue; }
      groups.forEach(function (g) { if (!group && g.indexOf(words[i]) !== -1) { group = g; } });
      out.push(group || [words[i]]);
    }
    return out;
  }
  function has(field, phrase) {
    return (" " + field + " ").indexOf(" " + phrase) !== -1;  // a word, or a word's start
  }
  function score(d, query) {
    var total = 0;
    for (var i = 0; i < query.length; i += 1) {
      var best = 0;
      FIELDS.forEach(function (f) {
        query[i].forEach(function (alt, k) {
          if (has(d[f[0]], alt)) { best = Math.max(best, f[1] * (k === 0 ? 1.2 : 1)); }
        });
      });
      if (!best) { return 0; }
      total += best;
    }
    return total;
  }
  function add(items) {
    items.forEach(function (item) {
      data.push({ item: item, title: stems(item.title).join(" "),
                  where: stems(item.where).join(" "), text: stems(item.text).join(" ") });
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
    var query = terms(input.value);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!query.length) { status.textContent = ""; return; }
    var hits = data.map(function (d, i) { return { d: d, s: score(d, query), i: i }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    status.textContent = hits.length + (hits.length === 1 ? " match" : " matches") +
      (loaded < parts.length ? " so far (searching " + loaded + " of " + parts.length + " journeys)" : "");
    hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = withQuestion(h.d.item.href, input.value);
      a.textContent = h.d.item.title;
      a.addEventListener("click", function () { asked = input.value; });
      var where = document.createElement("span");
      where.className = "muted";
      where.textContent = " (" + h.d.item.kind + ", " + h.d.item.where + ")";
      li.appendChild(a);
      li.appendChild(where);
      list.appendChild(li);
    });
  }
  // a result's link carries the question to the page it opens (`?q=`); within a one-file
  // handbook, the page stays and remembers it
  var asked = new URLSearchParams(location.search).get("q");
  function withQuestion(href, question) {
    var at = href.indexOf("#");
    if (at === 0) { return href; }
    var base = at < 0 ? href : href.slice(0, at);
    return base + "?q=" + encodeURIComponent(question) + (at < 0 ? "" : href.slice(at));
  }
  // on the page a result leads to: mark the question's words in the part it lands on
  function highlight() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!asked || !target) { return; }
    var row = target.closest("tr, section") || target;
    row.classList.add("search-hit");
    var wanted = [].concat.apply([], terms(asked));
    var walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push(n); }
    nodes.forEach(function (node) {
      var text = node.textContent;
      var re = /[\p{L}\p{N}%]+/gu;
      var m, last = 0, out = document.createDocumentFragment(), found = false;
      while ((m = re.exec(text)) !== null) {
        var word = stem(plain(m[0]));
        var hit = wanted.some(function (w) { return w.split(" ")[0] === word; });
        if (!hit) { continue; }
        found = true;
        out.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        out.appendChild(mark);
        last = m.index + m[0].length;
      }
      if (found) {
        out.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(out, node);
      }
    });
  }
  highlight();
  window.addEventListener("hashchange", highlight);  // a one-file handbook stays on its page
  if (!input || !list || !status) { return; }
  add(window.JOURNEYMAP_INDEX || []);
  input.addEventListener("input", function () {
    if (!started) { started = true; loadNext(); }
    run();
  });
  run();
}());
