// Type-ahead for person fields and the header search (the ARIA combobox pattern).
// Without JavaScript every box is a plain text field the server resolves; this only adds
// suggestions. A field picker ([data-picker]) fills its hidden id; the header box
// ([data-picker-go]) opens the chosen person's page, and Enter without a choice submits
// its form as usual (the People list, filtered).
(function () {
  "use strict";

  function setUp(wrapper, input, options) {
    var listId = wrapper.dataset.list || (input.id + "-list");
    var list = document.createElement("ul");
    var status = document.createElement("span");
    var people = [];
    var active = -1;
    var asked = 0;
    var timer = null;
    list.id = listId;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(list);
    wrapper.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    function hiddenId() {
      var field = wrapper.querySelector("input[data-picker-id]");
      if (!field && options.name) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = options.name;
        field.setAttribute("data-picker-id", "");
        wrapper.appendChild(field);
      }
      return field;
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var items = list.children;
      active = index;
      for (var i = 0; i < items.length; i += 1) {
        items[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var person = people[index];
      if (!person) { return; }
      close();
      if (options.go) { window.location.href = person.url; return; }
      input.value = person.name;
      input.dataset.chosen = person.name;
      hiddenId().value = String(person.id);
      var choices = wrapper.parentNode.querySelector("[data-picker-choices]");
      if (choices) { choices.remove(); }  // a choice is made: the server's offer is moot
    }

    function show(found) {
      people = found;
      list.textContent = "";
      found.forEach(function (person, i) {
        var item = document.createElement("li");
        var name = document.createElement("span");
        var more = [person.company, person.role, person.warmth].filter(Boolean).join(" · ");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        name.textContent = person.name;
        item.appendChild(name);
        if (more) {
          var detail = document.createElement("span");
          detail.className = "muted";
          detail.textContent = " " + more;
          item.appendChild(detail);
        }
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the box
          choose(i);
        });
        list.appendChild(item);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      status.textContent = found.length === 0 ? "Nobody matches" :
        found.length === 1 ? "1 person found" : found.length + " people found";
      highlight(-1);
    }

    function lookUp() {
      var q = input.value.trim();
      var mine = ++asked;
      if (!q) { show([]); status.textContent = ""; return; }
      var url = wrapper.dataset.lookup + "?limit=8&q=" + encodeURIComponent(q) +
        (wrapper.dataset.prefer ? "&prefer=" + encodeURIComponent(wrapper.dataset.prefer) : "");
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {people: []}; })
        .then(function (body) { if (mine === asked) { show(body.people || []); } })
        .catch(function () { if (mine === asked) { show([]); } });
    }

    input.addEventListener("input", function () {
      if (!options.go && input.value !== input.dataset.chosen) {
        var field = hiddenId();
        if (field) { field.value = ""; }  // typing again un-picks: the server resolves the text
      }
      clearTimeout(timer);
      timer = setTimeout(lookUp, 150);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open && people.length) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        highlight(Math.min(active + 1, people.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("[data-picker]").forEach(function (wrapper) {
    var input = wrapper.querySelector("input[type=text], input[type=search]");
    var field = wrapper.querySelector("input[data-picker-id]");
    if (!input) { return; }
    var name = field ? field.name : (input.name || "").replace(/-name$/, "");
    input.dataset.chosen = field && field.value ? input.value : "";
    setUp(wrapper, input, {go: wrapper.hasAttribute("data-picker-go"), name: name});
  });
}());
