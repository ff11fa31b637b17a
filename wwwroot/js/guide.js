// Guide page: the member's own address and user name in the text and pictures, and a print button.
// Nothing typed leaves the page: there is no request, no storage.
(function () {
    "use strict";
    var guide = document.querySelector(".guide");
    if (!guide) return;

    var form = document.getElementById("personalise");
    var input = document.getElementById("member-address");
    var error = document.getElementById("personalise-error");
    var example = guide.getAttribute("data-example-address");
    var localPartOnly = guide.getAttribute("data-user-format") === "LocalPart";
    var plausible = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

    function fill(name, value) {
        var nodes = document.querySelectorAll('[data-member="' + name + '"]');
        for (var i = 0; i < nodes.length; i++) nodes[i].textContent = value;
    }

    function apply() {
        var typed = input.value.trim();
        var valid = typed === "" || plausible.test(typed);
        error.hidden = valid;
        input.setAttribute("aria-invalid", valid ? "false" : "true");
        var address = typed !== "" && valid ? typed : example;
        fill("address", address);
        fill("user", localPartOnly ? address.split("@")[0] : address);
    }

    if (form && input) {
        form.hidden = false;
        form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
        input.addEventListener("input", apply);
    }

    var print = document.getElementById("print-guide");
    if (print) {
        print.hidden = false;
        print.addEventListener("click", function () { window.print(); });
    }
})();
