import Foundation
import Glibc

/// Asks the kernel to keep code and read-only data pages resident only while they are used.
///
/// On a page fault in a file mapping, Linux maps up to 16 neighbouring pages that are already cached ("fault
/// around"), so a long-running server's resident set counts most of its executable and libraries whether it runs
/// them or not. `MADV_RANDOM` on those mappings turns that off, and the pages mapped so far are dropped once
/// (`MADV_DONTNEED`): they are clean copies of the file and come back from it on their next use. A mapping with
/// any private (relocated) page, resident or in swap, is only advised, never dropped, since dropping would lose
/// the relocation. It
/// changes nothing but memory accounting and the cost of a page's first touch.
enum CodePageAdvice {
    /// Applies the advice to every read-only or executable file mapping of this process; returns how many were
    /// dropped.
    @discardableResult
    static func apply() -> Int {
        guard let smaps = Self.read("/proc/self/smaps") else { return 0 }
        // Every mapping is found first and advised after, so reading and parsing `smaps` does not touch again the
        // pages of mappings already dropped.
        var mappings: [(start: UInt, end: UInt, droppable: Bool)] = []
        mappings.reserveCapacity(256)
        var current: (start: UInt, end: UInt, droppable: Bool)?
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), fields.count >= 5 {
                if let mapping = current { mappings.append(mapping) }
                current = nil
                let range = first.split(separator: "-")
                guard fields.count >= 6, fields[5].hasPrefix("/"), !fields[1].contains("w"), range.count == 2,
                    let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), end > start
                else { continue }
                current = (start, end, true)
            } else if let name = fields.first, ["Anonymous:", "Swap:", "Private_Hugetlb:"].contains(name), fields.count >= 2,
                fields[1] != "0"
            {
                // A private page that was written (relocations), resident or swapped out, exists nowhere else.
                current?.droppable = false
            }
        }
        if let mapping = current { mappings.append(mapping) }
        var dropped = 0
        for mapping in mappings {
            guard let address = UnsafeMutableRawPointer(bitPattern: mapping.start) else { continue }
            let length = Int(mapping.end - mapping.start)
            guard madvise(address, length, MADV_RANDOM) == 0 else { continue }
            if mapping.droppable, madvise(address, length, MADV_DONTNEED) == 0 { dropped += 1 }
        }
        return dropped
    }

    /// The whole of a `/proc` file: read until end of file, since such files report a size of zero and are made
    /// as they are read.
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
