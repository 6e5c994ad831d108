/* The search page: Pagefind's default UI (in the page's language, from <html lang>), started
 * from the URL: ?q=words and one parameter per filter (?objectives=8&leads=iom), as the page's
 * data-facets map names them. Without the index (no Pagefind at build time) or without
 * JavaScript, the page keeps its "search is unavailable" notice. */
(function () {
  var box = document.getElementById("search");
  var off = document.getElementById("search-unavailable");
  if (!box) return;
  var s = document.createElement("script");
  s.src = box.getAttribute("data-bundle") + "pagefind-ui.js";
  s.onload = function () {
    if (typeof PagefindUI === "undefined") return;
    off.hidden = true;
    var ui = new PagefindUI({ element: "#search", showSubResults: false, resetStyles: false,
                              bundlePath: box.getAttribute("data-bundle") });
    var params = new URLSearchParams(location.search), facets = [], filters = {}, any = false;
    try { facets = JSON.parse(box.getAttribute("data-facets")); } catch (e) { facets = []; }
    facets.forEach(function (f) {
      params.getAll(f.id).forEach(function (id) {
        (filters[f.name] = filters[f.name] || []).push(f.values[id] || id);
        any = true;
      });
    });
    if (any) ui.triggerFilters(filters);
    if (params.get("q")) ui.triggerSearch(params.get("q"));
    else if (any) ui.triggerSearch("");
  };
  document.body.appendChild(s);
})();
