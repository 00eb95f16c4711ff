import CostakeCore
import CostakeCrypto
import Foundation

/// A key file in the Solana CLI format: a JSON array of 64 numbers, the 32-byte Ed25519 seed
/// then the 32-byte public key. A file written by `solana-keygen` works here unchanged and one
/// written here works there.
public enum KeyFile {
    /// `~/.config/costake/id.json` (HOME from the environment).
    public static var defaultPath: String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/costake/id.json"
    }

    /// A path with a leading `~/` expanded.
    public static func expand(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst(1)
    }

    /// The file's text: `[b0,b1,…,b63]`, as the Solana CLI writes it.
    public static func text(of key: Keypair) -> String {
        "[" + (key.seed + key.publicKey).map(String.init).joined(separator: ",") + "]"
    }

    /// Reads a key file, checking that its public half belongs to its seed.
    public static func read(_ path: String) throws -> Keypair {
        guard let data = FileManager.default.contents(atPath: path) else {
            let hint = path == defaultPath ? " Create one with `costake wallet new`, or name one with --keypair." : ""
            throw ClientError.localFile("Cannot read the key file \(path).\(hint)")
        }
        guard let numbers = try? JSONDecoder().decode([Int].self, from: data), numbers.count == 64,
              numbers.allSatisfy({ (0...255).contains($0) }) else {
            throw ClientError.localFile("\(path) is not a key file: it must be a JSON array of 64 numbers from 0 to 255 (the Solana CLI format).")
        }
        let bytes = numbers.map(UInt8.init)
        guard let key = try? Keypair(seed: Array(bytes[0..<32])), key.publicKey == Array(bytes[32..<64]) else {
            throw ClientError.localFile("\(path) is damaged: its last 32 bytes are not the public key of its first 32.")
        }
        return key
    }

    /// Writes `key` to `path` with mode 0600, creating the parent directory with mode 0700.
    /// An existing file is replaced only when `overwrite` (atomically, by renaming a new file over it).
    public static func write(_ key: Keypair, to path: String, overwrite: Bool) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path), !overwrite {
            throw ClientError.localFile("\(path) already exists; it holds a key that may own funds. Use --force to replace it.")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !manager.fileExists(atPath: directory) {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw ClientError.localFile("Cannot create the directory \(directory): \(error.localizedDescription)")
            }
        }
        let temporary = path + ".tmp-\(UUID().uuidString.prefix(8))"
        try writeNew(Array(text(of: key).utf8), to: temporary)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ClientError.localFile("Cannot write \(path): \(String(cString: strerror(errno))).")
        }
    }

    /// Creates a file that must not exist yet, readable by its owner only, and writes `bytes`.
    static func writeNew(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw ClientError.localFile("Cannot create \(path): \(String(cString: strerror(errno))).") }
        defer { close(descriptor) }
        // The umask can only remove permissions; fchmod makes 0600 exact.
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard fchmod(descriptor, 0o600) == 0, written == bytes.count, fsync(descriptor) == 0 else {
            unlink(path)
            throw ClientError.localFile("Cannot write \(path): \(String(cString: strerror(errno))).")
        }
    }
}
