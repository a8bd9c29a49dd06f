// Attune chat widget. Add to any website with:
//   <script src="https://YOUR-ATTUNE/widget.js" async></script>
// It adds a button that opens Attune's widget page in a frame. The conversation runs on
// Attune's own origin, so the host page never touches it, and the host page needs no
// inline script or special Content-Security-Policy beyond allowing this script and frame.
(function () {
  "use strict";
  if (window.__attuneWidget) return;
  window.__attuneWidget = true;
  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src).origin : window.location.origin;

  function init() {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Chat with us";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "attune-widget-frame");
    var s = button.style;
    s.position = "fixed"; s.right = "20px"; s.bottom = "20px"; s.zIndex = "2147483000";
    s.font = "600 15px system-ui, sans-serif"; s.color = "#fff"; s.background = "#2d4fb5";
    s.border = "0"; s.borderRadius = "999px"; s.padding = "12px 20px"; s.cursor = "pointer";
    s.boxShadow = "0 6px 20px rgba(16,24,40,.25)";

    var frame = document.createElement("iframe");
    frame.id = "attune-widget-frame";
    frame.title = "Chat with support";
    frame.src = origin + "/widget";
    frame.hidden = true;
    var f = frame.style;
    f.position = "fixed"; f.right = "20px"; f.bottom = "76px"; f.zIndex = "2147483000";
    f.width = "min(380px, calc(100vw - 40px))"; f.height = "min(560px, calc(100vh - 110px))";
    f.border = "1px solid #e2e5ea"; f.borderRadius = "14px"; f.background = "#fff";
    f.boxShadow = "0 16px 48px rgba(16,24,40,.22)";

    button.addEventListener("click", function () {
      frame.hidden = !frame.hidden;
      button.setAttribute("aria-expanded", String(!frame.hidden));
      button.textContent = frame.hidden ? "Chat with us" : "Close chat";
      if (!frame.hidden) frame.focus();
    });
    document.body.appendChild(frame);
    document.body.appendChild(button);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
