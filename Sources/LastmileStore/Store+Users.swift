import GRDB
import LastmileAPI

extension Store {
    /// Creates a user with a new random token, which the reply carries and the store forgets.
    ///
    /// The token is `lm_` followed by 32 random bytes in hex; only its SHA-256 is stored.
    /// Throws `.invalid` when `name` breaks `ResourceName`'s rule and `.conflict` when a user
    /// with that name exists.
    public func createUser(name: String, admin: Bool) throws -> CreateUserReply {
        let token = Self.newToken()
        let user = try createUser(name: name, admin: admin, token: token)
        return CreateUserReply(user: user, token: token)
    }

    /// Creates a user who authenticates with `token` (the bootstrap admin's configured token).
    ///
    /// Only the token's SHA-256 is stored. Throws `.invalid` when `name` breaks
    /// `ResourceName`'s rule or `token` is empty, and `.conflict` when a user with that name
    /// exists or another user has the same token.
    public func createUser(name: String, admin: Bool, token: String) throws -> User {
        try Self.validate(name, kind: "user")
        try Self.validateToken(token, user: name)
        let now = Timestamp.now()
        let record = UserRecord(id: Self.newID(), name: name, admin: admin, createdAt: now)
        try write("create user \"\(name)\"") { db in
            if try UserRecord.filter(UserRecord.Columns.name == name).fetchCount(db) > 0 {
                throw StoreError(.conflict, "a user named \"\(name)\" exists already; choose another name")
            }
            try record.insert(db)
            try Self.insertToken(token, userId: record.id, userName: name, now: now, db: db)
        }
        return Self.user(record)
    }

    /// The user named `name`, or nil when there is none.
    public func user(named name: String) throws -> User? {
        try read("read user \"\(name.prefix(80))\"") { db in
            try UserRecord.filter(UserRecord.Columns.name == name).fetchOne(db).map(Self.user)
        }
    }

    /// The user that `token` authenticates, or nil when it authenticates nobody.
    ///
    /// The token is hashed and looked up by its hash, so the lookup's timing depends on the
    /// hash, not on the token; the stored hash is then compared in constant time.
    public func authenticate(token: String) throws -> User? {
        guard !token.isEmpty else { return nil }
        let digest = Hex.sha256(Array(token.utf8))
        return try read("check a token") { db in
            guard let stored = try TokenRecord.fetchOne(db, key: digest),
                  Hex.constantTimeEqual(stored.sha256, digest) else {
                return nil
            }
            return try UserRecord.fetchOne(db, key: stored.userId).map(Self.user)
        }
    }

    /// Whether any user exists (false on a new data directory).
    public func hasUsers() throws -> Bool {
        try read("count users") { db in
            try UserRecord.fetchCount(db) > 0
        }
    }

    /// Makes `token` the only token of the user named `user`; their other tokens stop working.
    ///
    /// Throws `.notFound` for an unknown user, `.invalid` for an empty token and `.conflict`
    /// when another user has that token.
    public func replaceToken(user: String, token: String) throws {
        try Self.validateToken(token, user: user)
        try write("replace the token of user \"\(user.prefix(80))\"") { db in
            guard let record = try UserRecord.filter(UserRecord.Columns.name == user).fetchOne(db) else {
                throw StoreError(.notFound, "no user named \"\(user.prefix(80))\"; create the user first")
            }
            try TokenRecord.filter(TokenRecord.Columns.userId == record.id).deleteAll(db)
            try Self.insertToken(token, userId: record.id, userName: user, now: Timestamp.now(), db: db)
        }
    }

    // MARK: - Helpers

    /// A new token: `lm_` and 32 bytes from the system's secure random source, in hex.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return "lm_" + Hex.encode(bytes)
    }

    /// Stores the hash of `token` for the user `userId`; `.conflict` when another user has it.
    static func insertToken(_ token: String, userId: String, userName: String, now: Int64, db: Database) throws {
        let digest = Hex.sha256(Array(token.utf8))
        if let existing = try TokenRecord.fetchOne(db, key: digest), existing.userId != userId {
            throw StoreError(.conflict, "another user has the token given for user \"\(userName)\"; choose a different token")
        }
        try TokenRecord(sha256: digest, userId: userId, createdAt: now).upsert(db)
    }

    /// Throws `.invalid` when `token` cannot be a bearer token.
    static func validateToken(_ token: String, user: String) throws {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw StoreError(.invalid, "the token for user \"\(user.prefix(80))\" must be non-empty printable ASCII without spaces; set another token")
        }
    }

    /// The wire form of a user row.
    static func user(_ record: UserRecord) -> User {
        User(id: record.id, name: record.name, admin: record.admin, createdAt: Timestamp.date(record.createdAt))
    }
}
