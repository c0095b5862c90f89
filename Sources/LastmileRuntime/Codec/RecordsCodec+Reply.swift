import LastmileEngine
import LastmileTensor

extension RecordsCodec {
    /// Encodes the reply: a JSON list with one object per row,
    /// `{"time": <ms since epoch>, "in": {<input>: row value}, "out": {<output>: row value},
    /// "anomaly": {"count": 0}, "metadata": {"pipeline", "pipeline_version", "model_versions", "elapsed_ns"}}`.
    ///
    /// Row values are slices along dim 0: a number (bool, string) when a row is a scalar, nested
    /// lists otherwise; a ZipMap sequence gives each row its map object. A rank-0 tensor is
    /// accepted as the value of the only row when `rows` is 1. Inputs are written in
    /// `inputOrder`, outputs in their order. Throws `RuntimeError(.inferenceFailed)` when an
    /// input or output cannot be split into `rows` rows, or an input in `inputOrder` is missing.
    ///
    /// Each challenger of a shadow step adds `"out_<model>": {...}` after `out`; a failed one
    /// adds its message to the metadata's `shadow_errors` instead.
    public static func encodeReply(
        rows: Int, inputs: [String: Tensor], inputOrder: [String], outputs: [NamedValue], shadows: [ShadowOutputs] = [],
        metadata: RecordMetadata, timeMillis: Int64
    ) throws -> [UInt8] {
        try encodeReplyRows(rows: rows, inputs: inputs, inputOrder: inputOrder, outputs: outputs, shadows: shadows, metadata: metadata, timeMillis: timeMillis).bytes
    }

    /// Encodes the reply like `encodeReply(rows:inputs:inputOrder:outputs:metadata:timeMillis:)`
    /// and also returns where each row's object is in the bytes (for the inference log).
    public static func encodeReplyRows(
        rows: Int, inputs: [String: Tensor], inputOrder: [String], outputs: [NamedValue], shadows: [ShadowOutputs] = [],
        metadata: RecordMetadata, timeMillis: Int64
    ) throws -> (bytes: [UInt8], rowRanges: [Range<Int>]) {
        var inColumns: [ReplyColumn] = []
        for name in inputOrder {
            guard let tensor = inputs[name] else {
                throw RuntimeError(.inferenceFailed, "input \(CodecField.quote(name)) is missing from the reply's inputs")
            }
            inColumns.append(try ReplyColumn(name: name, value: .tensor(tensor), rows: rows, role: "input"))
        }
        return try encode(rows: rows, inPart: .columns(inColumns), outputs: outputs, shadows: shadows, metadata: metadata, timeMillis: timeMillis)
    }

    /// Encodes the reply like `encodeReply(rows:inputs:inputOrder:outputs:metadata:timeMillis:)`,
    /// with each row's `in` object made of the values' text as the client sent it (keys in the
    /// request's `inputOrder`).
    public static func encodeReply(
        request: RecordsRequest, outputs: [NamedValue], shadows: [ShadowOutputs] = [], metadata: RecordMetadata, timeMillis: Int64
    ) throws -> [UInt8] {
        guard request.ranges.count == 2 * request.rows * request.inputOrder.count else {
            throw RuntimeError(.inferenceFailed, "the records request does not carry the text of its \(request.rows) rows")
        }
        return try encode(rows: request.rows, inPart: .text(request), outputs: outputs, shadows: shadows, metadata: metadata, timeMillis: timeMillis).bytes
    }

    /// Where the `in` objects of a reply come from.
    private enum InPart {
        case columns([ReplyColumn])
        case text(RecordsRequest)
    }

    private static func encode(
        rows: Int, inPart: InPart, outputs: [NamedValue], shadows: [ShadowOutputs], metadata: RecordMetadata, timeMillis: Int64
    ) throws -> (bytes: [UInt8], rowRanges: [Range<Int>]) {
        let outColumns = try outputs.map { try ReplyColumn(name: $0.name, value: $0.value, rows: rows, role: "output") }
        var shadowColumns: [(key: [UInt8], columns: [ReplyColumn])] = []
        for shadow in shadows {
            guard let values = shadow.values else { continue }
            let role = "output of challenger \(CodecField.quote(shadow.model))"
            shadowColumns.append((
                ReplyColumn.key(shadow.field),
                try values.map { try ReplyColumn(name: $0.name, value: $0.value, rows: rows, role: role) }
            ))
        }

        var prefix = ByteWriter(capacity: 32)
        prefix.append("{\"time\":")
        prefix.append(timeMillis)
        prefix.append(",\"in\":{")
        var suffix = ByteWriter(capacity: 128)
        let failed = shadows.filter { $0.values == nil }
        if !failed.isEmpty {
            suffix.append("\"shadow_errors\":{")
            for (i, shadow) in failed.enumerated() {
                if i > 0 { suffix.append(UInt8(ascii: ",")) }
                suffix.appendQuoted(shadow.model)
                suffix.append(UInt8(ascii: ":"))
                suffix.appendQuoted(shadow.error ?? "failed")
            }
            suffix.append("},")
        }
        suffix.append("\"pipeline\":")
        suffix.appendQuoted(metadata.pipeline)
        suffix.append(",\"pipeline_version\":")
        suffix.append(Int64(metadata.pipelineVersion))
        suffix.append(",\"model_versions\":[")
        for (i, id) in metadata.modelVersions.enumerated() {
            if i > 0 { suffix.append(UInt8(ascii: ",")) }
            suffix.appendQuoted(id)
        }
        suffix.append("],\"elapsed_ns\":")
        suffix.append(metadata.elapsedNanos)
        suffix.append("}}")

        var perRow = prefix.bytes.count + suffix.bytes.count + 16 + ReplyColumn.rowBytes(outColumns)
        for shadow in shadowColumns {
            perRow += shadow.key.count + 4 + ReplyColumn.rowBytes(shadow.columns)
        }
        var textKeys: [[UInt8]] = []
        switch inPart {
        case .columns(let columns):
            perRow += ReplyColumn.rowBytes(columns)
        case .text(let request):
            perRow += request.text.count / max(request.rows, 1) + 16 * request.inputOrder.count
            textKeys = request.inputOrder.map { ReplyColumn.key($0) }
        }
        let anomalyKeys = metadata.validationNames.map { ReplyColumn.key($0) }
        perRow += 96 + anomalyKeys.reduce(0) { $0 + $1.count + 6 }
        var writer = ByteWriter(capacity: 2 + rows * perRow)
        var rowRanges: [Range<Int>] = []
        rowRanges.reserveCapacity(rows)
        writer.append(UInt8(ascii: "["))
        for row in 0..<rows {
            if row > 0 { writer.append(UInt8(ascii: ",")) }
            let rowStart = writer.bytes.count
            writer.append(contentsOf: prefix.bytes)
            switch inPart {
            case .columns(let columns):
                write(columns, row: row, to: &writer)
            case .text(let request):
                writeText(request, keys: textKeys, row: row, to: &writer)
            }
            writer.append("},\"out\":{")
            write(outColumns, row: row, to: &writer)
            for shadow in shadowColumns {
                writer.append("},")
                writer.append(contentsOf: shadow.key)
                writer.append(UInt8(ascii: "{"))
                write(shadow.columns, row: row, to: &writer)
            }
            writeAnomaly(row: row, metadata: metadata, keys: anomalyKeys, to: &writer)
            writer.append(",\"metadata\":{")
            if row < metadata.predictionIds.count {
                writer.append("\"prediction_id\":")
                writer.appendQuoted(metadata.predictionIds[row])
                writer.append(UInt8(ascii: ","))
            }
            writer.append(contentsOf: suffix.bytes)
            rowRanges.append(rowStart..<writer.bytes.count)
        }
        writer.append(UInt8(ascii: "]"))
        return (writer.bytes, rowRanges)
    }

    /// `},"anomaly":{"count":N,"<name>":true|false,...}` for one row.
    private static func writeAnomaly(row: Int, metadata: RecordMetadata, keys: [[UInt8]], to writer: inout ByteWriter) {
        let flagged = row < metadata.anomalies.count ? metadata.anomalies[row] : []
        writer.append("},\"anomaly\":{\"count\":")
        writer.append(Int64(flagged.count))
        for (name, key) in zip(metadata.validationNames, keys) {
            writer.append(UInt8(ascii: ","))
            writer.append(contentsOf: key)
            writer.append(flagged.contains(name) ? "true" : "false")
        }
        writer.append(UInt8(ascii: "}"))
    }

    private static func writeText(_ request: RecordsRequest, keys: [[UInt8]], row: Int, to writer: inout ByteWriter) {
        let base = 2 * row * keys.count
        request.text.withUnsafeBytes { text in
            for (i, key) in keys.enumerated() {
                if i > 0 { writer.append(UInt8(ascii: ",")) }
                writer.append(contentsOf: key)
                let start = request.ranges[base + 2 * i]
                let end = request.ranges[base + 2 * i + 1]
                writer.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[start..<end]))
            }
        }
    }

    private static func write(_ columns: [ReplyColumn], row: Int, to writer: inout ByteWriter) {
        for i in columns.indices {
            if i > 0 { writer.append(UInt8(ascii: ",")) }
            writer.append(contentsOf: columns[i].key)
            columns[i].writeRow(row, to: &writer)
        }
    }

    /// An input or output checked to split into the reply's rows, with its key pre-encoded.
    private struct ReplyColumn {
        /// `"name":` as JSON.
        var key: [UInt8]
        var value: Value
        /// The row shape of a tensor (its shape without the first dim).
        var rowDims: [Int] = []
        var rowElements = 1

        /// About how many bytes `columns` take in one row (keys, and 12 per element), for
        /// reserving the reply's capacity.
        static func rowBytes(_ columns: [ReplyColumn]) -> Int {
            columns.reduce(0) { $0 + $1.key.count + 1 + $1.rowElements * 12 }
        }

        /// `"name":` as JSON bytes.
        static func key(_ name: String) -> [UInt8] {
            var key = ByteWriter(capacity: name.utf8.count + 3)
            key.appendQuoted(name)
            key.append(UInt8(ascii: ":"))
            return key.bytes
        }

        init(name: String, value: Value, rows: Int, role: String) throws {
            self.key = Self.key(name)
            self.value = value
            rowDims = try RecordsCodec.rowDims(of: value, rows: rows, role: role, name: name)
            rowElements = Shape.count(rowDims)
        }

        func writeRow(_ row: Int, to writer: inout ByteWriter) {
            switch value {
            case .tensor(let tensor):
                TensorWriter.write(tensor.storage, .nested(start: row * rowElements, dims: rowDims), to: &writer)
            case .sequence(let items):
                if case .map(let map) = items[row] { TensorWriter.writeMap(map, to: &writer) }
            case .map:
                break
            }
        }
    }

    /// The shape of one row of `value` when it splits into `rows` rows the way replies (and
    /// the inference log) split values: a tensor along dimension 0 (a scalar only for one
    /// row), a sequence of maps (ZipMap) item by item. Throws `RuntimeError(.inferenceFailed)`
    /// naming `role` and `name` otherwise.
    static func rowDims(of value: Value, rows: Int, role: String, name: String) throws -> [Int] {
        switch value {
        case .tensor(let tensor):
            if tensor.rank == 0 {
                guard rows == 1 else {
                    throw RuntimeError(.inferenceFailed, "\(role) \(CodecField.quote(name)) is a scalar and cannot be split into \(rows) rows")
                }
                return []
            }
            guard tensor.shape[0] == rows else {
                throw RuntimeError(.inferenceFailed, "\(role) \(CodecField.quote(name)) has shape \(tensor.shape), which cannot be split into \(rows) rows")
            }
            return Array(tensor.shape.dropFirst())
        case .sequence(let items):
            guard items.count == rows else {
                throw RuntimeError(.inferenceFailed, "\(role) \(CodecField.quote(name)) is a sequence of \(items.count) items, which cannot be split into \(rows) rows")
            }
            try TensorWriter.checkMaps(items, output: name)
            return []
        case .map:
            throw RuntimeError(.inferenceFailed, "\(role) \(CodecField.quote(name)) is a single map; only tensors and sequences of maps (ZipMap) can be written")
        }
    }
}
