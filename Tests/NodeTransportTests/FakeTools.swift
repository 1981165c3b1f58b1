import Foundation

/// A temporary directory of small executable scripts standing in for `ssh`, `kubectl` or a node's `gluster`.
final class FakeTools {
    let directory: String

    init() throws {
        self.directory = NSTemporaryDirectory() + "brickyard-transport-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: self.directory)
    }

    /// Writes an executable `/bin/sh` script named `name` and returns its path.
    @discardableResult
    func script(_ name: String, _ body: String, in subdirectory: String? = nil) throws -> String {
        var folder = self.directory
        if let subdirectory {
            folder += "/" + subdirectory
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let path = folder + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func path(_ name: String) -> String { self.directory + "/" + name }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: self.path(name), encoding: .utf8)) ?? ""
    }
}
