// "Copy": puts the text of a readonly box on the clipboard. Without JavaScript the button
// stays hidden and the box is still there to select and copy by hand.
document.querySelectorAll("button.js-copy-text").forEach(function (button) {
  var box = document.getElementById(button.dataset.copy);
  var label = button.textContent;
  if (!box || !navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(box.value).then(function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 2000);
    }, function () {
      box.select();
    });
  });
});
