import CostakeApp
import CostakeCore
import CostakeStorage
import Hummingbird

/// The web app (SPEC §11): server-rendered pages over the same queries as the API, and the
/// static CSS and JavaScript (the wallet and signing) served by costake itself.
struct WebRoutes {
    let services: NetworkServices
    let assets: WebAssets

    /// The wallet page: connect Phantom, or make, import, export and fund the built-in wallet.
    struct WalletPage { let layout: Layout }

    func register(on router: Router<APIContext>) {
        router.get("/") { request, _ in try await page(request, "marketplace") { try await MarketplacePage.load(request, services: services) } }
        router.get("offers/:id") { request, context in
            try await page(request, "offer") {
                try await OfferPage.load(request, id: try OfferID(text: context.parameters.require("id"), field: "offer id"), services: services)
            }
        }
        router.get("portfolio") { request, _ in try await page(request, "portfolio") { try await PortfolioPage.load(request, services: services) } }
        router.get("manage") { request, _ in try await page(request, "manage") { try await ManagePage.load(request, services: services) } }
        router.get("manage/devices/:id/offer") { request, context in
            try await page(request, "wizard") {
                try await OfferWizardPage.load(request, id: try DeviceID(text: context.parameters.require("id"), field: "device id"), services: services)
            }
        }
        router.get("devices/:id") { request, context in
            try await page(request, "device") {
                try await DevicePage.load(request, id: try DeviceID(text: context.parameters.require("id"), field: "device id"), services: services)
            }
        }
        router.get("dashboard") { request, _ in try await page(request, "dashboard") { try await DashboardPage.load(request, services: services) } }
        router.get("wallet") { request, _ in
            try await page(request, "wallet") { WalletPage(layout: Layout(title: "Wallet", path: "/wallet", viewer: Viewer(request), services: services)) }
        }
        router.get("static/:file") { _, context in
            let name = try context.parameters.require("file")
            guard let file = assets.files[name] else { throw APIError.notFound("No static file \(name).") }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=300"],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
    }

    /// Renders `template` with what `load` builds; a refusal (an unknown id, a bad value)
    /// becomes an error page with its status, in the app's frame.
    func page(_ request: Request, _ template: String, _ load: () async throws -> Any) async throws -> Response {
        do {
            try Query.checkStrict(request, allowEmpty: true)
            return assets.page(template, try await load())
        } catch let error as CostakeError {
            let status = HTTPResponse.Status(code: error.code.httpStatus)
            return assets.page("error", ErrorPage(
                layout: Layout(title: status.reasonPhrase, path: "", viewer: Viewer(request), services: services),
                heading: status.code == 404 ? "Not found" : "That did not work", message: error.message, code: error.code.rawValue),
                status: status)
        }
    }
}
