internal import Foundation
internal import Glibc

/// One writer per database: `serve`, `apply`, `repair`, `recover` and `import-heketi` take an exclusive `flock(2)`
/// on `<database>.lock` for as long as they run. The kernel releases it when the process ends, however it ends, so a
/// crashed server never leaves the database locked. The file says who holds it and since when, for the refusal.
final class DatabaseLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(self.descriptor)
    }

    /// The lock file of a database; nil for an in-memory one.
    static func path(for database: String) -> String? {
        database == ":memory:" ? nil : database + ".lock"
    }

    /// Takes the lock for `command`, or says who holds it. Nil (and no lock) for an in-memory database.
    static func acquire(database: String, command: String) throws(ServeCommand.StartupError) -> DatabaseLock? {
        guard let path = Self.path(for: database) else { return nil }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .init(message: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            guard reason == EWOULDBLOCK else {
                throw .init(message: "cannot lock \(path): \(String(cString: strerror(reason)))")
            }
            let who = holder.flatMap { $0.isEmpty ? nil : $0 } ?? "another process"
            throw .init(message: "the database \(database) is in use by \(who); stop it first (one writer per database)")
        }
        let note = "brickyard \(command) (pid \(getpid())) since \(Date().ISO8601Format())\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return DatabaseLock(descriptor: descriptor)
    }
}
