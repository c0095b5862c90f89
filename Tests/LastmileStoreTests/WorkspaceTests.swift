import LastmileAPI
import LastmileStore
import Testing

@Suite struct WorkspaceTests {
    @Test func creatorBecomesTheOnlyOwner() throws {
        try withStore { store throws in
            // Given
            _ = try store.createUser(name: "alice", admin: false)
            // When
            let workspace = try store.createWorkspace(name: "team", owner: "alice")
            // Then
            #expect(workspace.members == [Member(user: "alice", role: .owner)])
            #expect(try store.role(of: "alice", in: "team") == .owner)
            #expect(try store.workspace(named: "team") == workspace)
        }
    }

    @Test func duplicateWorkspaceNameConflicts() throws {
        try withStore { store throws in
            // Given
            _ = try store.createUser(name: "alice", admin: false)
            _ = try store.createUser(name: "bob", admin: false)
            _ = try store.createWorkspace(name: "team", owner: "alice")
            // When
            let error = #expect(throws: StoreError.self) { try store.createWorkspace(name: "team", owner: "bob") }
            // Then
            #expect(error?.code == .conflict)
            #expect(error?.message.contains("a workspace named \"team\" exists already") == true)
            #expect(try store.workspace(named: "team")?.members == [Member(user: "alice", role: .owner)])
        }
    }

    @Test func invalidWorkspaceNameIsRefused() throws {
        try withStore { store throws in
            _ = try store.createUser(name: "alice", admin: false)
            let error = #expect(throws: StoreError.self) { try store.createWorkspace(name: "Team!", owner: "alice") }
            #expect(error?.code == .invalid)
            #expect(try store.workspace(named: "Team!") == nil)
        }
    }

    @Test func workspaceOfAnUnknownOwnerIsNotFound() throws {
        try withStore { store throws in
            let error = #expect(throws: StoreError.self) { try store.createWorkspace(name: "team", owner: "ghost") }
            #expect(error?.code == .notFound)
        }
    }

    @Test func membersSeeTheirWorkspacesAndAdminsSeeAll() throws {
        try withStore { store throws in
            // Given
            let admin = try store.createUser(name: "admin", admin: true, token: "admin-token")
            let alice = try store.createUser(name: "alice", admin: false).user
            let bob = try store.createUser(name: "bob", admin: false).user
            let carol = try store.createUser(name: "carol", admin: false).user
            _ = try store.createWorkspace(name: "zeta", owner: "alice")
            _ = try store.createWorkspace(name: "alpha", owner: "alice")
            _ = try store.createWorkspace(name: "bobs", owner: "bob")
            _ = try store.setMember(workspace: "bobs", user: "alice", role: .viewer)
            // When
            let seenByAlice = try store.workspaces(visibleTo: alice).map(\.name)
            let seenByBob = try store.workspaces(visibleTo: bob).map(\.name)
            let seenByCarol = try store.workspaces(visibleTo: carol).map(\.name)
            let seenByAdmin = try store.workspaces(visibleTo: admin).map(\.name)
            // Then
            #expect(seenByAlice == ["alpha", "bobs", "zeta"])
            #expect(seenByBob == ["bobs"])
            #expect(seenByCarol == [])
            #expect(seenByAdmin == ["alpha", "bobs", "zeta"])
        }
    }

    @Test func setMemberAddsAndChangesRoles() throws {
        try withStore { store throws in
            // Given
            _ = try store.createUser(name: "alice", admin: false)
            _ = try store.createUser(name: "bob", admin: false)
            _ = try store.createWorkspace(name: "team", owner: "alice")
            // When
            let added = try store.setMember(workspace: "team", user: "bob", role: .viewer)
            let changed = try store.setMember(workspace: "team", user: "bob", role: .collaborator)
            // Then
            #expect(added.members == [Member(user: "alice", role: .owner), Member(user: "bob", role: .viewer)])
            #expect(changed.members == [Member(user: "alice", role: .owner), Member(user: "bob", role: .collaborator)])
            #expect(try store.role(of: "bob", in: "team") == .collaborator)
            #expect(try store.role(of: "bob", in: "other") == nil)
            #expect(try store.role(of: "ghost", in: "team") == nil)
        }
    }

    @Test func setMemberOfUnknownWorkspaceOrUserIsNotFound() throws {
        try withStore { store throws in
            // Given
            _ = try store.createUser(name: "alice", admin: false)
            _ = try store.createWorkspace(name: "team", owner: "alice")
            // When
            let noWorkspace = #expect(throws: StoreError.self) { try store.setMember(workspace: "other", user: "alice", role: .viewer) }
            let noUser = #expect(throws: StoreError.self) { try store.setMember(workspace: "team", user: "ghost", role: .viewer) }
            // Then
            #expect(noWorkspace?.code == .notFound)
            #expect(noUser?.code == .notFound)
        }
    }

    @Test func theLastOwnerCannotBeDemoted() throws {
        try withStore { store throws in
            // Given
            _ = try store.createUser(name: "alice", admin: false)
            _ = try store.createUser(name: "bob", admin: false)
            _ = try store.createWorkspace(name: "team", owner: "alice")
            // When
            let error = #expect(throws: StoreError.self) { try store.setMember(workspace: "team", user: "alice", role: .viewer) }
            _ = try store.setMember(workspace: "team", user: "bob", role: .owner)
            let afterSecondOwner = try store.setMember(workspace: "team", user: "alice", role: .viewer)
            // Then
            #expect(error?.code == .invalid)
            #expect(afterSecondOwner.members == [Member(user: "alice", role: .viewer), Member(user: "bob", role: .owner)])
        }
    }
}
