import CostakeCore
import Hummingbird

/// Who is looking: the account the browser's wallet connected (the `costake_account` cookie
/// its script sets), or `?account=` for a link that shows someone's page without a wallet.
struct Viewer: Sendable {
    let account: Address?

    init(_ request: Request) {
        let fromQuery = request.uri.queryParameters["account"].map(String.init)
        let fromCookie = request.cookies["costake_account"]?.value
        account = (fromQuery ?? fromCookie).flatMap { try? Address($0) }
    }
}

/// The frame of every page: title, navigation, the wallet chip and the network.
struct Layout {
    struct NavItem { let label: String; let href: String; let current: Bool }

    let title: String
    let nav: [NavItem]
    let account: String?
    let accountShort: String?
    let network: String
    let faucet: Bool
    let now: String

    init(title: String, path: String, viewer: Viewer, services: NetworkServices) {
        self.title = title
        let items = [("Co-Staking Marketplace", "/"), ("My Co-Staking Devices", "/portfolio"),
                     ("Manage Your Stake & Devices", "/manage"), ("Staking Dashboard", "/dashboard"), ("Wallet", "/wallet")]
        nav = items.map { NavItem(label: $0.0, href: $0.1, current: $0.1 == path) }
        account = viewer.account?.text
        accountShort = viewer.account.map { Display.short($0.text) }
        network = services.network
        faucet = services.faucet != nil
        now = Display.time(services.clock.now())
    }
}

/// Building a link back to the same page with some query values changed.
public struct PageQuery {
    var values: [(String, String)]

    public init(_ parameters: Hummingbird.Parameters, keeping names: [String]) {
        values = names.compactMap { name in
            parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : (name, $0) }
        }
    }

    func value(_ name: String) -> String? { values.first { $0.0 == name }?.1 }

    /// `path?…` with `changes` applied (nil removes a value).
    public func href(_ path: String, _ changes: [String: String?] = [:]) -> String {
        var result = values.filter { changes[$0.0] == nil }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) { if let value { result.append((name, value)) } }
        guard !result.isEmpty else { return path }
        return path + "?" + result.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

import Foundation
