import Foundation
import Synchronization

/// Structured logging: one line per event, `key=value` pairs after a timestamp, a level and an event name.
///
/// Lines go to a sink (standard error by default) under a lock, so lines from concurrent tasks never interleave.
/// Values with spaces, quotes or `=` are quoted, so every line splits unambiguously.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error

        public var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }

        public init?(name: String) {
            guard let level = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
            self = level
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The lowest level written; shared with every logger made from this one by `with(_:)`.
    public let threshold: LogThreshold
    private let sink: LogSink
    /// Pairs added to every line, such as `component=store`.
    private let context: [(String, String)]

    public init(minimumLevel: Level = .info, sink: LogSink = .standardError) {
        self.init(threshold: LogThreshold(minimum: minimumLevel), sink: sink)
    }

    public init(threshold: LogThreshold, sink: LogSink = .standardError) {
        self.threshold = threshold
        self.sink = sink
        self.context = []
    }

    private init(threshold: LogThreshold, sink: LogSink, context: [(String, String)]) {
        self.threshold = threshold
        self.sink = sink
        self.context = context
    }

    /// The lowest level written now (nil: nothing is).
    public var minimumLevel: Level? { self.threshold.minimum }

    /// A logger that adds `pairs` to every line, replacing context pairs with the same keys.
    public func with(_ pairs: (String, String)...) -> Logger {
        let replaced = Set(pairs.map(\.0))
        return Logger(
            threshold: self.threshold, sink: self.sink, context: self.context.filter { !replaced.contains($0.0) } + pairs)
    }

    /// A logger that drops everything (tests that do not look at logs). Each has a threshold of its own, so
    /// changing one never changes another.
    public static var discarding: Logger { Logger(minimumLevel: .error, sink: LogSink { _ in }) }

    public func debug(_ event: String, _ pairs: (String, any CustomStringConvertible & Sendable)...) {
        self.log(.debug, event, pairs)
    }

    public func info(_ event: String, _ pairs: (String, any CustomStringConvertible & Sendable)...) {
        self.log(.info, event, pairs)
    }

    public func warning(_ event: String, _ pairs: (String, any CustomStringConvertible & Sendable)...) {
        self.log(.warning, event, pairs)
    }

    public func error(_ event: String, _ pairs: (String, any CustomStringConvertible & Sendable)...) {
        self.log(.error, event, pairs)
    }

    public func log(_ level: Level, _ event: String, _ pairs: [(String, any CustomStringConvertible & Sendable)]) {
        guard self.threshold.allows(level) else { return }
        var line = "time=\(Self.timestamp()) level=\(level.name) event=\(Self.quoted(event))"
        for (key, value) in self.context {
            line += " \(key)=\(Self.quoted(value))"
        }
        for (key, value) in pairs {
            line += " \(key)=\(Self.quoted(value.description))"
        }
        self.sink.write(line)
    }

    /// Quotes a value that would otherwise be ambiguous; newlines are escaped so an event stays one line.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }
        guard needsQuotes else { return value }
        var escaped = ""
        for character in value {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    /// The current second in ISO 8601. Formatting a date costs more than the rest of a line, and the text only
    /// changes once a second, so lines within one second share it.
    static func timestamp() -> String {
        let now = Date()
        let second = Int64(now.timeIntervalSince1970.rounded(.down))
        return Self.lastTimestamp.withLock { last in
            if last.second != second { last = (second, now.ISO8601Format()) }
            return last.text
        }
    }

    private static let lastTimestamp = Mutex<(second: Int64, text: String)>((-1, ""))
}

/// Where log lines go; the lock makes each line atomic.
public struct LogSink: Sendable {
    private let writeLine: @Sendable (String) -> Void

    public init(_ writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
    }

    func write(_ line: String) {
        self.writeLine(line)
    }

    private static let lock = Mutex(())

    public static let standardError = LogSink { line in
        LogSink.lock.withLock { _ in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
