public import Foundation

/// A fresh directory under the system temporary directory, removed when the value is released.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    public init() throws {
        self.url = FileManager.default.temporaryDirectory.appendingPathComponent("brickyard-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: self.url)
    }

    /// The directory's own path.
    public var path: String { self.url.path }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String {
        self.url.appendingPathComponent(name).path
    }

    /// Writes `text` to `name` inside the directory, atomically.
    public func write(_ name: String, _ text: String) throws {
        try text.write(toFile: self.path(name), atomically: true, encoding: .utf8)
    }
}
