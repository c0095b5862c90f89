import LastmileTensor
@testable import LastmileEngine

// Generated from one-node models run in onnxruntime 1.23.2; the numbers are its outputs.

let linearAndPreprocessingCases: [MLReferenceCase] = [
    MLReferenceCase(
        "linear classifier 3 classes NONE", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([10, 20, 30]), "coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224, 0.30000001192092896, 0.30000001192092896, -0.6000000238418579]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224, 0.05000000074505806]), "multi_class": .int(1), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], [30, 20, 10, 10] as [Int64]), Tensor(unchecked: [4, 3], [-0.4000000059604645, 0.20000000298023224, 1.25, 1.475000023841858, 1.5749999284744263, -1.3000000715255737, 0.10000000149011612, -0.20000000298023224, 0.05000000074505806, 3.0999999046325684, -4.5, -0.25] as [Float])]),
    MLReferenceCase(
        "linear classifier 3 classes LOGISTIC", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([10, 20, 30]), "coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224, 0.30000001192092896, 0.30000001192092896, -0.6000000238418579]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224, 0.05000000074505806]), "multi_class": .int(1), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], [30, 20, 10, 10] as [Int64]), Tensor(unchecked: [4, 3], [0.40131235122680664, 0.5498340129852295, 0.7772998809814453, 0.8138161897659302, 0.8284952640533447, 0.21416503190994263, 0.5249791741371155, 0.4501660168170929, 0.5124973654747009, 0.956892728805542, 0.010986953973770142, 0.43782350420951843] as [Float])]),
    MLReferenceCase(
        "linear classifier 3 classes SOFTMAX", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([10, 20, 30]), "coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224, 0.30000001192092896, 0.30000001192092896, -0.6000000238418579]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224, 0.05000000074505806]), "multi_class": .int(1), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], [30, 20, 10, 10] as [Int64]), Tensor(unchecked: [4, 3], [0.12454698979854584, 0.22693940997123718, 0.6485136151313782, 0.4613566994667053, 0.5098779797554016, 0.028765344992280006, 0.37146446108818054, 0.2751876413822174, 0.35334792733192444, 0.9656379818916321, 0.0004832549602724612, 0.033878784626722336] as [Float])]),
    MLReferenceCase(
        "linear classifier 3 classes SOFTMAX_ZERO", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([10, 20, 30]), "coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224, 0.30000001192092896, 0.30000001192092896, -0.6000000238418579]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224, 0.05000000074505806]), "multi_class": .int(1), "post_transform": .string("SOFTMAX_ZERO")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], [30, 20, 10, 10] as [Int64]), Tensor(unchecked: [4, 3], [0.12454698979854584, 0.22693940997123718, 0.6485136151313782, 0.4613566994667053, 0.5098779797554016, 0.028765344992280006, 0.37146446108818054, 0.2751876413822174, 0.35334792733192444, 0.9656379818916321, 0.0004832549602724612, 0.033878784626722336] as [Float])]),
    MLReferenceCase(
        "linear classifier 3 classes PROBIT", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([10, 20, 30]), "coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224, 0.30000001192092896, 0.30000001192092896, -0.6000000238418579]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224, 0.05000000074505806]), "multi_class": .int(1), "post_transform": .string("PROBIT")],
        inputs: [Tensor(unchecked: [4, 3], [0.10000000149011612, 0.20000000298023224, -0.05000000074505806, -0.10000000149011612, 0.05000000074505806, 0.20000000298023224, 0.0, 0.0, 0.0, 0.30000001192092896, -0.20000000298023224, 0.10000000149011612] as [Float])],
        expected: [Tensor(unchecked: [4], [30, 10, 10, 10] as [Int64]), Tensor(unchecked: [4, 3], [-1.6446696519851685, .nan, -0.9543299078941345, -0.7144634127616882, .nan, .nan, -1.2817128896713257, .nan, -1.6446696519851685, -0.2533535063266754, .nan, -2.052535057067871] as [Float])]),
    MLReferenceCase(
        "linear classifier strings double input", "LinearClassifier", opset: 1,
        attributes: ["classlabels_strings": .strings(["a", "b", "c"]), "coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224, 0.30000001192092896, 0.30000001192092896, -0.6000000238418579]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224, 0.05000000074505806]), "post_transform": .string("SOFTMAX")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Double])],
        expected: [Tensor(unchecked: [4], ["c", "b", "a", "a"] as [String]), Tensor(unchecked: [4, 3], [0.12454698979854584, 0.22693940997123718, 0.6485136151313782, 0.4613566994667053, 0.5098779797554016, 0.028765344992280006, 0.37146446108818054, 0.2751876413822174, 0.35334792733192444, 0.9656379818916321, 0.0004832549602724612, 0.033878784626722336] as [Float])]),
    MLReferenceCase(
        "linear classifier int64 input", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([0, 1, 2]), "coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224, 0.30000001192092896, 0.30000001192092896, -0.6000000238418579]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224, 0.05000000074505806])],
        inputs: [Tensor(unchecked: [4, 3], [1, 2, 0, -1, 0, 2, 0, 0, 0, 3, -2, 1] as [Int64])],
        expected: [Tensor(unchecked: [4], [2, 0, 0, 0] as [Int64]), Tensor(unchecked: [4, 3], [0.10000000149011612, 0.30000001192092896, 0.9500000476837158, 1.600000023841858, 1.1999999284744263, -1.4500000476837158, 0.10000000149011612, -0.20000000298023224, 0.05000000074505806, 3.0999999046325684, -4.5, -0.25] as [Float])]),
    MLReferenceCase(
        "linear classifier binary one row NONE", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([3, 7]), "coefficients": .floats([0.5, -0.25, 1.0]), "intercepts": .floats([0.10000000149011612]), "post_transform": .string("NONE")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], [3, 7, 7, 7] as [Int64]), Tensor(unchecked: [4, 2], [1.399999976158142, -0.4000000059604645, -0.4750000238418579, 1.475000023841858, 0.8999999761581421, 0.10000000149011612, -2.0999999046325684, 3.0999999046325684] as [Float])]),
    MLReferenceCase(
        "linear classifier binary one row LOGISTIC", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([3, 7]), "coefficients": .floats([0.5, -0.25, 1.0]), "intercepts": .floats([0.10000000149011612]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], [3, 7, 7, 7] as [Int64]), Tensor(unchecked: [4, 2], [1.399999976158142, -0.4000000059604645, -0.4750000238418579, 1.475000023841858, 0.8999999761581421, 0.10000000149011612, -2.0999999046325684, 3.0999999046325684] as [Float])]),
    MLReferenceCase(
        "linear classifier binary strings", "LinearClassifier", opset: 1,
        attributes: ["classlabels_strings": .strings(["no", "yes"]), "coefficients": .floats([0.5, -0.25, 1.0]), "intercepts": .floats([0.10000000149011612]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], ["no", "yes", "yes", "yes"] as [String]), Tensor(unchecked: [4, 2], [1.399999976158142, -0.4000000059604645, -0.4750000238418579, 1.475000023841858, 0.8999999761581421, 0.10000000149011612, -2.0999999046325684, 3.0999999046325684] as [Float])]),
    MLReferenceCase(
        "linear classifier two rows logistic", "LinearClassifier", opset: 1,
        attributes: ["classlabels_ints": .ints([0, 1]), "coefficients": .floats([-0.5, 0.25, -1.0, 0.5, -0.25, 1.0]), "intercepts": .floats([-0.10000000149011612, 0.10000000149011612]), "post_transform": .string("LOGISTIC")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], [0, 1, 1, 1] as [Int64]), Tensor(unchecked: [4, 2], [0.5986876487731934, 0.40131235122680664, 0.18618381023406982, 0.8138161897659302, 0.4750208258628845, 0.5249791741371155, 0.04310724139213562, 0.956892728805542] as [Float])]),
    MLReferenceCase(
        "linear regressor two targets", "LinearRegressor", opset: 1,
        attributes: ["coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224]), "targets": .int(2)],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 2], [-0.4000000059604645, 0.20000000298023224, 1.475000023841858, 1.5749999284744263, 0.10000000149011612, -0.20000000298023224, 3.0999999046325684, -4.5] as [Float])]),
    MLReferenceCase(
        "linear regressor softmax", "LinearRegressor", opset: 1,
        attributes: ["coefficients": .floats([0.5, -0.25, 1.0, -1.0, 0.75, 0.20000000298023224]), "intercepts": .floats([0.10000000149011612, -0.20000000298023224]), "post_transform": .string("SOFTMAX"), "targets": .int(2)],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 2], [0.3543436825275421, 0.6456562876701355, 0.4750208258628845, 0.5249791741371155, 0.5744425058364868, 0.4255574643611908, 0.9994997978210449, 0.0005002011894248426] as [Float])]),
    MLReferenceCase(
        "linear regressor one target no intercept", "LinearRegressor", opset: 1,
        attributes: ["coefficients": .floats([0.5, -0.25, 1.0]), "targets": .int(1)],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 1], [-0.5, 1.375, 0.0, 3.0] as [Float])]),
    MLReferenceCase(
        "linear regressor one dimensional input", "LinearRegressor", opset: 1,
        attributes: ["coefficients": .floats([0.5, -0.25, 1.0]), "intercepts": .floats([2.0]), "targets": .int(1)],
        inputs: [Tensor(unchecked: [3], [1.0, 2.0, -0.5] as [Float])],
        expected: [Tensor(unchecked: [1, 1], [1.5] as [Float])]),
    MLReferenceCase(
        "scaler per feature", "Scaler", opset: 1,
        attributes: ["offset": .floats([1.0, -0.5, 0.25]), "scale": .floats([2.0, 0.5, -1.0])],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 3], [0.0, 1.25, 0.75, -4.0, 0.5, -1.75, -2.0, 0.25, 0.25, 4.0, -0.75, -0.75] as [Float])]),
    MLReferenceCase(
        "scaler single", "Scaler", opset: 1,
        attributes: ["offset": .floats([0.5]), "scale": .floats([3.0])],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 3], [1.5, 4.5, -3.0, -4.5, 0.0, 4.5, -1.5, -1.5, -1.5, 7.5, -7.5, 1.5] as [Float])]),
    MLReferenceCase(
        "scaler double", "Scaler", opset: 1,
        attributes: ["offset": .floats([0.10000000149011612, 0.20000000298023224, 0.30000001192092896]), "scale": .floats([3.0, 1.5, 0.699999988079071])],
        inputs: [Tensor(unchecked: [4, 3], [0.3333333333333333, 0.6666666666666666, -0.16666666666666666, -0.3333333333333333, 0.16666666666666666, 0.6666666666666666, 0.0, 0.0, 0.0, 1.0, -0.6666666666666666, 0.3333333333333333] as [Double])],
        expected: [Tensor(unchecked: [4, 3], [0.699999988079071, 0.699999988079071, -0.3266666829586029, -1.2999999523162842, -0.05000000447034836, 0.2566666603088379, -0.30000001192092896, -0.30000001192092896, -0.21000000834465027, 2.700000047683716, -1.2999999523162842, 0.023333324119448662] as [Float])]),
    MLReferenceCase(
        "scaler int64", "Scaler", opset: 1,
        attributes: ["offset": .floats([0.10000000149011612, 0.20000000298023224, 0.30000001192092896]), "scale": .floats([3.0, 1.5, 0.699999988079071])],
        inputs: [Tensor(unchecked: [4, 3], [1, 2, 0, -1, 0, 2, 0, 0, 0, 3, -2, 1] as [Int64])],
        expected: [Tensor(unchecked: [4, 3], [2.6999998092651367, 2.6999998092651367, -0.21000000834465027, -3.3000001907348633, -0.30000001192092896, 1.190000057220459, -0.30000001192092896, -0.30000001192092896, -0.21000000834465027, 8.700000762939453, -3.3000001907348633, 0.4899999797344208] as [Float])]),
    MLReferenceCase(
        "normalizer MAX", "Normalizer", opset: 1,
        attributes: ["norm": .string("MAX")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 3], [0.5, 1.0, -0.25, -0.5, 0.25, 1.0, 0.0, 0.0, 0.0, 1.0, -0.6666666865348816, 0.3333333432674408] as [Float])]),
    MLReferenceCase(
        "normalizer L1", "Normalizer", opset: 1,
        attributes: ["norm": .string("L1")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 3], [0.2857142984867096, 0.5714285969734192, -0.1428571492433548, -0.2857142984867096, 0.1428571492433548, 0.5714285969734192, 0.0, 0.0, 0.0, 0.5, -0.3333333432674408, 0.1666666716337204] as [Float])]),
    MLReferenceCase(
        "normalizer L2", "Normalizer", opset: 1,
        attributes: ["norm": .string("L2")],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 3], [0.4364357888698578, 0.8728715777397156, -0.2182178944349289, -0.4364357888698578, 0.2182178944349289, 0.8728715777397156, 0.0, 0.0, 0.0, 0.8017837405204773, -0.5345224738121033, 0.26726123690605164] as [Float])]),
    MLReferenceCase(
        "normalizer L2 double", "Normalizer", opset: 1,
        attributes: ["norm": .string("L2")],
        inputs: [Tensor(unchecked: [4, 3], [0.14285714285714285, 0.2857142857142857, -0.07142857142857142, -0.14285714285714285, 0.07142857142857142, 0.2857142857142857, 0.0, 0.0, 0.0, 0.42857142857142855, -0.2857142857142857, 0.14285714285714285] as [Double])],
        expected: [Tensor(unchecked: [4, 3], [0.4364357888698578, 0.8728715777397156, -0.2182178944349289, -0.4364357888698578, 0.2182178944349289, 0.8728715777397156, 0.0, 0.0, 0.0, 0.8017837405204773, -0.5345224738121033, 0.26726123690605164] as [Float])]),
    MLReferenceCase(
        "normalizer L1 int32", "Normalizer", opset: 1,
        attributes: ["norm": .string("L1")],
        inputs: [Tensor(unchecked: [4, 3], [1, 2, 0, -1, 0, 2, 0, 0, 0, 3, -2, 1] as [Int32])],
        expected: [Tensor(unchecked: [4, 3], [0.3333333432674408, 0.6666666865348816, 0.0, -0.3333333432674408, 0.0, 0.6666666865348816, 0.0, 0.0, 0.0, 0.5, -0.3333333432674408, 0.1666666716337204] as [Float])]),
    MLReferenceCase(
        "binarizer", "Binarizer", opset: 1,
        attributes: ["threshold": .float(0.5)],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 3], [1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0] as [Float])]),
    MLReferenceCase(
        "imputer nan per feature", "Imputer", opset: 1,
        attributes: ["imputed_value_floats": .floats([9.0, 8.0, 7.0]), "replaced_value_float": .float(.nan)],
        inputs: [Tensor(unchecked: [4, 3], [1.0, .nan, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, .nan, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 3], [1.0, 8.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 7.0, 3.0, -2.0, 1.0] as [Float])]),
    MLReferenceCase(
        "imputer zero single value", "Imputer", opset: 1,
        attributes: ["imputed_value_floats": .floats([-5.0]), "replaced_value_float": .float(0.0)],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, -5.0, -5.0, -5.0, 3.0, -2.0, 1.0] as [Float])]),
    MLReferenceCase(
        "imputer int64", "Imputer", opset: 1,
        attributes: ["imputed_value_int64s": .ints([100, 200, 300]), "replaced_value_int64": .int(0)],
        inputs: [Tensor(unchecked: [4, 3], [1, 2, 0, -1, 0, 2, 0, 0, 0, 3, -2, 1] as [Int64])],
        expected: [Tensor(unchecked: [4, 3], [1, 2, 300, -1, 200, 2, 100, 200, 300, 3, -2, 1] as [Int64])]),
    MLReferenceCase(
        "one hot ints", "OneHotEncoder", opset: 1,
        attributes: ["cats_int64s": .ints([3, 1, 7]), "zeros": .int(1)],
        inputs: [Tensor(unchecked: [2, 2], [1, 7, 5, 3] as [Int64])],
        expected: [Tensor(unchecked: [2, 2, 3], [0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0] as [Float])]),
    MLReferenceCase(
        "one hot floats truncated", "OneHotEncoder", opset: 1,
        attributes: ["cats_int64s": .ints([3, 1, 7])],
        inputs: [Tensor(unchecked: [3], [1.899999976158142, 7.199999809265137, -3.0] as [Float])],
        expected: [Tensor(unchecked: [3, 3], [0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0] as [Float])]),
    MLReferenceCase(
        "one hot strings", "OneHotEncoder", opset: 1,
        attributes: ["cats_strings": .strings(["a", "b", "c"])],
        inputs: [Tensor(unchecked: [3, 1], ["c", "a", "zz"] as [String])],
        expected: [Tensor(unchecked: [3, 1, 3], [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0] as [Float])]),
    MLReferenceCase(
        "array feature extractor", "ArrayFeatureExtractor", opset: 1,
        attributes: [:],
        inputs: [Tensor(unchecked: [4, 3], [1.0, 2.0, -0.5, -1.0, 0.5, 2.0, 0.0, 0.0, 0.0, 3.0, -2.0, 1.0] as [Float]), Tensor(unchecked: [2], [2, 0] as [Int64])],
        expected: [Tensor(unchecked: [4, 2], [-0.5, 1.0, 2.0, -1.0, 0.0, 0.0, 1.0, 3.0] as [Float])]),
    MLReferenceCase(
        "array feature extractor 1-D", "ArrayFeatureExtractor", opset: 1,
        attributes: [:],
        inputs: [Tensor(unchecked: [3], [-1.0, 0.5, 2.0] as [Float]), Tensor(unchecked: [1], [1] as [Int64])],
        expected: [Tensor(unchecked: [1, 1], [0.5] as [Float])]),
    MLReferenceCase(
        "array feature extractor strings", "ArrayFeatureExtractor", opset: 1,
        attributes: [:],
        inputs: [Tensor(unchecked: [2, 3], ["a", "b", "c", "d", "e", "f"] as [String]), Tensor(unchecked: [1, 3], [2, 2, 1] as [Int64])],
        expected: [Tensor(unchecked: [2, 3], ["c", "c", "b", "f", "f", "e"] as [String])]),
    MLReferenceCase(
        "feature vectorizer mixed", "FeatureVectorizer", opset: 1,
        attributes: ["inputdimensions": .ints([2, 3, 1])],
        inputs: [Tensor(unchecked: [2, 2], [1.0, 2.0, 3.0, 4.0] as [Float]), Tensor(unchecked: [2, 2], [0.5, 1.5, 2.5, 3.5] as [Float]), Tensor(unchecked: [2, 2], [7.25, 9.0, 8.5, 1.0] as [Float])],
        expected: [Tensor(unchecked: [2, 6], [1.0, 2.0, 0.5, 1.5, 0.0, 7.25, 3.0, 4.0, 2.5, 3.5, 0.0, 8.5] as [Float])]),
    MLReferenceCase(
        "category mapper to int", "CategoryMapper", opset: 1,
        attributes: ["cats_int64s": .ints([5, 6, 7]), "cats_strings": .strings(["x", "y", "z"]), "default_int64": .int(-9)],
        inputs: [Tensor(unchecked: [2, 2], ["y", "q", "x", "z"] as [String])],
        expected: [Tensor(unchecked: [2, 2], [6, -9, 5, 7] as [Int64])]),
    MLReferenceCase(
        "category mapper to string", "CategoryMapper", opset: 1,
        attributes: ["cats_int64s": .ints([5, 6, 7]), "cats_strings": .strings(["x", "y", "z"])],
        inputs: [Tensor(unchecked: [3], [7, 5, 1] as [Int64])],
        expected: [Tensor(unchecked: [3], ["z", "x", "_Unused"] as [String])]),
    MLReferenceCase(
        "label encoder opset 1 strings to ints", "LabelEncoder", opset: 1,
        attributes: ["classes_strings": .strings(["a", "b", "c"]), "default_int64": .int(42)],
        inputs: [Tensor(unchecked: [3], ["c", "a", "x"] as [String])],
        expected: [Tensor(unchecked: [3], [2, 0, 42] as [Int64])]),
    MLReferenceCase(
        "label encoder opset 1 ints to strings", "LabelEncoder", opset: 1,
        attributes: ["classes_strings": .strings(["a", "b", "c"]), "default_string": .string("none")],
        inputs: [Tensor(unchecked: [3], [2, 0, 9] as [Int64])],
        expected: [Tensor(unchecked: [3], ["c", "a", "none"] as [String])]),
    MLReferenceCase(
        "label encoder opset 2 strings to floats", "LabelEncoder", opset: 2,
        attributes: ["default_float": .float(-1.0), "keys_strings": .strings(["a", "b"]), "values_floats": .floats([0.5, 1.5])],
        inputs: [Tensor(unchecked: [1, 3], ["b", "a", "c"] as [String])],
        expected: [Tensor(unchecked: [1, 3], [1.5, 0.5, -1.0] as [Float])]),
    MLReferenceCase(
        "label encoder opset 2 ints to strings", "LabelEncoder", opset: 2,
        attributes: ["keys_int64s": .ints([1, 2]), "values_strings": .strings(["one", "two"])],
        inputs: [Tensor(unchecked: [3], [2, 1, 3] as [Int64])],
        expected: [Tensor(unchecked: [3], ["two", "one", "_Unused"] as [String])]),
    MLReferenceCase(
        "label encoder opset 3 floats to ints nan key", "LabelEncoder", opset: 3,
        attributes: ["default_int64": .int(-3), "keys_floats": .floats([0.5, .nan, 2.0]), "values_int64s": .ints([5, 6, 7])],
        inputs: [Tensor(unchecked: [4], [2.0, .nan, 0.5, 1.0] as [Float])],
        expected: [Tensor(unchecked: [4], [7, -3, 5, -3] as [Int64])]),
    MLReferenceCase(
        "label encoder opset 4 tensors", "LabelEncoder", opset: 4,
        attributes: ["default_tensor": .tensor(Tensor(unchecked: [1], [9.5] as [Double])), "keys_tensor": .tensor(Tensor(unchecked: [3], [1, 2, 3] as [Int64])), "values_tensor": .tensor(Tensor(unchecked: [3], [0.25, 0.5, 0.75] as [Double]))],
        inputs: [Tensor(unchecked: [3], [3, 1, 4] as [Int64])],
        expected: [Tensor(unchecked: [3], [0.75, 0.25, 9.5] as [Double])]),
    MLReferenceCase(
        "label encoder opset 4 strings to strings default", "LabelEncoder", opset: 4,
        attributes: ["keys_strings": .strings(["x", "y"]), "values_strings": .strings(["X", "Y"])],
        inputs: [Tensor(unchecked: [2], ["y", "w"] as [String])],
        expected: [Tensor(unchecked: [2], ["Y", "_Unused"] as [String])]),
]
