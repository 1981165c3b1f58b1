import CSQLite

/// Online backup: copies a live database to a file without stopping writers for long (`sqlite3_backup_*`).
extension SQLiteConnection {
    /// How many times a busy or locked step is retried, 5 ms apart, before the backup gives up.
    private static let backupRetries = 400

    /// Copies the `main` database into the file at `path`, replacing its content.
    public func backup(to path: String) throws(SQLiteError) {
        let destination = try SQLiteConnection(path: path, mode: .readWriteCreate)
        guard let backup = sqlite3_backup_init(destination.handle, "main", self.handle, "main") else {
            let result = sqlite3_errcode(destination.handle)
            throw Self.error(of: destination.handle, result: result, function: "sqlite3_backup_init")
        }
        var result = SQLITE_OK
        var retries = 0
        while true {
            result = sqlite3_backup_step(backup, -1)
            guard (result == SQLITE_BUSY || result == SQLITE_LOCKED) && retries < Self.backupRetries else {
                break
            }
            retries += 1
            sqlite3_sleep(5)
        }
        let finish = sqlite3_backup_finish(backup)
        guard result == SQLITE_DONE else {
            throw SQLiteError(
                code: .init(rawValue: result & 0xff), extendedCode: result,
                message: String(cString: sqlite3_errstr(result)), function: "sqlite3_backup_step")
        }
        try destination.check(finish, "sqlite3_backup_finish")
    }
}
