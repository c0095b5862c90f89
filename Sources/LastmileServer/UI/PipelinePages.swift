import Foundation
import LastmileAPI

/// The pipelines page's model.
struct PipelineListPage {
    struct Row {
        var name: String
        var workspace: String
        var version: Int
        var state: String
        var steps: String
    }

    var pipelines: [Row]
    var workspaces: [String]
    var csrf: String

    init(pipelines: [Pipeline], workspaces: [Workspace], csrf: String) {
        self.pipelines = pipelines.map { pipeline in
            Row(
                name: pipeline.name, workspace: pipeline.workspace, version: pipeline.latestVersion.version,
                state: pipeline.deployment.map { "\($0.state.rawValue)" } ?? "none",
                steps: pipeline.latestVersion.steps.map { step in
                    let box = UIFormat.stepBox(step)
                    return "\(box.kind)(\(box.routes.joined(separator: ", ")))"
                }.joined(separator: " → "))
        }
        self.workspaces = workspaces.map(\.name)
        self.csrf = csrf
    }
}

/// The pipeline page's model.
struct PipelinePage {
    struct VersionRow {
        var version: Int
        var created: String
        var steps: [UIFormat.StepBox]
        var deployed: Bool
        var canRollTo: Bool
    }

    var name: String
    var workspace: String
    var state: String
    var deployment: Deployment?
    var deployedVersion: String
    var updated: String
    var inputs: String
    var outputs: String
    var diagram: [UIFormat.StepBox]
    var versions: [VersionRow]
    var canDeploy: Bool
    var csrf: String
    var config: DeploymentConfig
    var latest: Int
    var previous: Int?
    var failed: String?

    init(pipeline: Pipeline, versions: [PipelineVersion], canDeploy: Bool, csrf: String) {
        name = pipeline.name
        workspace = pipeline.workspace
        state = pipeline.deployment?.state.rawValue ?? "none"
        deployment = pipeline.deployment
        deployedVersion = pipeline.deployment.map { "\($0.version)" } ?? "–"
        updated = pipeline.deployment.map { UIFormat.time($0.updatedAt) } ?? ""
        let shown = versions.first { $0.version == pipeline.deployment?.version } ?? pipeline.latestVersion
        inputs = UIFormat.signature(shown.inputs)
        outputs = UIFormat.signature(shown.outputs)
        diagram = shown.steps.map(UIFormat.stepBox)
        self.versions = versions.reversed().map { version in
            VersionRow(
                version: version.version, created: UIFormat.time(version.createdAt), steps: version.steps.map(UIFormat.stepBox),
                deployed: version.version == pipeline.deployment?.version, canRollTo: canDeploy && version.version != pipeline.deployment?.version)
        }
        self.canDeploy = canDeploy
        self.csrf = csrf
        config = pipeline.deployment?.config ?? DeploymentConfig()
        latest = pipeline.latestVersion.version
        if let deployed = pipeline.deployment?.version, deployed > 1 { previous = deployed - 1 }
        failed = pipeline.deployment?.error
    }
}
