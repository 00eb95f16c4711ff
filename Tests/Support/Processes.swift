import Foundation

/// Runs a program and returns its standard output; throws when it exits non-zero.
public func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
        throw SupportError("\(executable) exited \(process.terminationStatus): \(text) \(String(decoding: errorData, as: UTF8.self))")
    }
    return text
}

/// The `costake` executable built beside the test bundle.
public func costakeBinary() throws -> String {
    var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("costake").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        directory.deleteLastPathComponent()
    }
    throw SupportError("the costake executable is not built beside the tests; run `swift build --build-tests` first")
}
