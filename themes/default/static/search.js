// The search page: one Pagefind UI per language (each with its own stemming), all driven
// by one search box and by ?q=; a large language's other bundles (data-merge) are merged
// into its UI. Only this page runs script; reading needs none.
(function () {
  if (typeof PagefindUI === "undefined") return;
  var form = document.querySelector(".search-page-box");
  var input = document.getElementById("search-query");
  var uis = [];
  document.querySelectorAll(".search-ui").forEach(function (box, i) {
    box.id = box.id || "search-ui-" + i;
    box.closest(".search-results").hidden = false;
    var merge = (box.dataset.merge || "").split(" ").filter(Boolean).map(function (path) {
      return { bundlePath: path, language: box.lang };
    });
    uis.push(new PagefindUI({
      element: "#" + box.id,
      bundlePath: box.dataset.bundle,
      mergeIndex: merge,
      showSubResults: true,
      showImages: false
    }));
  });
  // Each UI keeps its own (hidden) box; the page's one box searches them all.
  var own = ".search-ui .pagefind-ui__search-input, .search-ui .pagefind-ui__search-clear";
  document.querySelectorAll(own).forEach(function (el) { el.hidden = true; el.style.display = "none"; });
  function run(term) { uis.forEach(function (ui) { ui.triggerSearch(term); }); }
  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); run(input.value); });
  input.addEventListener("input", function () { run(input.value); });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; run(query); }
})();
