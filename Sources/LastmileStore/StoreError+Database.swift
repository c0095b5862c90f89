import GRDB

extension StoreError {
    /// `error` as a store error: store errors pass through, SQLite failures become `.io`,
    /// and constraint violations that checks before the write did not catch become `.conflict`
    /// or `.invalid`.
    ///
    /// - Parameter action: what the store was doing, in words that follow "could not"
    ///   (`create workspace "team"`).
    static func wrapping(_ error: any Error, action: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return StoreError(.io, "could not \(action): \(error)", underlying: error)
        }
        // `DatabaseError.message` is SQLite's own text: it names tables and columns, never values.
        let detail = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        let code = error.extendedResultCode
        if code == .SQLITE_CONSTRAINT_UNIQUE || code == .SQLITE_CONSTRAINT_PRIMARYKEY {
            return StoreError(.conflict, "could not \(action): it exists already (\(detail)); choose another name", underlying: error)
        }
        if code == .SQLITE_CONSTRAINT_FOREIGNKEY {
            return StoreError(.invalid, "could not \(action): it refers to an object that does not exist (\(detail))", underlying: error)
        }
        if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            return StoreError(.io, "could not \(action): the database is locked by another process (\(detail)); stop other Lastmile processes using this data directory", underlying: error)
        }
        return StoreError(.io, "could not \(action): \(detail); check the data directory's disk space and permissions", underlying: error)
    }
}
