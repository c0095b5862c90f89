import LastmileTensor

extension Optimizer {
    /// Rewrites `Add(MatMul(A, B), C)` as `Gemm(A, B, C)` when A is known to be a matrix, B is a
    /// constant matrix, C a constant that broadcasts along rows ([N] or [1, N]), and nothing
    /// else reads the MatMul's result. Gemm adds the bias inside the BLAS call.
    func fuseMatMulAdd(_ graph: Graph) -> Graph {
        guard (opsets[Domain.onnx] ?? 1) >= 11 else { return graph }
        let constants = Self.constants(graph)
        let ranks = Self.inferRanks(graph)
        return Self.fuseWithProducers(graph) { add, producerOf in
            guard add.domain == Domain.onnx, add.opType == "Add", add.inputs.count == 2 else { return nil }
            for (mmSide, biasSide) in [(0, 1), (1, 0)] {
                guard let matmul = producerOf(add.inputs[mmSide]),
                      matmul.domain == Domain.onnx, matmul.opType == "MatMul", matmul.inputs.count == 2,
                      ranks[matmul.inputs[0]] == 2,
                      let weights = constants[matmul.inputs[1]], weights.rank == 2,
                      let bias = constants[add.inputs[biasSide]], bias.dtype == weights.dtype,
                      weights.dtype == .float32 || weights.dtype == .float64,
                      bias.shape == [weights.shape[1]] || bias.shape == [1, weights.shape[1]] else { continue }
                let gemm = Node(
                    name: add.name, opType: "Gemm", domain: Domain.onnx,
                    inputs: [matmul.inputs[0], matmul.inputs[1], add.inputs[biasSide]],
                    outputs: add.outputs, attributes: [:])
                return Fusion(node: gemm, consumed: add.inputs[mmSide])
            }
            return nil
        }
    }

    /// Folds `BatchNormalization(Conv(X, W, B))` into the convolution's weights and bias when
    /// all of them are float32 constants and nothing else reads the convolution's result.
    func foldBatchNormalizationIntoConv(_ graph: Graph) -> Graph {
        let constants = Self.constants(graph)
        return Self.fuseWithProducers(graph) { bn, producerOf in
            guard bn.domain == Domain.onnx, bn.opType == "BatchNormalization",
                  bn.inputs.count == 5, bn.outputs.count == 1 || bn.outputs.dropFirst().allSatisfy(\.isEmpty),
                  (try? NodeContext(node: bn, opset: 1).int("training_mode", default: 0)) == 0,
                  let conv = producerOf(bn.inputs[0]),
                  conv.domain == Domain.onnx, conv.opType == "Conv",
                  conv.inputs.count >= 2, let weights = constants[conv.inputs[1]]?.elements(Float.self),
                  let shape = constants[conv.inputs[1]]?.shape, let channels = shape.first, channels > 0,
                  let scale = constants[bn.inputs[1]]?.elements(Float.self), let shift = constants[bn.inputs[2]]?.elements(Float.self),
                  let mean = constants[bn.inputs[3]]?.elements(Float.self), let variance = constants[bn.inputs[4]]?.elements(Float.self),
                  [scale.count, shift.count, mean.count, variance.count].allSatisfy({ $0 == channels }) else { return nil }
            var bias = [Float](repeating: 0, count: channels)
            if conv.inputs.count > 2, !conv.inputs[2].isEmpty {
                guard let given = constants[conv.inputs[2]]?.elements(Float.self), given.count == channels else { return nil }
                bias = given
            }
            let epsilon = (try? NodeContext(node: bn, opset: 1).float("epsilon", default: 1e-5)) ?? 1e-5
            let perChannel = weights.count / channels
            var folded = weights
            for k in 0..<channels {
                let factor = scale[k] / (variance[k] + epsilon).squareRoot()
                for j in 0..<perChannel { folded[k * perChannel + j] *= factor }
                bias[k] = (bias[k] - mean[k]) * factor + shift[k]
            }
            let weightName = "\(bn.name)/folded_weights", biasName = "\(bn.name)/folded_bias"
            var fused = conv
            fused.inputs = [conv.inputs[0], weightName, biasName]
            fused.outputs = [bn.outputs[0]]
            return Fusion(node: fused, consumed: bn.inputs[0], initializers: [
                weightName: Tensor(unchecked: shape, folded),
                biasName: Tensor(unchecked: [channels], bias),
            ])
        }
    }

    /// Ranks of values where they can be told without running: declared shapes, constants,
    /// and a few ops whose output rank follows from their inputs'.
    static func inferRanks(_ graph: Graph) -> [String: Int] {
        var ranks: [String: Int] = [:]
        for info in graph.inputs + Array(graph.valueInfos.values) + graph.outputs {
            if case .tensor(_, let dims?) = info.type { ranks[info.name] = dims.count }
        }
        for (name, tensor) in graph.initializers { ranks[name] = tensor.rank }
        let sameRank: Set<String> = [
            "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "Selu", "Softmax", "LogSoftmax", "Cast", "Identity",
            "Dropout", "Abs", "Neg", "Exp", "Log", "Sqrt", "Erf", "Gelu", "HardSigmoid", "HardSwish", "Softplus", "Clip",
        ]
        let broadcasting: Set<String> = ["Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "PRelu"]
        for node in topologicallySorted(graph.nodes, available: Set(ranks.keys)) where node.domain == Domain.onnx {
            guard let output = node.outputs.first, !output.isEmpty, ranks[output] == nil else { continue }
            let inputRanks = node.inputs.map { ranks[$0] }
            switch node.opType {
            case _ where sameRank.contains(node.opType):
                if let r = inputRanks.first ?? nil { ranks[output] = r }
            case _ where broadcasting.contains(node.opType):
                if inputRanks.allSatisfy({ $0 != nil }) { ranks[output] = inputRanks.compactMap { $0 }.max() }
            case "Gemm", "Flatten":
                ranks[output] = 2
            case "MatMul":
                if let a = inputRanks.first ?? nil, let b = inputRanks.dropFirst().first ?? nil, a >= 2, b >= 2 { ranks[output] = max(a, b) }
            default:
                break
            }
        }
        return ranks
    }
}
