"use strict";
// Select2, the admin's autocomplete, names its combobox after the chosen text alone, and its
// inline search field not at all. Both get the field's label (or, in a table row, the select's
// aria-label) as their name; the chosen text stays part of the combobox's name.
{
    const $ = django.jQuery;
    let count = 0;

    function nameSource(select) {
        const label = select.id && document.querySelector(`label[for="${select.id}"]`);
        if (label) {
            label.id = label.id || `${select.id}-label`;
            return label.id;
        }
        const text = select.getAttribute("aria-label");
        if (!text) {
            return null;
        }
        const hidden = document.createElement("span");
        hidden.hidden = true;
        hidden.id = `autocomplete-name-${++count}`;
        hidden.textContent = text;
        select.after(hidden);
        return hidden.id;
    }

    function name(select) {
        const container = select.nextElementSibling;
        if (!container || !container.classList.contains("select2-container")) {
            return;
        }
        const source = nameSource(select);
        if (!source) {
            return;
        }
        const combobox = container.querySelector(".select2-selection");
        const rendered = container.querySelector(".select2-selection__rendered");
        if (combobox && rendered && rendered.id) {
            combobox.setAttribute("aria-labelledby", `${source} ${rendered.id}`);
            rendered.setAttribute("aria-labelledby", source);
        }
        const search = container.querySelector(".select2-search__field");
        if (search) {
            search.setAttribute("aria-labelledby", source);
        }
    }

    function nameAll(root) {
        $(root).find(".admin-autocomplete").not("[name*=__prefix__]").each((i, select) => name(select));
    }

    // Registered after Django's autocomplete.js, so select2 is in place when these run.
    $(() => nameAll(document));
    document.addEventListener("formset:added", (event) => nameAll(event.target));
}
