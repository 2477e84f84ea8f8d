/* Names for the admin widgets that Django and its select2 leave unnamed, so screen readers
   announce them and axe-core finds every field labelled:
   - list_editable inputs in a changelist: "<column> for <row>";
   - select2 autocompletes: the combobox and its search box take the field's own label;
   - select2's multiple selection puts its clear button inside the <ul>: the list is then
     exposed as a group rather than a list with stray children. */
(function () {
  "use strict";

  function labelText(select) {
    const label = select.id && document.querySelector(`label[for="${select.id}"]`);
    return label ? label.textContent.replace(/[:*]\s*$/, "").trim() : select.name;
  }

  function nameChangelistInputs() {
    const table = document.getElementById("result_list");
    if (!table) return;
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr")) {
      const rowName = (row.querySelector("th") || row).textContent.trim();
      [...row.children].forEach((cell, i) => {
        for (const input of cell.querySelectorAll("input:not([type=hidden]), select, textarea")) {
          if (!input.labels || !input.labels.length) {
            input.setAttribute("aria-label", `${headers[i] || input.name} for ${rowName}`);
          }
        }
      });
    }
  }

  function nameSelect2(root) {
    for (const select of root.querySelectorAll("select.admin-autocomplete")) {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) continue;
      const name = labelText(select);
      for (const box of container.querySelectorAll("[role=combobox], [role=textbox], .select2-search__field")) {
        if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", name);
      }
      for (const list of container.querySelectorAll(".select2-selection--multiple > ul")) {
        if ([...list.children].some((child) => child.tagName !== "LI")) {
          list.setAttribute("role", "group");
          list.setAttribute("aria-label", name);
          for (const item of list.children) {
            if (item.tagName === "LI") item.setAttribute("role", "none");
          }
        }
      }
    }
  }

  function init() {
    nameChangelistInputs();
    nameSelect2(document);
    // select2 draws its widgets after load and redraws them on each change.
    new MutationObserver(() => nameSelect2(document)).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
