import SQLite
import StorageModel
import StoreRecords

/// Writing: one `StoreChange` at a time, inside the caller's transaction, with constraint failures explained.
extension StoreDatabase {
    /// Applies one change; must run inside `transaction`, which undoes the whole batch if this throws.
    func apply(_ change: StoreChange) throws(StoreError) {
        if case .deletePendingEntries(let operation) = change {
            // Entry by entry, so a refusal names the entry that still has children.
            for entry in try self.entries(pendingFor: operation) {
                try self.apply(Self.deletion(of: entry))
            }
            return
        }
        let changed: Int
        do {
            changed = try self.write(change)
        } catch let error as StoreError {
            throw error
        } catch let error as SQLiteError {
            // Still inside the transaction, so the explanation sees the batch's earlier changes.
            throw self.explain(error, in: change)
        } catch {
            throw .database(function: "apply", code: -1, message: "\(error)")
        }
        if changed == 0, let missing = Self.target(of: change) {
            throw .notFound(kind: missing.kind, id: missing.id)
        }
    }

    /// Runs the SQL for `change` and returns the number of rows it changed.
    private func write(_ change: StoreChange) throws -> Int {
        switch change {
        case .insertCluster(let cluster): return try self.insert(Tables.clusters, cluster, pending: nil)
        case .updateCluster(let cluster): return try self.update(Tables.clusters, cluster)
        case .deleteCluster(let id): return try self.run(Tables.clusters.delete, [.text(id.description)])
        case .insertNode(let node, let pending): return try self.insert(Tables.nodes, node, pending: pending)
        case .updateNode(let node): return try self.update(Tables.nodes, node)
        case .deleteNode(let id): return try self.run(Tables.nodes.delete, [.text(id.description)])
        case .insertDevice(let device, let pending): return try self.insert(Tables.devices, device, pending: pending)
        case .updateDevice(let device): return try self.update(Tables.devices, device)
        case .deleteDevice(let id): return try self.run(Tables.devices.delete, [.text(id.description)])
        case .insertBrick(let brick, let pending): return try self.insert(Tables.bricks, brick, pending: pending)
        case .updateBrick(let brick): return try self.update(Tables.bricks, brick)
        case .deleteBrick(let id): return try self.run(Tables.bricks.delete, [.text(id.description)])
        case .insertVolume(let volume, let pending): return try self.insert(Tables.volumes, volume, pending: pending)
        case .updateVolume(let volume): return try self.update(Tables.volumes, volume)
        case .deleteVolume(let id): return try self.run(Tables.volumes.delete, [.text(id.description)])
        case .markPending(let entry, let operation):
            let (table, _, id) = Self.location(of: entry)
            return try self.run(
                "UPDATE \(table) SET pending = ? WHERE id = ?", [.text(operation.description), .text(id)])
        case .clearPending(let entry):
            let (table, _, id) = Self.location(of: entry)
            return try self.run("UPDATE \(table) SET pending = NULL WHERE id = ?", [.text(id)])
        case .clearAllPending(let operation):
            var changed = 0
            for table in ["bricks", "volumes", "devices", "nodes"] {
                changed += try self.run(
                    "UPDATE \(table) SET pending = NULL WHERE pending = ?", [.text(operation.description)])
            }
            return changed
        case .deletePendingEntries:
            return 0  // Expanded into single deletions by `apply`.
        case .insertOperation(let record): return try self.insert(Tables.operations, record, pending: nil)
        case .setOperationStatus(let id, let status, let result, let time):
            return try self.run(
                """
                UPDATE operations SET status = ?2, result = ?3, updated_at = ?4,
                    finished_at = CASE WHEN ?5 THEN ?4 ELSE NULL END
                WHERE id = ?1
                """,
                [
                    .text(id.description), .text(status.rawValue), result.map { .text($0) } ?? .null,
                    .integer(time.seconds), .bool(status.isFinished),
                ])
        case .appendJournal(let entry): return try self.insert(Tables.journal, entry, pending: nil)
        case .releaseHolds(let operation):
            return try self.run("DELETE FROM holds WHERE operation_id = ?", [.text(operation.description)])
        case .hold(let hold, let operation):
            return try self.run(
                "INSERT OR IGNORE INTO holds (entry, operation_id, exclusive) VALUES (?, ?, ?)",
                [.text(hold.entry.key), .text(operation.description), .bool(hold.mode == .exclusive)])
        case .setJournalState(let operation, let step, let state, let detail, let time):
            return try self.run(
                "UPDATE journal SET state = ?3, detail = COALESCE(?4, detail), updated_at = ?5 WHERE operation_id = ?1 AND step = ?2",
                [
                    .text(operation.description), .integer(Int64(step)), .text(state.rawValue),
                    detail.map { .text($0) } ?? .null, .integer(time.seconds),
                ])
        }
    }

    private func insert<Value>(_ mapping: TableMapping<Value>, _ value: Value, pending: OperationID?) throws -> Int {
        var values = try mapping.values(value)
        if mapping.hasPending {
            values.append(pending.map { .text($0.description) } ?? .null)
        }
        return try self.run(mapping.insert, values)
    }

    private func update<Value>(_ mapping: TableMapping<Value>, _ value: Value) throws -> Int {
        try self.run(mapping.update, try mapping.values(value))
    }

    /// Turns a constraint failure into the error the caller can act on, querying what SQLite's message leaves out.
    private func explain(_ error: SQLiteError, in change: StoreChange) -> StoreError {
        // ON DELETE RESTRICT reports SQLITE_CONSTRAINT_TRIGGER, not _FOREIGNKEY; the message is the same for both.
        if error.extendedCode == ConstraintFailure.Code.foreignKey
            || (error.extendedCode == ConstraintFailure.Code.trigger
                && error.message == ConstraintFailure.foreignKeyMessage)
        {
            return self.explainForeignKey(error, in: change)
        }
        switch error.extendedCode {
        case ConstraintFailure.Code.unique, ConstraintFailure.Code.primaryKey:
            return ConstraintFailure.conflict(
                columns: ConstraintFailure.columns(in: error.message) ?? error.message, change: change)
        case ConstraintFailure.Code.trigger where error.message.contains(StoreSchema.overcommitMessage):
            return self.insufficientSpace(in: change) ?? Self.mapped(error)
        case ConstraintFailure.Code.trigger where error.message.contains(StoreSchema.heldMessage):
            guard case .hold(let hold, let operation) = change else { return Self.mapped(error) }
            let holder = try? self.readHolds().conflict(with: hold, except: operation)
            return .busy(entry: hold.entry, operation: holder?.operation, type: holder?.type)
        case ConstraintFailure.Code.check, ConstraintFailure.Code.notNull:
            return .invalidValue(error.message)
        default:
            return Self.mapped(error)
        }
    }

    /// A missing parent for inserts and updates; a remaining child for deletes.
    private func explainForeignKey(_ error: SQLiteError, in change: StoreChange) -> StoreError {
        if let (kind, id, dependents) = ConstraintFailure.dependents(of: change) {
            let holder = dependents.first { dependent in
                (try? self.exists(
                    "SELECT 1 FROM \(dependent.table) WHERE \(dependent.column) = ? LIMIT 1", [.text(id)])) == true
            }
            return .hasChildren(kind: kind, id: id, children: holder?.table ?? "dependent entries")
        }
        for reference in ConstraintFailure.references(of: change) {
            if (try? self.exists(reference.sql, [.text(reference.id)])) == false {
                return .notFound(kind: reference.kind, id: reference.id)
            }
        }
        return Self.mapped(error)
    }

    /// For a brick: its `reserved` against the device's free space without it. For a device shrink: what its
    /// bricks reserve against the new total.
    private func insufficientSpace(in change: StoreChange) -> StoreError? {
        switch change {
        case .insertBrick(let brick, _), .updateBrick(let brick):
            let rows = try? self.rows(
                """
                SELECT total, (SELECT coalesce(sum(reserved), 0) FROM bricks WHERE device_id = ?1 AND id != ?2)
                FROM devices WHERE id = ?1
                """, [.text(brick.device.description), .text(brick.id.description)])
            guard case .integer(let total)? = rows?.first?[0], case .integer(let used)? = rows?.first?[1] else {
                return nil
            }
            return .insufficientSpace(
                device: brick.device, requested: brick.reserved, free: ByteCount(bytes: total - used))
        case .updateDevice(let device):
            let rows = try? self.rows(
                "SELECT coalesce(sum(reserved), 0) FROM bricks WHERE device_id = ?", [.text(device.id.description)])
            guard case .integer(let used)? = rows?.first?[0] else { return nil }
            return .insufficientSpace(device: device.id, requested: ByteCount(bytes: used), free: device.total)
        default:
            return nil
        }
    }

    /// The entry a change must find, for changes that do nothing when it is missing.
    private static func target(of change: StoreChange) -> (kind: String, id: String)? {
        switch change {
        case .updateCluster(let cluster): return ("cluster", cluster.id.description)
        case .deleteCluster(let id): return ("cluster", id.description)
        case .updateNode(let node): return ("node", node.id.description)
        case .deleteNode(let id): return ("node", id.description)
        case .updateDevice(let device): return ("device", device.id.description)
        case .deleteDevice(let id): return ("device", id.description)
        case .updateBrick(let brick): return ("brick", brick.id.description)
        case .deleteBrick(let id): return ("brick", id.description)
        case .updateVolume(let volume): return ("volume", volume.id.description)
        case .deleteVolume(let id): return ("volume", id.description)
        case .markPending(let entry, _), .clearPending(let entry):
            let (_, kind, id) = Self.location(of: entry)
            return (kind, id)
        case .setOperationStatus(let id, _, _, _): return ("operation", id.description)
        case .setJournalState(let operation, let step, _, _, _): return ("journal step", "\(operation)/\(step)")
        default: return nil
        }
    }

    private static func location(of entry: StoreEntry) -> (table: String, kind: String, id: String) {
        switch entry {
        case .node(let id): ("nodes", "node", id.description)
        case .device(let id): ("devices", "device", id.description)
        case .brick(let id): ("bricks", "brick", id.description)
        case .volume(let id): ("volumes", "volume", id.description)
        }
    }

    private static func deletion(of entry: StoreEntry) -> StoreChange {
        switch entry {
        case .node(let id): .deleteNode(id)
        case .device(let id): .deleteDevice(id)
        case .brick(let id): .deleteBrick(id)
        case .volume(let id): .deleteVolume(id)
        }
    }
}
