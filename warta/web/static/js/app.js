// Keyboard help for every page: "/" jumps to the search box (as on many news sites).
"use strict";
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
  const box = document.querySelector("form.search input");
  if (box) {
    event.preventDefault();
    box.focus();
  }
});
