import Foundation
import LastmileTensor
import LastmileTesting

/// Small models with one signature (X float [N, 3] -> Y float [N, 3]) whose answers a test
/// knows without running them: the rollout tests route and shadow rows between them.
enum ScalingModels {
    /// `Y = X * factor`.
    static func scaling(_ factor: Float) throws -> Data {
        var builder = ModelBuilder()
        builder.input("X", .float32, [nil, 3])
        builder.output("Y", .float32, [nil, 3])
        builder.initializer("k", try Tensor(shape: [], elements: [factor]))
        builder.node("Mul", inputs: ["X", "k"], outputs: ["Y"])
        return try builder.serialized()
    }

    /// `Y = X` for requests of exactly two rows; it reshapes X to [2, 3], so any other row
    /// count fails at run time.
    static func picky() throws -> Data {
        var builder = ModelBuilder()
        builder.input("X", .float32, [nil, 3])
        builder.output("Y", .float32, [nil, 3])
        builder.initializer("shape", try Tensor(shape: [2], elements: [Int64(2), 3]))
        builder.node("Reshape", inputs: ["X", "shape"], outputs: ["Y"])
        return try builder.serialized()
    }
}
