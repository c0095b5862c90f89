import GRDB
import LastmileAPI

extension Store {
    /// Creates a workspace whose owner is the user named `owner`.
    ///
    /// Throws `.invalid` when `name` breaks `ResourceName`'s rule, `.notFound` when `owner` is
    /// not a user and `.conflict` when a workspace with that name exists.
    public func createWorkspace(name: String, owner: String) throws -> Workspace {
        try Self.validate(name, kind: "workspace")
        return try write("create workspace \"\(name)\"") { db in
            guard let user = try Self.userRecord(named: owner, db: db) else {
                throw StoreError(.notFound, "no user named \"\(owner.prefix(80))\" to own workspace \"\(name)\"; create the user first")
            }
            if try WorkspaceRecord.filter(WorkspaceRecord.Columns.name == name).fetchCount(db) > 0 {
                throw StoreError(.conflict, "a workspace named \"\(name)\" exists already; choose another name")
            }
            let record = WorkspaceRecord(id: Self.newID(), name: name, createdAt: Timestamp.now())
            try record.insert(db)
            try MemberRecord(workspaceId: record.id, userId: user.id, role: WorkspaceRole.owner.rawValue).insert(db)
            return try Self.workspace(record, db: db)
        }
    }

    /// The workspace named `name` with its members, or nil when there is none.
    public func workspace(named name: String) throws -> Workspace? {
        try read("read workspace \"\(name.prefix(80))\"") { db in
            try Self.workspaceRecord(named: name, db: db).map { try Self.workspace($0, db: db) }
        }
    }

    /// The workspaces `user` may see, sorted by name: all of them for an admin, otherwise those
    /// the user is a member of.
    public func workspaces(visibleTo user: User) throws -> [Workspace] {
        try read("list the workspaces of user \"\(user.name)\"") { db in
            let records: [WorkspaceRecord]
            if user.admin {
                records = try WorkspaceRecord.order(WorkspaceRecord.Columns.name).fetchAll(db)
            } else {
                records = try WorkspaceRecord.fetchAll(db, sql: """
                    SELECT workspace.* FROM workspace
                    JOIN member ON member.workspaceId = workspace.id
                    WHERE member.userId = ?
                    ORDER BY workspace.name
                    """, arguments: [user.id])
            }
            return try records.map { try Self.workspace($0, db: db) }
        }
    }

    /// Gives the user named `user` the role `role` in `workspace`, adding them if they are not
    /// a member, and returns the workspace.
    ///
    /// Throws `.notFound` for an unknown workspace or user, and `.invalid` when the change would
    /// leave the workspace without an owner.
    public func setMember(workspace: String, user: String, role: WorkspaceRole) throws -> Workspace {
        try write("set the role of \"\(user.prefix(80))\" in workspace \"\(workspace.prefix(80))\"") { db in
            guard let space = try Self.workspaceRecord(named: workspace, db: db) else {
                throw StoreError(.notFound, "no workspace named \"\(workspace.prefix(80))\"; create it first")
            }
            guard let member = try Self.userRecord(named: user, db: db) else {
                throw StoreError(.notFound, "no user named \"\(user.prefix(80))\"; create the user before adding them to workspace \"\(workspace)\"")
            }
            let current = try MemberRecord.fetchOne(db, key: ["workspaceId": space.id, "userId": member.id])
            if current?.role == WorkspaceRole.owner.rawValue, role != .owner {
                let owners = try MemberRecord
                    .filter(MemberRecord.Columns.workspaceId == space.id && MemberRecord.Columns.role == WorkspaceRole.owner.rawValue)
                    .fetchCount(db)
                if owners <= 1 {
                    throw StoreError(.invalid, "\"\(user)\" is the only owner of workspace \"\(workspace)\"; make another member owner first")
                }
            }
            try MemberRecord(workspaceId: space.id, userId: member.id, role: role.rawValue).upsert(db)
            return try Self.workspace(space, db: db)
        }
    }

    /// The role of the user named `user` in `workspace`, or nil when either does not exist or
    /// the user is not a member.
    public func role(of user: String, in workspace: String) throws -> WorkspaceRole? {
        try read("read the role of \"\(user.prefix(80))\" in workspace \"\(workspace.prefix(80))\"") { db in
            let role = try String.fetchOne(db, sql: """
                SELECT member.role FROM member
                JOIN workspace ON workspace.id = member.workspaceId
                JOIN user ON user.id = member.userId
                WHERE workspace.name = ? AND user.name = ?
                """, arguments: [workspace, user])
            return role.flatMap(WorkspaceRole.init(rawValue:))
        }
    }

    // MARK: - Helpers

    /// The workspace row named `name`.
    static func workspaceRecord(named name: String, db: Database) throws -> WorkspaceRecord? {
        try WorkspaceRecord.filter(WorkspaceRecord.Columns.name == name).fetchOne(db)
    }

    /// The user row named `name`.
    static func userRecord(named name: String, db: Database) throws -> UserRecord? {
        try UserRecord.filter(UserRecord.Columns.name == name).fetchOne(db)
    }

    /// The wire form of a workspace row, with its members sorted by user name.
    static func workspace(_ record: WorkspaceRecord, db: Database) throws -> Workspace {
        let rows = try Row.fetchAll(db, sql: """
            SELECT user.name AS name, member.role AS role FROM member
            JOIN user ON user.id = member.userId
            WHERE member.workspaceId = ?
            ORDER BY user.name
            """, arguments: [record.id])
        let members = try rows.map { row in
            let name: String = row["name"]
            let text: String = row["role"]
            guard let role = WorkspaceRole(rawValue: text) else {
                throw StoreError(.io, "member \"\(name)\" of workspace \"\(record.name)\" has unknown role \"\(text.prefix(40))\"; the database was changed outside Lastmile or by a newer version")
            }
            return Member(user: name, role: role)
        }
        return Workspace(id: record.id, name: record.name, createdAt: Timestamp.date(record.createdAt), members: members)
    }
}
