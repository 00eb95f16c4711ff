import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The web app's view models (pure) and its pages through the router. The browser tests
/// (Tests/Browser) drive the same pages in Chromium.
@Suite("Web pages")
struct WebPageTests {
    static let amounts: [(Amount, String)] = [
        (Amount(io: 2_000), "2,000"), (Amount(baseUnits: 1), "0.00000001"), (Amount(io: 999), "999"),
        (Amount(baseUnits: 123_456_750_000_000), "1,234,567.5"), (Amount.zero, "0"),
    ]
    static let shares: [(Int64, String)] = [(5_000, "50%"), (1_250, "12.5%"), (5, "0.05%"), (10_000, "100%"), (1_205, "12.05%"), (0, "0%")]
    static let countdowns: [(Int64, String)] = [
        (6 * 86_400 + 3 * 3_600, "6 days 3 h"), (86_400, "1 day"), (3 * 3_600 + 12 * 60, "3 h 12 min"),
        (12 * 60 + 30, "12 min"), (59, "less than a minute"), (0, "now"), (-5, "now"),
    ]
    static let percents: [(String, Int)] = [("12.5", 1_250), ("5", 500), ("100", 10_000), ("0.05", 5), (" 25 ", 2_500)]

    @Test(arguments: amounts)
    func amountsAreExactWithThousandsSeparators(_ amount: Amount, _ text: String) {
        #expect(Display.io(amount) == text)
    }

    @Test(arguments: shares)
    func sharesArePercentages(_ bps: Int64, _ text: String) {
        #expect(Display.percent(bps: bps) == text)
    }

    @Test(arguments: countdowns)
    func countdownsInDaysHoursAndMinutes(_ seconds: Int64, _ text: String) {
        let now = Timestamp(seconds: 1_000_000)
        #expect(Display.countdown(from: now, to: now.adding(seconds: seconds)) == text)
    }

    @Test(arguments: percents)
    func theWizardReadsPercentagesAsBasisPoints(_ text: String, _ bps: Int) {
        #expect(Display.basisPoints(percent: text) == bps)
    }

    @Test(arguments: ["12.345", "abc", "101", "-5", "", "1e2", "1.2.3"])
    func theWizardRefusesOtherShares(_ text: String) {
        #expect(Display.basisPoints(percent: text) == nil)
    }

    @Test func theContributionBarSplitsTheRequirement() {
        let split = Split(left: "Device owner", leftAmount: Amount(io: 800), right: "You", rightAmount: Amount(io: 400))
        #expect(split.leftPercent == 66)
        #expect(split.leftLabel == "Device owner: 800 IO (66.66%)")
        #expect(split.rightLabel == "You: 400 IO (33.34%)")
        let rewards = Split(shareLeft: "You", right: "Co-staker", rightBps: 2_500)
        #expect(rewards.leftLabel == "You (75%)" && rewards.rightLabel == "Co-staker (25%)" && rewards.leftPercent == 75)
    }

    static let owner = Keys.make(1).address, taker = Keys.make(2).address
    static let device = Device(id: DeviceID(uuid: UUID()), name: "d", owner: owner, model: "RTX 4070", processors: 4,
                               registeredAt: Timestamp(seconds: 0))
    static func offer(_ status: OfferStatus = .open) -> Offer {
        Offer(id: OfferID(uuid: UUID()), deviceID: device.id, requestedAmount: Amount(io: 600), rewardShare: BasisPoints(5_000),
              status: status, createdAt: Timestamp(seconds: 0))
    }

    @Test func theCoStakeButtonSaysWhyItIsDisabled() {
        let rich = TakeCheck.Taker(address: Self.taker, available: Amount(io: 1_000), slotsUsed: 0, cap: 2)
        #expect(TakeCheck.reason(offer: Self.offer(), device: Self.device, taker: rich) == nil)
        #expect(TakeCheck.reason(offer: Self.offer(), device: Self.device, taker: nil) == nil, "no wallet: the offer page asks for one")
        #expect(TakeCheck.reason(offer: Self.offer(.active), device: Self.device, taker: rich) == "Not open: this offer is active")
        let owner = TakeCheck.Taker(address: Self.owner, available: Amount(io: 1_000), slotsUsed: 0, cap: 2)
        #expect(TakeCheck.reason(offer: Self.offer(), device: Self.device, taker: owner) == "Your own device")
        let full = TakeCheck.Taker(address: Self.taker, available: Amount(io: 1_000), slotsUsed: 2, cap: 2)
        #expect(TakeCheck.reason(offer: Self.offer(), device: Self.device, taker: full) == "Claim cap reached (2 of 2)")
        let poor = TakeCheck.Taker(address: Self.taker, available: Amount(io: 599), slotsUsed: 1, cap: 2)
        #expect(TakeCheck.reason(offer: Self.offer(), device: Self.device, taker: poor) == "Needs 600 IO; you have 599 IO")
    }

    @Test func chartsScaleBarsToTheLargestAndEscapeTheirText() {
        let chart = BarChart(bars: [.init(label: "a<b", value: 50, title: "50"), .init(label: "c", value: 100, title: "100 & more")],
                             caption: "test", width: 220, height: 140)
        let svg = chart.svg
        #expect(svg.contains("height=\"50.0\"") && svg.contains("height=\"100.0\""), "\(svg)")
        #expect(svg.contains("a&lt;b") && svg.contains("100 &amp; more") && !svg.contains("a<b"))
        #expect(BarChart(bars: [], caption: "none").svg.contains("No data yet"))
    }

    @Test func linksKeepTheFiltersAndChangeOneValue() {
        var parameters = Hummingbird.Parameters()
        parameters["model"] = "RTX 4090"
        parameters["sort"] = "amount"
        parameters["cursor"] = "abc"
        let query = PageQuery(parameters, keeping: ["model", "sort", "cursor"])
        #expect(query.href("/", ["sort": "reliability", "cursor": nil]) == "/?model=RTX%204090&sort=reliability")
        #expect(PageQuery(Hummingbird.Parameters(), keeping: ["model"]).href("/") == "/")
    }

    // MARK: Through the router

    func page(_ client: some TestClientProtocol, _ uri: String) async throws -> (status: Int, html: String) {
        let response = try await client.execute(uri: uri, method: .get)
        return (Int(response.status.code), String(buffer: response.body))
    }

    @Test func pagesRenderAndRefusalsAreErrorPages() async throws {
        let h = try await APIHarness()
        try await h.app.test(.router) { client in
            let owner = Keys.make(1), taker = Keys.make(2)
            for key in [owner, taker] {
                _ = try await client.execute(uri: "/v1/operator/deposits", method: .post, headers: h.auth,
                                             body: ByteBuffer(string: #"{"account":"\#(key.address)","amount":"2000"}"#))
            }
            let registered = try await client.execute(uri: "/v1/operator/devices", method: .post, headers: h.auth, body: ByteBuffer(string: """
                {"owner":"\(owner.address)","model":"RTX 4070","processors":4,"status":"up","name":"rig one"}
                """))
            let device = try DeviceID(text: try #require(try json(registered)["device_id"] as? String), field: "device_id")
            _ = try await client.execute(uri: "/v1/transactions", method: .post,
                                         body: h.signed(.stake(device: device, amount: Amount(io: 1_200)), by: owner))
            let created = try await client.execute(uri: "/v1/transactions", method: .post, body: h.signed(
                .createOffer(device: device, requestedAmount: Amount(io: 600), rewardShareBps: 2_500), by: owner))
            let offer = try #require((try json(created)["result"] as? [String: Any])?["offer_id"] as? String)

            let market = try await page(client, "/")
            #expect(market.status == 200 && market.html.contains("Explore Co-Staking") && market.html.contains("data-offer=\"\(offer)\""))
            #expect(market.html.contains("600</span> / 1,200 IO") && market.html.contains("25%"))
            let own = try await page(client, "/?account=\(owner.address)")
            #expect(own.html.contains("Your own device"))
            let summary = try await page(client, "/offers/\(offer)?account=\(taker.address)")
            #expect(summary.status == 200 && summary.html.contains("Device owner: 600 IO (50%)") && summary.html.contains("You: 600 IO (50%)"))
            #expect(summary.html.contains("data-tx=\"co_stake\"") && !summary.html.contains("why-take"))
            let manage = try await page(client, "/manage?account=\(owner.address)")
            #expect(manage.html.contains("1,200 / 1,200 IO") && manage.html.contains("rig one") && manage.html.contains("Retract offer"))
            let device404 = try await page(client, "/devices/\(UUID().uuidString.lowercased())")
            #expect(device404.status == 404 && device404.html.contains("device_not_found"))
            let malformed = try await page(client, "/offers/not-an-id")
            #expect(malformed.status == 400 && malformed.html.contains("<h1>That did not work</h1>"))
            #expect(try await page(client, "/devices/\(device)").html.contains("Stake is sufficient"))
            #expect(try await page(client, "/dashboard").status == 200)
            #expect(try await page(client, "/portfolio").html.contains("Connect a wallet"))
            let script = try await client.execute(uri: "/static/costake.js", method: .get)
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(try await client.execute(uri: "/static/missing.js", method: .get).status == .notFound)
            let escaped = try await page(client, "/?device_id=%3Cscript%3E")
            #expect(escaped.status == 200 && !escaped.html.contains("<script>") && escaped.html.contains("&lt;script&gt;"))
            // Fields left blank by a form are absent; a parameter given twice, or a chart that
            // does not exist, is a 400 page (not JSON).
            #expect(try await page(client, "/?model=&device_id=&sort=").status == 200)
            let twice = try await page(client, "/?sort=apr&sort=amount")
            #expect(twice.status == 400 && twice.html.contains("The query parameter sort is given more than once."))
            let chart = try await page(client, "/portfolio?chart=weekly&account=\(taker.address)")
            #expect(chart.status == 400 && chart.html.contains("chart is daily or monthly."))
            #expect(try await page(client, "/portfolio?chart=monthly&account=\(taker.address)").status == 200)
            // A method a page does not answer: 405 naming the one it does.
            let posted = try await client.execute(uri: "/dashboard", method: .post)
            #expect(posted.status == .methodNotAllowed && posted.headers[.allow] == "GET")
            #expect(try errorCode(posted) == "method_not_allowed")
            let options = try await client.execute(uri: "/v1/devices/\(device)", method: .options)
            #expect(options.status == .methodNotAllowed && options.headers[.allow] == "GET")
            #expect(try await client.execute(uri: "/v1/devices/\(device)/nothing", method: .get).status == .notFound)
        }
    }
}
