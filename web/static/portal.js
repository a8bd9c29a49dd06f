// The customer portal and the widget's frame: live replies, and a quiet "typing" signal so
// the agent knows not to interrupt. No inline script, no eval.
(function () {
  "use strict";
  var $ = function (sel) { return document.querySelector(sel); };

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var portal = $(".portal");
    var widgetResume = $("#widget-resume");
    // Inside the widget, remember the conversation so the customer can come back to it.
    if (widgetResume) {
      try {
        var saved = localStorage.getItem("attune-widget-token");
        if (saved && /^att_p_[A-Za-z0-9_-]+$/.test(saved)) {
          $("#widget-resume-link").setAttribute("href", "/w/" + saved);
          widgetResume.hidden = false;
        }
      } catch (err) { /* storage may be blocked in a third-party frame */ }
    }
    if (!portal) return;
    var token = portal.getAttribute("data-token");
    var formToken = portal.getAttribute("data-form-token");
    var inWidget = portal.classList.contains("in-widget");
    if (inWidget) {
      try { localStorage.setItem("attune-widget-token", token); } catch (err) { /* ignore */ }
    }
    var link = $("#private-link");
    if (link) link.addEventListener("focus", function () { link.select(); });

    // Tell the team the customer is typing, at most every 2.5 s.
    var box = $("#portal-reply textarea");
    var last = 0;
    if (box) {
      box.addEventListener("input", function () {
        var now = Date.now();
        if (now - last < 2500 || !box.value.trim()) return;
        last = now;
        var body = new URLSearchParams();
        body.set("csrf_token", formToken);
        fetch("/p/" + encodeURIComponent(token) + "/typing", { method: "POST", body: body, credentials: "same-origin" }).catch(function () {});
      });
    }

    // New replies appear without reloading.
    if (window.EventSource && window.htmx) {
      var es = new EventSource("/p/" + encodeURIComponent(token) + "/events");
      es.onopen = function () { document.body.setAttribute("data-live", "1"); };
      var refresh = function () {
        window.htmx.ajax("GET", "/p/" + encodeURIComponent(token) + "/thread" + (inWidget ? "?view=widget" : ""), { target: "#portal-thread", swap: "outerHTML" });
      };
      es.addEventListener("message.created", refresh);
      es.addEventListener("conversation.updated", refresh);
      window.addEventListener("pagehide", function () { es.close(); });
    }
  });
})();
