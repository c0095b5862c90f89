import ArgumentParser
import Foundation
import LastmileAPI
import LastmileClient

/// `lastmile login`: checks a token against a server and saves both for later commands.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Save a server URL and token for later commands (in ~/.config/lastmile/login.json, mode 0600).")

    @Option(help: "The server's URL.")
    var url = "http://127.0.0.1:8080"

    @Option(help: "Your token (the admin's is in <data-dir>/admin.token).")
    var token: String

    func run() async throws {
        guard let serverURL = URL(string: url), serverURL.scheme == "http" || serverURL.scheme == "https" else {
            throw CLIError(.badInput, "\"\(url)\" is not an http(s) URL")
        }
        let user = try await LastmileClient(url: serverURL, token: token).me()
        try LoginFile(url: url, token: token).save()
        print("logged in to \(url) as \(user.name)\(user.admin ? " (admin)" : ""); saved in \(LoginFile.location.path)")
    }
}

/// `lastmile user create`: admins create users and get their token once.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users (admins).", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user and print its token (shown only once).")

        @Argument(help: "The user's name.")
        var name: String

        @Flag(help: "Make the user an admin.")
        var admin = false

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let reply = try await options.client().createUser(name: name, admin: admin)
            if options.json { return try printJSON(reply) }
            print("created user \(reply.user.name)\(reply.user.admin ? " (admin)" : "")\ntoken (shown only once): \(reply.token)")
        }
    }
}

/// `lastmile workspace`: create and list workspaces, add members.
struct WorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "Manage workspaces and their members.", subcommands: [Create.self, List.self, AddMember.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a workspace; you become its owner.")

        @Argument(help: "The workspace's name.")
        var name: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let workspace = try await options.client().createWorkspace(name: name)
            if options.json { return try printJSON(workspace) }
            print("created workspace \(workspace.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the workspaces you can see.")

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let workspaces = try await options.client().workspaces()
            if options.json { return try printJSON(workspaces) }
            var table = TextTable("NAME", "CREATED", "MEMBERS")
            for workspace in workspaces {
                table.add(workspace.name, humanDate(workspace.createdAt), workspace.members.map { "\($0.user) (\($0.role.rawValue))" }.joined(separator: ", "))
            }
            print(table.rendered)
        }
    }

    struct AddMember: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Add a member to a workspace, or change a member's role (owners).")

        @Argument(help: "The workspace.")
        var workspace: String

        @Argument(help: "The user to add.")
        var user: String

        @Option(help: "owner, collaborator or viewer.")
        var role: String = "viewer"

        @OptionGroup var options: ClientOptions

        func run() async throws {
            guard let role = WorkspaceRole(rawValue: role) else {
                throw CLIError(.badInput, "--role must be owner, collaborator or viewer")
            }
            let updated = try await options.client().addMember(workspace: workspace, user: user, role: role)
            if options.json { return try printJSON(updated) }
            print("\(user) is now a \(role.rawValue) in \(updated.name)")
        }
    }
}
