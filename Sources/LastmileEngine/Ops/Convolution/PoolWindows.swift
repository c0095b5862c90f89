import LastmileTensor

/// The windows of a pooling op over one N x C plane, precomputed once per run and shared by
/// every plane: for each output position, the flat offsets of the input elements it covers.
struct PoolWindows {
    let geometry: WindowGeometry
    /// Offsets of all windows, one window after another.
    let offsets: [Int]
    /// Window `o` is `offsets[starts[o]..<starts[o + 1]]`.
    let starts: [Int]
    /// For each window, how many positions lie inside the explicitly padded input (for
    /// average pooling with count_include_pad).
    let paddedCounts: [Int]

    init(_ geometry: WindowGeometry) throws {
        self.geometry = geometry
        let rank = geometry.rank
        let outSize = geometry.outputSize, ks = geometry.kernelSize
        _ = try TensorOps.elementCount([outSize, ks])
        let strides = Shape.strides(geometry.input)
        var offsets: [Int] = []
        offsets.reserveCapacity(outSize * ks)
        var starts = [Int](repeating: 0, count: outSize + 1)
        var paddedCounts = [Int](repeating: 0, count: outSize)
        var o = [Int](repeating: 0, count: rank)
        var k = [Int](repeating: 0, count: rank)
        for flat in 0..<outSize {
            var rest = flat
            for i in stride(from: rank - 1, through: 0, by: -1) {
                o[i] = rest % geometry.output[i]
                rest /= geometry.output[i]
            }
            var padded = 0
            for kFlat in 0..<ks {
                var r = kFlat
                for i in stride(from: rank - 1, through: 0, by: -1) {
                    k[i] = r % geometry.kernel[i]
                    r /= geometry.kernel[i]
                }
                var inside = true, inPadded = true
                var offset = 0
                for i in 0..<rank {
                    let c = geometry.coordinate(axis: i, output: o[i], kernel: k[i])
                    if c < 0 || c >= geometry.input[i] { inside = false }
                    if c >= geometry.input[i] + geometry.padsEnd[i] { inPadded = false }
                    offset += c * strides[i]
                }
                if inPadded { padded += 1 }
                if inside { offsets.append(offset) }
            }
            starts[flat + 1] = offsets.count
            paddedCounts[flat] = padded
        }
        self.offsets = offsets
        self.starts = starts
        self.paddedCounts = paddedCounts
    }

    /// Reads the pooling attributes, resolves them for `x` and builds the windows.
    static func make(_ window: WindowAttributes, _ x: Tensor, op: String) throws -> PoolWindows {
        let spatial = try WindowChecks.spatialShape(x, op: op)
        guard let kernel = window.kernelShape else { throw OpError("required attribute \"kernel_shape\" is missing") }
        return try PoolWindows(window.resolve(input: spatial, kernel: kernel))
    }

    /// The number of N x C planes of `x`.
    static func planes(_ x: Tensor) -> Int { x.shape[0] * x.shape[1] }

    /// Applies `reduce(window, paddedCount)` to each window of each plane; `reduce` receives a
    /// pointer to the plane and the window's offsets.
    func map<T, R>(
        _ x: [T], planes: Int,
        _ reduce: (UnsafePointer<T>, UnsafeBufferPointer<Int>, Int) -> R
    ) -> [R] {
        let inSize = geometry.inputSize, outSize = geometry.outputSize
        let total = planes * outSize
        return [R](pooledCapacity: total) { out, written in
            guard let y = out.baseAddress else { return }
            x.withUnsafeBufferPointer { xb in
                offsets.withUnsafeBufferPointer { ob in
                    guard let xp = xb.baseAddress, let op = ob.baseAddress else { return }
                    var i = 0
                    for p in 0..<planes {
                        let plane = xp + p * inSize
                        for w in 0..<outSize {
                            let window = UnsafeBufferPointer(start: op + starts[w], count: starts[w + 1] - starts[w])
                            (y + i).initialize(to: reduce(plane, window, paddedCounts[w]))
                            i += 1
                        }
                    }
                    written = i
                }
            }
        }
    }
}
