import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import Testing

@Test func callsWithoutAValidTokenAre401ButHealthChecksAreOpen() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        let none = try await client.call(.get, "/v1/workspaces", token: nil)
        #expect(none.status == .unauthorized)
        #expect(none.errorMessage.contains("Authorization: Bearer"))
        #expect(try await client.call(.get, "/v1/workspaces", token: "lm_wrong").status == .unauthorized)
        #expect(try await client.call(.get, "/v2", token: nil).status == .unauthorized)
        #expect(try await client.call(.get, "/health/live", token: nil).status == .ok)
        #expect(try await client.call(.get, "/health/ready", token: nil).status == .ok)
        #expect(try await client.call(.get, "/v2/health/live", token: nil).status == .ok)
        #expect(try await client.call(.get, "/v2/health/ready", token: nil).status == .ok)
    }
}

@Test func rolesDecideWhatMembersMayDo() async throws {
    // Given a deployed pipeline in workspace "team" and three users with different roles
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        var tokens: [String: String] = [:]
        for name in ["viewer-user", "collab-user", "outsider"] {
            let reply = try expectStatus(.created, await client.call(.post, "/v1/users", json: CreateUserRequest(name: name))).decode(CreateUserReply.self)
            tokens[name] = reply.token
        }
        try expectStatus(.ok, await client.call(.post, "/v1/workspaces/team/members", json: Member(user: "viewer-user", role: .viewer)))
        try expectStatus(.ok, await client.call(.post, "/v1/workspaces/team/members", json: Member(user: "collab-user", role: .collaborator)))
        let row = Data(#"[{"X": [1, 2, 3, 4, 5, 6]}]"#.utf8)
        let model = try fixtureModel("logreg_binary_nozipmap")

        // Then viewers read and infer but may not upload or deploy
        #expect(try await client.call(.post, "/v1/pipelines/pipe/infer", token: tokens["viewer-user"], body: row).status == .ok)
        #expect(try await client.call(.get, "/v1/workspaces/team/models", token: tokens["viewer-user"]).status == .ok)
        let upload = try await client.call(.post, "/v1/workspaces/team/models/other", token: tokens["viewer-user"], body: model)
        #expect(upload.status == .forbidden)
        #expect(upload.errorMessage.contains("viewer"))
        #expect(try await client.call(.post, "/v1/pipelines/pipe/deploy", token: tokens["viewer-user"]).status == .forbidden)
        // collaborators upload and deploy but may not manage members
        #expect(try await client.call(.post, "/v1/workspaces/team/models/other", token: tokens["collab-user"], body: model).status == .created)
        #expect(try await client.call(.post, "/v1/pipelines/pipe/deploy", token: tokens["collab-user"]).status == .ok)
        #expect(try await client.call(.post, "/v1/workspaces/team/members", token: tokens["collab-user"], json: Member(user: "outsider", role: .owner)).status == .forbidden)
        // outsiders see nothing of the workspace and cannot infer
        let outsider = try await client.call(.post, "/v1/pipelines/pipe/infer", token: tokens["outsider"], body: row)
        #expect(outsider.status == .forbidden)
        #expect(outsider.errorMessage.contains("not a member"))
        let visible = try expectStatus(.ok, await client.call(.get, "/v1/workspaces", token: tokens["outsider"])).decode([Workspace].self)
        #expect(visible.isEmpty)
        #expect(try await client.call(.get, "/v2/models/pipe", token: tokens["outsider"]).status == .forbidden)
        // only admins create users
        #expect(try await client.call(.post, "/v1/users", token: tokens["collab-user"], json: CreateUserRequest(name: "sneaky")).status == .forbidden)
        // a user's own token identifies them
        let me = try expectStatus(.ok, await client.call(.get, "/v1/users/me", token: tokens["collab-user"])).decode(User.self)
        #expect(me.name == "collab-user" && !me.admin)
    }
}

@Test func aGeneratedAdminTokenIsWrittenOnlyForItsOwner() throws {
    // Given a first start without LASTMILE_ADMIN_TOKEN
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lastmile-admin-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let server = try PlatformServer(configuration: ServerConfiguration(port: 0, dataDirectory: directory), logger: .init(label: "test"))
    // When the admin is bootstrapped
    let lines = try server.bootstrapAdmin()
    // Then the token is printed once and kept in admin.token with mode 0600
    let file = directory.appendingPathComponent("admin.token")
    let token = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!token.isEmpty)
    #expect(lines.joined().contains(token))
    let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    // and a second start does not print it again
    let again = try PlatformServer(configuration: ServerConfiguration(port: 0, dataDirectory: directory), logger: .init(label: "test")).bootstrapAdmin()
    #expect(!again.joined().contains(token))
}
