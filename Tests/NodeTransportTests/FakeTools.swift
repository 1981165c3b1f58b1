import Foundation
import Glibc

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
        // Written through a close-on-exec descriptor: a process another test spawns at this moment must not keep
        // the file open for writing, or running it fails with ETXTBSY.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        guard write(descriptor, bytes, bytes.count) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return path
    }

    func path(_ name: String) -> String { self.directory + "/" + name }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: self.path(name), encoding: .utf8)) ?? ""
    }
}
