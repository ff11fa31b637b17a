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

    // Pictures shrink on a phone: a tap (or Enter) opens one full size in a dialog, where it scrolls, pinch-zooms
    // and has larger/smaller buttons; Escape or Close returns to the picture's button.
    var viewer = document.getElementById("picture-viewer");
    var canvas = document.getElementById("picture-viewer-canvas");
    if (viewer && canvas && typeof viewer.showModal === "function") {
        var scale = 1;
        var opener = null;

        function zoomTo(next) {
            scale = Math.min(3, Math.max(1, next));
            var svg = canvas.querySelector("svg");
            if (svg) svg.style.width = (600 * scale) + "px";
        }

        // The copy gets ids of its own: the page keeps one element per id, and its title and description still name it.
        function copyOf(svg) {
            var copy = svg.cloneNode(true);
            var renamed = copy.querySelectorAll("[id]");
            for (var i = 0; i < renamed.length; i++) renamed[i].id = "zoomed-" + renamed[i].id;
            var labelled = copy.getAttribute("aria-labelledby");
            if (labelled) copy.setAttribute("aria-labelledby", labelled.split(" ").map(function (id) { return "zoomed-" + id; }).join(" "));
            var painted = copy.querySelectorAll("[fill^='url(#']");
            for (var j = 0; j < painted.length; j++) painted[j].setAttribute("fill", painted[j].getAttribute("fill").replace("url(#", "url(#zoomed-"));
            copy.removeAttribute("width");
            copy.removeAttribute("height");
            return copy;
        }

        var figures = document.querySelectorAll("figure.step__picture[data-zoom-label]");
        for (var f = 0; f < figures.length; f++) {
            (function (figure) {
                var svg = figure.querySelector("svg");
                if (!svg) return;
                // A visible button for keyboards and screen readers; a tap on the picture itself does the same.
                var button = document.createElement("button");
                button.type = "button";
                button.className = "button button--secondary picture-zoom";
                button.textContent = figure.getAttribute("data-zoom-label");
                figure.insertBefore(button, svg.nextSibling);
                function open() {
                    opener = button;
                    canvas.textContent = "";
                    canvas.appendChild(copyOf(svg));
                    zoomTo(1);
                    viewer.showModal();
                    document.getElementById("picture-viewer-close").focus();
                }
                button.addEventListener("click", open);
                svg.addEventListener("click", open);
                svg.classList.add("dialog-picture--zoomable");
            })(figures[f]);
        }

        var steps = viewer.querySelectorAll("[data-zoom-step]");
        for (var z = 0; z < steps.length; z++) {
            steps[z].addEventListener("click", function (event) { zoomTo(scale + 0.5 * Number(event.currentTarget.getAttribute("data-zoom-step"))); });
        }

        document.getElementById("picture-viewer-close").addEventListener("click", function () { viewer.close(); });
        viewer.addEventListener("close", function () {
            canvas.textContent = "";
            if (opener) opener.focus();
        });
    }

    var print = document.getElementById("print-guide");
    if (print) {
        print.hidden = false;
        print.addEventListener("click", function () { window.print(); });
    }
})();
