
// The web UI's own behaviour, after the article view's (package report).
// Every page works without it.
(function () {
  // The analyse form: tabs instead of three inputs at once.
  var form = document.querySelector("form[data-tabs]");
  if (form) {
    var tabs = form.querySelector(".tabs");
    var mode = form.querySelector("[data-mode]");
    var select = function (name) {
      mode.value = name;
      form.querySelectorAll("[data-tab]").forEach(function (b) {
        b.setAttribute("aria-selected", String(b.getAttribute("data-tab") === name));
      });
      form.querySelectorAll("[data-panel]").forEach(function (p) {
        p.classList.toggle("on", p.getAttribute("data-panel") === name);
      });
    };
    tabs.hidden = false;
    form.classList.add("js-tabs");
    select(mode.value || "text");
    tabs.addEventListener("click", function (e) {
      var b = e.target.closest("[data-tab]");
      if (b) select(b.getAttribute("data-tab"));
    });
    form.addEventListener("submit", function () {
      var btn = form.querySelector("[data-busy]");
      if (btn) { btn.disabled = true; btn.textContent = btn.getAttribute("data-busy"); }
    });
  }
})();

// A page restored from the back-forward cache gets its button back.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("[data-busy]").forEach(function (b) {
    if (b.disabled) { b.disabled = false; b.textContent = "Analyse"; }
  });
});
