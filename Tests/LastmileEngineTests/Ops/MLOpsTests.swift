import LastmileTensor
import Testing
@testable import LastmileEngine

// Reference cases (MLOps*ReferenceTests.swift) hold inputs and outputs of one-node models run
// in onnxruntime 1.23.2, copied as literals. Other tests compute their expectations by hand.

/// One ai.onnx.ml node run in onnxruntime: its attributes, inputs and outputs.
struct MLReferenceCase: Sendable, CustomTestStringConvertible {
    let name: String
    let op: String
    let opset: Int
    let attributes: [String: Attribute]
    let inputs: [Tensor]
    let expected: [Tensor]

    init(_ name: String, _ op: String, opset: Int, attributes: [String: Attribute], inputs: [Tensor], expected: [Tensor]) {
        self.name = name
        self.op = op
        self.opset = opset
        self.attributes = attributes
        self.inputs = inputs
        self.expected = expected
    }

    var testDescription: String { name }

    /// Runs the node and returns a description of the first difference from onnxruntime, or nil.
    func mismatch() throws -> String? {
        let outputs = try OpRegistry.standard.runNode(
            op, domain: Domain.ml, opset: opset, inputs: inputs.map { .tensor($0) },
            attributes: attributes, outputCount: expected.count)
        guard outputs.count >= expected.count else { return "\(outputs.count) outputs, expected \(expected.count)" }
        for (i, want) in expected.enumerated() {
            guard let got = outputs[i].tensor else { return "output \(i) is not a tensor" }
            if let problem = mlDifference(got, want) { return "output \(i): \(problem)" }
        }
        return nil
    }
}

/// The first difference between two tensors: type, shape, or an element beyond tolerance.
func mlDifference(_ got: Tensor, _ want: Tensor, rtol: Double = 1e-5, atol: Double = 2e-6) -> String? {
    guard got.dtype == want.dtype else { return "dtype \(got.dtype), expected \(want.dtype)" }
    guard got.shape == want.shape else { return "shape \(got.shape), expected \(want.shape)" }
    if want.dtype.isFloatingPoint {
        let a = got.doubles ?? [], b = want.doubles ?? []
        for i in b.indices {
            let same = (a[i].isNaN && b[i].isNaN) || a[i] == b[i] || abs(a[i] - b[i]) <= atol + rtol * abs(b[i])
            if !same { return "element \(i) is \(a[i]), expected \(b[i])" }
        }
        return nil
    }
    return got == want ? nil : "elements differ"
}

/// Runs an ml node on tensors.
func runML(
    _ op: String, opset: Int = 1, _ inputs: [Tensor], _ attributes: [String: Attribute], outputs: Int = 1
) throws -> [Value] {
    try OpRegistry.standard.runNode(
        op, domain: Domain.ml, opset: opset, inputs: inputs.map { .tensor($0) }, attributes: attributes, outputCount: outputs)
}

@Suite struct MLOpsTests {
    @Test(arguments: linearAndPreprocessingCases + treeEnsembleCases + svmCases)
    func matchesOnnxruntime(_ reference: MLReferenceCase) throws {
        // Given a node onnxruntime ran, when the engine runs it, then the outputs agree
        let problem = try reference.mismatch()
        #expect(problem == nil, "\(reference.name): \(problem ?? "")")
    }
}

// MARK: - Behaviour worked out by hand

@Suite struct MLOpsBehaviourTests {
    @Test func zipMapGivesOneSortedMapPerRow() throws {
        // Given two rows of scores for labels given out of order
        let scores = Tensor(unchecked: [2, 3], [0.1, 0.7, 0.2, 0.5, 0.25, 0.25] as [Float])

        // When ZipMap pairs them with string and int64 labels
        let strings = try runML("ZipMap", [scores], ["classlabels_strings": .strings(["dog", "bird", "cat"])])
        let ints = try runML("ZipMap", [scores], ["classlabels_int64s": .ints([30, 10, 20])])

        // Then each output is a sequence of maps whose keys are sorted, as onnxruntime's std::map
        guard case .sequence(let rows) = strings[0], rows.count == 2, case .map(let first) = rows[0] else {
            Issue.record("expected a sequence of 2 maps, got \(strings[0].typeDescription)")
            return
        }
        #expect(first.keys == Tensor(unchecked: [3], ["bird", "cat", "dog"]))
        #expect(first.values == Tensor(unchecked: [3], [0.7, 0.2, 0.1] as [Float]))
        #expect(strings[0].typeDescription == "seq(map(string,tensor(float)))")
        guard case .sequence(let intRows) = ints[0], case .map(let second) = intRows[1] else {
            Issue.record("expected a sequence of maps")
            return
        }
        #expect(second.keys == Tensor(unchecked: [3], [10, 20, 30] as [Int64]))
        #expect(second.values == Tensor(unchecked: [3], [0.25, 0.25, 0.5] as [Float]))
    }

    @Test func zipMapRejectsAColumnCountThatDoesNotMatchTheLabels() {
        #expect(throws: OpError.self) {
            try runML("ZipMap", [Tensor(unchecked: [1, 2], [0.5, 0.5] as [Float])], ["classlabels_int64s": .ints([1, 2, 3])])
        }
    }

    @Test func dictVectorizerWritesValuesInVocabularyOrder() throws {
        // Given a map from string keys to doubles
        let map = try MapValue(keys: Tensor(unchecked: [2], ["b", "z"]), values: Tensor(unchecked: [2], [2.5, 9.0] as [Double]))

        // When it is vectorised over a vocabulary that lacks "z" and has "a" unmapped
        let out = try OpRegistry.standard.runNode(
            "DictVectorizer", domain: Domain.ml, opset: 1, inputs: [.map(map)],
            attributes: ["string_vocabulary": .strings(["a", "b", "c"])])

        // Then the vocabulary's order is kept and missing keys are zero
        #expect(out[0].tensor == Tensor(unchecked: [1, 3], [0, 2.5, 0] as [Double]))
    }

    @Test func featureVectorizerConcatenatesMixedTypesAsFloat() throws {
        // Given an int64, a double and a float input, one of them wider than its declared size
        let a = Tensor(unchecked: [2, 1], [1, 2] as [Int64])
        let b = Tensor(unchecked: [2, 3], [0.5, 1.5, 9, 2.5, 3.5, 9] as [Double])
        let c = Tensor(unchecked: [2, 1], [7, 8] as [Float])

        // When they are vectorised with dimensions [1, 2, 3]
        let out = try runML("FeatureVectorizer", [a, b, c], ["inputdimensions": .ints([1, 2, 3])])

        // Then extra columns are cut and missing ones padded with zeros
        #expect(out[0].tensor == Tensor(unchecked: [2, 6], [1, 0.5, 1.5, 7, 0, 0, 2, 2.5, 3.5, 8, 0, 0] as [Float]))
    }

    @Test func treeEnsembleKeepsFloat16() throws {
        // Given a one-split TreeEnsemble and a float16 input
        let attributes: [String: Attribute] = [
            "n_targets": .int(1), "tree_roots": .ints([0]),
            "nodes_modes": .tensor(Tensor(unchecked: [1], [0] as [UInt8])), "nodes_featureids": .ints([0]),
            "nodes_splits": .tensor(Tensor(unchecked: [1], [0.5] as [Float16])),
            "nodes_truenodeids": .ints([0]), "nodes_trueleafs": .ints([1]),
            "nodes_falsenodeids": .ints([1]), "nodes_falseleafs": .ints([1]),
            "leaf_targetids": .ints([0, 0]), "leaf_weights": .tensor(Tensor(unchecked: [2], [1.5, -2] as [Float16])),
        ]
        let out = try runML("TreeEnsemble", opset: 5, [Tensor(unchecked: [2, 1], [0.25, 0.75] as [Float16])], attributes)

        // Then the output is float16 too
        #expect(out[0].tensor == Tensor(unchecked: [2, 1], [1.5, -2] as [Float16]))
    }

    @Test func imputerReplacesNaNWithThePerFeatureValue() throws {
        let x = Tensor(unchecked: [2, 2], [Double.nan, 1, 3, .nan])
        let out = try runML("Imputer", [x], ["imputed_value_floats": .floats([5, 6]), "replaced_value_float": .float(.nan)])
        #expect(out[0].tensor == Tensor(unchecked: [2, 2], [5, 1, 3, 6] as [Double]))
    }

    @Test func arrayFeatureExtractorCountsNegativeIndicesFromTheEnd() throws {
        let x = Tensor(unchecked: [2, 3], [1, 2, 3, 4, 5, 6] as [Float])
        let out = try runML("ArrayFeatureExtractor", [x, Tensor(unchecked: [2], [-1, 0] as [Int64])], [:])
        #expect(out[0].tensor == Tensor(unchecked: [2, 2], [3, 1, 6, 4] as [Float]))
    }

    @Test func labelEncoderOpset4MapsIntsToInt16Tensors() throws {
        let attributes: [String: Attribute] = [
            "keys_tensor": .tensor(Tensor(unchecked: [2], [1, 2] as [Int64])),
            "values_tensor": .tensor(Tensor(unchecked: [2], [10, 20] as [Int16])),
            "default_tensor": .tensor(Tensor(unchecked: [1], [-7] as [Int16])),
        ]
        let out = try runML("LabelEncoder", opset: 4, [Tensor(unchecked: [3], [2, 5, 1] as [Int64])], attributes)
        #expect(out[0].tensor == Tensor(unchecked: [3], [20, -7, 10] as [Int16]))
    }
}

// MARK: - Errors: bad attributes and inputs throw, never crash

@Suite struct MLOpsErrorTests {
    private static let leafPair: [String: Attribute] = [
        "nodes_treeids": .ints([0, 0, 0]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_featureids": .ints([1, 0, 0]),
        "nodes_values": .floats([0.5, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]),
        "nodes_truenodeids": .ints([1, 0, 0]), "nodes_falsenodeids": .ints([2, 0, 0]),
        "target_treeids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_ids": .ints([0, 0]),
        "target_weights": .floats([1, 2]), "n_targets": .int(1),
    ]

    private func regressor(_ changes: [String: Attribute], input: Tensor = Tensor(unchecked: [1, 2], [0, 1] as [Float])) throws {
        _ = try runML("TreeEnsembleRegressor", [input], Self.leafPair.merging(changes) { $1 })
    }

    @Test func treeWithTooFewInputFeaturesThrows() {
        #expect(throws: OpError.self) { try regressor([:], input: Tensor(unchecked: [1, 1], [0] as [Float])) }
    }

    @Test func treeWithACycleThrows() {
        // node 1 is a branch whose true child is node 0, its parent
        let cycle: [String: Attribute] = [
            "nodes_modes": .strings(["BRANCH_LEQ", "BRANCH_LEQ", "LEAF"]),
            "nodes_truenodeids": .ints([1, 0, 0]), "nodes_falsenodeids": .ints([2, 2, 0]),
            "target_treeids": .ints([0]), "target_nodeids": .ints([2]), "target_ids": .ints([0]), "target_weights": .floats([1]),
        ]
        #expect(throws: OpError.self) { try regressor(cycle) }
    }

    @Test func treeNodePointingToItselfOrNowhereThrows() {
        #expect(throws: OpError.self) { try regressor(["nodes_truenodeids": .ints([0, 0, 0])]) }
        #expect(throws: OpError.self) { try regressor(["nodes_falsenodeids": .ints([9, 0, 0])]) }
    }

    @Test func treeLeafWithoutWeightThrows() {
        #expect(throws: OpError.self) {
            try regressor(["target_treeids": .ints([0]), "target_nodeids": .ints([1]), "target_ids": .ints([0]), "target_weights": .floats([1])])
        }
    }

    @Test func treeWeightForAnUnknownTargetThrows() {
        #expect(throws: OpError.self) { try regressor(["target_ids": .ints([0, 3])]) }
    }

    @Test func treeAttributesOfDifferentLengthsThrow() {
        #expect(throws: OpError.self) { try regressor(["nodes_values": .floats([0.5])]) }
        #expect(throws: OpError.self) { try regressor(["nodes_modes": .strings(["BRANCH_SOMETIMES", "LEAF", "LEAF"])]) }
        #expect(throws: OpError.self) { try regressor(["aggregate_function": .string("MEDIAN")]) }
        #expect(throws: OpError.self) { try regressor(["post_transform": .string("SQUASH")]) }
    }

    @Test func treeEnsembleV5WithBadIndicesThrows() {
        let base: [String: Attribute] = [
            "n_targets": .int(1), "tree_roots": .ints([0]),
            "nodes_modes": .tensor(Tensor(unchecked: [1], [0] as [UInt8])), "nodes_featureids": .ints([0]),
            "nodes_splits": .tensor(Tensor(unchecked: [1], [0.5] as [Float])),
            "nodes_truenodeids": .ints([0]), "nodes_trueleafs": .ints([1]),
            "nodes_falsenodeids": .ints([5]), "nodes_falseleafs": .ints([1]),
            "leaf_targetids": .ints([0]), "leaf_weights": .tensor(Tensor(unchecked: [1], [1] as [Float])),
        ]
        let x = Tensor(unchecked: [1, 1], [0] as [Float])
        #expect(throws: OpError.self) { try runML("TreeEnsemble", opset: 5, [x], base) }
        #expect(throws: OpError.self) {
            try runML("TreeEnsemble", opset: 5, [x], base.merging(["nodes_falsenodeids": .ints([0]), "tree_roots": .ints([3])]) { $1 })
        }
        #expect(throws: OpError.self) {
            try runML("TreeEnsemble", opset: 5, [x], base.merging(["nodes_falsenodeids": .ints([0]), "nodes_modes": .tensor(Tensor(unchecked: [1], [9] as [UInt8]))]) { $1 })
        }
    }

    @Test func classifierInputsOfTheWrongWidthThrow() {
        let svm: [String: Attribute] = [
            "coefficients": .floats([1, 2, 3, 4]), "rho": .floats([0]), "classlabels_ints": .ints([0, 1]),
        ]
        #expect(throws: OpError.self) { try runML("SVMClassifier", [Tensor(unchecked: [1, 3], [1, 2, 3] as [Float])], svm, outputs: 2) }
        let linear: [String: Attribute] = ["coefficients": .floats([1, 2, 3, 4]), "intercepts": .floats([0, 0]), "classlabels_ints": .ints([0, 1])]
        #expect(throws: OpError.self) { try runML("LinearClassifier", [Tensor(unchecked: [1, 3], [1, 2, 3] as [Float])], linear, outputs: 2) }
        #expect(throws: OpError.self) { try runML("LinearClassifier", [Tensor(unchecked: [2], ["a", "b"])], linear, outputs: 2) }
    }

    @Test func preprocessingRejectsBadInputs() {
        #expect(throws: OpError.self) { try runML("Binarizer", [Tensor(unchecked: [2], [1, Float.nan])], [:]) }
        #expect(throws: OpError.self) {
            try runML("OneHotEncoder", [Tensor(unchecked: [1], [5] as [Int64])], ["cats_int64s": .ints([1, 2]), "zeros": .int(0)])
        }
        #expect(throws: OpError.self) {
            try runML("ArrayFeatureExtractor", [Tensor(unchecked: [3], [1, 2, 3] as [Float]), Tensor(unchecked: [1], [3] as [Int64])], [:])
        }
        #expect(throws: OpError.self) {
            try runML("Scaler", [Tensor(unchecked: [1, 3], [1, 2, 3] as [Float])], ["offset": .floats([1, 2]), "scale": .floats([1, 2])])
        }
        #expect(throws: OpError.self) { try runML("Normalizer", [Tensor(unchecked: [1, 1, 2], [1, 2] as [Float])], [:]) }
        #expect(throws: OpError.self) {
            try runML("LabelEncoder", opset: 2, [Tensor(unchecked: [1], [1] as [Float])],
                      ["keys_strings": .strings(["a"]), "values_int64s": .ints([1])])
        }
        #expect(throws: OpError.self) {
            try runML("FeatureVectorizer", [Tensor(unchecked: [1, 1], [1] as [Float])], ["inputdimensions": .ints([1, 1])])
        }
    }
}
