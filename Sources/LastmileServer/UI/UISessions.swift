import Foundation
import LastmileAPI
import Synchronization

/// One signed-in browser: the token it signed in with (kept on the server only), the user,
/// a CSRF token for its forms, and when it expires.
struct UISession: Sendable {
    var id: String
    var token: String
    var user: String
    var csrf: String
    var expires: Date
}

/// The web UI's sessions, in memory: a restart signs everyone out.
///
/// The cookie holds only a random session id; the bearer token never goes back to the browser.
final class UISessions: Sendable {
    /// How long a session lasts after sign-in.
    let lifetime: TimeInterval
    private let sessions = Mutex<[String: UISession]>([:])
    /// Sessions kept at most; the oldest are dropped beyond it.
    private let capacity = 10_000

    init(lifetime: TimeInterval = 8 * 3600) {
        self.lifetime = lifetime
    }

    /// Starts a session for `user`, who signed in with `token`.
    func create(token: String, user: String, now: Date = Date()) -> UISession {
        let session = UISession(id: Self.randomToken(), token: token, user: user, csrf: Self.randomToken(), expires: now.addingTimeInterval(lifetime))
        sessions.withLock { table in
            table = table.filter { $0.value.expires > now }
            if table.count >= capacity, let oldest = table.min(by: { $0.value.expires < $1.value.expires }) {
                table[oldest.key] = nil
            }
            table[session.id] = session
        }
        return session
    }

    /// The live session with `id`, or nil when there is none or it expired.
    func session(id: String, now: Date = Date()) -> UISession? {
        sessions.withLock { table in
            guard let session = table[id] else { return nil }
            guard session.expires > now else {
                table[id] = nil
                return nil
            }
            return session
        }
    }

    /// Ends the session with `id`.
    func remove(id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// 32 random bytes as hex, from the system's cryptographic generator.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// Compares two secrets in time independent of where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for (p, q) in zip(x, y) { difference |= p ^ q }
        return difference == 0
    }
}
