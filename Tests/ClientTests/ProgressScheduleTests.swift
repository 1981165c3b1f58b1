@testable import Commands
import Testing

/// What a long operation shows, as a function of elapsed time alone.
@Suite struct ProgressScheduleTests {
    let schedule = ProgressSchedule(label: "creating volume")

    @Test func terminalFramesStartAfterAPause() {
        #expect(self.schedule.frame(at: .milliseconds(250)) == nil)
        #expect(self.schedule.frame(at: .milliseconds(300)) == "\\ creating volume… 0.3s")
        #expect(self.schedule.frame(at: .milliseconds(1450)) == "- creating volume… 1.4s")
        #expect(self.schedule.frame(at: .seconds(62)) == "| creating volume… 62.0s")
    }

    @Test func plainLinesAfterOneSecondThenEveryTen() {
        #expect(ProgressSchedule.linesDue(at: .milliseconds(999)) == 0)
        #expect(ProgressSchedule.linesDue(at: .seconds(1)) == 1)
        #expect(ProgressSchedule.linesDue(at: .seconds(10)) == 1)
        #expect(ProgressSchedule.linesDue(at: .seconds(11)) == 2)
        #expect(ProgressSchedule.linesDue(at: .seconds(31)) == 4)
        #expect(self.schedule.line(at: .milliseconds(11_400)) == "creating volume: still running after 11s")
        #expect(self.schedule.doneLine(at: .milliseconds(12_345), failed: false) == "creating volume: done after 12.3s")
        #expect(self.schedule.doneLine(at: .seconds(2), failed: true) == "creating volume: failed after 2.0s")
    }
}
