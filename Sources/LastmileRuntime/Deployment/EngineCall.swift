/// One pipeline run a replica is about to make, as reported to a deployment's test hook.
package struct EngineCall: Sendable, Equatable {
    /// The rows of the run: the sum of its requests' first dimensions.
    package var rows: Int
    /// How many requests share the run.
    package var requests: Int

    /// Describes one run.
    package init(rows: Int, requests: Int) {
        self.rows = rows
        self.requests = requests
    }
}
