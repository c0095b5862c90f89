import LastmileTensor
@testable import LastmileEngine

// Generated from one-node models run in onnxruntime 1.23.2; the numbers are its outputs.

let treeEnsembleCases: [MLReferenceCase] = [
    MLReferenceCase(
        "regressor two targets SUM NONE", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("SUM"), "base_values": .floats([1.0, 2.0]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("NONE"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [1.5499999523162842, 0.0, 1.149999976158142, 0.0, 1.350000023841858, 0.0] as [Float])]),
    MLReferenceCase(
        "regressor two targets SUM SOFTMAX", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("SUM"), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("SOFTMAX"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.6341356039047241, 0.3658643662929535, 0.5374298095703125, 0.4625701606273651, 0.5866175889968872, 0.4133824110031128] as [Float])]),
    MLReferenceCase(
        "regressor two targets SUM LOGISTIC", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("SUM"), "base_values": .floats([1.0, 2.0]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("LOGISTIC"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.824913740158081, 0.5, 0.75951087474823, 0.5, 0.7941296100616455, 0.5] as [Float])]),
    MLReferenceCase(
        "regressor one target SUM NONE", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("SUM"), "base_values": .floats([1.0]), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("NONE"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [1.5499999523162842, 1.149999976158142, 1.350000023841858] as [Float])]),
    MLReferenceCase(
        "regressor one target SUM LOGISTIC", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("SUM"), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("LOGISTIC"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [0.550000011920929, 0.15000000596046448, 0.3500000238418579] as [Float])]),
    MLReferenceCase(
        "regressor two targets AVERAGE NONE", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("AVERAGE"), "base_values": .floats([1.0, 2.0]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("NONE"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [1.274999976158142, 0.0, 1.0750000476837158, 0.0, 1.1749999523162842, 0.0] as [Float])]),
    MLReferenceCase(
        "regressor two targets AVERAGE SOFTMAX", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("AVERAGE"), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("SOFTMAX"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.5683199763298035, 0.43168002367019653, 0.518741250038147, 0.4812588095664978, 0.5436387062072754, 0.456361323595047] as [Float])]),
    MLReferenceCase(
        "regressor two targets AVERAGE LOGISTIC", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("AVERAGE"), "base_values": .floats([1.0, 2.0]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("LOGISTIC"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.7815974354743958, 0.5, 0.7455466389656067, 0.5, 0.7640475630760193, 0.5] as [Float])]),
    MLReferenceCase(
        "regressor one target AVERAGE NONE", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("AVERAGE"), "base_values": .floats([1.0]), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("NONE"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [1.274999976158142, 1.0750000476837158, 1.1749999523162842] as [Float])]),
    MLReferenceCase(
        "regressor one target AVERAGE LOGISTIC", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("AVERAGE"), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("LOGISTIC"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [0.2750000059604645, 0.07500000298023224, 0.17500001192092896] as [Float])]),
    MLReferenceCase(
        "regressor two targets MIN NONE", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MIN"), "base_values": .floats([1.0, 2.0]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("NONE"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [1.25, 0.0, 1.0499999523162842, 0.0, 1.0499999523162842, 0.0] as [Float])]),
    MLReferenceCase(
        "regressor two targets MIN SOFTMAX", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MIN"), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("SOFTMAX"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.562176525592804, 0.43782350420951843, 0.5124973654747009, 0.4875026047229767, 0.5124973654747009, 0.4875026047229767] as [Float])]),
    MLReferenceCase(
        "regressor two targets MIN LOGISTIC", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MIN"), "base_values": .floats([1.0, 2.0]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("LOGISTIC"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.7772998809814453, 0.5, 0.7407748699188232, 0.5, 0.7407748699188232, 0.5] as [Float])]),
    MLReferenceCase(
        "regressor one target MIN NONE", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MIN"), "base_values": .floats([1.0]), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("NONE"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [1.25, 1.0499999523162842, 1.0499999523162842] as [Float])]),
    MLReferenceCase(
        "regressor one target MIN LOGISTIC", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MIN"), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("LOGISTIC"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [0.25, 0.05000000074505806, 0.05000000074505806] as [Float])]),
    MLReferenceCase(
        "regressor two targets MAX NONE", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MAX"), "base_values": .floats([1.0, 2.0]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("NONE"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [1.2999999523162842, 0.0, 1.100000023841858, 0.0, 1.2999999523162842, 0.0] as [Float])]),
    MLReferenceCase(
        "regressor two targets MAX SOFTMAX", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MAX"), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("SOFTMAX"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.5744425058364868, 0.4255574643611908, 0.5249791741371155, 0.4750208258628845, 0.5744425058364868, 0.4255574643611908] as [Float])]),
    MLReferenceCase(
        "regressor two targets MAX LOGISTIC", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MAX"), "base_values": .floats([1.0, 2.0]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("LOGISTIC"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.7858350276947021, 0.5, 0.7502601146697998, 0.5, 0.7858350276947021, 0.5] as [Float])]),
    MLReferenceCase(
        "regressor one target MAX NONE", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MAX"), "base_values": .floats([1.0]), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("NONE"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [1.2999999523162842, 1.100000023841858, 1.2999999523162842] as [Float])]),
    MLReferenceCase(
        "regressor one target MAX LOGISTIC", "TreeEnsembleRegressor", opset: 1,
        attributes: ["aggregate_function": .string("MAX"), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("LOGISTIC"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [0.30000001192092896, 0.10000000149011612, 0.30000001192092896] as [Float])]),
    MLReferenceCase(
        "regressor one target probit", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("PROBIT"), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([1, 2, 1, 2]), "target_treeids": .ints([0, 0, 1, 1]), "target_weights": .floats([0.30000001192092896, 0.10000000149011612, 0.25, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [0.12566201388835907, -1.0366131067276, -0.38534024357795715] as [Float])]),
    MLReferenceCase(
        "regressor two targets all reached softmax zero", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("SOFTMAX_ZERO"), "target_ids": .ints([0, 1, 1, 1, 0, 1]), "target_nodeids": .ints([1, 1, 2, 1, 2, 2]), "target_treeids": .ints([0, 0, 0, 1, 1, 1]), "target_weights": .floats([0.30000001192092896, -0.20000000298023224, 0.10000000149011612, 0.25, 0.05000000074505806, 0.5])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [0.562176525592804, 0.43782350420951843, 0.3658643662929535, 0.6341356039047241, 0.5124974250793457, 0.4875026047229767] as [Float])]),
    MLReferenceCase(
        "regressor two targets probit", "TreeEnsembleRegressor", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "n_targets": .int(2), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "post_transform": .string("PROBIT"), "target_ids": .ints([0, 1, 1, 1, 0, 1]), "target_nodeids": .ints([1, 1, 2, 1, 2, 2]), "target_treeids": .ints([0, 0, 0, 1, 1, 1]), "target_weights": .floats([0.30000001192092896, -0.20000000298023224, 0.10000000149011612, 0.25, 0.05000000074505806, 0.5])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -0.0, 0.0, 0.0, 0.0, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 2], [-0.12566201388835907, 0.0, -0.12566201388835907, 0.0, -0.12566201388835907, 0.0] as [Float])]),
    MLReferenceCase(
        "regressor one target first weight only", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0]), "target_ids": .ints([0, 0, 0, 0, 0, 0]), "target_nodeids": .ints([1, 1, 2, 1, 2, 2]), "target_treeids": .ints([0, 0, 0, 1, 1, 1]), "target_weights": .floats([0.30000001192092896, -0.20000000298023224, 0.10000000149011612, 0.25, 0.05000000074505806, 0.5])],
        inputs: [Tensor(unchecked: [3, 2], [0.0, -1.0, 1.0, 1.0, 0.5, 0.0] as [Float])],
        expected: [Tensor(unchecked: [3, 1], [0.550000011920929, 0.15000000596046448, 0.3500000238418579] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_LEQ missing 0", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [1.0, 1.0, 2.0, 2.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_LEQ missing 1", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([1, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [1.0, 1.0, 2.0, 1.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_LT missing 0", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [2.0, 1.0, 2.0, 2.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_LT missing 1", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([1, 0, 0]), "nodes_modes": .strings(["BRANCH_LT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [2.0, 1.0, 2.0, 1.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_GTE missing 0", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [1.0, 2.0, 1.0, 2.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_GTE missing 1", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([1, 0, 0]), "nodes_modes": .strings(["BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [1.0, 2.0, 1.0, 1.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_GT missing 0", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_GT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [2.0, 2.0, 1.0, 2.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_GT missing 1", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([1, 0, 0]), "nodes_modes": .strings(["BRANCH_GT", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [2.0, 2.0, 1.0, 1.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_EQ missing 0", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_EQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [1.0, 2.0, 2.0, 2.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_EQ missing 1", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([1, 0, 0]), "nodes_modes": .strings(["BRANCH_EQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [1.0, 2.0, 2.0, 1.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_NEQ missing 0", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_NEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [2.0, 1.0, 1.0, 1.0] as [Float])]),
    MLReferenceCase(
        "regressor mode BRANCH_NEQ missing 1", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_missing_value_tracks_true": .ints([1, 0, 0]), "nodes_modes": .strings(["BRANCH_NEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [4, 1], [0.5, 0.25, 1.0, .nan] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [2.0, 1.0, 1.0, 1.0] as [Float])]),
    MLReferenceCase(
        "regressor mixed modes", "TreeEnsembleRegressor", opset: 1,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([5, 1, 0, 0, 0, 6, 0]), "nodes_featureids": .ints([0, 1, 0, 0, 0, 2, 0]), "nodes_missing_value_tracks_true": .ints([1, 0, 0, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_GT", "BRANCH_LEQ", "LEAF", "LEAF", "LEAF", "BRANCH_NEQ", "LEAF"]), "nodes_nodeids": .ints([0, 4, 2, 1, 3, 5, 6]), "nodes_treeids": .ints([3, 3, 3, 3, 3, 3, 3]), "nodes_truenodeids": .ints([4, 2, 0, 0, 0, 3, 0]), "nodes_values": .floats([0.0, 1.5, 0.0, 0.0, 0.0, 2.0, 0.0]), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([2, 1, 3, 6]), "target_treeids": .ints([3, 3, 3, 3]), "target_weights": .floats([1.0, 2.0, 3.0, 4.0])],
        inputs: [Tensor(unchecked: [6, 3], [1.0, 1.0, 2.0, 1.0, 2.0, 2.0, -1.0, 0.0, 2.0, -1.0, 0.0, 3.0, .nan, 9.0, .nan, 1.0, .nan, 0.0] as [Float])],
        expected: [Tensor(unchecked: [6, 1], [1.0, 2.0, 4.0, 3.0, 2.0, 2.0] as [Float])]),
    MLReferenceCase(
        "regressor mixed modes double input", "TreeEnsembleRegressor", opset: 3,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([5, 1, 0, 0, 0, 6, 0]), "nodes_featureids": .ints([0, 1, 0, 0, 0, 2, 0]), "nodes_missing_value_tracks_true": .ints([1, 0, 0, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_GT", "BRANCH_LEQ", "LEAF", "LEAF", "LEAF", "BRANCH_NEQ", "LEAF"]), "nodes_nodeids": .ints([0, 4, 2, 1, 3, 5, 6]), "nodes_treeids": .ints([3, 3, 3, 3, 3, 3, 3]), "nodes_truenodeids": .ints([4, 2, 0, 0, 0, 3, 0]), "nodes_values": .floats([0.0, 1.5, 0.0, 0.0, 0.0, 2.0, 0.0]), "target_ids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([2, 1, 3, 6]), "target_treeids": .ints([3, 3, 3, 3]), "target_weights": .floats([1.0, 2.0, 3.0, 4.0])],
        inputs: [Tensor(unchecked: [6, 3], [1.0, 1.0, 2.0, 1.0, 2.0, 2.0, -1.0, 0.0, 2.0, -1.0, 0.0, 3.0, .nan, 9.0, .nan, 1.0, .nan, 0.0] as [Double])],
        expected: [Tensor(unchecked: [6, 1], [1.0, 2.0, 4.0, 3.0, 2.0, 2.0] as [Float])]),
    MLReferenceCase(
        "regressor double input float attributes", "TreeEnsembleRegressor", opset: 3,
        attributes: ["n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.10000000149011612, 0.0, 0.0]), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights": .floats([1.0, 2.0])],
        inputs: [Tensor(unchecked: [3, 1], [0.1, 0.10000000149011612, 0.2] as [Double])],
        expected: [Tensor(unchecked: [3, 1], [1.0, 1.0, 2.0] as [Float])]),
    MLReferenceCase(
        "regressor double tensors", "TreeEnsembleRegressor", opset: 3,
        attributes: ["base_values_as_tensor": .tensor(Tensor(unchecked: [1], [0.5] as [Double])), "n_targets": .int(1), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values_as_tensor": .tensor(Tensor(unchecked: [3], [0.100000001, 0.0, 0.0] as [Double])), "target_ids": .ints([0, 0]), "target_nodeids": .ints([1, 2]), "target_treeids": .ints([0, 0]), "target_weights_as_tensor": .tensor(Tensor(unchecked: [2], [1.000000000001, 2.0] as [Double]))],
        inputs: [Tensor(unchecked: [3, 1], [0.1, 0.10000000149011612, 0.2] as [Double])],
        expected: [Tensor(unchecked: [3, 1], [1.5, 2.5, 2.5] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 NONE base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.0, 0.30000001192092896, 0.0, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 NONE base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.0, 0.30000001192092896, 0.0, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 NONE base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 0] as [Int64]), Tensor(unchecked: [2, 2], [0.0, 0.20000000298023224, 0.0, 0.20000000298023224] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 LOGISTIC base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5, 0.5744425058364868, 0.5, 0.6899744868278503] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 LOGISTIC base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5, 0.5744425058364868, 0.5, 0.6899744868278503] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 LOGISTIC base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 0] as [Int64]), Tensor(unchecked: [2, 2], [0.5, 0.5498339533805847, 0.5, 0.5498339533805847] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 SOFTMAX base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.4255574643611908, 0.5744425058364868, 0.31002554297447205, 0.6899744868278503] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 SOFTMAX base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.4255574643611908, 0.5744425058364868, 0.31002554297447205, 0.6899744868278503] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 1 SOFTMAX base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 0] as [Int64]), Tensor(unchecked: [2, 2], [0.4501659870147705, 0.5498339533805847, 0.4501659870147705, 0.5498339533805847] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 NONE base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.699999988079071, 0.30000001192092896, 0.19999998807907104, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 NONE base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.6000000238418579, 0.4000000059604645, 0.09999996423721313, 0.9000000357627869] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 NONE base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.4000000059604645, 0.0, 0.9000000357627869, 0.0] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 LOGISTIC base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.699999988079071, 0.30000001192092896, 0.19999998807907104, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 LOGISTIC base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.6000000238418579, 0.4000000059604645, 0.09999996423721313, 0.9000000357627869] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 LOGISTIC base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5986876487731934, 0.5, 0.7109494805335999, 0.5] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 SOFTMAX base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.699999988079071, 0.30000001192092896, 0.19999998807907104, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 SOFTMAX base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.6000000238418579, 0.4000000059604645, 0.09999996423721313, 0.9000000357627869] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [0.3, 0.8] class 0 SOFTMAX base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5986876487731934, 0.40131232142448425, 0.7109494805335999, 0.28905048966407776] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 NONE base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.0, -0.4000000059604645, 0.0, 0.6000000238418579] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 NONE base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.0, -0.4000000059604645, 0.0, 0.6000000238418579] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 NONE base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [1, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.0, 0.20000000298023224, 0.0, 0.20000000298023224] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 LOGISTIC base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5, 0.40131235122680664, 0.5, 0.6456562876701355] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 LOGISTIC base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5, 0.40131235122680664, 0.5, 0.6456562876701355] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 LOGISTIC base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [1, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5, 0.5498339533805847, 0.5, 0.5498339533805847] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 SOFTMAX base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5986876487731934, 0.40131232142448425, 0.3543436825275421, 0.6456562876701355] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 SOFTMAX base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5986876487731934, 0.40131232142448425, 0.3543436825275421, 0.6456562876701355] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 1 SOFTMAX base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [1, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.4501659870147705, 0.5498339533805847, 0.4501659870147705, 0.5498339533805847] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 NONE base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.4000000059604645, -0.4000000059604645, -0.6000000238418579, 0.6000000238418579] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 NONE base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.30000001192092896, -0.30000001192092896, -0.7000000476837158, 0.7000000476837158] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 NONE base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [-0.30000001192092896, 0.0, 0.7000000476837158, 0.0] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 LOGISTIC base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5986876487731934, 0.40131235122680664, 0.3543437123298645, 0.6456562876701355] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 LOGISTIC base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5744425058364868, 0.4255574941635132, 0.33181220293045044, 0.6681877970695496] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 LOGISTIC base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.4255574941635132, 0.5, 0.6681877970695496, 0.5] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 SOFTMAX base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.4000000059604645, -0.4000000059604645, -0.6000000238418579, 0.6000000238418579] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 SOFTMAX base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.30000001192092896, -0.30000001192092896, -0.7000000476837158, 0.7000000476837158] as [Float])]),
    MLReferenceCase(
        "classifier binary weights [-0.4, 0.6] class 0 SOFTMAX base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.4255574643611908, 0.5744425058364868, 0.6681877970695496, 0.3318122327327728] as [Float])]),
    MLReferenceCase(
        "classifier binary probit", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("PROBIT")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [-.infinity, -0.5244458913803101, -.infinity, 0.8417561054229736] as [Float])]),
    MLReferenceCase(
        "classifier binary class 0 probit", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 0]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("PROBIT")],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [-0.5244458913803101, 0.0, 0.8417561054229736, 0.0] as [Float])]),
    MLReferenceCase(
        "classifier two classes both weighted base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 1, 0, 1]), "class_nodeids": .ints([1, 1, 2, 2]), "class_treeids": .ints([0, 0, 0, 0]), "class_weights": .floats([0.699999988079071, 0.30000001192092896, 0.20000000298023224, 0.800000011920929]), "classlabels_int64s": .ints([3, 7]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0])],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [1, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.699999988079071, 0.30000001192092896, 0.20000000298023224, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier two classes both weighted base [0.1]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612]), "class_ids": .ints([0, 1, 0, 1]), "class_nodeids": .ints([1, 1, 2, 2]), "class_treeids": .ints([0, 0, 0, 0]), "class_weights": .floats([0.699999988079071, 0.30000001192092896, 0.20000000298023224, 0.800000011920929]), "classlabels_int64s": .ints([3, 7]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0])],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [1, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.800000011920929, 0.30000001192092896, 0.30000001192092896, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier two classes both weighted base [0.1, 0.2]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224]), "class_ids": .ints([0, 1, 0, 1]), "class_nodeids": .ints([1, 1, 2, 2]), "class_treeids": .ints([0, 0, 0, 0]), "class_weights": .floats([0.699999988079071, 0.30000001192092896, 0.20000000298023224, 0.800000011920929]), "classlabels_int64s": .ints([3, 7]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0])],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], [1, 1] as [Int64]), Tensor(unchecked: [2, 2], [-0.8999999761581421, 0.8999999761581421, -0.4000000059604645, 0.4000000059604645] as [Float])]),
    MLReferenceCase(
        "classifier binary string labels", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([0.30000001192092896, 0.800000011920929]), "classlabels_strings": .strings(["no", "yes"]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0])],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2], ["no", "yes"] as [String]), Tensor(unchecked: [2, 2], [0.0, 0.30000001192092896, 0.0, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier binary int64 input", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [2, 1], [0, 1] as [Int64])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.5, 0.4255574941635132, 0.5, 0.6899744868278503] as [Float])]),
    MLReferenceCase(
        "classifier binary int32 input", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([1, 1]), "class_nodeids": .ints([1, 2]), "class_treeids": .ints([0, 0]), "class_weights": .floats([-0.30000001192092896, 0.800000011920929]), "classlabels_int64s": .ints([0, 1]), "nodes_falsenodeids": .ints([2, 0, 0]), "nodes_featureids": .ints([0, 0, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2]), "nodes_treeids": .ints([0, 0, 0]), "nodes_truenodeids": .ints([1, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0])],
        inputs: [Tensor(unchecked: [2, 1], [0, 1] as [Int32])],
        expected: [Tensor(unchecked: [2], [0, 1] as [Int64]), Tensor(unchecked: [2, 2], [0.0, -0.30000001192092896, 0.0, 0.800000011920929] as [Float])]),
    MLReferenceCase(
        "classifier three classes NONE base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 1, 2, 2, 0, 1]), "class_nodeids": .ints([1, 2, 2, 1, 3, 4]), "class_treeids": .ints([0, 0, 0, 1, 1, 1]), "class_weights": .floats([0.5, 0.25, 0.25, 0.8999999761581421, 0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([5, 6, 7]), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 4, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2, 3, 4]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 3, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [4, 2], [0.0, -1.0, 1.0, 2.0, 1.0, 0.5, 0.20000000298023224, 0.5] as [Float])],
        expected: [Tensor(unchecked: [4], [7, 5, 5, 5] as [Int64]), Tensor(unchecked: [4, 3], [0.5, 0.0, 0.8999999761581421, 0.4000000059604645, 0.25, 0.25, 0.4000000059604645, 0.25, 0.25, 0.8999999761581421, 0.0, 0.0] as [Float])]),
    MLReferenceCase(
        "classifier three classes SOFTMAX base [0.1, 0.2, 0.3]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224, 0.30000001192092896]), "class_ids": .ints([0, 1, 2, 2, 0, 1]), "class_nodeids": .ints([1, 2, 2, 1, 3, 4]), "class_treeids": .ints([0, 0, 0, 1, 1, 1]), "class_weights": .floats([0.5, 0.25, 0.25, 0.8999999761581421, 0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([5, 6, 7]), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 4, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2, 3, 4]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 3, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [4, 2], [0.0, -1.0, 1.0, 2.0, 1.0, 0.5, 0.20000000298023224, 0.5] as [Float])],
        expected: [Tensor(unchecked: [4], [7, 7, 7, 5] as [Int64]), Tensor(unchecked: [4, 3], [0.2863328456878662, 0.19193466007709503, 0.5217325091362, 0.3330557346343994, 0.3168123960494995, 0.3501318693161011, 0.3330557346343994, 0.3168123960494995, 0.3501318693161011, 0.5138972401618958, 0.23090891540050507, 0.255193829536438] as [Float])]),
    MLReferenceCase(
        "classifier three classes LOGISTIC base [0.1, 0.2, 0.3]", "TreeEnsembleClassifier", opset: 1,
        attributes: ["base_values": .floats([0.10000000149011612, 0.20000000298023224, 0.30000001192092896]), "class_ids": .ints([0, 1, 2, 2, 0, 1]), "class_nodeids": .ints([1, 2, 2, 1, 3, 4]), "class_treeids": .ints([0, 0, 0, 1, 1, 1]), "class_weights": .floats([0.5, 0.25, 0.25, 0.8999999761581421, 0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([5, 6, 7]), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 4, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2, 3, 4]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 3, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [4, 2], [0.0, -1.0, 1.0, 2.0, 1.0, 0.5, 0.20000000298023224, 0.5] as [Float])],
        expected: [Tensor(unchecked: [4], [7, 7, 7, 5] as [Int64]), Tensor(unchecked: [4, 3], [0.6456562876701355, 0.5498339533805847, 0.7685248255729675, 0.622459352016449, 0.6106392741203308, 0.6341356039047241, 0.622459352016449, 0.6106392741203308, 0.6341356039047241, 0.7310585975646973, 0.5498339533805847, 0.5744425058364868] as [Float])]),
    MLReferenceCase(
        "classifier three classes SOFTMAX_ZERO base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 1, 2, 2, 0, 1]), "class_nodeids": .ints([1, 2, 2, 1, 3, 4]), "class_treeids": .ints([0, 0, 0, 1, 1, 1]), "class_weights": .floats([0.5, 0.25, 0.25, 0.8999999761581421, 0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([5, 6, 7]), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 4, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2, 3, 4]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 3, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0]), "post_transform": .string("SOFTMAX_ZERO")],
        inputs: [Tensor(unchecked: [4, 2], [0.0, -1.0, 1.0, 2.0, 1.0, 0.5, 0.20000000298023224, 0.5] as [Float])],
        expected: [Tensor(unchecked: [4], [7, 5, 5, 5] as [Int64]), Tensor(unchecked: [4, 3], [0.40131232142448425, 0.0, 0.5986876487731934, 0.36745578050613403, 0.316272109746933, 0.316272109746933, 0.36745578050613403, 0.316272109746933, 0.316272109746933, 1.0, 0.0, 0.0] as [Float])]),
    MLReferenceCase(
        "classifier three classes PROBIT base None", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 1, 2, 2, 0, 1]), "class_nodeids": .ints([1, 2, 2, 1, 3, 4]), "class_treeids": .ints([0, 0, 0, 1, 1, 1]), "class_weights": .floats([0.5, 0.25, 0.25, 0.8999999761581421, 0.4000000059604645, 0.6000000238418579]), "classlabels_int64s": .ints([5, 6, 7]), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 4, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2, 3, 4]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 3, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0]), "post_transform": .string("PROBIT")],
        inputs: [Tensor(unchecked: [4, 2], [0.0, -1.0, 1.0, 2.0, 1.0, 0.5, 0.20000000298023224, 0.5] as [Float])],
        expected: [Tensor(unchecked: [4], [7, 5, 5, 5] as [Int64]), Tensor(unchecked: [4, 3], [0.0, -.infinity, 1.2817128896713257, -0.2533535063266754, -0.6745743155479431, -0.6745743155479431, -0.2533535063266754, -0.6745743155479431, -0.6745743155479431, 1.2817128896713257, -.infinity, -.infinity] as [Float])]),
    MLReferenceCase(
        "classifier three classes strings double input", "TreeEnsembleClassifier", opset: 1,
        attributes: ["class_ids": .ints([0, 1, 2, 2, 0, 1]), "class_nodeids": .ints([1, 2, 2, 1, 3, 4]), "class_treeids": .ints([0, 0, 0, 1, 1, 1]), "class_weights": .floats([0.5, 0.25, 0.25, 0.8999999761581421, 0.4000000059604645, 0.6000000238418579]), "classlabels_strings": .strings(["a", "b", "c"]), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 4, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2, 3, 4]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 3, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [4, 2], [0.0, -1.0, 1.0, 2.0, 1.0, 0.5, 0.20000000298023224, 0.5] as [Double])],
        expected: [Tensor(unchecked: [4], ["c", "a", "a", "a"] as [String]), Tensor(unchecked: [4, 3], [0.32275184988975525, 0.1957589089870453, 0.4814892113208771, 0.36745578050613403, 0.316272109746933, 0.316272109746933, 0.36745578050613403, 0.316272109746933, 0.316272109746933, 0.551529586315155, 0.2242351919412613, 0.2242351919412613] as [Float])]),
    MLReferenceCase(
        "classifier three classes double tensors", "TreeEnsembleClassifier", opset: 3,
        attributes: ["base_values_as_tensor": .tensor(Tensor(unchecked: [3], [0.125, 0.0, -0.5] as [Double])), "class_ids": .ints([0, 1, 2, 2, 0, 1]), "class_nodeids": .ints([1, 2, 2, 1, 3, 4]), "class_treeids": .ints([0, 0, 0, 1, 1, 1]), "class_weights_as_tensor": .tensor(Tensor(unchecked: [6], [0.5, 0.25, 0.25, 0.9, 0.4, 0.6] as [Double])), "classlabels_int64s": .ints([5, 6, 7]), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 4, 0, 0]), "nodes_featureids": .ints([0, 0, 0, 1, 0, 0, 1, 0]), "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LT", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2, 3, 4]), "nodes_treeids": .ints([0, 0, 0, 1, 1, 1, 1, 1]), "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 3, 0, 0]), "nodes_values": .floats([0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0])],
        inputs: [Tensor(unchecked: [4, 2], [0.0, -1.0, 1.0, 2.0, 1.0, 0.5, 0.20000000298023224, 0.5] as [Double])],
        expected: [Tensor(unchecked: [4], [5, 5, 5, 5] as [Int64]), Tensor(unchecked: [4, 3], [0.625, 0.0, 0.4000000059604645, 0.5249999761581421, 0.25, -0.25, 0.5249999761581421, 0.25, -0.25, 1.024999976158142, 0.0, -0.5] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 transform 0 aggregate 1", "TreeEnsemble", opset: 5,
        attributes: ["aggregate_function": .int(1), "leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, -0.6000000238418579] as [Float])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Float])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Float])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "post_transform": .int(0), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Float])],
        expected: [Tensor(unchecked: [5, 2], [0.10000000149011612, -0.6000000238418579, 0.0, 0.6000000238418579, 0.30000001192092896, 0.4000000059604645, 0.0, 0.6000000238418579, 0.0, -0.40000003576278687] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 transform 0 aggregate 0", "TreeEnsemble", opset: 5,
        attributes: ["aggregate_function": .int(0), "leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, -0.6000000238418579] as [Float])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Float])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Float])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "post_transform": .int(0), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Float])],
        expected: [Tensor(unchecked: [5, 2], [0.05000000074505806, -0.30000001192092896, 0.0, 0.30000001192092896, 0.15000000596046448, 0.20000000298023224, 0.0, 0.30000001192092896, 0.0, -0.20000001788139343] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 transform 0 aggregate 2", "TreeEnsemble", opset: 5,
        attributes: ["aggregate_function": .int(2), "leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, -0.6000000238418579] as [Float])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Float])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Float])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "post_transform": .int(0), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Float])],
        expected: [Tensor(unchecked: [5, 2], [0.10000000149011612, -0.6000000238418579, 0.0, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, 0.0, 0.20000000298023224, 0.0, -0.6000000238418579] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 transform 0 aggregate 3", "TreeEnsemble", opset: 5,
        attributes: ["aggregate_function": .int(3), "leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, -0.6000000238418579] as [Float])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Float])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Float])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "post_transform": .int(0), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Float])],
        expected: [Tensor(unchecked: [5, 2], [0.10000000149011612, -0.6000000238418579, 0.0, 0.4000000059604645, 0.30000001192092896, 0.4000000059604645, 0.0, 0.4000000059604645, 0.0, 0.20000000298023224] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 transform 1 aggregate 1", "TreeEnsemble", opset: 5,
        attributes: ["aggregate_function": .int(1), "leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, -0.6000000238418579] as [Float])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Float])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Float])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "post_transform": .int(1), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Float])],
        expected: [Tensor(unchecked: [5, 2], [0.5249791741371155, 0.3543437123298645, 0.5, 0.6456562876701355, 0.5744425058364868, 0.5986876487731934, 0.5, 0.6456562876701355, 0.5, 0.40131235122680664] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 transform 2 aggregate 1", "TreeEnsemble", opset: 5,
        attributes: ["aggregate_function": .int(1), "leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, -0.6000000238418579] as [Float])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Float])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Float])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "post_transform": .int(2), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Float])],
        expected: [Tensor(unchecked: [5, 2], [0.6681877970695496, 0.3318122327327728, 0.3543436825275421, 0.6456562876701355, 0.4750208258628845, 0.5249791741371155, 0.3543436825275421, 0.6456562876701355, 0.5986876487731934, 0.40131232142448425] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 transform 3 aggregate 1", "TreeEnsemble", opset: 5,
        attributes: ["aggregate_function": .int(1), "leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, -0.6000000238418579] as [Float])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Float])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Float])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "post_transform": .int(3), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Float])],
        expected: [Tensor(unchecked: [5, 2], [0.6681877970695496, 0.3318122327327728, 0.0, 1.0, 0.4750208258628845, 0.5249791741371155, 0.0, 1.0, 0.0, 1.0] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 transform 4 aggregate 1", "TreeEnsemble", opset: 5,
        attributes: ["aggregate_function": .int(1), "leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.10000000149011612, 0.20000000298023224, 0.30000001192092896, 0.4000000059604645, -0.6000000238418579] as [Float])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Float])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Float])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "post_transform": .int(4), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Float])],
        expected: [Tensor(unchecked: [5, 2], [-1.2817128896713257, .nan, -.infinity, 0.2533535063266754, -0.5244458913803101, -0.2533535063266754, -.infinity, 0.2533535063266754, -.infinity, .nan] as [Float])]),
    MLReferenceCase(
        "tree ensemble v5 double", "TreeEnsemble", opset: 5,
        attributes: ["leaf_targetids": .ints([0, 1, 0, 1, 1]), "leaf_weights": .tensor(Tensor(unchecked: [5], [0.1, 0.2, 0.3, 0.4, -0.6] as [Double])), "membership_values": .tensor(Tensor(unchecked: [3], [1.0, 3.0, .nan] as [Double])), "n_targets": .int(2), "nodes_falseleafs": .ints([0, 1, 1]), "nodes_falsenodeids": .ints([1, 2, 4]), "nodes_featureids": .ints([0, 1, 1]), "nodes_missing_value_tracks_true": .ints([0, 1, 0]), "nodes_modes": .tensor(Tensor(unchecked: [3], [0, 6, 3] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [3], [0.5, 0.0, -0.5] as [Double])), "nodes_trueleafs": .ints([1, 1, 1]), "nodes_truenodeids": .ints([0, 1, 3]), "tree_roots": .ints([0, 2])],
        inputs: [Tensor(unchecked: [5, 2], [0.0, -1.0, 1.0, 1.0, .nan, 0.0, 1.0, 3.0, 0.699999988079071, .nan] as [Double])],
        expected: [Tensor(unchecked: [5, 2], [0.1, -0.6, 0.0, 0.6000000000000001, 0.3, 0.4, 0.0, 0.6000000000000001, 0.0, -0.39999999999999997] as [Double])]),
    MLReferenceCase(
        "tree ensemble v5 single leaf tree", "TreeEnsemble", opset: 5,
        attributes: ["leaf_targetids": .ints([0, 0, 0]), "leaf_weights": .tensor(Tensor(unchecked: [3], [1.0, 10.0, 100.0] as [Float])), "n_targets": .int(1), "nodes_falseleafs": .ints([1, 1]), "nodes_falsenodeids": .ints([1, 2]), "nodes_featureids": .ints([0, 0]), "nodes_modes": .tensor(Tensor(unchecked: [2], [0, 0] as [UInt8])), "nodes_splits": .tensor(Tensor(unchecked: [2], [0.5, 0.0] as [Float])), "nodes_trueleafs": .ints([1, 1]), "nodes_truenodeids": .ints([0, 2]), "tree_roots": .ints([0, 1])],
        inputs: [Tensor(unchecked: [2, 1], [0.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2, 1], [11.0, 20.0] as [Float])]),
]
