// The import's confirm button works only once the number of rows it removes is typed (the server checks too).
(function () {
  var input = document.getElementById("removed");
  var button = document.getElementById("confirm-button");
  if (!input || !button) return;
  var check = function () {
    button.disabled = input.value.replace(/[.\s]/g, "") !== input.dataset.expected;
  };
  input.addEventListener("input", check);
  check();
})();
