extension PageAssets {
    /// The page: controls on the left, numbers, three charts and the cliff on the right.
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gradscope explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/explorer.css">
<script src="/explorer.js" defer></script>
<script src="/trace.js" defer></script>
</head>
<body>
<header>
  <h1>Gradscope explorer</h1>
  <p>Why a network's gradients explode or vanish: one unit per layer, <i>y</i><sub>l</sub> = φ(<i>w</i>·<i>y</i><sub>l−1</sub> + <i>b</i>), nested <i>L</i> times — the figures of “The exploding gradient problem: why your neural network gives NaNs”, with the numbers behind them.</p>
</header>
<main>
<form id="controls" autocomplete="off" onsubmit="return false">
  <label class="wide">Figure of the post
    <select id="figure"><option value="">— your own settings —</option></select>
  </label>
  <p id="figure-caption" class="caption" hidden></p>

  <fieldset>
    <legend>Chain</legend>
    <label>Activation φ
      <select id="activation">
        <option>relu</option><option>leaky_relu</option><option>tanh</option><option>sigmoid</option><option>linear</option>
        <option>softplus</option><option>elu</option><option>gelu</option><option>swish</option><option>sin</option>
      </select>
    </label>
    <label>Weight <i>w</i>
      <span class="pair"><input type="range" id="weight-range" min="-16" max="16" step="0.1" aria-label="weight slider"><input type="number" id="weight" step="any" min="-1000000" max="1000000"></span>
    </label>
    <label>Bias <i>b</i>
      <span class="pair"><input type="range" id="bias-range" min="-16" max="16" step="0.1" aria-label="bias slider"><input type="number" id="bias" step="any" min="-1000000" max="1000000"></span>
    </label>
    <label class="check"><input type="checkbox" id="bias-half"> <i>b</i> = −<i>w</i>/2 (layer 1 without bias, as in S5)</label>
    <label>Depth <i>L</i> (layers)
      <span class="pair"><input type="range" id="depth-range" min="0" max="1000" step="1" aria-label="depth slider (log scale)"><input type="number" id="depth" min="1" max="1000" step="1"></span>
    </label>
  </fieldset>

  <fieldset>
    <legend>Formula of a layer (optional)</legend>
    <input type="text" id="formula" spellcheck="false" placeholder="\text{tanh}(w \times x)   or   tanh(w*x)">
    <pre id="formula-error" class="error" role="alert" hidden></pre>
    <p class="hint">Plain math or LaTeX; <i>x</i> is the previous layer's output, <i>w</i> and <i>b</i> follow the sliders. Empty: φ(<i>w</i>·<i>x</i> + <i>b</i>) from the chain controls.</p>
  </fieldset>

  <fieldset>
    <legend>Grid</legend>
    <label>Precision
      <select id="precision">
        <option value="float16">Float16</option><option value="bfloat16">BFloat16</option>
        <option value="float32">Float32</option><option value="float64">Float64</option>
        <option value="float8_e4m3fn">float8_e4m3fn</option><option value="float8_e5m2">float8_e5m2</option>
        <option value="float6_e3m2fn">float6_e3m2fn</option><option value="float6_e2m3fn">float6_e2m3fn</option>
        <option value="float4_e2m1fn">float4_e2m1fn</option>
      </select>
    </label>
    <label title="Past a narrow format's largest finite value. float6 and float4 have no Inf or NaN and always saturate; the wide formats always overflow to ±Inf.">Overflow
      <select id="overflow">
        <option value="nonfinite">NaN / ±Inf (OCP)</option><option value="saturate">saturate to ±max</option>
      </select>
    </label>
    <label>x from <span class="pair"><input type="number" id="x-from" step="any"> to <input type="number" id="x-to" step="any"></span></label>
    <label>Points <input type="number" id="points" min="2" max="5000" step="1"></label>
    <label>Per-layer chart at x = <input type="number" id="at" step="any"></label>
  </fieldset>
  <p id="error" class="error" role="alert" hidden></p>
  <p class="hint"><a id="share" href="">Link to this view</a> · <a href="/api">API</a></p>
</form>

<section id="results" aria-live="polite">
  <div id="numbers">
    <p class="headline">Steepest |dy/dx| at depth <span id="deepest-depth">–</span>: <output id="max-slope">–</output> at x = <output id="max-slope-at">–</output></p>
    <table id="depth-table">
      <thead><tr><th>depth</th><th>max |dy/dx|</th><th>at x</th><th>y from</th><th>y to</th><th>Inf/NaN</th></tr></thead>
      <tbody></tbody>
    </table>
    <p id="formats" class="formats"></p>
    <p id="depth-note" class="hint"></p>
    <p id="timing" class="hint"></p>
  </div>
  <figure>
    <div class="chart" id="chart-values"></div>
    <figcaption>y(x) at the shown depths, the post's pink, red and dark red for 1, 2, 3. <span class="downloads" id="dl-values"></span></figcaption>
  </figure>
  <figure>
    <div class="chart" id="chart-slopes"></div>
    <figcaption>|dy/dx| on a log axis; the dashed line is the precision's largest number when the slopes come near it. <span class="downloads" id="dl-slopes"></span></figcaption>
  </figure>
  <figure>
    <div class="chart" id="chart-layers"></div>
    <figcaption>Per-layer gradient magnitudes at the chosen x: the running product the post talks about. <span class="downloads" id="dl-layers"></span></figcaption>
  </figure>
  <figure id="cliff">
    <h2>The cliff</h2>
    <div class="surface-controls">
      <label>φ <select id="surface-activation"><option value="sigmoid">sigmoid</option><option value="tanh">tanh</option></select></label>
      <label>w from <input type="number" id="surface-w-from" min="-1000000" max="1000000" step="any"></label>
      <label>to <input type="number" id="surface-w-to" min="-1000000" max="1000000" step="any"></label>
      <label>b from <input type="number" id="surface-b-from" min="-1000000" max="1000000" step="any"></label>
      <label>to <input type="number" id="surface-b-to" min="-1000000" max="1000000" step="any"></label>
      <label>Steps T <input type="number" id="surface-steps" min="1" max="200" step="1"></label>
      <label><i>x</i><sub>0</sub> <input type="number" id="surface-x0" min="-1000000" max="1000000" step="any"></label>
      <label>Target <input type="number" id="surface-target" min="-1000000" max="1000000" step="any"></label>
      <label>Clip ‖∇L‖ at <input type="number" id="clip" min="0.001" max="1000000" step="any"></label>
      <label>Learning rate η <input type="number" id="lr" min="0.001" max="100" step="any"></label>
      <label>Colours <select id="surface-chart"><option value="loss">loss</option><option value="gradient">log ‖∇L‖</option></select></label>
    </div>
    <div class="chart" id="chart-surface" title="Click to start gradient descent here"></div>
    <p id="surface-error" class="error" role="alert" hidden></p>
    <figcaption>Pascanu's recurrent unit <i>x</i><sub>t</sub> = <i>w</i>·<span id="surface-phi">σ</span>(<i>x</i><sub>t−1</sub>) + <i>b</i>, <span id="surface-steps-text">50 steps</span> from <i>x</i><sub>0</sub>, the loss against the target at the last step: the loss over (<i>w</i>, <i>b</i>) with its wall (cyan). Click the map to start gradient descent there: red without clipping, white with ‖∇L‖ clipped. <span id="surface-start"></span> <span class="downloads" id="dl-surface"></span></figcaption>
  </figure>
</section>
</main>
</body>
</html>
"""#
}
