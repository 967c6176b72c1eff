/// The rater's page: the input, the target in words, two outputs; a click or ←/→ votes. Everything it
/// shows comes from `/api/<token>/state`, which names images by blinded ids only.
enum RatingPage {
    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Which translation is better?</title>
        <link rel="stylesheet" href="/rate.css">
        </head>
        <body>
        <main>
          <header><h1>Which face shows the change better?</h1><p id="progress" aria-live="polite">loading…</p></header>
          <section id="task" hidden>
            <p class="target">Target: <strong id="target"></strong></p>
            <figure class="input"><img id="input" alt="input face"><figcaption>Input</figcaption></figure>
            <div class="choices">
              <button id="left" class="choice" type="button"><img id="left-image" alt="left result"><span>← Left</span></button>
              <button id="right" class="choice" type="button"><img id="right-image" alt="right result"><span>Right →</span></button>
            </div>
            <p class="hint">Click the better result, or press ← or →. Judge realism and whether the target change is made while the person stays the same.</p>
          </section>
          <section id="finished" hidden><h2>Thank you!</h2><p>All comparisons are done. You can close this page.</p></section>
          <p id="error" role="alert" hidden></p>
        </main>
        <script src="/rate.js"></script>
        </body>
        </html>
        """

    /// Sized to fit a 1366×768 laptop screen without scrolling: the input small, the two choices large.
    static let css = """
        body { font-family: system-ui, sans-serif; margin: 0; background: #f4f4f4; color: #222; }
        main { max-width: 900px; margin: 0 auto; padding: 0.5rem 1rem; text-align: center; }
        h1 { font-size: 1.3rem; margin: 0.4rem 0 0.2rem; }
        #progress { color: #555; margin: 0.2rem 0; }
        .target { font-size: 1.2rem; margin: 0.4rem 0; }
        figure { margin: 0 0 0.6rem; }
        figure.input img { width: 144px; height: 144px; border: 1px solid #bbb; }
        figcaption { color: #555; font-size: 0.9rem; }
        .choices { display: flex; gap: 1.5rem; justify-content: center; }
        .choice { border: 3px solid transparent; background: #fff; padding: 0.5rem; cursor: pointer; border-radius: 8px; }
        .choice:hover, .choice:focus { border-color: #3a7bd5; }
        .choice img { display: block; width: 256px; height: 256px; }
        .choice span { display: block; margin-top: 0.4rem; font-size: 1.1rem; }
        .hint { color: #666; font-size: 0.9rem; }
        #error { color: #b00020; }
        """

    static let javaScript = """
        "use strict";
        const token = location.pathname.split("/").filter(Boolean)[1];
        let current = null, shownAt = 0, busy = false;
        const $ = (id) => document.getElementById(id);
        function showError(message) { $("error").textContent = message; $("error").hidden = false; }
        async function load() {
          const response = await fetch(`/api/${token}/state`, { cache: "no-store" });
          const body = await response.json();
          if (!response.ok) { showError(body.error || "This link does not work."); $("progress").textContent = ""; return; }
          render(body);
        }
        function render(state) {
          $("progress").textContent = `${state.done} of ${state.total} done`;
          current = state.pair;
          if (!current) { $("task").hidden = true; $("finished").hidden = false; document.body.dataset.state = "finished"; return; }
          let pending = 3;
          const ready = () => { if (--pending === 0) { shownAt = performance.now(); busy = false; document.body.dataset.state = "ready"; } };
          document.body.dataset.state = "loading";
          for (const [id, src] of [["input", current.input], ["left-image", current.left], ["right-image", current.right]]) {
            const img = $(id); img.onload = ready; img.onerror = ready; img.src = src;
          }
          $("target").textContent = current.target;
          $("task").hidden = false;
        }
        async function vote(choice) {
          if (!current || busy) return;
          busy = true;
          const response = await fetch(`/api/${token}/vote`, {
            method: "POST", headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ pair: current.id, choice, timeOnPageMs: Math.round(performance.now() - shownAt) }),
          });
          const body = await response.json();
          if (!response.ok) { showError(body.error || "The vote was not saved."); await load(); return; }
          $("error").hidden = true;
          render(body);
        }
        $("left").addEventListener("click", () => vote("left"));
        $("right").addEventListener("click", () => vote("right"));
        document.addEventListener("keydown", (event) => {
          if (event.key === "ArrowLeft") { event.preventDefault(); vote("left"); }
          if (event.key === "ArrowRight") { event.preventDefault(); vote("right"); }
        });
        load().catch((error) => showError(String(error)));
        """
}
