import LastmileTensor

extension TensorOps {
    /// How ScatterElements and ScatterND combine an update with the value already there.
    enum ScatterReduction: String {
        case none, add, mul, max, min

        /// The `reduction` attribute (opset 16+; "none" before).
        init(_ ctx: NodeContext) throws {
            let name = ctx.opset >= 16 ? try ctx.string("reduction", default: "none") : "none"
            guard let reduction = ScatterReduction(rawValue: name), ctx.opset >= 18 || (reduction != .max && reduction != .min) else {
                throw OpError("reduction \"\(name)\" is not supported at opset \(ctx.opset)")
            }
            self = reduction
        }
    }

    /// A copy of the data with `sliceSize` update elements written from each of `targets` on,
    /// in order (so with no reduction a repeated target keeps the last update).
    ///
    /// The caller guarantees every target slice lies inside the data and that `updates` holds
    /// `targets.count * sliceSize` elements of the data's type.
    struct Scatter: ElementVisitor, NumericVisitor {
        let targets: [Int]
        let sliceSize: Int
        let updates: TensorStorage
        let reduction: ScatterReduction

        func visit<T: TensorElement>(_ values: [T]) throws -> TensorStorage {
            let updates = try typedUpdates(T.self)
            var out = values
            for (t, target) in targets.enumerated() {
                for j in 0..<sliceSize {
                    out[target + j] = updates[t * sliceSize + j]
                }
            }
            return T.storage(out)
        }

        func visit<T: Arithmetic>(_ values: [T]) throws -> TensorStorage {
            let updates = try typedUpdates(T.self)
            var out = values
            switch reduction {
            case .none: apply(&out, updates) { $1 }
            case .add: apply(&out, updates, T.wrappingAdd)
            case .mul: apply(&out, updates, T.wrappingMultiply)
            case .max: apply(&out, updates) { Swift.max($0, $1) }
            case .min: apply(&out, updates) { Swift.min($0, $1) }
            }
            return T.storage(out)
        }

        private func apply<T>(_ out: inout [T], _ updates: [T], _ combine: (T, T) -> T) {
            for (t, target) in targets.enumerated() {
                for j in 0..<sliceSize {
                    out[target + j] = combine(out[target + j], updates[t * sliceSize + j])
                }
            }
        }

        private func typedUpdates<T: TensorElement>(_: T.Type) throws -> [T] {
            guard let updates = T.elements(of: updates) else { throw OpError("updates and data have different types") }
            guard updates.count == targets.count * sliceSize else {
                throw OpError("updates has \(updates.count) elements, expected \(targets.count * sliceSize)")
            }
            return updates
        }

        /// Runs the scatter on `data`, dispatching to the numeric path when there is a reduction.
        func run(on data: Tensor) throws -> Tensor {
            guard updates.dtype == data.dtype else {
                throw OpError("updates is \(updates.dtype) but data is \(data.dtype)")
            }
            let storage = reduction == .none
                ? try TensorOps.visit(data.storage, self)
                : try TensorOps.visitNumeric(data.storage, self, "data with reduction \"\(reduction.rawValue)\"")
            return try Tensor(shape: data.shape, storage: storage)
        }
    }
}
