import LastmileTensor

extension CompiledPipeline {
    /// Checks a request against the pipeline's inputs.
    ///
    /// Every declared input must be present and no other; each must have the declared
    /// datatype, rank and fixed dimensions. Throws `RuntimeError(.badInput)` naming the input
    /// and what was expected: `input "x" has shape [1, 3]; expected [-1, 4]`.
    public func validate(_ inputs: [String: Tensor]) throws {
        if let name = inputs.keys.lazy.filter({ name in !self.rules.contains { $0.name == name } }).min() {
            let known = rules.map(\.summary).joined(separator: ", ")
            throw RuntimeError(.badInput, "unknown input \"\(name.prefix(100))\"; pipeline \"\(version.pipeline)\" takes \(known)")
        }
        for rule in rules {
            guard let tensor = inputs[rule.name] else {
                throw RuntimeError(.badInput, "missing input \(rule.summary)")
            }
            try rule.check(tensor)
        }
    }
}
