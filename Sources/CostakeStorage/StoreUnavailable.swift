/// The database could not be reached (a server restarting, a network fault): nothing was
/// decided or written, and the same request may simply be sent again. Answered with 503.
public struct StoreUnavailable: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
