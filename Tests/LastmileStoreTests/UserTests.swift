import Foundation
import LastmileAPI
import LastmileStore
import Testing

@Suite struct UserTests {
    @Test func createdUsersTokenAuthenticatesThem() throws {
        try withStore { store throws in
            // Given
            let reply = try store.createUser(name: "alice", admin: false)
            // When
            let user = try store.authenticate(token: reply.token)
            // Then
            #expect(user == reply.user)
            #expect(reply.token.hasPrefix("lm_"))
            #expect(reply.token.count == 3 + 64)
        }
    }

    @Test func unknownOrEmptyTokensAuthenticateNobody() throws {
        try withStore { store throws in
            // Given
            let reply = try store.createUser(name: "alice", admin: false)
            // When / Then
            #expect(try store.authenticate(token: reply.token + "0") == nil)
            #expect(try store.authenticate(token: "lm_" + String(repeating: "0", count: 64)) == nil)
            #expect(try store.authenticate(token: "") == nil)
        }
    }

    @Test func generatedTokensDifferBetweenUsers() throws {
        try withStore { store throws in
            // Given / When
            let alice = try store.createUser(name: "alice", admin: false)
            let bob = try store.createUser(name: "bob", admin: false)
            // Then
            #expect(alice.token != bob.token)
            #expect(try store.authenticate(token: bob.token)?.name == "bob")
        }
    }

    @Test func givenTokenAuthenticatesTheBootstrapAdmin() throws {
        try withStore { store throws in
            // Given
            #expect(try store.hasUsers() == false)
            // When
            let admin = try store.createUser(name: "admin", admin: true, token: "bootstrap-secret-1")
            // Then
            #expect(try store.hasUsers())
            #expect(admin.admin)
            #expect(try store.authenticate(token: "bootstrap-secret-1") == admin)
            #expect(try store.user(named: "admin") == admin)
            #expect(try store.user(named: "nobody") == nil)
        }
    }

    @Test func replacedTokenWorksAndTheOldOneStops() throws {
        try withStore { store throws in
            // Given
            let admin = try store.createUser(name: "admin", admin: true, token: "old-token")
            // When
            try store.replaceToken(user: "admin", token: "new-token")
            // Then
            #expect(try store.authenticate(token: "new-token") == admin)
            #expect(try store.authenticate(token: "old-token") == nil)
        }
    }

    @Test func replacingTheTokenOfAnUnknownUserIsNotFound() throws {
        try withStore { store throws in
            let error = #expect(throws: StoreError.self) { try store.replaceToken(user: "ghost", token: "t") }
            #expect(error?.code == .notFound)
        }
    }

    @Test func duplicateUserNameConflicts() throws {
        try withStore { store throws in
            // Given
            _ = try store.createUser(name: "alice", admin: false)
            // When
            let error = #expect(throws: StoreError.self) { try store.createUser(name: "alice", admin: true) }
            // Then
            #expect(error?.code == .conflict)
            #expect(error?.message.contains("\"alice\"") == true)
        }
    }

    @Test func aTokenOfAnotherUserConflicts() throws {
        try withStore { store throws in
            // Given
            _ = try store.createUser(name: "alice", admin: false, token: "shared-token")
            // When
            let error = #expect(throws: StoreError.self) { try store.createUser(name: "bob", admin: false, token: "shared-token") }
            // Then
            #expect(error?.code == .conflict)
            #expect(error?.message.contains("shared-token") == false)
            #expect(try store.user(named: "bob") == nil)
        }
    }

    @Test(arguments: ["", "Alice", "-alice", "alice-", "al ice", "al_ice", String(repeating: "a", count: 64)])
    func invalidUserNamesAreRefused(name: String) throws {
        try withStore { store throws in
            let error = #expect(throws: StoreError.self) { try store.createUser(name: name, admin: false) }
            #expect(error?.code == .invalid)
            #expect(try store.hasUsers() == false)
        }
    }

    @Test func tokensAreStoredOnlyAsHashes() throws {
        try withTemporaryDirectory { directory throws in
            // Given
            let token: String
            do {
                let store = try Store(directory: directory)
                token = try store.createUser(name: "alice", admin: false).token
                _ = try store.createUser(name: "admin", admin: true, token: "bootstrap-secret-1")
            }
            // When: the database files are read as raw bytes once the store is closed
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))
                .filter { $0.hasPrefix("lastmile.sqlite") }
            var bytes = Data()
            for file in files {
                bytes.append(try Data(contentsOf: directory.appending(path: file)))
            }
            // Then: neither token is there, but the user row is (so the bytes are readable)
            #expect(bytes.range(of: Data(token.utf8)) == nil)
            #expect(bytes.range(of: Data("bootstrap-secret-1".utf8)) == nil)
            #expect(bytes.range(of: Data("alice".utf8)) != nil)
        }
    }
}
