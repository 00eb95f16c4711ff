import GRDB
import GRDBSQLite

/// Binds one row's values, in the order of the statement's parameters, with SQLite's own
/// functions (see `SQLiteRows.write`). Texts are copied by SQLite (`SQLITE_TRANSIENT`).
struct RowBinder {
    let statement: SQLiteStatement
    /// How many values are bound so far.
    private(set) var bound: CInt = 0
    /// The first failed bind's result code, or `SQLITE_OK`.
    private(set) var failure = SQLITE_OK

    init(statement: SQLiteStatement) { self.statement = statement }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private mutating func next(_ bind: (SQLiteStatement, CInt) -> CInt) {
        bound += 1
        let code = bind(statement, bound)
        if code != SQLITE_OK, failure == SQLITE_OK { failure = code }
    }

    mutating func callAsFunction(_ value: String) {
        var value = value
        next { statement, index in value.withUTF8 { sqlite3_bind_text(statement, index, $0.baseAddress, CInt($0.count), Self.transient) } }
    }

    mutating func callAsFunction(_ value: String?) {
        guard let value else { return next { sqlite3_bind_null($0, $1) } }
        self(value)
    }

    mutating func callAsFunction(_ value: Int64) {
        next { sqlite3_bind_int64($0, $1, value) }
    }

    mutating func callAsFunction(_ value: Int64?) {
        guard let value else { return next { sqlite3_bind_null($0, $1) } }
        self(value)
    }

    mutating func callAsFunction(_ value: Int) { self(Int64(value)) }

    mutating func callAsFunction(_ value: Int?) { self(value.map(Int64.init)) }

    /// As GRDB stores a Bool: the integer 0 or 1.
    mutating func callAsFunction(_ value: Bool) { self(value ? 1 as Int64 : 0) }
}
