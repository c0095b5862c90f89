import Foundation
import LastmileAPI
import LastmileRuntime
import LastmileTensor
import Testing

/// Helpers shared by the codec tests: bodies from text, and checks on thrown errors.
enum CodecSupport {
    static func decodeRequest(_ json: String) throws -> OpenInferenceRequest {
        try decodeRequest(Array(json.utf8), jsonLength: nil)
    }

    static func decodeRequest(_ body: [UInt8], jsonLength: Int?) throws -> OpenInferenceRequest {
        try body.withUnsafeBytes { try OpenInferenceCodec.decodeRequest($0, jsonLength: jsonLength) }
    }

    static func decodeRecords(_ json: String, inputs: [TensorSpec]) throws -> (tensors: [String: Tensor], rows: Int) {
        try Array(json.utf8).withUnsafeBytes { try RecordsCodec.decode($0, inputs: inputs) }
    }

    /// The error `body` throws, which must be a RuntimeError.
    static func runtimeError(_ body: () throws -> Void) -> RuntimeError? {
        do {
            try body()
        } catch let error as RuntimeError {
            return error
        } catch {
            Issue.record("expected a RuntimeError, got \(error)")
        }
        return nil
    }

    /// Checks that `body` throws `.badInput` whose message contains every fragment.
    static func expectBadInput(_ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        guard let error = runtimeError(body) else {
            Issue.record("expected a .badInput error containing \(fragments)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.code == .badInput, "\(error.message)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(error.message.contains(fragment), "\"\(error.message)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
        }
    }

    /// A one-input v2 request body.
    static func request(name: String = "x", datatype: String, shape: [Int], data: String) -> String {
        "{\"inputs\": [{\"name\": \"\(name)\", \"shape\": \(shape), \"datatype\": \"\(datatype)\", \"data\": \(data)}]}"
    }

    /// Parses reply JSON with Foundation, as a client would.
    static func json(_ bytes: some Collection<UInt8>) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// The bytes of a little-endian fixed-width integer.
    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
