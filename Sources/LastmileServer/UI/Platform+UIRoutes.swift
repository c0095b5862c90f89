import Foundation
import HTTPTypes
import Hummingbird
import LastmileAPI
import LastmileCharts
import NIOCore

extension Platform {
    /// The session cookie's name; the cookie is HttpOnly, SameSite=Strict, limited to /ui.
    static let sessionCookie = "lm_session"
    /// The cookie that carries the sign-in form's CSRF token before there is a session.
    static let loginCookie = "lm_login"

    /// The web UI: server-rendered pages under `/ui`, and `/` redirecting there.
    func addUIRoutes(to router: Router<LastmileRequestContext>, api: InternalAPI, renderer: UIRenderer) {
        router.get("/") { _, _ in Self.redirect("/ui") }
        router.get("/ui/static/app.css") { _, _ in
            Response.bytes(Array(UIAssets.css.utf8), contentType: "text/css; charset=utf-8", headers: [.cacheControl: "max-age=300"])
        }
        router.get("/ui/static/app.js") { _, _ in
            Response.bytes(Array(UIAssets.javascript.utf8), contentType: "text/javascript; charset=utf-8", headers: [.cacheControl: "max-age=300"])
        }
        router.get("/ui/login") { request, _ in
            let csrf = UISessions.randomToken()
            let next = Self.safeNext(request.uri.queryParameters.get("next"))
            struct Model { var csrf: String; var next: String }
            var response = renderer.page("login", Model(csrf: csrf, next: next), title: "Sign in", section: "", session: nil, error: request.uri.queryParameters.get("error"))
            response.headers.append(HTTPField(name: .setCookie, value: "\(Self.loginCookie)=\(csrf); Path=/ui/login; HttpOnly; SameSite=Strict; Max-Age=600"))
            return response
        }
        router.post("/ui/login") { request, _ in
            let form = try await Self.readForm(request, limit: self.configuration.maxRequestBytes)
            guard let cookie = request.cookies[Self.loginCookie]?.value, let sent = form["_csrf"], UISessions.constantTimeEquals(cookie, sent) else {
                return Self.redirect("/ui/login?error=" + "the sign-in form expired; try again".queryEscaped)
            }
            guard let token = form.text("token"), let user = try self.authenticator.user(token: token) else {
                return Self.redirect("/ui/login?error=" + "that token is not valid".queryEscaped)
            }
            let session = self.uiSessions.create(token: token, user: user.name)
            var response = Self.redirect(Self.safeNext(form["next"]))
            // Behind a TLS-terminating proxy the cookie is also Secure.
            let secure = request.headers[.xForwardedProto] == "https" ? "; Secure" : ""
            response.headers.append(HTTPField(name: .setCookie, value: "\(Self.sessionCookie)=\(session.id); Path=/ui; HttpOnly; SameSite=Strict; Max-Age=\(Int(self.uiSessions.lifetime))\(secure)"))
            response.headers.append(HTTPField(name: .setCookie, value: "\(Self.loginCookie)=; Path=/ui/login; HttpOnly; SameSite=Strict; Max-Age=0"))
            return response
        }
        uiPost(router, "/ui/logout", api: api, renderer: renderer) { ui in
            self.uiSessions.remove(id: ui.session.id)
            var response = Self.redirect("/ui/login")
            response.headers.append(HTTPField(name: .setCookie, value: "\(Self.sessionCookie)=; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=0"))
            return response
        }
        uiGet(router, "/ui", api: api, renderer: renderer) { ui in
            let me = try await ui.me()
            let workspaces: [Workspace] = try await ui.call(.get, "/v1/workspaces")
            struct Model { var user: String; var admin: Bool; var csrf: String; var workspaces: [Workspace] }
            return ui.page("overview", Model(user: me.name, admin: me.admin, csrf: ui.session.csrf, workspaces: workspaces), title: "Workspaces", section: "workspaces")
        }
        uiPost(router, "/ui/workspaces", api: api, renderer: renderer) { ui in
            let name = ui.form.text("name") ?? ""
            let workspace: Workspace = try await ui.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: name))
            return Self.redirect("/ui/workspaces/\(workspace.name.pathEscaped)?flash=" + "created workspace \(workspace.name)".queryEscaped)
        }
        uiPost(router, "/ui/users", api: api, renderer: renderer) { ui in
            let request = CreateUserRequest(name: ui.form.text("name") ?? "", admin: ui.form["admin"] == "true")
            let reply: CreateUserReply = try await ui.call(.post, "/v1/users", json: request)
            // The token is in this reply only (no-store): never in a URL, a log or a later page.
            return ui.page("user-created", ["name": reply.user.name, "token": reply.token], title: "User created", section: "workspaces")
        }
        uiGet(router, "/ui/workspaces/{ws}", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("ws")
            let workspace: Workspace = try await ui.call(.get, "/v1/workspaces/\(name.pathEscaped)")
            let models: [Model] = try await ui.call(.get, "/v1/workspaces/\(name.pathEscaped)/models")
            let me = try await ui.me()
            let role = me.admin ? "admin" : workspace.members.first { $0.user == me.name }?.role.rawValue ?? "none"
            let rank = me.admin ? WorkspaceRole.owner : workspace.members.first { $0.user == me.name }?.role
            return ui.page("workspace", WorkspacePage(workspace: workspace, models: models, role: role, rank: rank, csrf: ui.session.csrf), title: workspace.name, section: "workspaces")
        }
        uiPost(router, "/ui/workspaces/{ws}/members", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("ws")
            guard let user = ui.form.text("user") else { throw UIError(status: .badRequest, message: "give the user's name") }
            guard let role = WorkspaceRole(rawValue: ui.form.text("role") ?? "") else {
                throw UIError(status: .badRequest, message: "role must be viewer, collaborator or owner")
            }
            let _: Workspace = try await ui.call(.post, "/v1/workspaces/\(name.pathEscaped)/members", json: Member(user: user, role: role))
            return Self.redirect("/ui/workspaces/\(name.pathEscaped)?flash=" + "\(user) is now a \(role.rawValue)".queryEscaped)
        }
        uiPost(router, "/ui/workspaces/{ws}/models", api: api, renderer: renderer) { ui in
            let workspace = try ui.context.parameters.require("ws")
            guard let name = ui.query("name") else { throw UIError(status: .badRequest, message: "give the model a name") }
            let body = try await ui.request.collectBody(limit: self.configuration.maxModelBytes, what: "the model")
            let reply = try await ui.send(.post, "/v1/workspaces/\(workspace.pathEscaped)/models/\(name.pathEscaped)", body: body, contentType: "application/octet-stream")
            try InternalAPI.check(reply)
            let version = try reply.decode(ModelVersion.self)
            return Self.redirect("/ui/workspaces/\(workspace.pathEscaped)?flash=" + "uploaded \(version.model) version \(version.id)".queryEscaped)
        }
        addUIPipelineRoutes(to: router, api: api, renderer: renderer)
        addUILogRoutes(to: router, api: api, renderer: renderer)
        addUIAssayRoutes(to: router, api: api, renderer: renderer)
        addUIExplainRoutes(to: router, api: api, renderer: renderer)
    }

    /// Adds a GET page that needs a session.
    func uiGet(_ router: Router<LastmileRequestContext>, _ path: RouterPath, api: InternalAPI, renderer: UIRenderer, _ handler: @escaping @Sendable (UIRequest) async throws -> Response) {
        router.get(path) { request, context in
            try await self.uiHandle(request, context: context, api: api, renderer: renderer, post: false, handler)
        }
    }

    /// Adds a POST action that needs a session and the session's CSRF token (a `_csrf` form
    /// field or an `X-CSRF-Token` header).
    func uiPost(_ router: Router<LastmileRequestContext>, _ path: RouterPath, api: InternalAPI, renderer: UIRenderer, _ handler: @escaping @Sendable (UIRequest) async throws -> Response) {
        router.post(path) { request, context in
            try await self.uiHandle(request, context: context, api: api, renderer: renderer, post: true, handler)
        }
    }

    private func uiHandle(_ request: Request, context: LastmileRequestContext, api: InternalAPI, renderer: UIRenderer, post: Bool, _ handler: @Sendable (UIRequest) async throws -> Response) async throws -> Response {
        let fragment = request.headers[.csrfToken] != nil
        guard let id = request.cookies[Self.sessionCookie]?.value, let session = uiSessions.session(id: id) else {
            if fragment { return UIRenderer.html("<p class=\"flash error\">Your session ended; sign in again.</p>", status: .unauthorized) }
            let next = post ? "/ui" : request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            return Self.redirect("/ui/login?next=" + next.queryEscaped)
        }
        var request = request
        var form = FormData()
        if post {
            let isForm = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") ?? false
            if isForm {
                let body = try await request.collectBody(limit: configuration.maxRequestBytes, what: "the form")
                form = FormData(urlEncoded: String(decoding: body.readableBytesView, as: UTF8.self))
                request.body = RequestBody(buffer: body)
            }
            let sent = request.headers[.csrfToken] ?? form["_csrf"] ?? ""
            guard UISessions.constantTimeEquals(sent, session.csrf) else {
                return renderer.page("error", ["heading": "Form expired", "message": "This form's security token does not match your session; reload the page and try again."], title: "Forbidden", section: "", session: session, status: .forbidden)
            }
        }
        let ui = UIRequest(session: session, request: request, context: context, form: form, api: api, renderer: renderer)
        do {
            return try await handler(ui)
        } catch let error as UIError {
            if error.status == .unauthorized {
                uiSessions.remove(id: session.id)
                return Self.redirect("/ui/login?error=" + "your token is no longer valid; sign in again".queryEscaped)
            }
            if fragment {
                return UIRenderer.html("<p class=\"flash error\">\(Self.escapeHTML(error.message))</p>", status: error.status)
            }
            if post, let back = request.headers[.referer].flatMap(Self.sameSitePath) {
                return Self.redirect(Self.adding(error: error.message, to: back))
            }
            return renderer.page("error", ["heading": "\(error.status.code) \(error.status.reasonPhrase)", "message": error.message], title: "Error", section: "", session: session, status: error.status)
        } catch {
            let reply = APIError.from(error)
            let message = reply.message
            if fragment { return UIRenderer.html("<p class=\"flash error\">\(Self.escapeHTML(message))</p>", status: reply.status) }
            return renderer.page("error", ["heading": "\(reply.status.code) \(reply.status.reasonPhrase)", "message": message], title: "Error", section: "", session: session, status: reply.status)
        }
    }

    /// A 303 to `location` (a path on this server).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// `next` when it is a path under /ui, else /ui (never another site).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/ui"), !next.hasPrefix("//"), !next.contains("\\") else { return "/ui" }
        return next
    }

    /// The path and query of a Referer URL when it points under /ui on any host (the cookie is SameSite=Strict).
    static func sameSitePath(_ referer: String) -> String? {
        guard let url = URL(string: referer), url.path.hasPrefix("/ui") else { return nil }
        var path = url.path
        if let query = url.query {
            let kept = query.split(separator: "&").filter { !$0.hasPrefix("error=") && !$0.hasPrefix("flash=") }
            if !kept.isEmpty { path += "?" + kept.joined(separator: "&") }
        }
        return path
    }

    /// `path` with an `error=` query parameter added.
    static func adding(error message: String, to path: String) -> String {
        path + (path.contains("?") ? "&" : "?") + "error=" + message.queryEscaped
    }

    /// The form fields of an urlencoded body.
    static func readForm(_ request: Request, limit: Int) async throws -> FormData {
        let body = try await request.collectBody(limit: limit, what: "the form")
        return FormData(urlEncoded: String(decoding: body.readableBytesView, as: UTF8.self))
    }

    /// `text` with HTML's special characters escaped (the same rules as the charts' XML).
    static func escapeHTML(_ text: String) -> String {
        SVGDocument.escape(text)
    }
}
