// Guide page: the member's own address and user name in the text and pictures, and a print button.
// Nothing typed leaves the page: there is no request, no storage.
(function () {
    "use strict";
    var guide = document.querySelector(".guide");
    if (!guide) return;

    var form = document.getElementById("personalise");
    var input = document.getElementById("member-address");
    var error = document.getElementById("personalise-error");
    var foreign = document.getElementById("personalise-foreign");
    var domain = (guide.getAttribute("data-mail-domain") || "").toLowerCase();
    var example = guide.getAttribute("data-example-address");
    var localPartOnly = guide.getAttribute("data-user-format") === "LocalPart";
    var plausible = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
    var shown = { address: example, user: userFor(example) };

    function userFor(address) {
        return localPartOnly ? address.split("@")[0] : address;
    }

    function fill(name, value) {
        var nodes = document.querySelectorAll('[data-member="' + name + '"]');
        for (var i = 0; i < nodes.length; i++) nodes[i].textContent = value;
        // A picture's accessible name and description hold the values as plain text.
        var labels = document.querySelectorAll("svg.dialog-picture title, svg.dialog-picture desc");
        for (var j = 0; j < labels.length; j++) labels[j].textContent = labels[j].textContent.split(shown[name]).join(value);
        shown[name] = value;
    }

    function show(address) {
        // The address first: a local-part user name is part of it.
        fill("address", address);
        fill("user", userFor(address));
    }

    // Full-width letters and ＠ typed with the Japanese input method on are the same address.
    function typedAddress() {
        var typed = input.value.trim();
        return typed.normalize ? typed.normalize("NFKC") : typed;
    }

    // Another provider's address is not the member's account here: say so rather than draw it as their user name.
    function isOurs(address) {
        return !domain || address.toLowerCase().slice(-(domain.length + 1)) === "@" + domain;
    }

    function judge(typed) {
        if (typed === "") return "empty";
        if (!plausible.test(typed)) return "invalid";
        return isOurs(typed) ? "ok" : "foreign";
    }

    function report(verdict) {
        error.hidden = verdict !== "invalid";
        if (foreign) foreign.hidden = verdict !== "foreign";
        input.setAttribute("aria-invalid", verdict === "invalid" || verdict === "foreign" ? "true" : "false");
    }

    // While typing, the pictures follow as soon as the address is whole; the error waits until the member moves on.
    function onInput() {
        var typed = typedAddress();
        var verdict = judge(typed);
        if (verdict === "empty" || verdict === "ok") {
            report(verdict);
            show(verdict === "ok" ? typed : example);
        }
    }

    function onDone() {
        var typed = typedAddress();
        var verdict = judge(typed);
        report(verdict);
        show(verdict === "ok" ? typed : example);
    }

    if (form && input) {
        form.hidden = false;
        form.addEventListener("submit", function (event) { event.preventDefault(); onDone(); });
        input.addEventListener("input", onInput);
        input.addEventListener("change", onDone);
    }

    var print = document.getElementById("print-guide");
    if (print) {
        print.hidden = false;
        print.addEventListener("click", function () { window.print(); });
    }
})();
