import Foundation
import LastmileAPI
import LastmileStore

/// Runs `body` with a new empty directory, which is removed afterwards whatever happens.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appending(path: "lastmile-store-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

/// Runs `body` with a store opened in a new temporary directory.
func withStore<T>(_ body: (Store) throws -> T) throws -> T {
    try withTemporaryDirectory { directory throws in
        try body(try Store(directory: directory))
    }
}

/// A model signature used by the tests.
let featuresInput = [TensorSpec(name: "features", datatype: "FP32", shape: [-1, 4])]
/// A model signature used by the tests.
let scoreOutput = [TensorSpec(name: "score", datatype: "FP32", shape: [-1, 1])]

/// Runs `body` with a new empty directory, which is removed afterwards whatever happens.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appending(path: "lastmile-store-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}
