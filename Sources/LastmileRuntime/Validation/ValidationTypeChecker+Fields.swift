import LastmileAPI
import LastmileTensor

extension ValidationTypeChecker {
    /// Resolves `in.<name>[i]...` or `out.<name>[i]...` against the signature.
    ///
    /// Refuses unknown names (listing the valid ones), fields without a batch dimension, JSON
    /// and unknown datatypes, more indexes than the row has dimensions and indexes beyond a
    /// fixed dimension. Strings are refused as scalars but may be counted with `len`.
    mutating func field(_ reference: ValidationExpression.FieldReference, at position: Int) throws(ValidationSyntaxError) -> Typed {
        let isInput = reference.scope == .input
        let specs = isInput ? inputs : outputs
        let kind = isInput ? "input" : "output"
        guard let spec = specs.first(where: { $0.name == reference.name }) else {
            let known = specs.map { "\"\($0.name)\"" }.joined(separator: ", ")
            let list = specs.isEmpty ? "the pipeline has no \(kind)s" : "the \(kind)s are \(known)"
            throw ValidationSyntaxError(at: reference.namePosition, "unknown \(kind) \"\(reference.name)\"; \(list)")
        }
        let head = ValidationExpression.FieldReference(scope: reference.scope, name: reference.name, namePosition: reference.namePosition, indexes: []).text
        guard spec.datatype.uppercased() != "JSON" else {
            throw ValidationSyntaxError(at: position, "\(head) is JSON (a sequence of maps); validations read tensor fields only")
        }
        guard let dtype = DType(v2Name: spec.datatype) else {
            throw ValidationSyntaxError(at: position, "\(head) has datatype \(spec.datatype), which validations cannot read")
        }
        guard !spec.shape.isEmpty else {
            throw ValidationSyntaxError(at: position, "\(head) has shape [] and so no batch dimension; validations read fields with one value per row")
        }
        let row = Array(spec.shape.dropFirst())
        if reference.indexes.count > row.count {
            let extra = reference.indexes[row.count]
            let most = switch row.count {
            case 0: "no index (it has one value per row)"
            case 1: "at most 1 index"
            default: "at most \(row.count) indexes"
            }
            throw ValidationSyntaxError(at: extra.position, "\(head) has shape \(spec.shape), so it takes \(most)")
        }
        for (axis, index) in reference.indexes.enumerated() where row[axis] >= 0 && index.value >= row[axis] {
            throw ValidationSyntaxError(at: index.position, "index \(index.value) is out of range for dimension \(axis + 2) of \(head) (shape \(spec.shape)), which has size \(row[axis])")
        }
        let indexes = reference.indexes.map(\.value)
        let rest = Array(row.dropFirst(indexes.count))
        if !rest.isEmpty {
            let vector = Vector(
                access: ValidationFieldAccess(scope: reference.scope, name: reference.name, indexes: indexes, rank: spec.shape.count, element: dtype == .bool ? .boolean : dtype == .string ? .any : .number),
                text: reference.text, shape: rest, datatype: dtype.v2Name
            )
            return .vector(vector)
        }
        switch dtype {
        case .bool:
            let access = ValidationFieldAccess(scope: reference.scope, name: reference.name, indexes: indexes, rank: spec.shape.count, element: .boolean)
            return .condition(.field(register(access)))
        case .string:
            throw ValidationSyntaxError(at: position, "\(reference.text) is BYTES (a string); validations compute with numbers and booleans (len() counts the elements of a BYTES vector)")
        default:
            let access = ValidationFieldAccess(scope: reference.scope, name: reference.name, indexes: indexes, rank: spec.shape.count, element: .number)
            return .number(.field(register(access)))
        }
    }
}
