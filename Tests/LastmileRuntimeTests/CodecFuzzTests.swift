import LastmileAPI
import LastmileRuntime
import LastmileTesting
import Testing

@Suite("Codecs under mutated input")
struct CodecFuzzTests {
    static let seeds: [(body: [UInt8], jsonLength: Int?)] = {
        let json = #"{"id": "a\u00e9", "parameters": {"binary_data_output": true}, "inputs": [{"name": "x", "shape": [2, 2], "datatype": "FP32", "data": [[1.5, -2e-3], ["NaN", null]]}, {"name": "s", "shape": [1], "datatype": "BYTES", "data": ["h\"i"]}, {"name": "n", "shape": [3], "datatype": "INT8", "data": [1, -128, 127]}], "outputs": [{"name": "y", "parameters": {"binary_data": false}}]}"#
        let header = Array(#"{"inputs": [{"name": "f", "shape": [2], "datatype": "FP32", "parameters": {"binary_data_size": 8}}, {"name": "s", "shape": [1], "datatype": "BYTES", "parameters": {"binary_data_size": 6}}]}"#.utf8)
        let binary: [UInt8] = [0, 0, 192, 63, 0, 0, 0, 192, 2, 0, 0, 0, 104, 105]
        return [(Array(json.utf8), nil), (header + binary, header.count)]
    }()

    static let records = Array(#"[{"x": [1, 2.5, -3e2], "label": "a", "img": [[1, 2], [3, 4]]}, {"label": "b\n", "img": [[5, 6], [7, 8]], "x": [4, 5, "Infinity"]}]"#.utf8)
    static let specs = [
        TensorSpec(name: "x", datatype: "FP32", shape: [-1, 3]),
        TensorSpec(name: "label", datatype: "BYTES", shape: [-1]),
        TensorSpec(name: "img", datatype: "INT64", shape: [-1, -1, 2]),
    ]

    /// Bytes that steer mutations toward interesting JSON.
    static let alphabet = Array("[]{}\",:\\-+.eE0123456789 tfnu\u{0}\u{FF}".utf8)

    static func mutate(_ body: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var bytes = body
        for _ in 0..<(1 + rng.int(4)) {
            guard !bytes.isEmpty else { return bytes }
            let at = rng.int(bytes.count)
            switch rng.int(6) {
            case 0: bytes[at] = alphabet[rng.int(alphabet.count)]
            case 1: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 2: bytes.insert(alphabet[rng.int(alphabet.count)], at: at)
            case 3: bytes.remove(at: at)
            case 4: bytes.removeSubrange(at...)
            default:
                let end = min(bytes.count, at + 1 + rng.int(16))
                bytes.insert(contentsOf: bytes[at..<end], at: rng.int(bytes.count))
            }
        }
        return bytes
    }

    /// Checks that `body` either returns or throws `.badInput`.
    static func expectReturnsOrBadInput(_ what: String, _ body: () throws -> Void) -> Bool {
        do {
            try body()
            return true
        } catch let error as RuntimeError {
            #expect(error.code == .badInput, "\(what): \(error.message)")
        } catch {
            Issue.record("\(what): unexpected error \(error)")
        }
        return false
    }

    @Test func mutatedAndTruncatedBodiesOnlyEverDecodeOrFailAsBadInput() {
        // Given valid request bodies of both formats
        var rng = SeededGenerator(seed: 20_261_126)
        var decoded = 0
        for iteration in 0..<6000 {
            // When a mutated copy is decoded, with the header length kept, shifted or dropped
            let seed = Self.seeds[iteration % Self.seeds.count]
            let body = Self.mutate(seed.body, &rng)
            let jsonLength = seed.jsonLength.map { $0 + rng.int(5) - 2 }
            let ok = Self.expectReturnsOrBadInput("v2 #\(iteration)") {
                _ = try body.withUnsafeBytes { try OpenInferenceCodec.decodeRequest($0, jsonLength: jsonLength) }
            }
            let records = Self.mutate(Self.records, &rng)
            let recordsOK = Self.expectReturnsOrBadInput("records #\(iteration)") {
                _ = try records.withUnsafeBytes { try RecordsCodec.decode($0, inputs: Self.specs) }
            }
            // Then nothing crashed, and some mutations still decode
            decoded += (ok ? 1 : 0) + (recordsOK ? 1 : 0)
        }
        #expect(decoded > 0)
    }

    @Test func everyPrefixOfAValidBodyIsHandled() {
        // Given each truncation of the valid bodies
        for seed in Self.seeds {
            for end in 0..<seed.body.count {
                _ = Self.expectReturnsOrBadInput("prefix \(end)") {
                    _ = try Array(seed.body[..<end]).withUnsafeBytes { try OpenInferenceCodec.decodeRequest($0, jsonLength: seed.jsonLength.map { min($0, end) }) }
                }
            }
        }
        for end in 0..<Self.records.count {
            // Then a prefix never decodes (the closing bracket is missing) but fails cleanly
            let ok = Self.expectReturnsOrBadInput("records prefix \(end)") {
                _ = try Array(Self.records[..<end]).withUnsafeBytes { try RecordsCodec.decode($0, inputs: Self.specs) }
            }
            #expect(!ok)
        }
    }
}
