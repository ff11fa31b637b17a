// Test my settings: run the probe in place and show each step as it completes, then open the result page.
// Without this script the form posts normally and the server answers with the result page.
(function () {
    "use strict";
    var form = document.getElementById("probe-form");
    if (!form || !window.fetch || !window.TextDecoder) return;
    var live = document.getElementById("probe-live");
    var list = document.getElementById("probe-steps");
    var button = document.getElementById("probe-run");

    function problem(message, field) {
        var box = document.getElementById("probe-problem");
        if (!box) {
            box = document.createElement("p");
            box.id = "probe-problem";
            box.className = "form-error";
            box.setAttribute("role", "alert");
            form.parentNode.insertBefore(box, form);
        }
        box.textContent = message;
        var ids = { account: "account", password: "password", host: "other-host" };
        Object.keys(ids).forEach(function (name) {
            var input = document.getElementById(ids[name]);
            if (input) input.setAttribute("aria-invalid", name === field ? "true" : "false");
        });
        var target = field && document.getElementById(ids[field]);
        if (target) target.focus();
    }

    var heard = false;
    var finished = false;

    function show(line) {
        heard = true;
        if (line.type === "step") {
            if (line.status === "skipped") return;
            var item = document.createElement("li");
            item.className = "probe-step probe-step--" + line.status;
            item.setAttribute("data-step", line.name);
            var label = document.createElement("strong");
            label.textContent = line.label + ": " + line.statusLabel;
            var detail = document.createElement("span");
            detail.textContent = " (" + line.ms + " ms) " + line.detail;
            item.appendChild(label);
            item.appendChild(detail);
            list.appendChild(item);
        } else if (line.type === "done") {
            finished = true;
            document.getElementById("password").value = "";
            window.location.assign(line.url);
        } else if (line.type === "problem") {
            finished = true;
            document.getElementById("password").value = "";
            problem(line.message, line.field);
            button.disabled = false;
        }
    }

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        var data = new FormData(form);
        button.disabled = true;
        live.hidden = false;
        list.textContent = "";
        fetch("/test/run", { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/x-ndjson" } })
            .then(function (response) {
                if (!response.ok || !response.body) throw new Error("status " + response.status);
                var reader = response.body.getReader();
                var decoder = new TextDecoder();
                var pending = "";
                function read() {
                    return reader.read().then(function (chunk) {
                        if (chunk.done) {
                            if (!finished) {
                                problem(form.getAttribute("data-interrupted"), null);
                                button.disabled = false;
                            }
                            return;
                        }
                        pending += decoder.decode(chunk.value, { stream: true });
                        var lines = pending.split("\n");
                        pending = lines.pop();
                        lines.filter(Boolean).forEach(function (text) { show(JSON.parse(text)); });
                        return read();
                    });
                }
                return read();
            })
            .catch(function () {
                button.disabled = false;
                // Once the probe has started, posting again would probe (and send the password) a second time.
                if (heard) {
                    problem(form.getAttribute("data-interrupted"), null);
                    return;
                }
                // Streaming never started (an old browser, a proxy): fall back to the plain form post.
                form.submit();
            });
    });
})();
