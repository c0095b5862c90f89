import LastmileAPI
import LastmileTensor

/// One input's values gathered from the rows of a records request.
///
/// The work is in closures made where the element type is concrete, so they run specialized
/// code (methods of a generic class reached through an existential would not).
struct RecordColumn {
    /// The input's name.
    let name: String
    /// Reads the input's value of one row and appends its elements.
    let readRow: (inout JSONScanner, Int) throws -> Void
    /// The rows stacked along a new first dimension.
    let tensor: (Int) throws -> Tensor
}

/// The elements of one column; `dims` is the row shape, with -1 dims fixed by the first row.
final class ColumnValues<T: WireElement> {
    let name: String
    var dims: [Int]
    var values: [T] = []

    init(name: String, rowShape: [Int], capacityHint: Int) {
        self.name = name
        self.dims = rowShape.map { $0 < 0 ? -1 : $0 }
        values.reserveCapacity(capacityHint)
    }

    @inline(__always)
    func readRow(_ scanner: inout JSONScanner, row: Int) throws {
        let field = CodecField(name: name, row: row)
        if dims.isEmpty {
            guard scanner.peek() != UInt8(ascii: "[") else {
                throw field.error("has a list where the input's shape needs a single \(T.dtype.v2Name) value per row")
            }
            values.append(try T.readJSON(&scanner, field: field, index: values.count))
        } else {
            try ElementReader.readShaped(&scanner, into: &values, dims: &dims, level: 0, field: field)
            guard values.count <= OpenInferenceCodec.maxElements else {
                throw field.error("brings the input past \(OpenInferenceCodec.maxElements) elements")
            }
        }
    }

    func tensor(rows: Int) throws -> Tensor {
        // A -1 dim still unset lies under an empty list, so it holds no elements.
        let shape = [rows] + dims.map { max($0, 0) }
        do {
            return try Tensor(shape: shape, elements: values)
        } catch {
            throw RuntimeError(.badInput, "input \(CodecField.quote(name)): \(values.count) values do not fill shape \(shape)")
        }
    }
}

/// Makes the column for an input spec.
struct ColumnMaker: WireElementVisitor {
    var spec: TensorSpec
    var capacityHint: Int

    func visit<T: WireElement>(_ type: T.Type) throws -> RecordColumn {
        let column = ColumnValues<T>(name: spec.name, rowShape: Array(spec.shape.dropFirst()), capacityHint: capacityHint)
        return RecordColumn(
            name: spec.name,
            readRow: { scanner, row in try column.readRow(&scanner, row: row) },
            tensor: { rows in try column.tensor(rows: rows) }
        )
    }
}
