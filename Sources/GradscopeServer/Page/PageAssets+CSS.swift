extension PageAssets {
    /// The page's style sheet (`/explorer.css`).
    static let css = #"""
:root { --ink: #222; --muted: #666; --line: #ddd; --accent: #8B0000; --bg: #fafafa; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
body { margin: 0; }
header { padding: 0.8rem 1.5rem; border-bottom: 1px solid var(--line); background: #fff; }
header h1 { margin: 0 0 0.3rem; font-size: 1.4rem; color: var(--accent); }
header p { margin: 0; color: var(--muted); max-width: 60rem; }
main { display: grid; grid-template-columns: minmax(17rem, 21rem) 1fr; gap: 1rem; padding: 1rem 1.5rem; align-items: start; }
@media (max-width: 56rem) { main { grid-template-columns: 1fr; } }
form { position: sticky; top: 0.5rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.8rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0.6rem 0; padding: 0.4rem 0.6rem 0.6rem; }
legend { color: var(--muted); font-size: 0.85rem; }
label { display: block; margin: 0.45rem 0; font-size: 0.9rem; }
label.check { font-size: 0.85rem; }
.pair { display: flex; gap: 0.4rem; align-items: center; }
.pair input[type=range] { flex: 1; min-width: 0; }
input[type=number] { width: 6.5rem; }
select, input[type=text] { width: 100%; box-sizing: border-box; }
input[type=text] { font-family: ui-monospace, Menlo, Consolas, monospace; }
.caption { font-size: 0.85rem; color: var(--ink); background: #fff5f5; border-left: 3px solid var(--accent); padding: 0.4rem 0.6rem; margin: 0.4rem 0; }
.hint { font-size: 0.8rem; color: var(--muted); margin: 0.3rem 0; }
.error { color: #b00020; font-size: 0.85rem; white-space: pre-wrap; margin: 0.3rem 0; }
pre.error { font-family: ui-monospace, Menlo, Consolas, monospace; }
#results { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 1rem; }
#results.stale .chart { opacity: 0.45; }
#numbers, figure { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.6rem; margin: 0; }
.headline { font-size: 1.05rem; margin: 0 0 0.5rem; }
output { font-weight: 600; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
th, td { padding: 0.15rem 0.6rem; text-align: right; border-bottom: 1px solid var(--line); }
.formats { font-size: 0.85rem; }
.chart svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.8rem; color: var(--muted); margin-top: 0.3rem; }
.downloads a { margin-left: 0.4rem; }
#cliff h2 { font-size: 1rem; margin: 0 0 0.4rem; color: var(--accent); }
.surface-controls { display: flex; flex-wrap: wrap; gap: 0.8rem; }
.surface-controls label { margin: 0 0 0.4rem; }
.surface-controls select { width: auto; }
#chart-surface { cursor: crosshair; }
"""#
}
