/// Free text people type (device names, slash reasons, deposit references, filters): no
/// control characters. A NUL in particular cannot be stored in PostgreSQL text at all, and a
/// line break or escape in a name would garble every table and log that shows it.
public enum PlainText {
    /// Whether `text` holds a control character (U+0000–U+001F, U+007F–U+009F); line feeds,
    /// carriage returns and tabs pass when `allowLineBreaks`.
    public static func hasControlCharacter(_ text: String, allowLineBreaks: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            guard value < 0x20 || (0x7F...0x9F).contains(value) else { return false }
            return !(allowLineBreaks && (value == 0x0A || value == 0x0D || value == 0x09))
        }
    }
}
