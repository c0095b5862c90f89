import Hummingbird
import LastmileAPI

extension Platform {
    func addWorkspaceRoutes(to router: Router<LastmileRequestContext>) {
        router.post("/v1/workspaces") { request, context in
            let caller = try context.requireUser()
            let body = try await request.decodeJSON(CreateWorkspaceRequest.self, limit: self.configuration.maxRequestBytes)
            let workspace = try self.store.createWorkspace(name: body.name, owner: caller.name)
            self.authenticator.invalidate()
            return try Response.json(workspace, status: .created)
        }
        router.get("/v1/workspaces") { _, context in
            try Response.json(try self.store.workspaces(visibleTo: try context.requireUser()))
        }
        router.get("/v1/workspaces/{ws}") { _, context in
            let caller = try context.requireUser()
            let workspace = try self.requireWorkspace(context.parameters.require("ws"))
            try self.authenticator.require(.viewer, in: workspace.name, for: caller, to: "read the workspace")
            return try Response.json(workspace)
        }
        router.post("/v1/workspaces/{ws}/members") { request, context in
            let caller = try context.requireUser()
            let workspace = try self.requireWorkspace(context.parameters.require("ws"))
            try self.authenticator.require(.owner, in: workspace.name, for: caller, to: "manage members")
            let member = try await request.decodeJSON(Member.self, limit: self.configuration.maxRequestBytes)
            let updated = try self.store.setMember(workspace: workspace.name, user: member.user, role: member.role)
            self.authenticator.invalidate()
            return try Response.json(updated)
        }
    }

    /// The named workspace, or a 404 naming it.
    func requireWorkspace(_ name: String) throws -> Workspace {
        guard let workspace = try store.workspace(named: name) else {
            throw APIError.notFound("there is no workspace named \"\(name.prefix(63))\"; create it with POST /v1/workspaces")
        }
        return workspace
    }
}
