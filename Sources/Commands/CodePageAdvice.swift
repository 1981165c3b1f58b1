import Foundation
import Glibc

/// Asks the kernel to map code and read-only data pages only when they are used.
///
/// On a page fault in a file mapping, Linux maps up to 16 neighbouring pages that are already cached ("fault
/// around"), so a long-running server's resident set counts most of its executable and libraries whether it runs
/// them or not. `MADV_RANDOM` on those mappings turns that off: only pages actually executed or read stay
/// resident. Executable pages already mapped are dropped once (`MADV_DONTNEED`; code is never written, so they
/// come back from the file on their next use). It changes nothing but memory accounting and the first touch of a
/// page. Read-only data is left mapped: relocated pages there are private copies that must not be dropped.
enum CodePageAdvice {
    /// Applies the advice to every read-only or executable file mapping of this process; returns how many.
    @discardableResult
    static func apply() -> Int {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
        var advised = 0
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[5].hasPrefix("/"), !fields[1].contains("w") else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16),
                end > start, let address = UnsafeMutableRawPointer(bitPattern: start)
            else { continue }
            guard madvise(address, Int(end - start), MADV_RANDOM) == 0 else { continue }
            advised += 1
            if fields[1] == "r-xp" { _ = madvise(address, Int(end - start), MADV_DONTNEED) }
        }
        return advised
    }
}
