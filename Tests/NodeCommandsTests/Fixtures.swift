import Foundation

/// Recorded outputs of the real tools, under `Tests/Fixtures` (see its README for how each was made).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // NodeCommandsTests
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")

    /// The bytes of `gluster/volume-info-replica3.xml` and the like.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: Self.root.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try Self.data(name), as: UTF8.self)
    }
}
