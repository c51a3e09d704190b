import Hummingbird

/// `/api`: every endpoint with its parameters and limits.
struct APIIndex: ResponseCodable {
    var endpoints: [Endpoint]
    var limits: [String]

    struct Endpoint: Codable, Equatable {
        var path: String
        var returns: String
        var parameters: [String]
    }

    struct Health: ResponseCodable {
        var status: String
    }

    static let curvesParameters = [
        "formula: a layer formula in plain math or LaTeX, ≤ 500 characters; without it the chain controls build one",
        "first: a different formula for layer 1 (needs formula)",
        "param.NAME: a formula parameter's value (w and b default to weight and bias)",
        "activation: relu, leaky_relu, tanh, sigmoid (sig), linear, softplus, elu, gelu, swish, sin; default tanh",
        "weight: w, default 8", "bias: b, a number or -w/2 (S5), default 0",
        "depth: the deepest layer L, 1…1000, default 3",
        "depths: the depths drawn and returned, 1 to 20 comma-separated in 1…L; default 1…L up to 7, else 1, 2, 3 and every quarter",
        "x: the x range A:B, default -1:1", "points: 2…5000, default 1000", "precision: float16, bfloat16, float32, float64; default float64",
    ]
    static let chainParameters = [
        "activation, weight: as for /api/curves", "bias: every layer's b, a number or an expression in w such as -w/2, default 0",
        "first-weight, first-bias: layer 1's w and b when they differ (S5: bias=-w/2&first-bias=0)", "at: the input x, default 0",
        "depth: 1…1000, default 10", "precision: default float64", "overflow: nonfinite or saturate, default nonfinite",
    ]

    static let layersParameters = ["width, depth, activation, init, sigma-w2, sigma-b2, batch, seeds, seed: the flags of gradscope layers"]

    static let surfaceParameters = [
        "activation: any of gradscope surface's (the page offers sigmoid and tanh), default sigmoid", "w: the weight range A:B, default 2:14", "b: the bias range A:B, default -10:2",
        "grid: points per axis, 2…128, default 96 (grid² × steps ≤ 2000000)", "steps: time steps T, 1…200, default 50",
        "x0: initial state, default 0.5", "target: default 0.7", "loss: output ((φ(x_T) − target)²) or state ((x_T − target)²), default output",
        "start: w,b inside the window; starts both descents (none: the surface alone)", "lr: learning rate, 0 < lr ≤ 100, default 1",
        "clip: clipping threshold of the clipped descent, > 0, default 1", "iterations: descent steps, 1…200, default 40",
    ]

    static let index = APIIndex(
        endpoints: [
            Endpoint(path: "/api/curves", returns: "JSON: FormulaCurves (formula, precision, parameters, x, curves[depth, y, dydx, parameterGradients])", parameters: curvesParameters),
            Endpoint(path: "/api/curves.svg", returns: "SVG: y(x) and |dy/dx| (chart=values|slopes|both, default both)", parameters: curvesParameters + ["chart: values, slopes or both"]),
            Endpoint(path: "/api/curves.csv", returns: "CSV: depth,x,y,dydx,d_<param>", parameters: curvesParameters),
            Endpoint(path: "/api/view", returns: "JSON: the page's three SVG charts and their numbers", parameters: curvesParameters + ["at: the input x of the per-layer chart, default 0.5"]),
            Endpoint(path: "/api/view/layers.svg", returns: "SVG: the page's per-layer chart at x = at (chain controls: /api/chain's chart; typed formula: by depth 1…L)", parameters: curvesParameters + ["at: the input x, default 0.5"]),
            Endpoint(path: "/api/view/layers.csv", returns: "CSV: the chain table (layer,a,y,slope,dydx,dy_dw,dy_db) or the formula's curves at x = at for depths 1…L", parameters: curvesParameters + ["at: the input x, default 0.5"]),
            Endpoint(path: "/api/layers", returns: "JSON: gradscope layers — per-layer statistics and histograms of random wide networks beside the mean-field prediction",
                     parameters: layersParameters),
            Endpoint(path: "/api/layers.svg", returns: "SVG: gradscope layers' charts", parameters: ["as /api/layers"]),
            Endpoint(path: "/api/layers.csv", returns: "CSV: as gradscope layers --format csv", parameters: ["as /api/layers"]),
            Endpoint(path: "/api/chain", returns: "JSON: per-layer table (layer, preactivation, output, slope, dydx, outputGradientWeight, outputGradientBias)", parameters: chainParameters),
            Endpoint(path: "/api/chain.svg", returns: "SVG: per-layer gradient magnitudes, log axis", parameters: chainParameters),
            Endpoint(path: "/api/chain.csv", returns: "CSV: layer,a,y,slope,dydx,dy_dw,dy_db", parameters: chainParameters),
            Endpoint(path: "/api/overflow", returns: "JSON: OverflowForecast per format (predicted and observed depths)",
                     parameters: ["activation, weight, bias, first-weight, first-bias, at: as for /api/chain", "depth: the deepest depth examined, 1…10000, default 1000", "precision: one format, default all four"]),
            Endpoint(path: "/api/overflow.svg", returns: "SVG: log10 |dy_L/dx| by depth with each format's limits", parameters: ["as /api/overflow"]),
            Endpoint(path: "/api/overflow.csv", returns: "CSV: precision and its depths", parameters: ["as /api/overflow"]),
            Endpoint(path: "/api/surface", returns: "JSON: window, grid size, loss range, largest ‖∇L‖, walls, and with start both descents (steps: w, b, loss, gradientNorm, stepLength, clipped)", parameters: surfaceParameters),
            Endpoint(path: "/api/surface.svg", returns: "SVG: the loss (chart=loss) or log ‖∇L‖ (chart=gradient) heatmap with the wall and both descents; the root's data-plot-* and data-w/b-from/to attributes give the plot area", parameters: surfaceParameters + ["chart: loss or gradient"]),
            Endpoint(path: "/api/surface.csv", returns: "CSV: w,b,loss,dloss_dw,dloss_db per grid point", parameters: surfaceParameters),
            Endpoint(path: "/api/activations", returns: "JSON: each activation and its derivative over a range (gradscope activations --format json)",
                     parameters: ["activations: a comma-separated list, default all", "x: A:B, default -4:4", "points: the grid size", "precision: one format"]),
            Endpoint(path: "/api/activations.svg", returns: "SVG: φ(x) and φ'(x) per activation", parameters: ["as /api/activations"]),
            Endpoint(path: "/api/activations.csv", returns: "CSV: as gradscope activations --format csv", parameters: ["as /api/activations"]),
            Endpoint(path: "/api/figures", returns: "JSON: the post's figures S1–S8 as explorer settings with captions", parameters: []),
            Endpoint(path: "/api/trace", returns: "JSON: gradscope inspect FILE --format json for serve --trace FILE (404 without it); re-read at most every 2 s, the Gradscope-Trace-Stale header when the last re-read failed", parameters: []),
            Endpoint(path: "/api/trace.svg", returns: "SVG: the trace's heatmaps (gradient RMS, activation max |x| per leaf module and step) and charts", parameters: []),
            Endpoint(path: "/api/trace.csv", returns: "CSV: module,type,step,activation_absmax,gradient_rms,gain,nonfinite", parameters: []),
            Endpoint(path: "/api/health", returns: "JSON: {\"status\": \"ok\"}", parameters: []),
        ],
        limits: [
            "depth ≤ 1000 (overflow: ≤ 10000)", "points ≤ 5000", "points × depth ≤ 2000000", "surface: grid ≤ 128, steps and iterations ≤ 200, grid² × steps ≤ 2000000", "at most 20 shown depths",
            "numbers within ±1e6", "formula ≤ 500 characters, other values ≤ 100", "unknown or repeated parameters are refused",
        ])

}
