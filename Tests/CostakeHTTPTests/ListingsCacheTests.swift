import CostakeHTTP
import CostakeTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Marketplace pages are kept as encoded and served again while the listings version stands
/// (`ListingsCache`): each step below either leaves what a listing shows alone, and the
/// version with it, or changes it, and the next page shows the change. Every row of every
/// page is compared with the offer's own body (`/v1/offers/{id}`, never kept).
@Suite("API: marketplace pages kept until a listing changes")
struct ListingsCacheTests {
    /// The page's raw body, after checking each row against the offer's own body.
    static func page(_ s: APIStory, _ query: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let response = try await s.request(.get, "/v1/offers\(query)")
        #expect(response.status == .ok, sourceLocation: sourceLocation)
        #expect(response.headers[.contentType] == "application/json; charset=utf-8", sourceLocation: sourceLocation)
        let rows = try #require(try json(response)["offers"] as? [[String: Any]])
        for row in rows {
            let own = try await s.get("/v1/offers/\(try #require(row["offer_id"] as? String))")
            #expect(NSDictionary(dictionary: row) == NSDictionary(dictionary: own), "\(row) against \(own)", sourceLocation: sourceLocation)
        }
        return String(buffer: response.body)
    }

    static func ids(_ body: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        return (object["offers"] as? [[String: Any]] ?? []).compactMap { $0["offer_id"] as? String }
    }

    @Test(arguments: StoreKind.allCases)
    func aKeptPageIsServedUntilAListingChanges(_ kind: StoreKind) async throws {
        try await APIStory.run(kind) { s in
            let store = s.h.services.store
            let (device, offer) = try await s.offered()
            var version = try await store.listingsVersion()
            let open = try await Self.page(s, "?status=open")
            #expect(try Self.ids(open) == [offer.description])
            #expect(try await Self.page(s, "?status=open") == open, "served again, byte for byte")

            // Neither money moving, nor a stake, nor telemetry (a device's status and hired
            // flag) changes what a listing shows: the version stands and the page is the same.
            try await s.deposit(s.bob, "5")
            let other = try await s.register()
            try await s.approve(.stake(device: other, amount: Amount(io: 10)), by: s.owner)
            let at = s.now
            for (status, hired) in [("down", true), ("up", false)] {
                try await s.operate(.post, "/v1/operator/telemetry",
                                    #"{"events":[{"device_id":"\#(device)","at":"\#(at)","status":"\#(status)","hired":\#(hired)}]}"#)
            }
            #expect(try await store.device(device)?.hired == false)
            #expect(try await store.listingsVersion() == version)
            #expect(try await Self.page(s, "?status=open") == open)

            // Alice takes the offer: the offer's row changes, and so does every page.
            try await s.approve(.coStake(offer: offer, requestedAmount: Amount(io: 600), rewardShareBps: 7_400), by: s.alice)
            #expect(try await store.listingsVersion() == version + 1)
            version += 1
            #expect(try Self.ids(try await Self.page(s, "?status=open")).isEmpty)
            let active = try await Self.page(s, "?status=active")
            #expect(try Self.ids(active) == [offer.description])

            // A slash changes the slash count the listing shows.
            try await s.slash(device, principalBps: 100, rewardsBps: 0)
            #expect(try await store.listingsVersion() > version)
            version = try await store.listingsVersion()
            let slashed = try await Self.page(s, "?status=active")
            #expect(slashed != active)
            let row = try #require((try JSONSerialization.jsonObject(with: Data(slashed.utf8)) as? [String: Any])?["offers"] as? [[String: Any]])
            #expect(row.first?["slash_count"] as? Int == 1)

            // Blocks with telemetry give the device a reliability and an estimate: the close
            // changes the listing, and the page shows what the offer's own body shows.
            try await s.telemetryUp([device], hours: 25)
            #expect(try await store.listingsVersion() > version)
            let scored = try await Self.page(s, "?status=active")
            let listed = try #require((try JSONSerialization.jsonObject(with: Data(scored.utf8)) as? [String: Any])?["offers"] as? [[String: Any]])
            #expect(listed.first?["reliability"] as? Int != nil, "\(scored)")
        }
    }

    /// A bad query is refused even when a page with the same text could be kept.
    @Test func aBadQueryIsRefusedEveryTime() async throws {
        try await APIStory.run { s in
            _ = try await s.offered()
            for _ in 0..<2 {
                let response = try await s.request(.get, "/v1/offers?min_reliability=101")
                #expect(response.status == .badRequest, "\(String(buffer: response.body))")
            }
        }
    }
}
