import Foundation
import LastmileEngine
import LastmileTensor
import LastmileTesting
import Testing

/// Runs the ONNX backend node tests in the folder `LASTMILE_NODE_TESTS` names (for example
/// `.venv/lib/python3.11/site-packages/onnx/backend/test/data/node`) and writes a report to
/// `LASTMILE_NODE_REPORT` (default `.conformance/report.txt`). A survey, not a gate: it
/// prints `conformance: P passed, F failed, S skipped`.
@Suite struct NodeConformanceTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LASTMILE_NODE_TESTS"] != nil))
    func onnxBackendNodeTests() throws {
        let environment = ProcessInfo.processInfo.environment
        let root = URL(fileURLWithPath: environment["LASTMILE_NODE_TESTS"] ?? "")
        var passed: [String] = [], failed: [String] = [], skipped: [String] = []
        for testCase in try NodeTestCase.all(in: root) {
            let modelURL = testCase.directory.appendingPathComponent("model.onnx")
            let model: Model
            let session: InferenceSession
            do {
                model = try Model(contentsOf: modelURL)
                session = try InferenceSession(model: model)
            } catch let error as EngineError where error.code == .unsupportedModel {
                skipped.append("\(testCase.name): \(error.message)")
                continue
            } catch {
                failed.append("\(testCase.name): load: \(error)")
                continue
            }
            do {
                var problem: String?
                for set in try testCase.dataSets(for: model) {
                    let outputs = try session.run(values: set.inputs)
                    for (name, expected) in set.outputs {
                        guard let actual = outputs[name] else { problem = "output \(name) missing"; break }
                        if let p = NodeTestCase.mismatch(actual, expected) { problem = "\(name): \(p)"; break }
                    }
                    if problem != nil { break }
                }
                if let problem { failed.append("\(testCase.name): \(problem)") } else { passed.append(testCase.name) }
            } catch {
                failed.append("\(testCase.name): run: \(error)")
            }
        }
        let summary = "conformance: \(passed.count) passed, \(failed.count) failed, \(skipped.count) skipped"
        let report = ([summary, "", "FAILED"] + failed + ["", "SKIPPED"] + skipped + ["", "PASSED"] + passed).joined(separator: "\n")
        let reportPath = environment["LASTMILE_NODE_REPORT"] ?? ".conformance/report.txt"
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: reportPath).deletingLastPathComponent(), withIntermediateDirectories: true)
        try report.write(toFile: reportPath, atomically: true, encoding: .utf8)
        print(summary)
    }
}
