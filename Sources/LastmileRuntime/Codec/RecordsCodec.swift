import LastmileAPI
import LastmileTensor

/// Reads and writes the native "records" inference format (DESIGN.md section 6).
///
/// A request is a JSON list of rows, each an object mapping every pipeline input to that row's
/// value; rows stack along a new first (batch) dimension. The reply is a list with one object
/// per row carrying the row's inputs, outputs, anomalies and metadata.
public enum RecordsCodec {
    /// Decodes `[{"<input>": value, ...}, ...]` (a single object is one row) into one tensor
    /// per input, stacking rows along a new first dimension.
    ///
    /// `inputs` are the pipeline's input specs. Each row value must have the spec's shape
    /// without its first dimension: a number (or bool or string) for a row shape `[]`, a flat or
    /// nested list otherwise; -1 dims are taken from the first row and must be equal across
    /// rows. Elements are read as the spec's datatype, with the same rules as the Open
    /// Inference Protocol codec. Unknown, repeated or missing input names, values of the wrong
    /// type or shape, an empty list and broken JSON are `RuntimeError(.badInput)`; a spec whose
    /// datatype is not a tensor datatype is `RuntimeError(.invalidPipeline)`.
    public static func decode(_ body: UnsafeRawBufferPointer, inputs: [TensorSpec]) throws -> (tensors: [String: Tensor], rows: Int) {
        let decoded = try decode(body, inputs: inputs, keepingText: false)
        return (decoded.tensors, decoded.rows)
    }

    /// Decodes like `decode(_:inputs:)` and also keeps each row's input values as the client
    /// wrote them, so `encodeReply(request:outputs:metadata:timeMillis:)` can echo them in
    /// `in` by copying bytes instead of formatting numbers again.
    public static func decodeRequest(_ body: UnsafeRawBufferPointer, inputs: [TensorSpec]) throws -> RecordsRequest {
        let decoded = try decode(body, inputs: inputs, keepingText: true)
        return RecordsRequest(
            tensors: decoded.tensors, rows: decoded.rows, inputOrder: inputs.map(\.name),
            text: Array(body), ranges: decoded.ranges)
    }

    private static func decode(
        _ body: UnsafeRawBufferPointer, inputs: [TensorSpec], keepingText: Bool
    ) throws -> (tensors: [String: Tensor], rows: Int, ranges: [Int]) {
        guard !inputs.isEmpty else { throw RuntimeError(.invalidPipeline, "the pipeline declares no inputs") }
        let capacityHint = body.count / (6 * inputs.count) + 1
        var columns: [RecordColumn] = []
        columns.reserveCapacity(inputs.count)
        for spec in inputs {
            guard let dtype = DType(v2Name: spec.datatype) else {
                throw RuntimeError(.invalidPipeline, "pipeline input \(CodecField.quote(spec.name)) has datatype \(CodecField.quote(spec.datatype)), which records cannot carry")
            }
            columns.append(try dtype.withWireElement(ColumnMaker(spec: spec, capacityHint: capacityHint)))
        }
        var reader = RowReader(columns: columns, keepingText: keepingText)
        var scanner = JSONScanner(body)
        var rows = 0
        switch scanner.peek() {
        case UInt8(ascii: "["):
            guard try scanner.beginArray("'['") else {
                throw RuntimeError(.badInput, "the request is an empty list; send at least one row object {\(reader.expectedNames)}")
            }
            repeat {
                try reader.readRow(&scanner, row: rows)
                rows += 1
            } while try scanner.nextElement()
        case UInt8(ascii: "{"):
            try reader.readRow(&scanner, row: 0)
            rows = 1
        default:
            throw scanner.syntaxError("a list of row objects [{\"<input>\": value}, ...] or one row object")
        }
        try scanner.expectEnd()
        var tensors: [String: Tensor] = [:]
        tensors.reserveCapacity(columns.count)
        for column in columns {
            tensors[column.name] = try column.tensor(rows)
        }
        return (tensors, rows, reader.ranges)
    }

    /// Matches row keys to columns and checks each row names every input once.
    private struct RowReader {
        var columns: [RecordColumn]
        var names: [[UInt8]]
        var seen: [Bool]
        let keepingText: Bool
        /// Per row, per column in spec order: the start and end offset of the value's text.
        var ranges: [Int] = []

        init(columns: [RecordColumn], keepingText: Bool) {
            self.columns = columns
            self.keepingText = keepingText
            names = columns.map { Array($0.name.utf8) }
            seen = Array(repeating: false, count: columns.count)
        }

        var expectedNames: String {
            columns.map { "\(CodecField.quote($0.name)): ..." }.joined(separator: ", ")
        }

        mutating func readRow(_ scanner: inout JSONScanner, row: Int) throws {
            for i in seen.indices { seen[i] = false }
            var found = 0
            var hint = 0
            let base = ranges.count
            if keepingText { ranges.append(contentsOf: repeatElement(0, count: 2 * columns.count)) }
            if try scanner.beginObject("a row object {\(expectedNames)}") {
                repeat {
                    let key = try scanner.readKey()
                    let index = try column(for: key, hint: hint, scanner: scanner, row: row)
                    guard !seen[index] else {
                        throw RuntimeError(.badInput, "row \(row) names input \(CodecField.quote(columns[index].name)) twice")
                    }
                    seen[index] = true
                    found += 1
                    var start = 0
                    if keepingText {
                        scanner.skipWhitespace()
                        start = scanner.position
                    }
                    try columns[index].readRow(&scanner, row)
                    if keepingText {
                        ranges[base + 2 * index] = start
                        ranges[base + 2 * index + 1] = scanner.position
                    }
                    hint = index + 1 == columns.count ? 0 : index + 1
                } while try scanner.nextMember()
            }
            guard found == columns.count else {
                let missing = columns.indices.filter { !seen[$0] }.map { CodecField.quote(columns[$0].name) }
                throw RuntimeError(.badInput, "row \(row) has no value for input\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))")
            }
        }

        /// The column a key names, trying the one after the previous key first (rows usually
        /// list inputs in the same order).
        private func column(for key: StringSpan, hint: Int, scanner: JSONScanner, row: Int) throws -> Int {
            if hint < names.count, scanner.span(key, equals: names[hint]) { return hint }
            for i in names.indices where i != hint && scanner.span(key, equals: names[i]) { return i }
            let name = (try? scanner.decode(key)) ?? "?"
            throw RuntimeError(.badInput, "row \(row) has unknown input \(CodecField.quote(name)); the pipeline's inputs are \(columns.map { CodecField.quote($0.name) }.joined(separator: ", "))")
        }
    }
}
