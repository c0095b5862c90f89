import Foundation
import ServiceLifecycle

/// Judges the running canaries every `pollInterval`: rollbacks happen within one interval of
/// the challenger breaking a limit, and steps advance within one of their end.
package final class CanaryScheduler: Service, Sendable {
    let platform: Platform
    let clock: any SchedulerClock
    let pollInterval: Duration

    init(platform: Platform, clock: any SchedulerClock, pollInterval: Duration) {
        self.platform = platform
        self.clock = clock
        self.pollInterval = pollInterval
    }

    package func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.tick()
                try await self.clock.sleep(for: self.pollInterval)
            }
        }
    }

    /// One pass over the running canaries at the clock's time; returns the transitions made.
    @discardableResult
    package func tick() async -> Int {
        await platform.canaries.tick(platform: platform, now: Date(timeIntervalSince1970: Double(clock.nowMillis) / 1000))
    }
}
