import Foundation
import HummingbirdTesting
import LastmileAPI
import LastmileClient
import LastmileServer
import Testing

@Test func theSDKScoresCreatesListsAndDeletesAssaysAgainstALiveServer() async throws {
    // Given a live server with a pipeline and an SDK client
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    await server.server.restoreDeployments()
    try await server.server.makeApplication().test(.live) { live in
        let port = try #require(live.port)
        let client = LastmileClient(url: try #require(URL(string: "http://127.0.0.1:\(port)")), token: TestServer.adminToken)
        _ = try await client.createWorkspace(name: "team")
        _ = try await client.uploadModel(workspace: "team", name: "logreg", onnx: try fixtureModel("logreg_binary_nozipmap"))
        _ = try await client.createPipeline(name: "fraud", workspace: "team", steps: [.model(ModelReference(name: "logreg"))])
        _ = try await client.deploy(pipeline: "fraud")
        let before = Date().addingTimeInterval(-1)
        _ = try await client.infer(pipeline: "fraud", rows: [0.5, 1.5, 2.5].map { ["X": .array([$0, 0, 0, 0, 0, 0].map { JSONValue.number($0) })] })

        // When it scores values: sumdiff of [1, 1] vs [1, 0] on edges 0, 1, 2 is (0.5 + 0.5) / 2
        let scored = try await client.scoreAssay(AssayScoreRequest(
            baseline: AssayValues(values: [0.5, 1.5]), window: AssayValues(values: [0.5, 0.7]),
            summarizer: AssaySummarizer(binMode: .provided, edges: [0, 1, 2], metric: .sumdiff)
        ))
        #expect(scored.score == 0.5 && scored.status == .alert)

        // and previews, creates, lists, pauses and deletes an assay
        let windows = AssayWindows(start: before, width: "1h", count: 1)
        let preview = try await client.previewAssay(AssayPreviewRequest(pipeline: "fraud", iopath: "in.X[0]", baseline: AssayBaseline(values: [0.5, 1.5, 2.5]), windows: windows, minCount: 1))
        #expect(preview.windows.first?.summary.count == 3)
        let assay = try await client.createAssay(CreateAssayRequest(workspace: "team", name: "x0", pipeline: "fraud", iopath: "in.X[0]", baseline: AssayBaseline(values: [0.5, 1.5, 2.5]), windows: windows))
        #expect(try await client.assays(workspace: "team").map(\.id) == [assay.id])
        #expect(try await client.assay(id: assay.id).iopath == "in.X[0]")
        #expect(try await client.assayResults(id: assay.id, start: before, end: Date()).isEmpty)
        #expect(try await client.assayAlerts(id: assay.id).isEmpty)
        #expect(try await client.setAssayActive(id: assay.id, active: false).active == false)
        try await client.deleteAssay(id: assay.id)

        // Then a deleted assay is a 404 and a bad request a 400 with the server's message
        await #expect { try await client.assay(id: assay.id) } throws: { ($0 as? ClientError)?.status == 404 }
        await #expect {
            try await client.scoreAssay(AssayScoreRequest(baseline: AssayValues(values: []), window: AssayValues(values: [1])))
        } throws: { error in
            (error as? ClientError)?.status == 400 && (error as? ClientError)?.message.contains("no values") == true
        }
    }
}
