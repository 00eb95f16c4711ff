import CostakeApp
import CostakeCore
import Hummingbird

/// `POST /v1/faucet {"account"}`: demo IO for anyone, once per account per hour. Only the
/// demo network registers it.
struct FaucetRoutes {
    let services: NetworkServices
    let faucet: Faucet
    var presenter: Presenter { Presenter(services: services) }

    struct Ask: Decodable { let account: String }

    func register(on router: Router<APIContext>) {
        router.post("v1/faucet") { request, context in
            try RateLimiters.check(services.limiters.faucetPerIP, context.clientIP, what: "faucet requests from this IP address")
            let body = try await request.decode(as: Ask.self, context: context)
            let address = try Address(body.account)
            _ = try await services.operatorActions.faucet(faucet.amount, to: address, every: faucet.interval)
            return try await presenter.account(address)
        }
    }
}
