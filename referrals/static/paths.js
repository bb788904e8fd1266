// "Copy opener": copies the opener's text. Without JavaScript the text box is still there to select.
document.querySelectorAll("button.js-copy").forEach(function (button) {
  var box = document.getElementById(button.dataset.copy);
  if (!box || !navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(box.value).then(function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy opener"; }, 2000);
    }, function () {
      box.select();
    });
  });
});

// "Edit this one": copies a variant into the opener box to edit before saving.
document.querySelectorAll("button.js-edit").forEach(function (button) {
  var box = document.getElementById("text");
  if (!box) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    box.value = button.dataset.text;
    document.getElementById("save-kind").value = button.dataset.kind;
    document.getElementById("save-key").value = button.dataset.key;
    document.getElementById("save-via").value = button.dataset.via;
    box.focus();
    box.scrollIntoView({block: "center"});
  });
});

// "/" anywhere (outside a text box) jumps to the search box in the top bar.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
  if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
  var box = document.getElementById("jump-q");
  if (box) { event.preventDefault(); box.focus(); box.select(); }
});
