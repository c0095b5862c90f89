import Hummingbird
import LastmileAPI

extension Platform {
    func addUserRoutes(to router: Router<LastmileRequestContext>) {
        router.get("/v1/users/me") { _, context in
            try Response.json(try context.requireUser())
        }
        router.post("/v1/users") { request, context in
            let caller = try context.requireUser()
            guard caller.admin else { throw APIError.forbidden("only admins create users; user \"\(caller.name)\" is not an admin") }
            let body = try await request.decodeJSON(CreateUserRequest.self, limit: self.configuration.maxRequestBytes)
            let reply = try self.store.createUser(name: body.name, admin: body.admin ?? false)
            self.authenticator.invalidate()
            return try Response.json(reply, status: .created)
        }
    }
}
