// Filters the table of every name on the scope page (docs/scope.rst, generated
// by tools/docs_scope.py): text in name / reason / alternative / notes, module,
// status. A "#scope-..." link into the table clears the filters and shows the row.
(function () {
  function setup() {
    var table = document.getElementById("scope-table");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var text = document.getElementById("scope-search");
    var mod = document.getElementById("scope-module");
    var status = document.getElementById("scope-status");
    var count = document.getElementById("scope-count");
    var haystack = rows.map(function (r) { return r.textContent.toLowerCase(); });
    function apply() {
      var q = text.value.trim().toLowerCase(), m = mod.value, s = status.value, shown = 0;
      rows.forEach(function (r, i) {
        var ok = (!q || haystack[i].indexOf(q) >= 0) &&
                 (!m || r.dataset.module === m) && (!s || r.dataset.status === s);
        r.style.display = ok ? "" : "none";
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " names";
    }
    [text, mod, status].forEach(function (el) {
      el.addEventListener("input", apply);
      el.addEventListener("change", apply);
    });
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) text.value = params.get("q");
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
