import Foundation
import LastmileAPI

/// The method, output and background size the explanation form asks for.
struct UIExplainOptions {
    var method: ExplainMethod?
    var output: String?
    var samples: Int?

    init(_ form: FormData) throws {
        if let text = form.text("method") {
            guard let method = ExplainMethod(rawValue: text) else { throw UIError(status: .badRequest, message: "method \"\(text.prefix(20))\" is not auto, exact, kernel, linear or tree") }
            self.method = method
        }
        output = form.text("output")
        samples = try form.integer("samples", label: "background rows")
    }
}

struct ExplainPage {
    struct Choice {
        var label: String
        var json: String
    }

    var name: String
    var deployed: Bool
    var inputs: String
    var outputs: [String]
    var choices: [Choice]
    var row: String
    var csrf: String
    var method: String?
    /// A chart with its heading.
    struct Chart {
        var title: String
        var svg: String
    }

    var charts: [Chart] = []
    var dependence: [Chart] = [] {
        didSet { hasDependence = !dependence.isEmpty }
    }
    /// Stored, as Mustache reads values through Mirror.
    var hasDependence = false
    var methods = ExplainMethod.allCases.map(\.rawValue)

    init(name: String, deployed: Bool, inputs: String, outputs: [String], choices: [Choice], row: String, csrf: String) {
        self.name = name
        self.deployed = deployed
        self.inputs = inputs
        self.outputs = outputs
        self.choices = choices
        self.row = row
        self.csrf = csrf
    }
}
