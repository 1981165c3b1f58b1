import TestSupport
import Foundation
import Controller
import Testing

/// The watcher on a real temporary directory. Waits are generous (a busy machine is slow to deliver), and quiet
/// periods short: a test that wrongly passes on a slow machine is still caught on a fast one.
@Suite(.timeLimit(.minutes(1))) struct DirectoryWatcherTests {
    struct Watched {
        let directory: TemporaryDirectory
        let watcher: DirectoryWatcher
        let wakes: StreamCounter

        init(debounce: Duration = .milliseconds(50), before: (TemporaryDirectory) throws -> Void = { _ in }) throws {
            self.directory = try TemporaryDirectory()
            try before(self.directory)
            self.watcher = try DirectoryWatcher(directory: self.directory.path, debounce: debounce)
            self.wakes = StreamCounter(self.watcher.changes)
        }

        /// Waits until the watcher has woken `count` times in all.
        func woke(_ count: Int = 1) async -> Bool {
            await eventually { self.wakes.value >= count }
        }
    }

    @Test func creatingADocumentWakesIt() async throws {
        let watched = try Watched()
        try watched.directory.write("app.yaml", "kind: VolumeClaim\n")
        #expect(await watched.woke())
    }

    @Test func modifyingADocumentInPlaceWakesIt() async throws {
        let watched = try Watched { try $0.write("app.yaml", "kind: VolumeClaim\n") }
        let handle = try #require(FileHandle(forWritingAtPath: watched.directory.path("app.yaml")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("name: app\n".utf8))
        try handle.close()
        #expect(await watched.woke())
    }

    @Test func renamingADocumentWakesIt() async throws {
        let watched = try Watched { try $0.write("app.yaml", "kind: VolumeClaim\n") }
        try FileManager.default.moveItem(
            atPath: watched.directory.path("app.yaml"), toPath: watched.directory.path("web.yaml"))
        #expect(await watched.woke())
    }

    @Test func aSubdirectoryMadeAfterTheStartIsWatchedToo() async throws {
        let watched = try Watched()
        try FileManager.default.createDirectory(
            atPath: watched.directory.path("team/volumes"), withIntermediateDirectories: true)
        #expect(await watched.woke(1))
        // The watches for the new directories were added when their creation was seen, before that wake.
        try watched.directory.write("team/volumes/app.yaml", "kind: VolumeClaim\n")
        #expect(await watched.woke(2))
        try watched.directory.write("team/web.yaml", "kind: VolumeClaim\n")
        #expect(await watched.woke(3))
    }

    @Test func aSubdirectoryThereAtTheStartIsWatched() async throws {
        let watched = try Watched { directory in
            try FileManager.default.createDirectory(atPath: directory.path("team"), withIntermediateDirectories: true)
        }
        #expect(watched.watcher.initialWatchCount == 2)
        try watched.directory.write("team/app.yaml", "kind: VolumeClaim\n")
        #expect(await watched.woke())
    }

    @Test func nothingWakesItWhenNothingChanges() async throws {
        let watched = try Watched { try $0.write("app.yaml", "kind: VolumeClaim\n") }
        // A change after the quiet spell is the only wake: had anything woken the watcher before, it would count two.
        try watched.directory.write("sentinel.yaml", "kind: VolumeClaim\n")
        #expect(await watched.woke())
        #expect(watched.wakes.value == 1)
        #expect(watched.watcher.failure == nil)
    }

    @Test func aBurstOfChangesWakesItOnce() async throws {
        // A long quiet period, so a slow machine between two writes does not split the burst.
        let watched = try Watched(debounce: .milliseconds(400))
        for index in 0..<10 {
            try watched.directory.write("app.yaml", "kind: VolumeClaim\nname: app\nsize: \(index)\n")
        }
        #expect(await watched.woke())
        #expect(watched.wakes.value == 1)
        // A later change is the second wake, not the third: the burst made one.
        try watched.directory.write("sentinel.yaml", "kind: VolumeClaim\n")
        #expect(await eventually { watched.wakes.value >= 2 })
        #expect(watched.wakes.value == 2)
    }

    @Test func movingTheDirectoryAwayIsReportedAsAFailure() async throws {
        let watched = try Watched()
        let moved = watched.directory.path + "-moved"
        try FileManager.default.moveItem(atPath: watched.directory.path, toPath: moved)
        defer {
            try? FileManager.default.moveItem(atPath: moved, toPath: watched.directory.path)
        }
        #expect(await watched.woke())
        #expect(await eventually { watched.watcher.failure != nil })
        #expect(watched.watcher.failure?.contains("moved away") == true)
    }

    @Test func stopFinishesTheChanges() async throws {
        let directory = try TemporaryDirectory()
        let watcher = try DirectoryWatcher(directory: directory.path)
        watcher.stop()
        var iterator = watcher.changes.makeAsyncIterator()
        #expect(await iterator.next() == nil)
    }

    @Test func aMissingDirectoryOrAFileCannotBeWatched() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: DirectoryWatcher.WatchError.self) {
            try DirectoryWatcher(directory: directory.path("missing"))
        }
        try directory.write("topology.json", "{}")
        #expect(throws: DirectoryWatcher.WatchError.notADirectory(path: directory.path("topology.json"))) {
            try DirectoryWatcher(directory: directory.path("topology.json"))
        }
    }
}
