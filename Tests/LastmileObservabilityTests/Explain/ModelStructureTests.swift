import Foundation
import LastmileAPI
import LastmileObservability
import Testing

/// Tree ensembles whose served output is the raw sum: TreeSHAP must equal brute force.
@Test(arguments: ["xgb_regressor", "lgbm_regressor", "random_forest_regressor", "gradient_boosting_regressor", "random_forest_classifier_nozipmap"])
func treeShapMatchesBruteForceOnONNXEnsembles(_ name: String) throws {
    // Given an ONNX tree ensemble and Shapley values computed by brute force over onnxruntime
    let reference = try ExplainReference.load(name)
    let model = try TreeModel(graph: reference.graph(), output: reference.output!)
    // When explained with interventional TreeSHAP
    let values = try TreeExplainer(model: model).explain(rows: reference.rowMatrix, background: reference.backgroundMatrix)
    // Then the values match (onnxruntime sums leaves in float32) and efficiency holds
    let scale = max(1e-3, reference.predictions.flatMap { $0 }.map(abs).max()!)
    #expect(maxDifference(values, reference.shapley) < 2e-5 * scale)
    #expect(efficiencyGap(values, predictions: reference.predictions) < 2e-5 * scale)
    // and the model's own sum reproduces onnxruntime's predictions
    for (row, expected) in zip(reference.rows, reference.predictions) {
        #expect(zip(model.predict(row), expected).allSatisfy { abs($0 - $1) < 1e-5 * scale })
    }
}

@Test func treeShapEqualsExactShapOverTheEngine() async throws {
    // Given a gradient-boosted ensemble run by the engine
    let reference = try ExplainReference.load("xgb_regressor")
    let rows = try reference.rowMatrix, background = try reference.backgroundMatrix
    // When explained by TreeSHAP and by enumerating coalitions through the engine
    let tree = try TreeExplainer(model: TreeModel(graph: reference.graph(), output: "variable")).explain(rows: rows, background: background)
    let exact = try await ExactExplainer().explain(rows: rows, background: background, outputs: 1, predictor: reference.enginePredictor())
    // Then both agree
    #expect(maxDifference(tree, exact.nested) < 1e-4)
}

@Test(arguments: ["logreg_multiclass_nozipmap", "xgb_multiclass"])
func exactShapOverTheEngineMatchesBruteForceOnSoftmaxClassifiers(_ name: String) async throws {
    let reference = try ExplainReference.load(name)
    let values = try await ExactExplainer().explain(rows: reference.rowMatrix, background: reference.backgroundMatrix, outputs: reference.outputs, predictor: reference.enginePredictor())
    #expect(maxDifference(values, reference.shapley) < 1e-5)
    #expect(efficiencyGap(values, predictions: reference.predictions) < 1e-5)
}

@Test func treeMethodRefusesAnEnsembleWithAPostTransform() throws {
    // Given XGBoost's multiclass model, whose probabilities are a softmax of the tree sums
    let reference = try ExplainReference.load("xgb_multiclass")
    // Then TreeSHAP is refused, naming the transform
    #expect { try TreeModel(graph: reference.graph(), output: "probabilities") } throws: { error in
        (error as? ExplainError)?.message.contains("post_transform SOFTMAX") == true
    }
    // and the label output is not a raw score either
    #expect { try TreeModel(graph: reference.graph(), output: "label") } throws: { error in
        (error as? ExplainError)?.message.contains("raw scores") == true
    }
}

@Test(arguments: ["linear_regression", "linear_regression_fp64"])
func linearModelsAreReadFromONNXAndExplainedInClosedForm(_ name: String) throws {
    // Given a LinearRegressor model, and a MatMul + Add + Reshape one
    let reference = try ExplainReference.load(name)
    let model = try LinearModel(graph: reference.graph(), output: "variable")
    // When explained in closed form
    let values = try LinearExplainer(model: model).explain(rows: reference.rowMatrix, background: reference.backgroundMatrix)
    // Then the values are the brute-force Shapley values and efficiency holds
    let scale = max(1, reference.predictions.flatMap { $0 }.map(abs).max()!)
    #expect(maxDifference(values, reference.shapley) < 1e-5 * scale)
    #expect(efficiencyGap(values, predictions: reference.predictions) < 1e-5 * scale)
}

@Test func linearMethodRefusesANonlinearOutput() throws {
    let reference = try ExplainReference.load("logreg_multiclass_nozipmap")
    #expect { try LinearModel(graph: reference.graph(), output: "probabilities") } throws: { error in
        (error as? ExplainError)?.message.contains("LinearClassifier") == true
    }
}
