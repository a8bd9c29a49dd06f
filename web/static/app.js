// Attune's agent workspace. Everything here is progressive: every form also works
// without it. No inline script, no eval: the page's Content-Security-Policy forbids both.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var TYPING_FRESH_MS = 6000;

  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  // The browser's offset from UTC, so "tomorrow at 9:00" means the agent's 9:00.
  function setTimezones() {
    $$("input.tz-offset").forEach(function (el) { el.value = String(new Date().getTimezoneOffset()); });
  }

  // Forms marked data-autosubmit send themselves when a choice changes.
  document.addEventListener("change", function (e) {
    var form = e.target.closest && e.target.closest("form[data-autosubmit]");
    if (form && e.target.matches("select")) {
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    }
  });

  // Insert text into the reply box at the cursor, then let the coach read it again.
  function insertIntoReply(text) {
    var box = $("#reply-box");
    if (!box) return;
    var start = box.selectionStart, end = box.selectionEnd, v = box.value;
    if (typeof start !== "number" || document.activeElement !== box) { start = end = v.length; }
    var before = v.slice(0, start), after = v.slice(end);
    var sep = before && !/\s$/.test(before) ? " " : "";
    if (before && /[.!?]$/.test(before.trim()) && text.length > 60) sep = "\n\n";
    box.value = before + sep + text + after;
    var pos = (before + sep + text).length;
    box.focus();
    box.setSelectionRange(pos, pos);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function replaceInReply(from, to) {
    var box = $("#reply-box");
    if (!box || !from) return;
    var i = box.value.indexOf(from);
    if (i < 0) { insertIntoReply(to); return; }
    box.value = box.value.slice(0, i) + to + box.value.slice(i + from.length);
    box.focus();
    box.setSelectionRange(i + to.length, i + to.length);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("click", function (e) {
    var ins = e.target.closest("[data-insert]");
    if (ins) {
      e.preventDefault();
      insertIntoReply(ins.getAttribute("data-insert"));
      var menu = ins.closest("details");
      if (menu) menu.open = false;
      return;
    }
    var rep = e.target.closest("[data-replace]");
    if (rep) {
      e.preventDefault();
      replaceInReply(rep.getAttribute("data-replace"), rep.getAttribute("data-with"));
      return;
    }
    var chip = e.target.closest(".chip[data-figure]");
    if (chip) {
      chip.classList.toggle("pinned");
      highlight(chip, chip.classList.contains("pinned"));
    }
    if (e.target.id === "shortcuts-open") toggleShortcuts();
  });

  // Evidence: hovering or focusing a mood chip underlines the words behind it.
  function highlight(chip, on) {
    var msg = chip.closest(".message");
    if (!msg) return;
    var fig = chip.getAttribute("data-figure");
    $$(".ev", msg).forEach(function (span) {
      var figs = (span.getAttribute("data-figures") || "").split(" ");
      if (figs.indexOf(fig) >= 0) span.classList.toggle("on", on || chip.classList.contains("pinned"));
    });
  }
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var chip = e.target.closest && e.target.closest(".chip[data-figure]");
      if (chip) highlight(chip, true);
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var chip = e.target.closest && e.target.closest(".chip[data-figure]");
      if (chip && !(e.relatedTarget && chip.contains(e.relatedTarget))) highlight(chip, false);
    });
  });

  // The internal-note toggle changes how the composer looks and what the button says.
  function syncNoteToggle() {
    var box = $("#internal"), form = $("#composer"), send = $("#send-reply");
    if (!box || !form || !send) return;
    form.classList.toggle("is-note", box.checked);
    send.textContent = box.checked ? "Add note" : "Send reply";
  }
  document.addEventListener("change", function (e) { if (e.target.id === "internal") syncNoteToggle(); });

  // After a reply is sent: empty the composer and let the coach start afresh.
  document.addEventListener("replySent", function () {
    var box = $("#reply-box");
    if (box) {
      box.value = "";
      box.dispatchEvent(new Event("coach-refresh"));
    }
    var internal = $("#internal");
    if (internal) { internal.checked = false; syncNoteToggle(); }
    var err = $("#composer-error");
    if (err) err.textContent = "";
  });

  // Keyboard shortcuts: j/k move, r reply, e resolve, ? lists them.
  function toggleShortcuts() {
    var d = $("#shortcuts");
    if (!d) return;
    if (d.open) d.close(); else d.showModal();
  }
  function moveSelection(items, step) {
    if (!items.length) return;
    var i = items.findIndex(function (el) { return el.classList.contains("selected"); });
    if (i < 0) i = step > 0 ? -1 : items.length;
    i = Math.max(0, Math.min(items.length - 1, i + step));
    items.forEach(function (el) { el.classList.remove("selected"); });
    var el = items[i];
    el.classList.add("selected");
    var focusable = el.querySelector("a.row") || el;
    focusable.focus();
    el.scrollIntoView({ block: "nearest" });
    try { sessionStorage.setItem("attune-selected", el.getAttribute("data-id") || ""); } catch (err) { /* private mode */ }
  }
  var pendingG = false;
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key === "Escape" && t && t.id === "reply-box") { t.blur(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    if ($("#shortcuts") && $("#shortcuts").open && e.key !== "?") return;
    var page = document.body.getAttribute("data-page");
    var onConversation = !!$(".conv");
    switch (e.key) {
      case "j": case "k":
        e.preventDefault();
        if (onConversation) moveSelection($$(".message"), e.key === "j" ? 1 : -1);
        else if (page === "inbox") moveSelection($$(".queue-item"), e.key === "j" ? 1 : -1);
        break;
      case "r":
        if ($("#reply-box")) { e.preventDefault(); $("#reply-box").focus(); }
        break;
      case "e":
        var resolve = $("#resolve-form");
        if (resolve) { e.preventDefault(); if (resolve.requestSubmit) resolve.requestSubmit(); else resolve.submit(); }
        break;
      case "?":
        e.preventDefault();
        toggleShortcuts();
        break;
      case "g":
        pendingG = true;
        setTimeout(function () { pendingG = false; }, 1000);
        return;
      case "i":
        if (pendingG) { window.location.href = "/"; }
        break;
    }
    pendingG = false;
  });

  // Live updates: one event stream per page. The inbox refreshes its list; an open
  // conversation refreshes its thread and shows when the customer is typing.
  var typingTimer = null, lastCoachNudge = 0, queueTimer = null;
  function refreshQueue() {
    if (queueTimer) return;
    queueTimer = setTimeout(function () {
      queueTimer = null;
      var q = $("#queue");
      if (!q || !window.htmx) return;
      q.setAttribute("aria-busy", "true");
      window.htmx.ajax("GET", window.location.pathname + window.location.search, { target: "#queue", swap: "outerHTML" });
    }, 400);
  }
  function showTyping() {
    var el = $("#typing");
    if (el) el.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { var el2 = $("#typing"); if (el2) el2.hidden = true; nudgeCoach(true); }, TYPING_FRESH_MS + 500);
    nudgeCoach(false);
  }
  function nudgeCoach(force) {
    var box = $("#reply-box");
    if (!box || !box.value.trim()) return;
    var now = Date.now();
    if (!force && now - lastCoachNudge < 3000) return;
    lastCoachNudge = now;
    box.dispatchEvent(new Event("coach-refresh"));
  }
  function listen() {
    if (!window.EventSource || !document.body.classList.contains("app")) return;
    var conv = $(".conv");
    var convID = conv ? Number(conv.getAttribute("data-conversation-id")) : 0;
    var es = new EventSource("/events");
    // Mark the page live once the stream is open, so tests (and styles) can tell.
    es.onopen = function () { document.body.setAttribute("data-live", "1"); };
    var onChange = function (msg) {
      var ev;
      try { ev = JSON.parse(msg.data); } catch (err) { return; }
      if (document.body.getAttribute("data-page") === "inbox" && !convID) refreshQueue();
      if (convID && ev.conversation_id === convID) {
        if (ev.kind === "typing") { if (ev.author === "customer") showTyping(); return; }
        var thread = $("#thread");
        if (thread && window.htmx) window.htmx.trigger(thread, "thread-refresh");
      }
    };
    ["conversation.created", "conversation.updated", "message.created", "typing"].forEach(function (k) {
      es.addEventListener(k, onChange);
    });
    window.addEventListener("pagehide", function () { es.close(); });
  }

  // Keep the inbox selection across live refreshes and visits.
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail && e.detail.target && e.detail.target.id === "queue") restoreSelection();
  });
  function restoreSelection() {
    var id;
    try { id = sessionStorage.getItem("attune-selected"); } catch (err) { return; }
    if (!id) return;
    var el = $('.queue-item[data-id="' + id.replace(/[^0-9]/g, "") + '"]');
    if (el) el.classList.add("selected");
  }

  ready(function () {
    setTimezones();
    syncNoteToggle();
    restoreSelection();
    listen();
  });
})();
