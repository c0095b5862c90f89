import LastmileAPI
import LastmileEngine
import LastmileObservability
import LastmileRuntime
import LastmileTensor

extension PipelineMetrics {
    /// Records one model run of a pipeline run: its latency, and for split routes and shadow
    /// models their route counts; a challenger's failure is also counted on its own.
    func record(_ run: StepRun) {
        if !run.failed { recordModel(run.model, nanoseconds: run.nanoseconds) }
        guard run.role != .model else { return }
        if run.role == .challenger && run.failed { recordShadowError(run.model) }
        var counts = RouteWindow.Counts()
        counts.runs = 1
        counts.failures = run.failed ? 1 : 0
        counts.rows = run.rows
        if !run.failed { counts.latency.record(nanoseconds: run.nanoseconds) }
        counts.outputs = run.outputSums
        counts.differences = run.differences
        routes.record(RouteWindow.Key(step: run.step, model: run.model, versionID: run.versionID, role: run.role.rawValue), counts)
    }
}

extension Platform {
    /// Attributes a request's validation verdicts to routes: when the last model step is a
    /// shadow, every row to its champion, and each challenger's rows by checking the
    /// validations against its outputs in place of the champion's; otherwise each row to the
    /// split route `_model_split` names. Does nothing without validations.
    func recordRoutes(of pipeline: CompiledPipeline, inputs: [String: Tensor], outputs: PipelineOutputs, metadata: RecordMetadata) {
        guard let validations = pipeline.validations, let verdictRoutes = pipeline.verdictRoutes else { return }
        let rows = metadata.anomalies.count
        guard rows > 0 else { return }
        let routes = metrics.pipeline(pipeline.version.pipeline).routes
        let step = switch verdictRoutes {
        case .shadow(let step, _, _), .split(let step): step
        }
        func record(_ model: String, _ versionID: String, role: String, checked: Int, flagged: Int) {
            var counts = RouteWindow.Counts()
            counts.checkedRows = checked
            counts.anomalousRows = flagged
            routes.record(RouteWindow.Key(step: step, model: model, versionID: versionID, role: role), counts)
        }
        let flagged = metadata.anomalies.map { !$0.isEmpty }
        if case .shadow(_, let model, let versionID) = verdictRoutes {
            record(model, versionID, role: "champion", checked: rows, flagged: flagged.filter { $0 }.count)
            let split = outputs.values.filter { $0.name == PipelineStep.splitOutputName }
            for shadow in outputs.shadows {
                guard let values = shadow.values else { continue }
                let verdicts = validations.evaluate(rows: rows, inputs: inputs, outputs: values + split)
                record(shadow.model, shadow.versionID, role: "challenger", checked: rows, flagged: verdicts.filter { !$0.isEmpty }.count)
            }
            return
        }
        guard let column = outputs.values.first(where: { $0.name == PipelineStep.splitOutputName }),
              case .tensor(let tensor) = column.value, case .string(let texts) = tensor.storage, texts.count == 2 * rows else { return }
        var tally: [String: (model: String, checked: Int, flagged: Int)] = [:]
        for row in 0..<rows {
            let versionID = texts[2 * row + 1]
            tally[versionID, default: (texts[2 * row], 0, 0)].checked += 1
            if flagged[row] { tally[versionID, default: (texts[2 * row], 0, 0)].flagged += 1 }
        }
        for (versionID, entry) in tally {
            record(entry.model, versionID, role: "route", checked: entry.checked, flagged: entry.flagged)
        }
    }
}
