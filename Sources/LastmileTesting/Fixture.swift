import Foundation
import LastmileCLI
import LastmileTensor

/// A converter fixture under `Tests/Fixtures/<name>/`: a model, a v2 request and
/// onnxruntime's outputs for it (written by `scripts/fixtures/make_fixtures.py`).
public struct Fixture: Sendable, CustomStringConvertible {
    public var name: String
    public var directory: URL
    /// Relative tolerance for floating-point outputs.
    public var rtol: Double
    /// Absolute tolerance for floating-point outputs.
    public var atol: Double
    /// Which converter made the model.
    public var source: String

    public var modelURL: URL { directory.appendingPathComponent("model.onnx") }
    public var requestURL: URL { directory.appendingPathComponent("request.json") }
    public var expectedURL: URL { directory.appendingPathComponent("expected.json") }
    public var description: String { name }

    /// `Tests/Fixtures` of this checkout.
    public static var committedRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures")
    }

    /// Every fixture listed in `<root>/index.json`.
    public static func all(in root: URL = committedRoot) throws -> [Fixture] {
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("index.json")))
        guard let names = (index as? [String: Any])?["fixtures"] as? [String] else {
            throw FixtureError("\(root.path)/index.json has no \"fixtures\" list")
        }
        return try names.map { try Fixture(directory: root.appendingPathComponent($0)) }
    }

    /// The fixture in `directory`, with tolerances from its `meta.json` (1e-4 / 1e-5 by default).
    public init(directory: URL) throws {
        self.name = directory.lastPathComponent
        self.directory = directory
        let metaURL = directory.appendingPathComponent("meta.json")
        let meta = (try? JSONSerialization.jsonObject(with: Data(contentsOf: metaURL))) as? [String: Any] ?? [:]
        self.rtol = (meta["rtol"] as? NSNumber)?.doubleValue ?? 1e-4
        self.atol = (meta["atol"] as? NSNumber)?.doubleValue ?? 1e-5
        self.source = meta["source"] as? String ?? ""
    }

    /// The request's input tensors.
    public func request() throws -> [InferenceRequest.Input] {
        try InferenceRequest.decode(Data(contentsOf: requestURL))
    }

    /// onnxruntime's outputs, in order.
    public func expectedOutputs() throws -> [ExpectedOutput] {
        try ExpectedOutput.decodeResponse(Data(contentsOf: expectedURL))
    }
}

/// A problem with the fixture files themselves.
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
