import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the UI's Mustache templates: a page's own template, then the layout around it.
///
/// `{{name}}` escapes HTML; only markup the server made itself (charts, rendered fragments) is
/// inserted raw with `{{{name}}}`.
struct UIRenderer: Sendable {
    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in UITemplates.all {
            try library.register(text, named: name)
        }
        self.library = library
    }

    /// What the layout shows around every page.
    struct Layout {
        var title: String
        var user: String?
        var csrf: String?
        var section: String
        var flash: String?
        var error: String?
        var body: String
        // Stored, not computed: Mustache reads values through Mirror, which sees stored properties only.
        var navPipelines: Bool
        var navWorkspaces: Bool
        var navAssays: Bool

        init(title: String, user: String?, csrf: String?, section: String, flash: String?, error: String?, body: String) {
            self.title = title
            self.user = user
            self.csrf = csrf
            self.section = section
            self.flash = flash
            self.error = error
            self.body = body
            navPipelines = section == "pipelines"
            navWorkspaces = section == "workspaces"
            navAssays = section == "assays"
        }
    }

    /// `template` rendered with `model`, alone (a fragment for the page's script).
    func fragment(_ template: String, _ model: Any) -> String {
        library.render(model, withTemplate: template) ?? ""
    }

    /// A whole HTML page: `template` rendered with `model` inside the layout.
    func page(_ template: String, _ model: Any, title: String, section: String, session: UISession?, flash: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        let body = fragment(template, model)
        let layout = Layout(title: title, user: session?.user, csrf: session?.csrf, section: section, flash: flash, error: error, body: body)
        return Self.html(library.render(layout, withTemplate: "layout") ?? body, status: status)
    }

    /// An HTML reply that no page may frame and no other origin may script.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[.referrerPolicy] = "same-origin"
        headers[.cacheControl] = "no-store"
        return Response.bytes(Array(text.utf8), status: status, contentType: "text/html; charset=utf-8", headers: headers)
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
