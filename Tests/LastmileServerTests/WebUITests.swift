import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import Testing

/// A signed-in browser: its session cookie and the CSRF token of its pages.
private struct Browser: Sendable {
    var cookie: String
    var csrf: String
}

extension TestClientProtocol {
    /// A request as a browser sends it, with the session cookie.
    fileprivate func browse(_ method: HTTPRequest.Method, _ uri: String, as browser: Browser?, form: [String: String]? = nil, csrfHeader: String? = nil, body: Data? = nil) async throws -> Reply {
        var headers = HTTPFields()
        if let browser { headers[.cookie] = browser.cookie }
        if let csrfHeader { headers[HTTPField.Name("X-CSRF-Token")!] = csrfHeader }
        var data = body
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            let allowed = CharacterSet.alphanumerics
            data = Data(form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&").utf8)
        }
        return try await call(method, uri, token: nil, body: data, headers: headers)
    }

    /// Signs in through the form with `token`; nil when the server refuses it.
    fileprivate func signIn(token: String) async throws -> Browser? {
        let form = try await call(.get, "/ui/login", token: nil)
        let loginCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("lm_login=") })
        let csrf = String(loginCookie.dropFirst("lm_login=".count).prefix { $0 != ";" })
        var headers = HTTPFields()
        headers[.cookie] = "lm_login=\(csrf)"
        headers[.contentType] = "application/x-www-form-urlencoded"
        let reply = try await call(.post, "/ui/login", token: nil, body: Data("_csrf=\(csrf)&token=\(token)".utf8), headers: headers)
        #expect(reply.status == .seeOther)
        guard let session = reply.headers[values: .setCookie].first(where: { $0.hasPrefix("lm_session=") }) else { return nil }
        let cookie = String(session.prefix { $0 != ";" })
        let page = try await browse(.get, "/ui", as: Browser(cookie: cookie, csrf: ""))
        let html = String(decoding: page.body, as: UTF8.self)
        guard let range = html.range(of: "name=\"csrf-token\" content=\"") else { return nil }
        return Browser(cookie: cookie, csrf: String(html[range.upperBound...].prefix { $0 != "\"" }))
    }
}

private extension Reply {
    var html: String { String(decoding: body, as: UTF8.self) }
    var location: String { headers[.location] ?? "" }
}

@Test func pagesNeedASignInAndTheSessionCookieIsHttpOnlyStrictAndExpiring() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given no session, / leads to /ui and pages lead to the sign-in form
        #expect(try await client.browse(.get, "/", as: nil).location == "/ui")
        let page = try await client.browse(.get, "/ui/pipelines", as: nil)
        #expect(page.status == .seeOther)
        #expect(page.location.hasPrefix("/ui/login?next=%2Fui%2Fpipelines") || page.location.hasPrefix("/ui/login?next=/ui/pipelines"))
        // When signing in with a wrong token, there is no session
        #expect(try await client.signIn(token: "lm_wrong") == nil)
        // and with the admin token, the cookie holds a session id (never the token) with the safe attributes
        let form = try await client.call(.get, "/ui/login", token: nil)
        let csrf = String(try #require(form.headers[values: .setCookie].first).dropFirst("lm_login=".count).prefix { $0 != ";" })
        var headers = HTTPFields()
        headers[.cookie] = "lm_login=\(csrf)"
        headers[.contentType] = "application/x-www-form-urlencoded"
        let reply = try await client.call(.post, "/ui/login", token: nil, body: Data("_csrf=\(csrf)&token=\(TestServer.adminToken)".utf8), headers: headers)
        let cookie = try #require(reply.headers[values: .setCookie].first { $0.hasPrefix("lm_session=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Max-Age=") && cookie.contains("Path=/ui"))
        #expect(!cookie.contains(TestServer.adminToken))
        // and a sign-in form posted without its own CSRF cookie is refused
        headers[.cookie] = nil
        let forged = try await client.call(.post, "/ui/login", token: nil, body: Data("_csrf=\(csrf)&token=\(TestServer.adminToken)".utf8), headers: headers)
        #expect(forged.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("lm_session=") })

        // Then the overview shows the user and never the token
        let browser = try #require(try await client.signIn(token: TestServer.adminToken))
        let overview = try await client.browse(.get, "/ui", as: browser)
        #expect(overview.status == .ok)
        #expect(overview.html.contains("Signed in as <strong>admin</strong>"))
        #expect(!overview.html.contains(TestServer.adminToken))
        #expect(overview.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)

        // and signing out ends the session
        #expect(try await client.browse(.post, "/ui/logout", as: browser, form: ["_csrf": browser.csrf]).location == "/ui/login")
        #expect(try await client.browse(.get, "/ui", as: browser).status == .seeOther)
    }
}

@Test func formsWithoutTheSessionsCSRFTokenAreRefused() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        let browser = try #require(try await client.signIn(token: TestServer.adminToken))
        // When a form arrives without the token, or with another one
        let missing = try await client.browse(.post, "/ui/workspaces", as: browser, form: ["name": "team"])
        let wrong = try await client.browse(.post, "/ui/workspaces", as: browser, form: ["name": "team", "_csrf": "0123"])
        // Then it is refused and nothing happens
        #expect(missing.status == .forbidden && wrong.status == .forbidden)
        #expect(try await client.call(.get, "/v1/workspaces/team").status == .notFound)
        // and with the token it goes through
        let created = try await client.browse(.post, "/ui/workspaces", as: browser, form: ["name": "team", "_csrf": browser.csrf])
        #expect(created.location.hasPrefix("/ui/workspaces/team"))
        #expect(try await client.call(.get, "/v1/workspaces/team").status == .ok)
    }
}

@Test func pagesCheckTheWorkspaceRoleAsTheAPIDoes() async throws {
    // Given a deployed pipeline and a viewer of its workspace
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let viewer = try expectStatus(.created, await client.call(.post, "/v1/users", json: CreateUserRequest(name: "viewer-user"))).decode(CreateUserReply.self)
        let outsider = try expectStatus(.created, await client.call(.post, "/v1/users", json: CreateUserRequest(name: "outsider"))).decode(CreateUserReply.self)
        try expectStatus(.ok, await client.call(.post, "/v1/workspaces/team/members", json: Member(user: "viewer-user", role: .viewer)))
        let browser = try #require(try await client.signIn(token: viewer.token))

        // Then the viewer sees the pipeline but not the deploy form, and cannot undeploy by posting anyway
        let page = try await client.browse(.get, "/ui/pipelines/pipe", as: browser)
        #expect(page.status == .ok)
        #expect(page.html.contains("<h1>pipe"))
        #expect(!page.html.contains("id=\"deploy-form\""))
        let undeploy = try await client.browse(.post, "/ui/pipelines/pipe/undeploy", as: browser, form: ["_csrf": browser.csrf])
        #expect(undeploy.status == .forbidden)
        #expect(undeploy.html.contains("viewer"))
        #expect(try await client.call(.get, "/v1/pipelines/pipe/deployment").decode(Deployment.self).state == .running)
        // and the workspace page offers no upload to a viewer
        #expect(!(try await client.browse(.get, "/ui/workspaces/team", as: browser)).html.contains("upload-form"))

        // and someone outside the workspace gets the API's 403 for its pages
        let stranger = try #require(try await client.signIn(token: outsider.token))
        let denied = try await client.browse(.get, "/ui/pipelines/pipe/logs", as: stranger)
        #expect(denied.status == .forbidden)
        #expect(denied.html.contains("not a member of workspace"))
    }
}

@Test func userSuppliedTextIsEscapedOnEveryPage() async throws {
    // Given a pipeline whose validation compares with "<" and a request echoing markup back in its error
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let steps: [PipelineStep] = [.model(ModelReference(name: "model")), .validations(["odd": "in.X[0] < 0"])]
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/pipe", json: CreatePipelineRequest(workspace: "team", steps: steps)))
        let browser = try #require(try await client.signIn(token: TestServer.adminToken))
        // Then the pipeline page shows the expression escaped
        let page = try await client.browse(.get, "/ui/pipelines/pipe", as: browser).html
        #expect(page.contains("odd: in.X[0] &lt; 0"))
        #expect(!page.contains("in.X[0] < 0"))
        // and a refused name comes back as text, never as markup
        let refused = try await client.browse(.post, "/ui/workspaces/team/members", as: browser, form: ["user": "<script>alert(1)</script>", "role": "viewer", "_csrf": browser.csrf])
        #expect(refused.status == .notFound)
        let shown = refused.html
        #expect(shown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!shown.contains("<script>alert(1)"))
    }
}

@Test func dashboardLogsAndExplanationShowServedRows() async throws {
    // Given a deployed pipeline that served 3 requests (logged synchronously, so the explanation's background has them)
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        for value in [1, 2, 3] {
            try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data("[{\"X\": [\(value), 2, 3, 4, 5, 6]}]".utf8)))
        }
        let browser = try #require(try await client.signIn(token: TestServer.adminToken))
        // Then the dashboard counts them and draws the charts
        let live = try await client.browse(.get, "/ui/pipelines/pipe/dashboard/live", as: browser).html
        #expect(live.contains("id=\"stat-requests\">3<"))
        #expect(live.components(separatedBy: "<svg").count - 1 == 3)
        // and the series API has them too, as JSON and as SVG
        let series = try await client.call(.get, "/v1/pipelines/pipe/metrics/series?window=10m&step=1m").decode(PipelineMetricsSeries.self)
        #expect(series.points.count == 10 && series.points.reduce(0) { $0 + $1.requests } == 3 && series.replicas == 1)
        let svg = try await client.call(.get, "/v1/pipelines/pipe/metrics/series?format=svg&chart=latency")
        #expect(svg.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
        #expect(String(decoding: svg.body, as: UTF8.self).hasPrefix("<svg"))
        #expect(try await client.call(.get, "/v1/pipelines/pipe/metrics/series?chart=pie&format=svg").status == .badRequest)
        #expect(try await client.call(.get, "/v1/pipelines/pipe/metrics/series?window=1h&step=1s").status == .badRequest)
        // and the explanation of a pasted row draws its contributions
        let explained = try await client.browse(.post, "/ui/pipelines/pipe/explain", as: browser, form: ["_csrf": browser.csrf, "row": "{\"X\": [1, 2, 3, 4, 5, 6]}", "samples": "10"])
        #expect(explained.status == .ok)
        #expect(explained.html.contains("class=\"bar\""))
    }
}

@Test func aNewUsersTokenIsShownOnceAndOnlyAdminsCreateUsers() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        let admin = try #require(try await client.signIn(token: TestServer.adminToken))
        // When an admin creates a user through the form
        let created = try await client.browse(.post, "/ui/users", as: admin, form: ["name": "alice", "_csrf": admin.csrf])
        #expect(created.status == .ok)
        #expect(created.headers[.cacheControl] == "no-store")
        let html = created.html
        let start = try #require(html.range(of: "<pre id=\"new-token\">"))
        let token = String(html[start.upperBound...].prefix { $0 != "<" })
        // Then the token works, and no later page shows it again
        #expect(try await client.call(.get, "/v1/users/me", token: token).decode(User.self).name == "alice")
        #expect(!(try await client.browse(.get, "/ui", as: admin)).html.contains(token))
        // and a non-admin cannot create users
        let alice = try #require(try await client.signIn(token: token))
        #expect(!(try await client.browse(.get, "/ui", as: alice)).html.contains("id=\"user-form\""))
        let refused = try await client.browse(.post, "/ui/users", as: alice, form: ["name": "mallory", "_csrf": alice.csrf])
        #expect(refused.status == .forbidden)
        #expect(refused.html.contains("only admins create users"))
    }
}

@Test func dashboardComparesASplitsRoutesAndShowsACanarysProgress() async throws {
    // Given a pipeline of one model with a canary of a second one at 50%, and traffic
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap", model: "champion")
        try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/challenger", body: try fixtureModel("logreg_binary_nozipmap")))
        let canary = CreateCanaryRequest(challenger: ModelReference(name: "challenger"), steps: [50, 100], interval: "10m", rollback: CanaryRollback(maxErrorRate: 0.5))
        try expectStatus(.created, await client.call(.post, "/v1/pipelines/pipe/canary", json: canary))
        for value in 0..<20 {
            try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data("[{\"X\": [\(value), 2, 3, 4, 5, 6]}]".utf8)))
        }
        let browser = try #require(try await client.signIn(token: TestServer.adminToken))
        // Then the dashboard compares both routes and shows the canary at 50%
        let page = try await client.browse(.get, "/ui/pipelines/pipe/dashboard", as: browser).html
        #expect(page.contains("id=\"routes-panel\""))
        #expect(page.contains("<td>challenger <span") && page.contains("<td>champion <span"))
        #expect(page.contains("id=\"canary-panel\""))
        #expect(page.contains("<strong>50%</strong>"))
        #expect(page.contains("class=\"badge running\">running</span></h2>"))
    }
}

@Test func logsPageFiltersAnomaliesAndDownloadsTheFilteredRows() async throws {
    // Given a pipeline whose validation flags rows with a negative first feature, and 3 rows of which 1 is flagged
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let steps: [PipelineStep] = [.model(ModelReference(name: "model")), .validations(["negative": "in.X[0] < 0"])]
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/pipe", json: CreatePipelineRequest(workspace: "team", steps: steps)))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/deploy"))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data(#"[{"X": [1, 2, 3, 4, 5, 6]}, {"X": [-7, 2, 3, 4, 5, 6]}, {"X": [2, 2, 3, 4, 5, 6]}]"#.utf8)))
        let browser = try #require(try await client.signIn(token: TestServer.adminToken))
        // Then the page lists all three, or only the flagged one
        #expect(try await client.browse(.get, "/ui/pipelines/pipe/logs", as: browser).html.contains("3 row(s)."))
        let flagged = try await client.browse(.get, "/ui/pipelines/pipe/logs?anomaly=true", as: browser).html
        #expect(flagged.contains("1 row(s)."))
        #expect(flagged.contains("{X: [-7, 2, 3, 4, 5, 6]}"))
        // and a time range after the rows shows none
        #expect(try await client.browse(.get, "/ui/pipelines/pipe/logs?start=2100-01-01T00:00", as: browser).html.contains("0 row(s)."))
        // and the download is the filtered rows as a CSV attachment
        let csv = try await client.browse(.get, "/ui/pipelines/pipe/logs/export?format=csv&anomaly=true", as: browser)
        #expect(csv.status == .ok)
        #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
        #expect(csv.headers[.contentDisposition] == "attachment; filename=\"pipe-logs.csv\"")
        #expect(String(decoding: csv.body, as: UTF8.self).split(separator: "\n").count == 2)
        #expect(try await client.browse(.get, "/ui/pipelines/pipe/logs/export?format=xml", as: browser).status == .badRequest)
    }
}

@Test func assayPagesListPauseAndDeleteAssays() async throws {
    // Given an assay over a pipeline's logged rows
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data(#"[{"X": [1, 2, 3, 4, 5, 6]}, {"X": [2, 2, 3, 4, 5, 6]}]"#.utf8)))
        let browser = try #require(try await client.signIn(token: TestServer.adminToken))
        let now = Date()
        func local(_ date: Date) -> String { String(ISO8601DateFormatter().string(from: date).prefix(19)) }
        let form = ["_csrf": browser.csrf, "workspace": "team", "name": "x0", "pipeline": "pipe", "iopath": "in.X[0]",
                    "baselineStart": local(now.addingTimeInterval(-600)), "baselineEnd": local(now.addingTimeInterval(60)),
                    "windowStart": local(now.addingTimeInterval(-600)), "width": "5m", "count": "2", "alert": "0.25"]
        // When it is previewed, then created through the form
        let preview = try await client.browse(.post, "/ui/assays/preview", as: browser, form: form, csrfHeader: browser.csrf)
        #expect(preview.status == .ok)
        #expect(preview.html.contains("id=\"preview-table\""))
        #expect(preview.html.contains("Baseline (2 values)"))
        let created = try await client.browse(.post, "/ui/assays", as: browser, form: form)
        let path = String(created.location.prefix { $0 != "?" })
        #expect(path.hasPrefix("/ui/assays/"))
        // Then the list shows it, pausing and deleting go through the API
        #expect(try await client.browse(.get, "/ui/assays?workspace=team", as: browser).html.contains(">x0</a>"))
        #expect(try await client.browse(.get, path, as: browser).html.contains("Score over time"))
        _ = try await client.browse(.post, path + "/active", as: browser, form: ["_csrf": browser.csrf, "active": "false"])
        let assays = try await client.call(.get, "/v1/assays?workspace=team").decode([Assay].self)
        #expect(assays.count == 1 && assays[0].active == false)
        _ = try await client.browse(.post, path + "/delete", as: browser, form: ["_csrf": browser.csrf])
        #expect(try await client.call(.get, "/v1/assays?workspace=team").decode([Assay].self).isEmpty)
        // and a bad field is refused with the API's message
        var bad = form
        bad["iopath"] = "in.nope"
        let refused = try await client.browse(.post, "/ui/assays/preview", as: browser, form: bad, csrfHeader: browser.csrf)
        #expect(refused.status == .badRequest)
        #expect(refused.html.contains("nope"))
    }
}

@Test func theWorkspacePageShowsAFailedConversionAndItsMessage() async throws {
    // Given a server whose converter cannot start, and a conversion upload that therefore fails
    let server = try TestServer(converterPython: "/nonexistent/python3")
    defer { server.removeDirectory() }
    try await server.test { client in
        try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
        let body = try APICoding.encoder().encode(ConvertModelRequest(artifact: Data("x".utf8).base64EncodedString(), sample: .array([.array([.number(1)])])))
        try expectStatus(.accepted, await client.call(.post, "/v1/workspaces/team/models/m?framework=sklearn", body: body))
        var status = ModelVersionStatus.converting
        for _ in 0..<300 where status == .converting {
            status = try expectStatus(.ok, await client.call(.get, "/v1/workspaces/team/models/m")).decode(Model.self).versions.last?.status ?? .converting
            try await Task.sleep(for: .milliseconds(20))
        }
        // Then the workspace page shows the version as failed, with the reason
        let browser = try #require(try await client.signIn(token: TestServer.adminToken))
        let page = try await client.browse(.get, "/ui/workspaces/team", as: browser).html
        #expect(page.contains("<span class=\"badge\">failed</span>"))
        #expect(page.contains("could not start its converter"))
    }
}
