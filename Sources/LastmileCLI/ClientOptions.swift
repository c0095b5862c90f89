import ArgumentParser
import Foundation
import LastmileClient
import LastmileServer

/// Where a command finds the server: `--url`/`--token`, then `LASTMILE_URL`/`LASTMILE_TOKEN`, then
/// the file `lastmile login` wrote.
struct ClientOptions: ParsableArguments {
    @Option(help: "The server's URL (default: from `lastmile login`, else http://127.0.0.1:8080).")
    var url: String?

    @Option(help: "The bearer token (default: from `lastmile login`).")
    var token: String?

    @Flag(help: "Print JSON instead of tables, for scripts.")
    var json = false

    /// A client for the chosen server.
    func client() throws -> LastmileClient {
        let environment = ProcessInfo.processInfo.environment
        let saved = try? LoginFile.load()
        let address = url ?? environment["LASTMILE_URL"] ?? saved?.url ?? "http://127.0.0.1:8080"
        guard let serverURL = URL(string: address), serverURL.scheme == "http" || serverURL.scheme == "https" else {
            throw CLIError(.badInput, "\"\(address)\" is not an http(s) URL")
        }
        let token = token ?? environment["LASTMILE_TOKEN"] ?? saved?.token
        return LastmileClient(url: serverURL, token: token)
    }
}

/// The login saved by `lastmile login`: `<config dir>/lastmile/login.json`, mode 0600.
struct LoginFile: Codable {
    var url: String
    var token: String

    /// `$XDG_CONFIG_HOME/lastmile/login.json`, or `~/.config/lastmile/login.json`.
    static var location: URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return base.appendingPathComponent("lastmile").appendingPathComponent("login.json")
    }

    static func load() throws -> LoginFile {
        try JSONDecoder().decode(LoginFile.self, from: Data(contentsOf: location))
    }

    func save() throws {
        let url = Self.location
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            try SecretFile.write(JSONEncoder().encode(self), to: url)
        } catch {
            throw CLIError(.failure, "could not save the login: \(error)")
        }
    }
}
