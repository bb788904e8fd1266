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
