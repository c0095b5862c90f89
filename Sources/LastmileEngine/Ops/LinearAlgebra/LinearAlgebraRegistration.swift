extension OpRegistry {
    /// Registers the LinearAlgebra family of ops.
    mutating func registerLinearAlgebraOps() {
    }
}
