import Foundation
import LastmileAPI

/// The workspace page's model.
struct WorkspacePage {
    struct VersionRow {
        var id: String
        var created: String
        var inputs: String
        var outputs: String
        var size: String
        var sha256: String
        var shaShort: String
        /// `ready`, `converting` or `failed`, and the converter's message.
        var status: String
        var statusMessage: String
    }

    struct ModelRow {
        var name: String
        var versions: [VersionRow]
    }

    var name: String
    var role: String
    var members: [Member]
    var models: [ModelRow]
    var canUpload: Bool
    var canManage: Bool
    var csrf: String

    init(workspace: Workspace, models: [Model], role: String, rank: WorkspaceRole?, csrf: String) {
        name = workspace.name
        self.role = role
        members = workspace.members
        self.models = models.map { model in
            ModelRow(name: model.name, versions: model.versions.reversed().map { version in
                VersionRow(
                    id: version.id, created: UIFormat.time(version.createdAt), inputs: UIFormat.signature(version.inputs),
                    outputs: UIFormat.signature(version.outputs), size: UIFormat.bytes(version.size),
                    sha256: version.sha256, shaShort: version.sha256.isEmpty ? "-" : String(version.sha256.prefix(12)) + "…",
                    status: version.status.rawValue, statusMessage: version.statusMessage ?? "")
            })
        }
        canUpload = (rank ?? .viewer) >= .collaborator
        canManage = rank == .owner
        self.csrf = csrf
    }
}
