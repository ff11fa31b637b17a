// Check my mail program: look for the result every second and swap the result region in place, so the verdict (and,
// after a while with nothing, the hints about what usually causes it) appears without a reload. Without this script the region's button reloads the page.
(function () {
    "use strict";
    if (!window.fetch) return;
    var timer = null;

    function poll() {
        var region = document.getElementById("check-status");
        if (!region || region.getAttribute("data-state") !== "waiting") return stop();
        fetch(region.getAttribute("data-status-url"), { headers: { Accept: "text/html" }, credentials: "same-origin" })
            .then(function (response) { return response.ok ? response.text() : null; })
            .then(function (html) {
                if (!html) return;
                var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("check-status");
                if (!fresh) return;
                if (fresh.getAttribute("data-state") === "waiting") {
                    // Still waiting: only the hints about what usually goes wrong may have appeared meanwhile.
                    if (fresh.getAttribute("data-hints") !== region.getAttribute("data-hints")) region.replaceWith(document.adoptNode(fresh));
                    return;
                }
                region.replaceWith(document.adoptNode(fresh));
                // Once the code is used or expired, the "how to send" box has nothing more to say.
                var instructions = document.querySelector(".check-code");
                if (instructions) instructions.hidden = true;
                stop();
            })
            .catch(function () { /* a dropped request: the next tick tries again */ });
    }

    function stop() {
        if (timer !== null) clearInterval(timer);
        timer = null;
    }

    timer = setInterval(poll, 1000);
})();
