// "Select all on this page" on a list of checkboxes (data-select-all="<the rows' name>"):
// ticking it ticks every row, and unticking a row unticks it. Without this script the box
// still works – the server then takes everyone on the page (see people.forms.BulkRolesForm).
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== "checkbox" || !box.form) return;
  var all = box.form.querySelector("input[data-select-all]");
  if (!all) return;
  var rows = box.form.querySelectorAll('input[type="checkbox"][name="' + all.dataset.selectAll + '"]');
  if (box === all) {
    rows.forEach(function (row) { row.checked = all.checked; });
    all.indeterminate = false;
  } else if (box.name === all.dataset.selectAll) {
    var ticked = Array.prototype.filter.call(rows, function (row) { return row.checked; }).length;
    all.checked = ticked === rows.length;
    all.indeterminate = ticked > 0 && ticked < rows.length;
  }
});
