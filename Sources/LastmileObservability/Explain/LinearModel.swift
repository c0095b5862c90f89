import LastmileEngine
import LastmileTensor

/// An affine model `y = W x + b` over a row of features: what the closed-form linear explainer
/// needs. Built from an ONNX graph whose served output is an affine function of its one input.
public struct LinearModel: Sendable, Equatable {
    public var features: Int
    public var outputs: Int
    /// `outputs * features`, output by output.
    public var weights: [Double]
    public var intercepts: [Double]

    public init(features: Int, outputs: Int, weights: [Double], intercepts: [Double]) {
        self.features = features
        self.outputs = outputs
        self.weights = weights
        self.intercepts = intercepts
    }

    /// The affine map from the graph's single input row to `output`, following LinearRegressor
    /// (no post transform), MatMul, Gemm, Add, Sub, Mul, Div by constants, Scaler, Reshape
    /// that keeps rows, Identity and float Casts.
    ///
    /// Throws `ExplainError(.badInput)` saying which node is not affine when the output is not.
    public init(graph: Graph, output: String) throws {
        let inputs = graph.requiredInputs
        guard inputs.count == 1, case .tensor(let dtype?, let shape?) = inputs[0].type, dtype.isNumeric,
              shape.count == 2, case .fixed(let width) = shape[1] else {
            throw ExplainError(.badInput, "the linear method needs a model with one numeric input of shape [batch, features]")
        }
        var maps: [String: Affine] = [inputs[0].name: .identity(width)]
        var blocked: [String: String] = [:]
        for node in graph.nodes {
            if let reason = node.inputs.lazy.compactMap({ blocked[$0] }).first {
                for name in node.outputs { blocked[name] = reason }
                continue
            }
            guard node.inputs.contains(where: { maps[$0] != nil }) else { continue }
            do {
                if let map = try Affine.apply(node, maps: maps, constants: graph.initializers) {
                    maps[node.outputs[0]] = map
                } else {
                    for name in node.outputs { blocked[name] = "node \"\(node.name)\" (\(node.opType)) is not affine in its input" }
                }
            } catch let error as ExplainError {
                for name in node.outputs { blocked[name] = error.message }
            }
        }
        guard let map = maps[output] else {
            let why = blocked[output] ?? "output \"\(output)\" is not an affine function of the input"
            throw ExplainError(.badInput, "the linear method needs an output that is linear in the input: \(why)")
        }
        self.init(features: width, outputs: map.outputs, weights: map.a, intercepts: map.b)
    }

    public func predict(_ row: [Double]) -> [Double] {
        (0..<outputs).map { o in
            var sum = intercepts[o]
            for i in 0..<features { sum += weights[o * features + i] * row[i] }
            return sum
        }
    }
}

/// `y = A x + b` for a value whose rows have `outputs` elements.
struct Affine: Sendable {
    var outputs: Int
    var inputs: Int
    var a: [Double]
    var b: [Double]

    static func identity(_ n: Int) -> Affine {
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { a[i * n + i] = 1 }
        return Affine(outputs: n, inputs: n, a: a, b: [Double](repeating: 0, count: n))
    }

    /// `M y` for a constant `m` of `rows * outputs` (row-major, `rows` new outputs).
    func mapped(_ m: [Double], rows: Int) -> Affine {
        var out = Affine(outputs: rows, inputs: inputs, a: [Double](repeating: 0, count: rows * inputs), b: [Double](repeating: 0, count: rows))
        for k in 0..<rows {
            for j in 0..<outputs {
                let w = m[k * outputs + j]
                if w == 0 { continue }
                out.b[k] += w * b[j]
                for f in 0..<inputs { out.a[k * inputs + f] += w * a[j * inputs + f] }
            }
        }
        return out
    }

    /// Each output `j` scaled by `scale[j]` and shifted by `shift[j]`.
    func scaled(_ scale: [Double], shift: [Double]) -> Affine {
        var out = self
        for j in 0..<outputs {
            out.b[j] = b[j] * scale[j] + shift[j]
            for f in 0..<inputs { out.a[j * inputs + f] *= scale[j] }
        }
        return out
    }

    /// A constant's values broadcast to one per output, or nil when its shape does not
    /// broadcast along a row (a scalar, `[n]` or `[1, n]`).
    func perOutput(_ tensor: Tensor) -> [Double]? {
        guard let values = tensor.doubles else { return nil }
        let nonUnit = tensor.shape.filter { $0 != 1 }
        if values.count == 1 { return [Double](repeating: values[0], count: outputs) }
        guard nonUnit.count == 1, values.count == outputs, tensor.shape.last == outputs, tensor.rank <= 2 else { return nil }
        return values
    }

    /// The map of `node`'s first output, nil when the node is not affine in its input.
    static func apply(_ node: Node, maps: [String: Affine], constants: [String: Tensor]) throws -> Affine? {
        func constant(_ index: Int) -> Tensor? {
            index < node.inputs.count ? constants[node.inputs[index]] : nil
        }
        func int(_ name: String, _ fallback: Int) -> Int {
            if case .int(let v)? = node.attributes[name] { return v }
            return fallback
        }
        func float(_ name: String, _ fallback: Double) -> Double {
            if case .float(let v)? = node.attributes[name] { return Double(v) }
            return fallback
        }
        func floats(_ name: String) -> [Double]? {
            if case .floats(let v)? = node.attributes[name] { return v.map(Double.init) }
            return nil
        }
        func string(_ name: String) -> String? {
            if case .string(let v)? = node.attributes[name] { return v }
            return nil
        }
        guard let first = node.inputs.first, let x = maps[first] else { return nil }
        let others = node.inputs.dropFirst().filter { !$0.isEmpty }
        switch (node.domain, node.opType) {
        case (Domain.onnx, "Identity"):
            return x
        case (Domain.onnx, "Cast"):
            let to = int("to", 1)
            return [1, 10, 11].contains(to) ? x : nil // float, float16, double
        case (Domain.onnx, "Add"), (Domain.onnx, "Sub"), (Domain.onnx, "Mul"), (Domain.onnx, "Div"):
            guard others.count == 1, let c = constant(1), let values = x.perOutput(c) else { return nil }
            let ones = [Double](repeating: 1, count: x.outputs), zeros = [Double](repeating: 0, count: x.outputs)
            switch node.opType {
            case "Add": return x.scaled(ones, shift: values)
            case "Sub": return x.scaled(ones, shift: values.map { -$0 })
            case "Mul": return x.scaled(values, shift: zeros)
            default: return values.contains(0) ? nil : x.scaled(values.map { 1 / $0 }, shift: zeros)
            }
        case (Domain.onnx, "MatMul"):
            guard let w = constant(1), w.rank == 2, w.shape[0] == x.outputs, let values = w.doubles else { return nil }
            return x.mapped(transpose(values, rows: w.shape[0], columns: w.shape[1]), rows: w.shape[1])
        case (Domain.onnx, "Gemm"):
            guard int("transA", 0) == 0, let w = constant(1), w.rank == 2, let values = w.doubles else { return nil }
            let transB = int("transB", 0) == 1
            let (k, n) = transB ? (w.shape[1], w.shape[0]) : (w.shape[0], w.shape[1])
            guard k == x.outputs else { return nil }
            let alpha = float("alpha", 1), beta = float("beta", 1)
            let m = (transB ? values : transpose(values, rows: w.shape[0], columns: w.shape[1])).map { $0 * alpha }
            var y = x.mapped(m, rows: n)
            if let c = constant(2) {
                guard let bias = y.perOutput(c) else { return nil }
                y = y.scaled([Double](repeating: 1, count: n), shift: bias.map { $0 * beta })
            }
            return y
        case (Domain.onnx, "Reshape"):
            guard let s = constant(1)?.ints else { return nil }
            if s.count == 2, s[0] <= 0, s[1] == x.outputs { return x }
            if s.count == 1, s[0] == -1, x.outputs == 1 { return x }
            return nil
        case (Domain.ml, "Scaler"):
            let offset = floats("offset") ?? [0], scale = floats("scale") ?? [1]
            func spread(_ v: [Double]) -> [Double]? { v.count == 1 ? [Double](repeating: v[0], count: x.outputs) : (v.count == x.outputs ? v : nil) }
            guard let o = spread(offset), let s = spread(scale) else { return nil }
            return x.scaled(s, shift: zip(o, s).map { -$0 * $1 })
        case (Domain.ml, "LinearRegressor"):
            guard (string("post_transform") ?? "NONE") == "NONE", let coefficients = floats("coefficients") else { return nil }
            let targets = int("targets", 1)
            guard coefficients.count == targets * x.outputs else {
                throw ExplainError(.badInput, "node \"\(node.name)\" (LinearRegressor) has \(coefficients.count) coefficients for \(targets) targets of \(x.outputs) inputs")
            }
            let intercepts = floats("intercepts") ?? [Double](repeating: 0, count: targets)
            guard intercepts.count == targets else { return nil }
            return x.mapped(coefficients, rows: targets).scaled([Double](repeating: 1, count: targets), shift: intercepts)
        default:
            return nil
        }
    }

    static func transpose(_ v: [Double], rows: Int, columns: Int) -> [Double] {
        var out = [Double](repeating: 0, count: v.count)
        for r in 0..<rows {
            for c in 0..<columns { out[c * rows + r] = v[r * columns + c] }
        }
        return out
    }
}
