import Hummingbird

/// `GET /openapi.json`: the OpenAPI document describing every route (SPEC §10).
struct OpenAPIRoutes {
    func register(on router: Router<APIContext>) {
        router.get("openapi.json") { _, _ in Response.json(OpenAPIDocument.json) }
    }
}
