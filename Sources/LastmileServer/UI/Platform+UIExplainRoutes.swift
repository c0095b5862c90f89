import Foundation
import Hummingbird
import LastmileAPI

extension Platform {
    /// Logged rows offered on the explanation page, and partial dependence plots drawn at most.
    static let uiExplainLoggedRows = 20
    static let uiDependencePlots = 6

    func addUIExplainRoutes(to router: Router<LastmileRequestContext>, api: InternalAPI, renderer: UIRenderer) {
        uiGet(router, "/ui/pipelines/{pipeline}/explain", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            let page = try await self.explainPage(ui, pipeline: name, row: nil)
            return ui.page("explain", page, title: "Explain \(name)", section: "pipelines")
        }
        uiPost(router, "/ui/pipelines/{pipeline}/explain", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            guard let text = ui.form.text("row") else { throw UIError(status: .badRequest, message: "paste a row (a JSON object of inputs) or pick a logged one") }
            let rows: [JSONValue]
            do {
                let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
                if case .array(let list) = value { rows = list } else { rows = [value] }
            } catch {
                throw UIError(status: .badRequest, message: "the row is not JSON: paste an object such as {\"X\": [1, 2, 3, 4, 5, 6]}")
            }
            let options = try UIExplainOptions(ui.form)
            let request = ExplainRequest(rows: Array(rows.prefix(10)), background: .log(start: nil, end: nil, samples: options.samples), output: options.output, method: options.method)
            let explanation: Explanation = try await ui.call(.post, "/v1/pipelines/\(name.pathEscaped)/explain", json: request)
            var page = try await self.explainPage(ui, pipeline: name, row: text)
            page.method = explanation.method.rawValue
            page.charts = (0..<explanation.values.count).flatMap { row in
                (0..<explanation.outputs.count).map { output in
                    let base = explanation.baseValues.indices.contains(output) ? explanation.baseValues[output] : 0
                    let sum = explanation.values[row].reduce(base) { $0 + ($1.indices.contains(output) ? $1[output] : 0) }
                    return ExplainPage.Chart(
                        title: "Row \(row + 1): contributions to \(explanation.outputs[output]) (base \(UIFormat.number(base)) → prediction \(UIFormat.number(sum)))",
                        svg: ChartViews.contributions(explanation, row: row, output: output))
                }
            }
            return ui.page("explain", page, title: "Explain \(name)", section: "pipelines")
        }
        uiPost(router, "/ui/pipelines/{pipeline}/explain/global", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            let options = try UIExplainOptions(ui.form)
            let request = GlobalExplainRequest(background: .log(start: nil, end: nil, samples: options.samples), output: options.output, method: options.method)
            let explanation: GlobalExplanation = try await ui.call(.post, "/v1/pipelines/\(name.pathEscaped)/explain/global", json: request)
            var page = try await self.explainPage(ui, pipeline: name, row: nil)
            page.method = explanation.method.rawValue
            page.charts = explanation.outputs.indices.map { ExplainPage.Chart(title: "Global importance for \(explanation.outputs[$0])", svg: ChartViews.importance(explanation, output: $0)) }
            let output = explanation.outputs.count > 1 ? explanation.outputs.count - 1 : 0
            let ranked = explanation.features.indices.sorted {
                (explanation.meanAbs[$0].indices.contains(output) ? explanation.meanAbs[$0][output] : 0) > (explanation.meanAbs[$1].indices.contains(output) ? explanation.meanAbs[$1][output] : 0)
            }
            let outputName = explanation.outputs.indices.contains(output) ? explanation.outputs[output] : "output"
            // A feature that never varies in the sample has a one-point grid: nothing to plot.
            page.dependence = ranked.compactMap { index in
                explanation.partialDependence.first { $0.feature == explanation.features[index] && Set($0.grid).count > 1 }
            }.prefix(Self.uiDependencePlots).map {
                ExplainPage.Chart(title: "\(outputName) against \($0.feature)", svg: ChartViews.partialDependence($0, output: output, outputName: outputName))
            }
            return ui.page("explain", page, title: "Explain \(name)", section: "pipelines")
        }
    }

    /// The explanation page with the recently logged rows to pick from.
    private func explainPage(_ ui: UIRequest, pipeline name: String, row: String?) async throws -> ExplainPage {
        let pipeline: Pipeline = try await ui.call(.get, "/v1/pipelines/\(name.pathEscaped)")
        let logged: [JSONValue] = try await ui.call(.get, "/v1/pipelines/\(name.pathEscaped)/logs?order=desc&limit=\(Self.uiExplainLoggedRows)")
        var choices: [ExplainPage.Choice] = []
        for entry in logged {
            guard case .object(let fields) = entry, let inputs = fields["in"] else { continue }
            var time = ""
            if case .number(let millis)? = fields["time"] { time = UIFormat.time(millis: Int64(millis)) }
            let json = (try? APICoding.encoder().encode(inputs)).map { String(decoding: $0, as: UTF8.self) } ?? inputs.compactDescription
            let summary = inputs.compactDescription
            choices.append(.init(label: "\(time)  \(summary.count > 80 ? String(summary.prefix(79)) + "…" : summary)", json: json))
        }
        return ExplainPage(
            name: pipeline.name, deployed: pipeline.deployment?.state == .running, inputs: UIFormat.signature(pipeline.latestVersion.inputs),
            outputs: pipeline.latestVersion.outputs.map(\.name), choices: choices, row: row ?? choices.first?.json ?? "", csrf: ui.session.csrf)
    }
}
