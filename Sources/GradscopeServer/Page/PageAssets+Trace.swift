extension PageAssets {
    /// The trace panel (`/trace.js`, loaded by the page): with `gradscope serve --trace FILE` it shows the
    /// story of the trace — the first non-finite value and its cause, the propagators, the remedies — and
    /// the heatmaps (`/api/trace.svg`), asking `/api/trace` again every 3 s while the page is visible.
    /// Without `--trace`, `/api/trace` answers 404 and the panel never appears. Everything read from the
    /// trace (module names, causes) is hostile text: it is set with `textContent`, never as HTML.
    static let traceScript = #"""
// Gradscope explorer: the trace panel of `gradscope serve --trace FILE` (the story and the heatmaps, refreshing).
"use strict";
(() => {
  const refreshMs = 3000;
  const trace = window.gradscopeTrace = { refreshes: 0, lastError: null, stale: null };
  const make = (tag, text, className) => {
    const element = document.createElement(tag);
    if (text !== undefined) element.textContent = text;
    if (className) element.className = className;
    return element;
  };
  const where = (e) => [`step ${e.step}`, e.pass, e.module ? `${e.module}${e.moduleType ? ` (${e.moduleType})` : ""}` : null,
    e.operation, e.callIndex ? `call ${e.callIndex}` : null].filter(Boolean).join(", ");
  let panel = null, lastText = "";

  function build() {
    panel = make("section");
    panel.id = "trace";
    panel.setAttribute("aria-live", "polite");
    panel.style.cssText = "margin:1rem;padding:0.5rem 1rem;border:1px solid #c8c8c8;border-radius:6px";
    const header = document.querySelector("header");
    header ? header.after(panel) : document.body.prepend(panel);
  }

  function render(document_, stale) {
    panel.replaceChildren();
    panel.append(make("h2", `Trace: ${document_.source.path}`));
    const first = document_.firstNonFinite;
    const story = make("p", undefined, "headline");
    story.id = "trace-story";
    if (first) {
      story.append(make("strong", `First ${first.value === "NaN" ? "NaN" : first.value === "-Infinity" ? "−Inf" : "Inf"}: ${where(first)}`));
      story.append(make("span", ` — ${first.tensor}. Cause (${first.cause.kind}): ${first.cause.text}.`));
    } else {
      story.textContent = `The run stayed finite over ${document_.steps.length} steps.`;
    }
    panel.append(story);
    if (document_.propagators.length) {
      const names = [...new Set(document_.propagators.map((p) => p.module ?? p.kind))];
      panel.append(make("p", `Passed on by ${names.length} module${names.length === 1 ? "" : "s"}: ${names.slice(0, 12).join(", ")}${names.length > 12 ? ", …" : ""}`));
    }
    if (document_.remedies.length) {
      panel.append(make("h3", "Remedies"));
      const list = make("ul");
      list.id = "trace-remedies";
      for (const r of document_.remedies) {
        const item = make("li");
        item.append(make("code", r.text), make("span", ` — ${r.basis}`));
        list.append(item);
      }
      panel.append(list);
    }
    if (document_.modules.length) {
      const figure = make("figure");
      const image = make("img");
      image.alt = "Gradient RMS and activation max |x| per leaf module and step";
      image.src = `/api/trace.svg?refresh=${trace.refreshes}`;
      image.style.maxWidth = "100%";
      figure.append(image, make("figcaption", "Heatmaps: gradient RMS and activation max |x|, leaf modules in forward order × steps (log colour scale). "));
      const links = make("span", undefined, "downloads");
      for (const [label, href] of [["JSON", "/api/trace"], ["SVG", "/api/trace.svg"], ["CSV", "/api/trace.csv"]]) {
        const link = make("a", label);
        link.href = href;
        links.append(link, document.createTextNode(" "));
      }
      figure.lastChild.append(links);
      panel.append(figure);
    }
    const note = make("p", stale ? `Showing the last good read: ${stale}` : `Read at ${new Date().toLocaleTimeString()}; refreshed every ${refreshMs / 1000} s.`,
                      stale ? "error" : "hint");
    panel.append(note);
  }

  async function refresh() {
    if (document.visibilityState === "hidden" && panel) return setTimeout(refresh, refreshMs);
    try {
      const response = await fetch("/api/trace", { cache: "no-store" });
      if (response.status === 404 && !panel) return;   // no --trace: no panel, no polling
      const text = await response.text();
      if (!response.ok) throw new Error(JSON.parse(text).error ?? response.statusText);
      trace.stale = response.headers.get("Gradscope-Trace-Stale");
      if (!panel) build();
      if (text !== lastText || trace.stale) {
        lastText = text;
        trace.refreshes += 1;
        render(JSON.parse(text), trace.stale);
      }
      trace.lastError = null;
    } catch (error) {
      trace.lastError = String(error.message ?? error);
    }
    setTimeout(refresh, refreshMs);
  }

  document.readyState === "loading" ? document.addEventListener("DOMContentLoaded", refresh) : refresh();
})();
"""#
}
