// Shows the print buttons of printable pages (notice-board listings) and wires them to the
// browser's print dialog. Without JavaScript the buttons stay hidden and the page's text
// explains Ctrl+P, so nothing is lost.
document.querySelectorAll("button[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
