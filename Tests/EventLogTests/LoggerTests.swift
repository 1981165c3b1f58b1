import EventLog
import Synchronization
import Testing

@Suite struct LoggerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var sink: LogSink { LogSink { line in self.lines.withLock { $0.append(line) } } }
        var all: [String] { self.lines.withLock { $0 } }
    }

    @Test func writesOneKeyValueLinePerEvent() {
        let lines = Lines()
        let log = Logger(minimumLevel: .info, sink: lines.sink).with(("component", "store"))
        log.info("volume_created", ("id", "abc"), ("size", 10))
        #expect(lines.all.count == 1)
        let line = lines.all[0]
        #expect(line.hasPrefix("time="))
        #expect(line.hasSuffix(" level=info event=volume_created component=store id=abc size=10"))
    }

    @Test func quotesValuesThatWouldSplitAndKeepsOneLine() {
        let lines = Lines()
        let log = Logger(minimumLevel: .debug, sink: lines.sink)
        log.error("failed", ("error", "no space\non \"dev\""), ("empty", ""))
        #expect(lines.all[0].hasSuffix(#" level=error event=failed error="no space\non \"dev\"" empty="""#))
        #expect(!lines.all[0].contains("\n"))
    }

    @Test func dropsEventsBelowTheLevel() {
        let lines = Lines()
        let log = Logger(minimumLevel: .warning, sink: lines.sink)
        log.debug("a")
        log.info("b")
        log.warning("c")
        #expect(lines.all.count == 1)
        #expect(lines.all[0].contains("event=c"))
    }

    @Test func contextKeysAreReplacedNotRepeated() {
        let lines = Lines()
        let log = Logger(sink: lines.sink).with(("component", "serve")).with(("component", "http"))
        log.info("x")
        #expect(lines.all[0].hasSuffix("component=http"))
        #expect(!lines.all[0].contains("component=serve"))
    }
}
