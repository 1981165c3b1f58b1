import Glibc

extension WatcherCore {
    /// The thread's body: waits in poll(2) for inotify events or the stop byte, keeps the watches in step with the
    /// directories, and reports a change once events have been quiet for `debounce` (or have gone on for ten times
    /// that, so steady churn still reports). Closes the descriptors when it ends.
    func watch() {
        var watches = self.initialWatches
        let rootWatch = watches.first { $0.value == self.root }?.key
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var burstStarted: ContinuousClock.Instant?
        var lastEvent = ContinuousClock.now
        let burstLimit = self.debounce * 10
        defer { self.closeDescriptors() }
        while true {
            var timeout: Int32 = -1
            if let started = burstStarted {
                let remaining = ContinuousClock.now.duration(to: min(lastEvent + self.debounce, started + burstLimit))
                timeout = remaining <= .zero ? 0 : Int32(clamping: Int((remaining / .milliseconds(1)).rounded(.up)))
            }
            var descriptors = [
                pollfd(fd: self.inotify, events: Int16(POLLIN), revents: 0),
                pollfd(fd: self.wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, timeout) < 0 {
                let number = errno
                if number == EINTR { continue }
                self.fail("poll failed: \(String(cString: strerror(number)))")
                return
            }
            if descriptors[1].revents != 0 { return }
            if descriptors[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                self.fail("the inotify descriptor failed")
                return
            }
            let readable = descriptors[0].revents & Int16(POLLIN) != 0
            if readable, self.drain(&buffer, watches: &watches, rootWatch: rootWatch) {
                lastEvent = ContinuousClock.now
                if burstStarted == nil { burstStarted = lastEvent }
            }
            if let started = burstStarted, ContinuousClock.now >= min(lastEvent + self.debounce, started + burstLimit) {
                burstStarted = nil
                self.changes.yield()
            }
        }
    }

    /// Reads every pending event; true when there was any.
    private func drain(_ buffer: inout [UInt8], watches: inout [Int32: String], rootWatch: Int32?) -> Bool {
        let header = MemoryLayout<inotify_event>.size
        var any = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(self.inotify, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return any }
            any = true
            var offset = 0
            while offset + header <= count {
                let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                let end = min(offset + header + Int(event.len), count)
                let name = String(decoding: buffer[(offset + header)..<end].prefix { $0 != 0 }, as: UTF8.self)
                self.handle(event, name: name, watches: &watches, rootWatch: rootWatch)
                offset += header + Int(event.len)
            }
        }
    }

    /// Keeps the watches in step with one event: directories that appear are watched, those moved away are not,
    /// and losing the directory itself is a failure.
    private func handle(_ event: inotify_event, name: String, watches: inout [Int32: String], rootWatch: Int32?) {
        let mask = event.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost, perhaps directories made: look at the whole tree again (known ones keep their watch).
            self.watchTree(self.root, into: &watches)
            return
        }
        guard let path = watches[event.wd] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            watches.removeValue(forKey: event.wd)
            if event.wd == rootWatch { self.fail("\(self.root) was removed or moved away") }
            return
        }
        if event.wd == rootWatch, mask & UInt32(IN_MOVE_SELF) != 0 {
            self.fail("\(self.root) was moved away")
            return
        }
        guard mask & UInt32(IN_ISDIR) != 0, !name.isEmpty, !name.hasPrefix(".") else { return }
        let child = path + "/" + name
        if mask & UInt32(IN_MOVED_FROM) != 0 {
            for (descriptor, watched) in watches where watched == child || watched.hasPrefix(child + "/") {
                inotify_rm_watch(self.inotify, descriptor)
                watches.removeValue(forKey: descriptor)
            }
        }
        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            self.watchTree(child, into: &watches)
        }
    }

    private func watchTree(_ path: String, into watches: inout [Int32: String]) {
        do throws(DirectoryWatcher.WatchError) {
            try Self.watchTree(path, inotify: self.inotify, into: &watches)
        } catch {
            self.fail(error.description)
        }
    }
}
