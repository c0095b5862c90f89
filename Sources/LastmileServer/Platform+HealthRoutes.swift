import Hummingbird
import LastmileAPI

extension Platform {
    func addHealthRoutes(to router: Router<LastmileRequestContext>) {
        router.get("/health/live") { _, _ in
            try Response.json(["status": "live"])
        }
        router.get("/health/ready") { [ready] _, _ in
            ready.isSet ? try Response.json(["status": "ready"]) : try Response.json(["status": "starting"], status: .serviceUnavailable)
        }
    }
}
