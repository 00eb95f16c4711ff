extension Duration {
    /// The duration in seconds, with its fraction (for rates and for metrics).
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
