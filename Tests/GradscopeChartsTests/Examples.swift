import GradscopeCharts

/// Charts shared by the tests; their golden files live in `Golden/`.
enum Examples {
    /// The post's first figure: relu(8x) nested 1, 2, 3 times.
    static let seedRelu: LineChart = {
        let xs = (0...80).map { -1 + Double($0) / 40 }
        func relu(_ v: Double) -> Double { max(0, v) }
        let series = (1...3).map { depth in
            Series(name: "depth \(depth)", xs: xs, colour: Palette.depthColour(depth: depth, of: 3)) { x in
                (0..<depth).reduce(x) { value, _ in relu(8 * value) }
            }
        }
        return LineChart(title: "y = relu(w·x) nested, w = 8",
                         caption: "Each extra layer multiplies the slope by w = 8: slopes 8, 64 and 512 for x > 0.",
                         xLabel: "x", yLabel: "y", series: series, yDomain: 0...10)
    }()

    /// |8^L| by depth in Float and Double: Float overflows to Inf at depth 43, then NaN from depth 50.
    static let overflowLog: LineChart = {
        let depths = (1...60).map(Double.init)
        let float = depths.map { depth -> Double in
            let value = (0..<Int(depth)).reduce(Float(1)) { product, _ in product * 8 }
            return depth >= 50 ? Double(value - value) : Double(value)
        }
        return LineChart(
            title: "Gradient of a depth-L chain, w = 8", caption: "The gradient is 8^L; Float overflows at L = 43.",
            xLabel: "depth L", yLabel: "|dy/dx|", yScale: .log10,
            series: [
                Series(name: "Float", xs: depths, ys: float, colour: Palette.depthColour(depth: 2, of: 3)),
                Series(name: "Double", xs: depths, colour: "#1F77B4", dash: [5, 3]) { Foundation.pow(8, $0) },
            ],
            markers: [MarkerLine(y: 65504, label: "Float16 max 65504"), MarkerLine(y: 3.4e38, label: "Float32 max 3.4e38")])
    }()

    /// A polynomial surface with one NaN cell and a short trajectory.
    static let surface: Heatmap = {
        var map = Heatmap(title: "A saddle", caption: "v = x² − y²/2 + x·y", xLabel: "w", yLabel: "b",
                          valueLabel: "v", xRange: -2...2, yRange: -1...1, columns: 24, rows: 16) { x, y in
            x * x - y * y / 2 + x * y
        }
        map.values[3][4] = .nan
        map.trajectories = [Trajectory(name: "descent", xs: [1.5, 1.0, 0.6, 0.3, 0.1], ys: [0.8, 0.5, 0.2, 0.0, -0.1])]
        return map
    }()
}

import Foundation
