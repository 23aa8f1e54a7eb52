/* The menu's groups are <details> elements: they open and close without this script. It only adds
   what a menu is expected to do: one group open at a time, Escape closes it (focus back on its
   button), and a click elsewhere closes it. */
(function () {
  "use strict";
  function groups() { return document.querySelectorAll("details[data-nav-group]"); }
  function closeAll(except) {
    groups().forEach(function (g) { if (g !== except) { g.open = false; } });
  }
  function init() {
    groups().forEach(function (group) {
      group.addEventListener("toggle", function () { if (group.open) { closeAll(group); } });
      group.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && group.open) {
          group.open = false;
          group.querySelector("summary").focus();
        }
      });
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest("details[data-nav-group]")) { closeAll(null); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
