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
 */
(() => {
  const READY = "data-self-check-ready";
  let count = 0;

  function makeSign(item, group) {
    count += 1;
    const id = `closer-sign-${count}`;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.value = group;
    box.className = "closer-sign__box";
    const label = document.createElement("label");
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
    const reflections = root.querySelector("[data-reflections]");
    if (!reflections) {
      return;
    }
    root.setAttribute(READY, "");

    const boxes = [];
    root.querySelectorAll("[data-group]").forEach((group) => {
      const name = group.getAttribute("data-group");
      const heading = group.querySelector("h2, h3, h4");
      if (heading) {
        // Name the group after its heading, without the heading's permalink sign.
        const copy = heading.cloneNode(true);
        copy.querySelectorAll(".headerlink").forEach((link) => {
          link.parentNode.removeChild(link);
        });
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", copy.textContent.trim());
      }
      group.querySelectorAll("li").forEach((item) => {
        boxes.push(makeSign(item, name));
      });
    });

    const clear = document.createElement("button");
    clear.type = "button";
    clear.className = "closer-self-check__clear";
    clear.textContent = "Clear all ticks";
    let lastGroup = root.querySelectorAll("[data-group]");
    lastGroup = lastGroup[lastGroup.length - 1];
    if (lastGroup) {
      lastGroup.parentNode.insertBefore(clear, lastGroup.nextSibling);
    }

    // Polite, not atomic: only a newly shown reflection is read out.
    reflections.setAttribute("aria-live", "polite");

    function update() {
      const ticked = {};
      let any = false;
      boxes.forEach((box) => {
        if (box.checked) {
          ticked[box.value] = true;
          any = true;
        }
      });
      reflections.querySelectorAll("[data-reflection]").forEach((el) => {
        const name = el.getAttribute("data-reflection");
        el.hidden = name === "none" ? any : !ticked[name];
      });
    }

    root.closerUpdate = update;
    root.addEventListener("change", update);
    clear.addEventListener("click", () => {
      boxes.forEach((box) => {
        box.checked = false;
      });
      update();
    });
    update();
  }

  /* Every self-check on the page; on a page back from the back-forward cache, the reflections are
     brought back in step with the boxes as the browser restored them. */
  window.closer.feature("self-check", () => () => {
    document.querySelectorAll("[data-self-check]").forEach((root) => {
      if (root.closerUpdate) root.closerUpdate();
      else setup(root);
    });
  });
})();
