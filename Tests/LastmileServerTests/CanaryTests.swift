import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import LastmileTensor
import LastmileTesting
import Synchronization
import Testing

/// A scheduler clock the test sets by hand; sleeps return at once.
private final class ManualClock: SchedulerClock {
    private let now = Mutex<Int64>(0)

    var nowMillis: Int64 { now.withLock { $0 } }

    func set(_ date: Date) { now.withLock { $0 = Int64((date.timeIntervalSince1970 * 1000).rounded()) } }

    func sleep(for duration: Duration) async throws {}
}

/// Pipeline `pipe` running model `double` (version 1), with `triple` and `picky` uploaded.
private func deployDouble(_ client: any TestClientProtocol) async throws {
    try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/double", body: try ScalingModels.scaling(2)))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/triple", body: try ScalingModels.scaling(3)))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/picky", body: try ScalingModels.picky()))
    try expectStatus(.created, await client.call(.put, "/v1/pipelines/pipe", json: CreatePipelineRequest(workspace: "team", steps: [.model(ModelReference(name: "double"))])))
    try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/deploy"))
}

/// Sends one single-row request; returns its status and the factor the answer shows (Y / X).
private func inferOne(_ client: any TestClientProtocol) async throws -> (HTTPResponse.Status, Double?, Int?) {
    let reply = try await client.call(.post, "/v1/pipelines/pipe/infer", body: Data("[{\"X\": [1, 2, 4]}]".utf8))
    guard reply.status == .ok, let rows = try reply.json() as? [[String: Any]], let row = rows.first else { return (reply.status, nil, nil) }
    let y = ((row["out"] as? [String: Any])?["Y"] as? [Double])?.first
    let version = (row["metadata"] as? [String: Any])?["pipeline_version"] as? Int
    return (reply.status, y, version)
}

private func canary(_ client: any TestClientProtocol) async throws -> Canary {
    try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/canary")).decode(Canary.self)
}

@Test func aHealthyCanaryRampsUpAndIsPromoted() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given pipeline pipe serving model double
        try await deployDouble(client)
        // When a canary of triple starts at 25%, then 50%, a minute each
        let request = CreateCanaryRequest(challenger: ModelReference(name: "triple"), steps: [25, 50, 100], interval: "1m", rollback: CanaryRollback(maxErrorRate: 0.01, minRuns: 3))
        let started = try expectStatus(.created, await client.call(.post, "/v1/pipelines/pipe/canary", json: request)).decode(Canary.self)
        // Then it runs version 2, a split giving triple 25% of rows
        #expect(started.state == .running && started.share == 25 && started.baseVersion == 1 && started.currentVersion == 2)
        let version2 = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/versions")).decode([PipelineVersion].self).last
        #expect(version2?.steps == [.randomSplit(RandomSplit(routes: [
            WeightedRoute(model: started.champion, weight: 75), WeightedRoute(model: started.challenger, weight: 25),
        ]))])
        // And a second canary is refused while this one runs
        let second = try await client.call(.post, "/v1/pipelines/pipe/canary", json: request)
        #expect(second.status == .conflict && second.errorMessage.contains("has a canary running already"))

        let clock = ManualClock()
        let scheduler = server.server.canaryScheduler(clock: clock)
        // When rows flow and half the interval passes, nothing changes
        var factors: [Double] = []
        while factors.count(where: { $0 == 3 }) < 3 || !factors.contains(2), factors.count < 2_000 {
            let (status, y, _) = try await inferOne(client)
            #expect(status == .ok)
            factors.append(y ?? 0)
        }
        #expect(factors.allSatisfy { $0 == 2 || $0 == 3 })
        clock.set(started.stepStartedAt.addingTimeInterval(30))
        #expect(await scheduler.tick() == 0)
        // When the interval is over, the canary advances to 50% on version 3
        clock.set(started.stepStartedAt.addingTimeInterval(60))
        #expect(await scheduler.tick() == 1)
        var state = try await canary(client)
        #expect(state.state == .running && state.share == 50 && state.currentVersion == 3)
        #expect(state.history.last?.event == "advanced")
        #expect(state.history.last?.stats?.errors == 0)
        #expect((state.history.last?.stats?.runs ?? 0) > 0)
        // When that step's interval is over but the challenger has not served, the step goes on
        clock.set(state.stepStartedAt.addingTimeInterval(61))
        #expect(await scheduler.tick() == 0)
        #expect(try await canary(client).share == 50)
        // When rows arrive, the challenger is promoted: version 4 runs triple alone
        var served = 0
        while served < 3 {
            let (_, y, _) = try await inferOne(client)
            if y == 3 { served += 1 }
        }
        #expect(await scheduler.tick() == 1)
        state = try await canary(client)
        #expect(state.state == .promoted && state.share == 100 && state.currentVersion == 4)
        #expect(state.history.map(\.event) == ["started", "advanced", "promoted"])
        let (status, y, version) = try await inferOne(client)
        #expect(status == .ok && y == 3 && version == 4)
        // And a finished canary is left alone
        #expect(await scheduler.tick() == 0)
    }
}

@Test func aCanaryThatBreaksItsErrorLimitRollsBackBeforeItsStepEnds() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given pipeline pipe serving double, and a canary of picky (which fails single-row requests) at 50%
        try await deployDouble(client)
        let request = CreateCanaryRequest(challenger: ModelReference(name: "picky"), steps: [50, 100], interval: "10m", rollback: CanaryRollback(maxErrorRate: 0.05, minRuns: 5))
        let started = try expectStatus(.created, await client.call(.post, "/v1/pipelines/pipe/canary", json: request)).decode(Canary.self)
        // When single-row requests arrive, some of which picky takes and fails
        var failed = 0
        for _ in 0..<30 {
            let (status, _, _) = try await inferOne(client)
            if status != .ok { failed += 1 }
        }
        #expect(failed > 0)
        // Then a tick one second into the 10-minute step rolls the canary back to version 1
        let clock = ManualClock()
        clock.set(started.stepStartedAt.addingTimeInterval(1))
        #expect(await server.server.canaryScheduler(clock: clock).tick() == 1)
        let state = try await canary(client)
        #expect(state.state == .rolledBack && state.currentVersion == 1 && state.share == 0)
        #expect(state.reason?.contains("error rate") == true, "\(state.reason ?? "")")
        #expect(state.history.last?.stats?.errors == failed)
        let deployment = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/deployment")).decode(Deployment.self)
        #expect(deployment.version == 1)
        // And every request succeeds on double again
        for _ in 0..<5 {
            let (status, y, version) = try await inferOne(client)
            #expect(status == .ok && y == 2 && version == 1)
        }
    }
}

@Test func canariesCanBeAbortedAndBadOnesAreRefused() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await deployDouble(client)
        func start(_ request: CreateCanaryRequest) async throws -> Reply {
            try await client.call(.post, "/v1/pipelines/pipe/canary", json: request)
        }
        let limits = CanaryRollback(maxErrorRate: 0.01)
        // Bad shares, interval, limits and challengers are refused naming the problem
        let cases: [(CreateCanaryRequest, HTTPResponse.Status, String)] = [
            (CreateCanaryRequest(challenger: ModelReference(name: "triple"), steps: [50, 25, 100], rollback: limits), .badRequest, "do not increase"),
            (CreateCanaryRequest(challenger: ModelReference(name: "triple"), steps: [10, 50], rollback: limits), .badRequest, "not 100"),
            (CreateCanaryRequest(challenger: ModelReference(name: "triple"), interval: "soon", rollback: limits), .badRequest, "interval"),
            (CreateCanaryRequest(challenger: ModelReference(name: "triple"), rollback: CanaryRollback(maxErrorRate: 2)), .badRequest, "maxErrorRate"),
            (CreateCanaryRequest(challenger: ModelReference(name: "double"), rollback: limits), .badRequest, "already runs"),
            (CreateCanaryRequest(challenger: ModelReference(name: "nope"), rollback: limits), .notFound, "\"nope\""),
        ]
        for (request, status, message) in cases {
            let reply = try await start(request)
            #expect(reply.status == status && reply.errorMessage.contains(message), "\(message): \(reply.status) \(reply.errorMessage)")
        }
        #expect(try await client.call(.get, "/v1/pipelines/pipe/canary").status == .notFound)
        #expect(try await client.call(.delete, "/v1/pipelines/pipe/canary").status == .notFound)
        // When a good canary starts and is aborted, version 1 serves again
        let started = try expectStatus(.created, await start(CreateCanaryRequest(challenger: ModelReference(name: "triple"), rollback: limits))).decode(Canary.self)
        #expect(started.share == 5 && started.shares == [5, 25, 50, 100] && started.intervalSeconds == 600)
        let aborted = try expectStatus(.ok, await client.call(.delete, "/v1/pipelines/pipe/canary")).decode(Canary.self)
        #expect(aborted.state == .aborted && aborted.currentVersion == 1)
        #expect(try await inferOne(client).2 == 1)
        // And a canary finds out when someone deploys by hand during it
        _ = try expectStatus(.created, await start(CreateCanaryRequest(challenger: ModelReference(name: "triple"), rollback: limits)))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/deploy", json: DeployRequest(version: 1)))
        let clock = ManualClock()
        clock.set(Date())
        #expect(await server.server.canaryScheduler(clock: clock).tick() == 1)
        #expect(try await canary(client).state == .aborted)
        // And an undeployed pipeline cannot start one
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/undeploy"))
        let undeployed = try await start(CreateCanaryRequest(challenger: ModelReference(name: "triple"), rollback: limits))
        #expect(undeployed.status == .conflict && undeployed.errorMessage.contains("not running"))
    }
}
