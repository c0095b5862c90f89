import ArgumentParser
import LastmileEngine

/// `lastmile ops`: the operators the engine runs, by domain.
struct OpsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ops",
        abstract: "List the ONNX operators Lastmile runs, by domain.")

    func run() throws {
        print(Self.listing())
    }

    static func listing() -> String {
        var byDomain: [String: [String]] = [:]
        for entry in OpRegistry.standard.registeredOps {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            byDomain[parts[0], default: []].append(parts[1])
        }
        return byDomain.keys.sorted().map { domain in
            let ops = byDomain[domain] ?? []
            return "\(domain) (\(ops.count) ops):\n" + ops.map { "  \($0)" }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
