// Behaviour that templates ask for with data- attributes (the Content-Security-Policy forbids inline
// script and handlers): copy a select's value into another field, submit on change, print, and add a
// row to a Django formset through htmx.
(function () {
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (!el.form) return;
    if (el.dataset.copyTo && el.form.elements[el.dataset.copyTo]) el.form.elements[el.dataset.copyTo].value = el.value;
    if (el.hasAttribute("data-submit-on-change")) el.form.submit();
  });
  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-print]")) window.print();
  });
  // The menu is open without scripts; on a phone it starts folded under "Danh mục" (half the first screen).
  var menu = document.querySelector("[data-menu]");
  if (menu && window.matchMedia("(max-width: 48rem)").matches) menu.removeAttribute("open");
  // A list opened for printing (?in=1: every row, up to its cap) prints itself once it is drawn.
  window.addEventListener("load", function () {
    if (document.body.hasAttribute("data-print-on-load")) window.print();
  });
  function total(el) { return document.getElementById("id_" + el.dataset.formsetPrefix + "-TOTAL_FORMS"); }
  document.addEventListener("htmx:configRequest", function (e) {
    var el = e.detail.elt;
    if (el.dataset && el.dataset.formsetPrefix) {
      e.detail.parameters.prefix = el.dataset.formsetPrefix;
      e.detail.parameters.index = total(el).value;
    }
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var el = e.detail.elt;
    if (el.dataset && el.dataset.formsetPrefix && e.detail.successful) {
      var t = total(el);
      t.value = parseInt(t.value, 10) + 1;
    }
  });
})();
