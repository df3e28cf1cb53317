// The upload form: files dropped on the box become the input's files; a note while checking.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const drop = document.getElementById("drop");
  const input = document.getElementById("files");
  const chosen = document.getElementById("chosen");
  const show = () => {
    chosen.textContent = Array.from(input.files, (f) => f.name).join(", ");
  };
  input.addEventListener("change", show);
  for (const name of ["dragenter", "dragover"]) {
    drop.addEventListener(name, (e) => { e.preventDefault(); drop.classList.add("over"); });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    input.files = e.dataTransfer.files;
    show();
  });
  document.getElementById("upload").addEventListener("submit", () => {
    document.getElementById("submit").disabled = true;
    document.getElementById("progress").hidden = false;
  });
});
