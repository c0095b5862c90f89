/// The order in which `InferenceLog.read` returns rows.
public enum LogOrder: String, Sendable {
    /// Oldest first; rows with equal times in the order they were appended.
    case asc
    /// Newest first; rows with equal times in the reverse of the order they were appended.
    case desc
}
