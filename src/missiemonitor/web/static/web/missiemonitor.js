/* Missiemonitor: progressive enhancement only. Every page works without this file.
   Loaded as an external script so that the Content-Security-Policy can forbid inline code. */
(function () {
  "use strict";
  // Filter forms marked data-autosubmit refresh their results when a field changes (htmx does
  // the request; without JavaScript the form's submit button does the same).
  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-autosubmit]");
    if (form && window.htmx) {
      window.htmx.trigger(form, "submit");
    }
  });
  // After htmx swaps new content in, move focus to it for screen-reader and keyboard users.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.hasAttribute("data-focus-after-swap")) {
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  });
})();
