import Foundation
import Hummingbird
import LastmileAPI

extension Platform {
    func addUIAssayRoutes(to router: Router<LastmileRequestContext>, api: InternalAPI, renderer: UIRenderer) {
        uiGet(router, "/ui/assays", api: api, renderer: renderer) { ui in
            let workspaces: [Workspace] = try await ui.call(.get, "/v1/workspaces")
            guard let workspace = ui.query("workspace") ?? workspaces.first?.name else {
                return ui.page("error", ["heading": "No workspaces", "message": "Assays belong to a workspace; create one first."], title: "Assays", section: "assays")
            }
            let assays: [Assay] = try await ui.call(.get, "/v1/assays?workspace=\(workspace.queryEscaped)")
            var rows: [AssayListPage.Row] = []
            for assay in assays {
                let results: [AssayWindowResult] = try await ui.call(.get, "/v1/assays/\(assay.id.pathEscaped)/results")
                rows.append(AssayListPage.Row(assay: assay, last: results.last))
            }
            let page = AssayListPage(workspace: workspace, workspaces: workspaces.map { .init(name: $0.name, selected: $0.name == workspace) }, assays: rows)
            return ui.page("assays", page, title: "Assays", section: "assays")
        }
        uiGet(router, "/ui/assays/new", api: api, renderer: renderer) { ui in
            let pipelines: [Pipeline] = try await ui.call(.get, "/v1/pipelines")
            let workspace = ui.query("workspace") ?? pipelines.first?.workspace ?? ""
            let now = Date()
            let page = AssayFormPage(
                workspace: workspace, pipelines: pipelines.filter { $0.workspace == workspace }.map { .init(name: $0.name, selected: $0.name == ui.query("pipeline")) },
                baselineStart: AssayFormPage.local(now.addingTimeInterval(-3600)), baselineEnd: AssayFormPage.local(now.addingTimeInterval(-1800)),
                windowStart: AssayFormPage.local(now.addingTimeInterval(-1800)), csrf: ui.session.csrf)
            return ui.page("assay-new", page, title: "New assay", section: "assays")
        }
        uiPost(router, "/ui/assays/preview", api: api, renderer: renderer) { ui in
            let request = try AssayForm(ui.form).previewRequest()
            let reply: AssayPreviewReply = try await ui.call(.post, "/v1/assays/preview", json: request)
            let model = AssayPreviewFragment(reply: reply, thresholds: request.thresholds ?? AssayThresholds(), iopath: request.iopath)
            return UIRenderer.html(ui.renderer.fragment("assay-preview", model))
        }
        uiPost(router, "/ui/assays", api: api, renderer: renderer) { ui in
            let request = try AssayForm(ui.form).createRequest()
            let assay: Assay = try await ui.call(.post, "/v1/assays", json: request)
            return Self.redirect("/ui/assays/\(assay.id.pathEscaped)?flash=" + "created assay \(assay.name)".queryEscaped)
        }
        uiGet(router, "/ui/assays/{id}", api: api, renderer: renderer) { ui in
            let id = try ui.context.parameters.require("id")
            let assay: Assay = try await ui.call(.get, "/v1/assays/\(id.pathEscaped)")
            let results: [AssayWindowResult] = try await ui.call(.get, "/v1/assays/\(id.pathEscaped)/results")
            return ui.page("assay", AssayPage(assay: assay, results: results, csrf: ui.session.csrf), title: assay.name, section: "assays")
        }
        uiPost(router, "/ui/assays/{id}/active", api: api, renderer: renderer) { ui in
            let id = try ui.context.parameters.require("id")
            let assay: Assay = try await ui.call(.post, "/v1/assays/\(id.pathEscaped)/active", json: SetAssayActiveRequest(active: ui.form["active"] == "true"))
            return Self.redirect("/ui/assays/\(id.pathEscaped)?flash=" + "assay \(assay.name) is \(assay.active ? "active" : "paused")".queryEscaped)
        }
        uiPost(router, "/ui/assays/{id}/delete", api: api, renderer: renderer) { ui in
            let id = try ui.context.parameters.require("id")
            let assay: Assay = try await ui.call(.get, "/v1/assays/\(id.pathEscaped)")
            let _: EmptyReply = try await ui.call(.delete, "/v1/assays/\(id.pathEscaped)")
            return Self.redirect("/ui/assays?workspace=\(assay.workspace.queryEscaped)&flash=" + "deleted assay \(assay.name)".queryEscaped)
        }
    }
}
