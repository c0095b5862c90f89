import LastmileTensor

/// Slice (opsets 1-13): numpy-style basic slicing with per-axis starts, ends and steps.
///
/// Before opset 10 `starts`, `ends` and `axes` are attributes (steps are 1); from opset 10 they
/// are inputs 1-4 with optional axes and steps. Starts and ends are clamped as the spec says, so
/// INT64_MAX and INT64_MIN mean "to the end" and "past the beginning"; a negative step walks
/// backwards. One deviation, matching onnxruntime: with a negative step an end of INT32_MAX or
/// INT64_MAX means "through index 0" rather than an empty slice.
struct SliceKernel: Kernel {
    /// The attributes of opsets 1-9: starts, ends, axes.
    let attributes: (starts: [Int], ends: [Int], axes: [Int]?)?

    init(_ ctx: NodeContext) throws {
        if ctx.opset < 10 {
            attributes = (try ctx.ints("starts"), try ctx.ints("ends"), try ctx.optionalInts("axes"))
        } else {
            attributes = nil
        }
    }

    func run(_ inputs: KernelInputs) throws -> [Value] {
        let data = try inputs.tensor(0)
        let starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?
        if let attributes {
            (starts, ends, axes, steps) = (attributes.starts, attributes.ends, attributes.axes, nil)
        } else {
            starts = try TensorOps.integers(try inputs.tensor(1), "starts")
            ends = try TensorOps.integers(try inputs.tensor(2), "ends")
            axes = try inputs.optionalTensor(3).map { try TensorOps.integers($0, "axes") }
            steps = try inputs.optionalTensor(4).map { try TensorOps.integers($0, "steps") }
        }
        guard starts.count == ends.count else {
            throw OpError("starts has \(starts.count) values but ends has \(ends.count)")
        }
        let sliceAxes = try TensorOps.axes(axes ?? Array(0..<starts.count), rank: data.rank)
        guard sliceAxes.count == starts.count else {
            throw OpError("axes has \(sliceAxes.count) values but starts has \(starts.count)")
        }
        if let steps, steps.count != starts.count {
            throw OpError("steps has \(steps.count) values but starts has \(starts.count)")
        }

        var shape = data.shape
        var first = [Int](repeating: 0, count: data.rank)
        var step = [Int](repeating: 1, count: data.rank)
        for (i, a) in sliceAxes.enumerated() {
            let s = steps?[i] ?? 1
            guard s != 0 else { throw OpError("step for axis \(a) is 0") }
            (first[a], shape[a]) = Self.range(start: starts[i], end: ends[i], step: s, dim: data.shape[a])
            step[a] = s
        }
        if shape == data.shape && step.allSatisfy({ $0 == 1 }) { return [.tensor(data)] }

        let inStrides = Shape.strides(data.shape)
        var offset = 0
        var strides = [Int](repeating: 0, count: data.rank)
        for d in 0..<data.rank where shape[d] > 0 {
            offset += first[d] * inStrides[d]
            strides[d] = shape[d] > 1 ? inStrides[d] * step[d] : 0
        }
        let copy = TensorOps.StridedCopy(shape: shape, strides: strides, offset: offset)
        return [.tensor(try TensorOps.map(data, to: shape, copy))]
    }

    /// The first index and element count of `start..<end` by `step` on an axis of size `dim`,
    /// clamped as the ONNX spec says (and onnxruntime does).
    static func range(start: Int, end: Int, step: Int, dim: Int) -> (first: Int, count: Int) {
        guard dim > 0 else { return (0, 0) }
        var start = start < 0 ? start + dim : start
        let originalEnd = end
        var end = end < 0 ? end + dim : end
        if step > 0 {
            start = min(max(start, 0), dim)
            end = min(max(end, 0), dim)
            guard end > start else { return (start, 0) }
            return (start, (end - start - 1) / step + 1)
        }
        start = min(max(start, 0), dim - 1)
        // onnxruntime reads an INT_MAX end as numpy's `None`, which for a negative step means
        // "through index 0"; the spec's clamping would give an empty slice, which no model wants.
        end = originalEnd == Int.max || originalEnd == Int(Int32.max) ? -1 : min(max(end, -1), dim - 1)
        guard start > end else { return (start, 0) }
        return (start, Int(UInt(start - end - 1) / step.magnitude) + 1)
    }
}
