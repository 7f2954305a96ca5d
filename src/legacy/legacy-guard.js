/* global window, document */
/*
 * ParScore's first script, in ES5 on purpose: it runs even in Internet Explorer 11, which Excel 2016
 * and 2019 on older Windows use for task panes. There the pane itself cannot run (React 19 needs a
 * modern browser engine), so instead of a blank pane the user reads what to do. Non-ASCII text is
 * escaped so the message survives servers that send no charset.
 */
(function () {
  var w = window;
  var modern = typeof w.Promise === "function" && typeof w.Symbol === "function" && typeof w.Map === "function" && typeof Object.assign === "function";
  if (modern) return;
  var message =
    "ParScore c\u1ea7n phi\u00ean b\u1ea3n Excel m\u1edbi h\u01a1n: Excel n\u00e0y m\u1edf ng\u0103n t\u00e1c v\u1ee5 b\u1eb1ng Internet Explorer, " +
    "kh\u00f4ng ch\u1ea1y \u0111\u01b0\u1ee3c ParScore. H\u00e3y d\u00f9ng Microsoft 365, Excel 2021 tr\u1edf l\u00ean, ho\u1eb7c Excel tr\u00ean web " +
    "(ho\u1eb7c c\u1eadp nh\u1eadt Windows 10 l\u00ean b\u1ea3n 1903 tr\u1edf l\u00ean)." +
    "\n\nParScore needs a newer Excel: this Excel shows task panes with Internet Explorer, which cannot run ParScore. " +
    "Use Microsoft 365, Excel 2021 or later, or Excel on the web (or update Windows 10 to version 1903 or later).";
  function show() {
    var box = document.getElementById("container") || document.body;
    if (!box) return;
    box.innerHTML = "";
    var p = document.createElement("p");
    p.setAttribute("data-testid", "legacy-browser");
    p.style.cssText = "font-family: Segoe UI, sans-serif; font-size: 14px; line-height: 1.4; padding: 12px; white-space: pre-wrap";
    p.appendChild(document.createTextNode(message));
    box.appendChild(p);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
