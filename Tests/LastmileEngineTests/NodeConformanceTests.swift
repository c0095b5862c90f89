import Foundation
import LastmileEngine
import LastmileTensor
import LastmileTesting
import Testing

/// The ONNX backend node tests (`make conformance`, and the gate `make test` runs).
///
/// `LASTMILE_NODE_TESTS` names the folder of cases (scripts/conformance/generate.sh writes
/// `.conformance/data/node`). Each case runs through an unoptimised and an optimised session and
/// passes only when both match the expected outputs the way ONNX's backend runner compares
/// (the case's rtol/atol, NaN equal to NaN). The report goes to `LASTMILE_NODE_REPORT` (default
/// `.conformance/report.txt`). With `LASTMILE_CONFORMANCE_GATE` naming a list of cases
/// (Tests/Conformance/passing.txt), every listed case must pass.
@Suite struct NodeConformanceTests {
    enum Outcome {
        case passed
        case failed(String)
        case skipped(String)
    }

    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["LASTMILE_NODE_TESTS"] != nil))
    func onnxBackendNodeTests() throws {
        let root = URL(fileURLWithPath: Self.environment["LASTMILE_NODE_TESTS"] ?? "")
        var passed: [String] = [], failed: [String] = [], skipped: [String] = []
        for testCase in try NodeTestCase.all(in: root) {
            switch Self.evaluate(testCase) {
            case .passed: passed.append(testCase.name)
            case .failed(let reason): failed.append("\(testCase.name): \(reason)")
            case .skipped(let reason): skipped.append("\(testCase.name): \(reason)")
            }
        }
        let summary = "conformance: \(passed.count) passed, \(failed.count) failed, \(skipped.count) skipped"
        let report = ([summary, "", "FAILED"] + failed + ["", "SKIPPED"] + skipped + ["", "PASSED"] + passed).joined(separator: "\n")
        let reportPath = Self.environment["LASTMILE_NODE_REPORT"] ?? ".conformance/report.txt"
        try? FileManager.default.createDirectory(
            at: URL(fileURLWithPath: reportPath).deletingLastPathComponent(), withIntermediateDirectories: true)
        try report.write(toFile: reportPath, atomically: true, encoding: .utf8)

        if let gatePath = Self.environment["LASTMILE_CONFORMANCE_GATE"] {
            let listed = try String(contentsOfFile: gatePath, encoding: .utf8)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            let passing = Set(passed)
            let regressions = listed.filter { !passing.contains($0) }
            let reasons = Dictionary((failed + skipped).map { line in
                (String(line.prefix { $0 != ":" }), line)
            }, uniquingKeysWith: { a, _ in a })
            for name in regressions {
                Issue.record("conformance regression: \(reasons[name] ?? "\(name): case missing")")
            }
            let newlyPassing = Set(passed).subtracting(listed).sorted()
            if !newlyPassing.isEmpty {
                print("conformance: \(newlyPassing.count) cases pass that \(gatePath) does not list; add them:")
                for name in newlyPassing { print("  \(name)") }
            }
        }
        // `make conformance` asks for the summary line; `make test` prints a gate line instead,
        // so the suite's own closing line stays the last word on the test run.
        if Self.environment["LASTMILE_CONFORMANCE_SUMMARY"] != nil {
            print(summary)
        } else {
            print("conformance gate: \(passed.count) of \(passed.count + failed.count + skipped.count) node cases pass (report: \(reportPath))")
        }
    }

    /// Runs one case unoptimised and optimised.
    static func evaluate(_ testCase: NodeTestCase) -> Outcome {
        let model: Model
        do {
            model = try Model(contentsOf: testCase.directory.appendingPathComponent("model.onnx"))
        } catch let error as EngineError where error.code == .unsupportedModel {
            return .skipped(error.message)
        } catch {
            return .failed("load: \(error)")
        }
        let dataSets: [NodeTestCase.DataSet]
        do {
            dataSets = try testCase.dataSets(for: model)
        } catch let error as UnreadableCase {
            return .skipped("data holds \(error.description)")
        } catch let error as EngineError where error.code == .unsupportedModel {
            return .skipped(error.message)
        } catch {
            return .failed("data: \(error)")
        }
        for optimize in [false, true] {
            let label = optimize ? "optimised" : "unoptimised"
            let session: InferenceSession
            do {
                session = try InferenceSession(model: model, options: SessionOptions(optimize: optimize))
            } catch let error as EngineError where error.code == .unsupportedModel {
                return .skipped(error.message)
            } catch {
                return .failed("\(label) session: \(error)")
            }
            for set in dataSets {
                do {
                    let outputs = try session.run(values: set.inputs)
                    for (name, expected) in set.outputs {
                        guard let actual = outputs[name] else { return .failed("\(label): output \(name) missing") }
                        if let problem = NodeTestCase.mismatch(actual, expected, rtol: testCase.rtol, atol: testCase.atol) {
                            return .failed("\(label): \(name): \(problem)")
                        }
                    }
                } catch let error as EngineError where error.code == .unsupportedModel {
                    return .skipped(error.message)
                } catch {
                    return .failed("\(label) run: \(error)")
                }
            }
        }
        return .passed
    }
}
