/// The database layout, as an append-only list of migrations keyed by `PRAGMA user_version`.
///
/// Migration `n` (1-based) moves a database from version `n - 1` to `n`; each runs in its own transaction together
/// with the version bump, so a crash mid-migration leaves the previous version intact. Never edit a shipped
/// migration: append a new one. A migration that rebuilds a table must follow SQLite's twelve-step procedure,
/// because foreign keys are on while migrations run.
public enum StoreSchema {
    /// The version this binary writes; a database above it is refused (`StoreError.schemaTooNew`).
    public static var latestVersion: Int { Self.migrations.count }

    /// One step of the schema's history.
    struct Migration {
        let summary: String
        let sql: String
    }

    static let migrations: [Migration] = [
        Migration(summary: "topology, operations and journal", sql: Self.version1),
        Migration(summary: "brick backend per device", sql: Self.version2),
        Migration(summary: "holds: which unfinished operation changes which object", sql: Self.version3),
        Migration(summary: "claim status: where each desired-state claim stands", sql: Self.version4),
    ]

    /// The controller's status of each claim (conditions, last error, next retry) as JSON, by claim reference, so
    /// `brickyard status` shows a claim that keeps failing as well as one that is ready.
    private static let version4 = """
        CREATE TABLE claim_status (
            claim TEXT PRIMARY KEY,
            status TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        """

    /// Holds serialize operations per object: an unfinished operation holds what it changes, exclusively or shared
    /// (see `ObjectHold`). The database itself refuses a conflicting hold, so no path (another process included)
    /// can start a second mutation of a held object, and releases an operation's holds when its status becomes
    /// finished, so no code path can forget to. Unfinished operations from before this version are given holds by
    /// recovery, from their intent.
    private static let version3 = """
        CREATE TABLE holds (
            entry TEXT NOT NULL,
            operation_id TEXT NOT NULL REFERENCES operations (id) ON DELETE CASCADE,
            exclusive INTEGER NOT NULL CHECK (exclusive IN (0, 1)),
            PRIMARY KEY (entry, operation_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX holds_by_operation ON holds (operation_id);

        CREATE TRIGGER holds_conflict BEFORE INSERT ON holds
        WHEN EXISTS (
            SELECT 1 FROM holds
            WHERE entry = NEW.entry AND operation_id != NEW.operation_id AND (exclusive = 1 OR NEW.exclusive = 1))
        BEGIN
            SELECT RAISE(ABORT, 'brickyard: object held by another operation');
        END;

        CREATE TRIGGER holds_released AFTER UPDATE OF finished_at ON operations
        WHEN NEW.finished_at IS NOT NULL
        BEGIN
            DELETE FROM holds WHERE operation_id = NEW.id;
        END;
        """

    /// Devices record how they hold bricks (LVM or directories) and whether brick sizes are enforced. Existing
    /// devices were set up by LVM, the only backend before this version.
    private static let version2 = """
        ALTER TABLE devices ADD COLUMN backend TEXT NOT NULL DEFAULT 'lvm' CHECK (backend IN ('lvm', 'directory'));
        ALTER TABLE devices ADD COLUMN size_enforced INTEGER NOT NULL DEFAULT 1 CHECK (size_enforced IN (0, 1));
        """

    /// Tables are STRICT so a wrong type is an error rather than a silent conversion. IDs are 32-hex TEXT, sizes
    /// INTEGER bytes, nested model values JSON TEXT. Foreign keys point child to parent with ON DELETE RESTRICT, so
    /// the database itself refuses to orphan a brick. `pending` names the unfinished operation that created or is
    /// changing an entry, NULL once complete; it references the operation, which therefore cannot be pruned while
    /// it still marks anything. Device `used` is not stored: it is the sum of the device's bricks' `reserved`,
    /// and triggers refuse any brick or device change that would push it above `total`.
    private static let version1 = """
        CREATE TABLE operations (
            id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
            type TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'rolledBack')),
            intent TEXT NOT NULL CHECK (json_valid(intent)),
            result TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            finished_at INTEGER
        ) STRICT;
        CREATE INDEX operations_by_status ON operations (status);
        CREATE INDEX operations_by_finish ON operations (finished_at) WHERE finished_at IS NOT NULL;

        CREATE TABLE journal (
            operation_id TEXT NOT NULL REFERENCES operations (id) ON DELETE CASCADE,
            step INTEGER NOT NULL CHECK (step >= 0),
            action TEXT NOT NULL CHECK (json_valid(action)),
            state TEXT NOT NULL CHECK (state IN ('planned', 'started', 'done', 'undone', 'failed')),
            detail TEXT,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (operation_id, step)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE clusters (
            id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
            allows_file_volumes INTEGER NOT NULL CHECK (allows_file_volumes IN (0, 1)),
            allows_block_volumes INTEGER NOT NULL CHECK (allows_block_volumes IN (0, 1))
        ) STRICT;

        CREATE TABLE nodes (
            id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
            cluster_id TEXT NOT NULL REFERENCES clusters (id) ON DELETE RESTRICT,
            zone INTEGER NOT NULL CHECK (zone >= 1),
            manage_hostname TEXT NOT NULL UNIQUE,
            storage_hostname TEXT NOT NULL UNIQUE,
            tags TEXT NOT NULL CHECK (json_valid(tags)),
            state TEXT NOT NULL CHECK (state IN ('online', 'offline', 'failed')),
            pending TEXT REFERENCES operations (id) ON DELETE RESTRICT
        ) STRICT;
        CREATE INDEX nodes_by_cluster ON nodes (cluster_id);
        CREATE INDEX nodes_by_pending ON nodes (pending);

        CREATE TABLE devices (
            id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
            node_id TEXT NOT NULL REFERENCES nodes (id) ON DELETE RESTRICT,
            name TEXT NOT NULL,
            tags TEXT NOT NULL CHECK (json_valid(tags)),
            state TEXT NOT NULL CHECK (state IN ('online', 'offline', 'failed')),
            total INTEGER NOT NULL CHECK (total >= 0),
            pending TEXT REFERENCES operations (id) ON DELETE RESTRICT,
            UNIQUE (node_id, name)
        ) STRICT;
        CREATE INDEX devices_by_pending ON devices (pending);

        CREATE TABLE volumes (
            id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
            name TEXT NOT NULL,
            cluster_id TEXT NOT NULL REFERENCES clusters (id) ON DELETE RESTRICT,
            size INTEGER NOT NULL CHECK (size >= 0),
            durability TEXT NOT NULL CHECK (json_valid(durability)),
            snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
            gid INTEGER,
            options TEXT NOT NULL CHECK (json_valid(options)),
            brick_sets TEXT NOT NULL CHECK (json_valid(brick_sets)),
            pending TEXT REFERENCES operations (id) ON DELETE RESTRICT,
            UNIQUE (cluster_id, name)
        ) STRICT;
        CREATE INDEX volumes_by_pending ON volumes (pending);

        CREATE TABLE bricks (
            id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
            volume_id TEXT NOT NULL REFERENCES volumes (id) ON DELETE RESTRICT,
            device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE RESTRICT,
            node_id TEXT NOT NULL REFERENCES nodes (id) ON DELETE RESTRICT,
            role TEXT NOT NULL CHECK (role IN ('data', 'arbiter')),
            size INTEGER NOT NULL CHECK (size >= 0),
            reserved INTEGER NOT NULL CHECK (reserved >= 0),
            path TEXT NOT NULL,
            pending TEXT REFERENCES operations (id) ON DELETE RESTRICT
        ) STRICT;
        CREATE INDEX bricks_by_volume ON bricks (volume_id);
        CREATE INDEX bricks_by_device ON bricks (device_id);
        CREATE INDEX bricks_by_node ON bricks (node_id);
        CREATE INDEX bricks_by_pending ON bricks (pending);

        CREATE TRIGGER bricks_fit_on_insert BEFORE INSERT ON bricks
        WHEN NEW.reserved + (SELECT coalesce(sum(reserved), 0) FROM bricks WHERE device_id = NEW.device_id)
            > (SELECT total FROM devices WHERE id = NEW.device_id)
        BEGIN
            SELECT RAISE(ABORT, 'brickyard: device over-committed');
        END;

        CREATE TRIGGER bricks_fit_on_update BEFORE UPDATE OF device_id, reserved ON bricks
        WHEN NEW.reserved
            + (SELECT coalesce(sum(reserved), 0) FROM bricks WHERE device_id = NEW.device_id AND id != OLD.id)
            > (SELECT total FROM devices WHERE id = NEW.device_id)
        BEGIN
            SELECT RAISE(ABORT, 'brickyard: device over-committed');
        END;

        CREATE TRIGGER devices_fit_on_update BEFORE UPDATE OF total ON devices
        WHEN (SELECT coalesce(sum(reserved), 0) FROM bricks WHERE device_id = NEW.id) > NEW.total
        BEGIN
            SELECT RAISE(ABORT, 'brickyard: device over-committed');
        END;
        """

    /// The message the over-commit triggers raise, recognised when mapping errors.
    static let overcommitMessage = "brickyard: device over-committed"
    /// The message the hold trigger raises.
    static let heldMessage = "brickyard: object held by another operation"
}
