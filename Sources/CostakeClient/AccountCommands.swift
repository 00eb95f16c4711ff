import Foundation

/// The library side of `costake account`, `positions`, `rewards` and `faucet`.
public enum AccountCommands {
    /// An account's balances; `address` nil means the key file's.
    public static func account(_ address: String?, context: ClientContext) async throws -> String {
        let response = try await context.api.get("/v1/accounts/\(try context.address(address))")
        return context.json ? response.text : accountLines(try response.decode(API.Account.self))
    }

    static func accountLines(_ account: API.Account) -> String {
        keyValueLines([
            ("address", account.address),
            ("available", Show.io(account.available)),
            ("staked", Show.io(account.staked)),
            ("waiting", Show.io(account.waiting)),
            ("cooling", Show.io(account.cooling)),
            ("withdrawable", Show.io(account.withdrawable)),
            ("unclaimed rewards", Show.io(account.unclaimedRewards)),
            ("lifetime rewards", Show.io(account.lifetimeRewards)),
            ("co-stake slots", "\(account.claimSlotsUsed) of \(account.claimSlots) used"),
        ])
    }

    public static func positions(_ address: String?, context: ClientContext) async throws -> String {
        let response = try await context.api.get("/v1/accounts/\(try context.address(address))/positions")
        if context.json { return response.text }
        let positions = try response.decode(API.Positions.self).positions
        guard !positions.isEmpty else { return "No positions." }
        return positionsTable(positions, now: try await context.status().now)
    }

    /// Positions with their state and when it next changes: an account's (by device) or a
    /// device's (by staker).
    static func positionsTable(_ positions: [API.Position], now: String, byStaker: Bool = false) -> String {
        var table = Table(["POSITION", byStaker ? "STAKER" : "DEVICE", "ROLE", "AMOUNT", "STATE", "NEXT", "UNCLAIMED", "LIFETIME"], rightAligned: [3, 6, 7])
        for p in positions {
            table.add([p.positionId, byStaker ? p.staker : p.deviceId, p.role, Show.io(p.amount), p.state, next(p, now: now),
                       Show.io(p.unclaimedRewards), Show.io(p.lifetimeRewards)])
        }
        return table.text
    }

    /// What happens next to a position, and when: "cooling 2026-12-01 14:00 UTC (in 6 days 3 h)".
    static func next(_ p: API.Position, now: String) -> String {
        switch p.state {
        case "waiting": return p.waitingEndsAt.map { "cooling " + Show.dateWithCountdown($0, now: now) } ?? "—"
        case "cooling": return p.coolingEndsAt.map { "withdrawable " + Show.dateWithCountdown($0, now: now) } ?? "—"
        case "withdrawable": return "withdraw now"
        default: return "—"
        }
    }

    /// Daily rewards of an account from `from` to `to`, as a table, JSON or the API's CSV.
    public static func rewards(_ address: String?, from: String?, to: String?, csv: Bool, context: ClientContext) async throws -> String {
        let query: [(String, String?)] = [("from", try from.map { try Parse.time($0, "--from") }), ("to", try to.map { try Parse.time($0, "--to") }),
                                          ("format", csv ? "csv" : nil)]
        let response = try await context.api.get("/v1/accounts/\(try context.address(address))/rewards", query: query)
        if csv || context.json { return response.text.hasSuffix("\n") ? String(response.text.dropLast()) : response.text }
        let days = try response.decode(API.AccountRewards.self).days
        guard !days.isEmpty else { return "No rewards in this period." }
        var table = Table(["DAY", "BLOCKS", "AS OWNER", "AS CO-STAKER", "TOTAL"], rightAligned: [1, 2, 3, 4])
        for day in days { table.add([day.day, String(day.blocks), Show.io(day.ownerReward), Show.io(day.coStakerReward), Show.io(day.total)]) }
        return table.text
    }

    /// The demo faucet: 10,000 IO once an hour to the key file's account (or `address`).
    public static func faucet(_ address: String?, context: ClientContext) async throws -> String {
        let body = JSONText.data(["account": try context.address(address).text])
        let response: APIResponse
        do {
            response = try await context.api.send("POST", "/v1/faucet", json: body)
        } catch let error as ClientError where error.code == "not_found" {
            throw ClientError(.refused, "\(context.api.server) has no faucet: only a server run with --demo gives out IO.", code: "not_found", body: error.body)
        }
        return context.json ? response.text : accountLines(try response.decode(API.Account.self))
    }
}

/// The library side of `costake blocks` and `costake stats`.
public enum NetworkCommands {
    public static func blocks(limit: Int?, before: Int64?, context: ClientContext) async throws -> String {
        let response = try await context.api.get("/v1/blocks", query: [("limit", limit.map(String.init)), ("before", before.map(String.init))])
        if context.json { return response.text }
        let blocks = try response.decode(API.Blocks.self).blocks
        guard !blocks.isEmpty else { return "No block has closed yet." }
        var table = Table(["HEIGHT", "END", "EMISSION", "PAID", "CARRIED", "ELIGIBLE"], rightAligned: [0, 2, 3, 4, 5])
        for b in blocks { table.add([String(b.height), Show.localDate(b.end), Show.io(b.emission), Show.io(b.paid), Show.io(b.carry), String(b.eligibleDevices)]) }
        return table.text
    }

    public static func stats(context: ClientContext) async throws -> String {
        let response = try await context.api.get("/v1/stats")
        if context.json { return response.text }
        let s = try response.decode(API.Stats.self)
        let status = try await context.status()
        return keyValueLines([
            ("network", status.network),
            ("now", Show.localDate(status.now) + (status.clock == "manual" ? " (manual clock)" : "")),
            ("last block", Show.optional(status.lastBlock)),
            ("next block", Show.dateWithCountdown(status.nextBlockAt, now: status.now)),
            ("net staked", Show.io(s.netStaked)),
            ("staked in cooling", Show.io(s.stakedInCooling)),
            ("withdrawable", Show.io(s.withdrawable)),
            ("devices", String(s.devices)),
            ("with full stake", String(s.devicesWithFullStake)),
            ("open offers", String(s.openOffers)),
            ("active co-stakes", String(s.activeCoStakes)),
            ("co-staked", Show.io(s.coStaked)),
        ])
    }
}
