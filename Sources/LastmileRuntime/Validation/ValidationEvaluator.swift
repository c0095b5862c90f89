import LastmileEngine
import LastmileTensor

/// Evaluates typed validation trees on the rows of one batch.
///
/// Built once per batch from the set's accesses and the batch's tensors; each row is then
/// evaluated by walking the trees and reading elements by offset, without allocating.
/// Unknown values (a missing field, an index past a variable dimension, a row the tensor does
/// not have, the mean or min of no elements) propagate as nil.
struct ValidationEvaluator {
    private let bindings: [ValidationFieldBinding]

    /// Binds every access to its tensor: inputs by name, outputs by name among `outputs`.
    init(accesses: [ValidationFieldAccess], inputs: [String: Tensor], outputs: [NamedValue]) {
        bindings = accesses.map { access in
            let tensor: Tensor? = switch access.scope {
            case .input: inputs[access.name]
            case .output: outputs.first { $0.name == access.name }?.value.tensor
            }
            return ValidationFieldBinding(access, tensor: tensor)
        }
    }

    /// The value of a condition on `row`: true, false, or nil when unknown.
    func evaluate(_ condition: ValidationCondition, row: Int) -> Bool? {
        switch condition {
        case .constant(let value):
            return value
        case .field(let access):
            let binding = bindings[access]
            return binding.start(row).flatMap { binding.storage?.validationBool(at: $0) }
        case .not(let operand):
            return evaluate(operand, row: row).map { !$0 }
        case .and(let left, let right):
            let lhs = evaluate(left, row: row)
            if lhs == false { return false }
            let rhs = evaluate(right, row: row)
            if rhs == false { return false }
            return lhs == true && rhs == true ? true : nil
        case .or(let left, let right):
            let lhs = evaluate(left, row: row)
            if lhs == true { return true }
            let rhs = evaluate(right, row: row)
            if rhs == true { return true }
            return lhs == false && rhs == false ? false : nil
        case .compare(let comparison, let left, let right):
            guard let a = evaluate(left, row: row), let b = evaluate(right, row: row) else { return nil }
            return switch comparison {
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            case .equal: a == b
            case .notEqual: a != b
            }
        case .same(let left, let right, let negated):
            guard let a = evaluate(left, row: row), let b = evaluate(right, row: row) else { return nil }
            return (a == b) != negated
        }
    }

    /// The value of a number on `row`, or nil when unknown.
    func evaluate(_ number: ValidationNumber, row: Int) -> Double? {
        switch number {
        case .constant(let value):
            return value
        case .field(let access):
            let binding = bindings[access]
            return binding.start(row).flatMap { binding.storage?.number(at: $0) }
        case .negate(let operand):
            return evaluate(operand, row: row).map { -$0 }
        case .arithmetic(let op, let left, let right):
            guard let a = evaluate(left, row: row), let b = evaluate(right, row: row) else { return nil }
            return switch op {
            case .add: a + b
            case .subtract: a - b
            case .multiply: a * b
            case .divide: a / b
            }
        case .abs(let operand):
            return evaluate(operand, row: row).map { Swift.abs($0) }
        case .extreme(let isMax, let operands):
            var result: Double?
            for operand in operands {
                guard let value = evaluate(operand, row: row) else { return nil }
                result = Self.extreme(result, value, isMax: isMax)
            }
            return result
        case .reduce(let reduction, let access):
            return reduce(reduction, bindings[access], row: row)
        }
    }

    private func reduce(_ reduction: ValidationNumber.Reduction, _ binding: ValidationFieldBinding, row: Int) -> Double? {
        guard let start = binding.start(row), let storage = binding.storage else { return nil }
        let count = binding.count
        if reduction == .len { return Double(count) }
        if reduction == .sum || reduction == .mean {
            var sum = 0.0
            for index in start..<start + count {
                guard let value = storage.number(at: index) else { return nil }
                sum += value
            }
            if reduction == .sum { return sum }
            return count == 0 ? nil : sum / Double(count)
        }
        var result: Double?
        for index in start..<start + count {
            guard let value = storage.number(at: index) else { return nil }
            result = Self.extreme(result, value, isMax: reduction == .max)
        }
        return result
    }

    /// The smaller (or larger) of a running result and a value; NaN once any value is NaN.
    @inline(__always)
    private static func extreme(_ result: Double?, _ value: Double, isMax: Bool) -> Double {
        guard let result else { return value }
        if result.isNaN || value.isNaN { return .nan }
        return isMax ? Swift.max(result, value) : Swift.min(result, value)
    }
}
