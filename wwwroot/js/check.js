// Check my mail program: look for the result every second and swap the result region in place, so the verdict
// appears without a reload. Without this script the region's button reloads the page.
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
                if (!fresh || fresh.getAttribute("data-state") === "waiting") return;
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
