// The details panel: hovering over a highlight shows what it stands for, a click or tap pins it,
// and every highlight of the same item (all mentions of an actor, a source's cue and claims) lights up.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("marks-data").textContent);
  var panel = document.getElementById("details");
  var body = panel.querySelector(".details-body");
  var highlights = document.querySelectorAll("mark.hl");
  var pinned = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function describe(mark) {
    var box = element("section", "detail k-" + mark.kind);
    box.appendChild(element("h4", "", mark.title + ": " + mark.label));
    box.appendChild(element("p", "quote", "«" + mark.text + "»"));
    if (mark.details.length) {
      var list = element("ul");
      mark.details.forEach(function (line) { list.appendChild(element("li", "", line)); });
      box.appendChild(list);
    }
    return box;
  }

  function show(highlight) {
    body.textContent = "";
    highlight.dataset.marks.split(" ").forEach(function (id) {
      if (data[id]) body.appendChild(describe(data[id]));
    });
    panel.hidden = false;
  }

  function light(highlight) {
    var items = highlight ? highlight.dataset.items.split(" ") : [];
    highlights.forEach(function (other) {
      var mine = other.dataset.items.split(" ");
      other.classList.toggle("active", items.some(function (item) { return mine.indexOf(item) >= 0; }));
    });
  }

  // Only a pinned panel takes the pointer: one shown by hovering must not cover what the mouse is over.
  function pin(highlight) {
    pinned = highlight;
    show(highlight);
    panel.classList.add("pinned");
    light(highlight);
  }

  function unpin() {
    pinned = null;
    panel.hidden = true;
    panel.classList.remove("pinned");
    light(null);
  }

  highlights.forEach(function (highlight) {
    highlight.addEventListener("mouseenter", function () { if (!pinned) show(highlight); });
    highlight.addEventListener("mouseleave", function () { if (!pinned) panel.hidden = true; });
    highlight.addEventListener("click", function () { pin(highlight); });
    highlight.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pin(highlight); }
    });
  });
  panel.querySelector(".close").addEventListener("click", unpin);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") unpin(); });
  document.documentElement.classList.add("js");
}());
