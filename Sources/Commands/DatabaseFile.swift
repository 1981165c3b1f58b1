internal import Foundation

/// Guards against pointing Brickyard at a database it cannot read, above all Heketi's BoltDB file (`heketi.db`):
/// SQLite would refuse it with a cryptic "file is not a database".
enum DatabaseFile {
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    static func checkIsSQLite(_ path: String) throws(ServeCommand.StartupError) {
        guard path != ":memory:", let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)).map(Array.init) ?? []
        guard !header.isEmpty, header != Self.sqliteHeader else { return }
        // BoltDB pages carry the magic 0xED0CDAED after the 16-byte page header.
        let bolt = (try? handle.seek(toOffset: 16)).flatMap { _ in try? handle.read(upToCount: 4) }.map(Array.init)
        if bolt == [0xED, 0xDA, 0x0C, 0xED] || bolt == [0xED, 0x0C, 0xDA, 0xED] {
            throw .init(
                message: "\(path) is a Heketi BoltDB database, which Brickyard cannot read; point --db at a new file "
                    + "and import the topology (for example with heketi-cli topology load)")
        }
        throw .init(message: "\(path) is not a SQLite database; point --db at a new file or a Brickyard database")
    }
}
