import GradscopeCharts

extension LayersExperiment {
    /// Per-layer histograms of one quantity (the activations φ(h_l) or the gradients ∂L/∂h_l), every
    /// layer counted over the same buckets: the numbers behind the SVG's ridge rows.
    ///
    /// The bucket rule: the drawn layers are at most `rows`, evenly spaced (l = 1 + ⌊i·(L−1)/(rows−1)⌋);
    /// r is the 99.9th percentile of |v| over their finite values (the value at index ⌊0.999·n⌋ of the n
    /// magnitudes sorted ascending; r = 1 when that is 0 or there is none); the range [−r, r] is cut into
    /// 30 equal buckets, edges e_i = −r + 2r·i/30, bucket i holding e_i ≤ v < e_{i+1} (the last one also
    /// v = r). Finite values with |v| > r count as `outside`, NaN and ±Inf as `nonFinite`.
    public struct Histograms: Codable, Sendable, Equatable {
        /// One layer's counts.
        public struct Layer: Codable, Sendable, Equatable {
            /// 1-based layer l.
            public var layer: Int
            /// Values in each bucket, one per pair of consecutive edges.
            public var counts: [Int]
            /// Finite values outside [−r, r].
            public var outside: Int
            /// NaN and ±Inf values.
            public var nonFinite: Int
        }

        /// The 31 bucket edges −r … r.
        public var bucketEdges: [Double]
        /// The layers the SVG draws (1-based).
        public var drawnLayers: [Int]
        /// Every layer, 1…L.
        public var layers: [Layer]

        public static let bucketCount = 30

        /// - Parameters:
        ///   - values: one array per layer, layer 1 first.
        ///   - rows: the most layers drawn.
        public init(_ values: [[Double]], rows: Int = 10) {
            let depth = values.count
            let picked = depth <= rows ? Array(0..<depth) : (0..<rows).map { $0 * (depth - 1) / (rows - 1) }
            let magnitudes = picked.flatMap { values[$0] }.filter(\.isFinite).map(\.magnitude).sorted()
            var reach = magnitudes.isEmpty ? 1 : magnitudes[min(magnitudes.count - 1, Int(Double(magnitudes.count) * 0.999))]
            if reach == 0 || !reach.isFinite { reach = 1 }
            let range = -reach...reach
            bucketEdges = (0...Self.bucketCount).map { -reach + 2 * reach * Double($0) / Double(Self.bucketCount) }
            drawnLayers = picked.map { $0 + 1 }
            layers = values.enumerated().map { l, layerValues in
                let row = Histogram.Row(label: "", values: layerValues, buckets: Self.bucketCount, range: range)
                return Layer(layer: l + 1, counts: row.counts, outside: row.outside, nonFinite: row.nonFinite)
            }
        }

        /// [−r, r].
        public var range: ClosedRange<Double> { bucketEdges[0]...bucketEdges[Self.bucketCount] }

        /// The drawn layers as ridge rows, coloured by depth.
        public func chart(title: String, xLabel: String, caption: String = "") -> Histogram {
            let rows = drawnLayers.enumerated().map { i, l in
                let layer = layers[l - 1]
                return Histogram.Row(label: "layer \(l)", counts: layer.counts, colour: Palette.depthColour(depth: i + 1, of: drawnLayers.count),
                                     outside: layer.outside, nonFinite: layer.nonFinite)
            }
            return Histogram(title: title, caption: caption, xLabel: xLabel, range: range, rows: rows)
        }
    }
}
