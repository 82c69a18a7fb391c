/*
 * Closer: the private self-check on "Signs it has faded".
 *
 * Turns each sign into a labelled checkbox and shows the reflections for the
 * groups that have a ticked sign. It stores nothing (no localStorage,
 * sessionStorage or cookies) and sends nothing. Without JavaScript the signs
 * stay a plain list and every reflection stays readable.
 *
 * Markup it expects (written in Markdown with md_in_html):
 *   [data-self-check]                the whole check
 *     [data-group="NAME"]            a group: a heading and a list of signs
 *     [data-reflections]             holds the reflections
 *       [data-reflection="NAME"]     shown when a sign in group NAME is ticked
 *       [data-reflection="none"]     shown when nothing is ticked
 *     [data-js-only]                 hidden in the source, shown by this script
 */
(function () {
  "use strict";

  /* Pages load this file with their content, so instant navigation runs it again on each visit. */
  if (window.closerSelfCheckReady) return;
  window.closerSelfCheckReady = true;


  var READY = "data-self-check-ready";
  var count = 0;

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function makeSign(item, group) {
    count += 1;
    var id = "closer-sign-" + count;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.value = group;
    box.className = "closer-sign__box";
    // Stop the browser from restoring ticks after a reload or "back".
    box.setAttribute("autocomplete", "off");
    var label = document.createElement("label");
    label.htmlFor = id;
    label.className = "closer-sign__label";
    while (item.firstChild) {
      label.appendChild(item.firstChild);
    }
    item.classList.add("closer-sign");
    item.appendChild(box);
    item.appendChild(label);
    return box;
  }

  function setup(root) {
    if (root.hasAttribute(READY)) {
      return;
    }
    var reflections = root.querySelector("[data-reflections]");
    if (!reflections) {
      return;
    }
    root.setAttribute(READY, "");

    var boxes = [];
    each(root.querySelectorAll("[data-group]"), function (group) {
      var name = group.getAttribute("data-group");
      var heading = group.querySelector("h2, h3, h4");
      if (heading) {
        // Name the group after its heading, without the heading's permalink sign.
        var copy = heading.cloneNode(true);
        each(copy.querySelectorAll(".headerlink"), function (link) {
          link.parentNode.removeChild(link);
        });
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", copy.textContent.trim());
      }
      each(group.querySelectorAll("li"), function (item) {
        boxes.push(makeSign(item, name));
      });
    });

    each(root.querySelectorAll("[data-js-only]"), function (el) {
      el.hidden = false;
    });

    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "closer-self-check__clear";
    clear.textContent = "Clear all ticks";
    var lastGroup = root.querySelectorAll("[data-group]");
    lastGroup = lastGroup[lastGroup.length - 1];
    if (lastGroup) {
      lastGroup.parentNode.insertBefore(clear, lastGroup.nextSibling);
    }

    // Polite, not atomic: only a newly shown reflection is read out.
    reflections.setAttribute("aria-live", "polite");

    function update() {
      var ticked = {};
      var any = false;
      boxes.forEach(function (box) {
        if (box.checked) {
          ticked[box.value] = true;
          any = true;
        }
      });
      each(reflections.querySelectorAll("[data-reflection]"), function (el) {
        var name = el.getAttribute("data-reflection");
        el.hidden = name === "none" ? any : !ticked[name];
      });
    }

    root.closerUpdate = update;
    root.addEventListener("change", update);
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
      });
      update();
    });
    update();
  }

  /* WebKit restores a cached page with these boxes reset (autocomplete="off"): match the reflections. */
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    each(document.querySelectorAll("[data-self-check]"), function (root) {
      if (root.closerUpdate) root.closerUpdate();
    });
  });

  function init() {
    each(document.querySelectorAll("[data-self-check]"), setup);
  }

  // document$ emits once per page, on a full load and after each instant navigation.
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
