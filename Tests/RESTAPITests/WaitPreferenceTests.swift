import HTTPTypes
import Testing

@testable import RESTAPI

/// RFC 7240's `wait` preference read from `Prefer` fields.
@Suite struct WaitPreferenceTests {
    @Test(
        arguments: [
            (["wait=5"], 5),
            (["WAIT = 3"], 3),
            (["respond-async, wait=7"], 7),
            (["wait=2; foo=bar"], 2),
            (["wait=\"4\""], 4),
            (["wait=60"], WaitPreference.longestSeconds),
            (["wait=99999999999999999999999"], WaitPreference.longestSeconds),
            (["respond-async", "wait=6"], 6),
            (["wait=1", "wait=9"], 1),
        ] as [([String], Int)])
    func aWaitIsReadAndCapped(fields: [String], seconds: Int) {
        let headers = HTTPHeaders(fields.map { (name: "Prefer", value: $0) })
        #expect(WaitPreference(headers: headers) == WaitPreference(seconds: seconds))
    }

    @Test(
        arguments: [
            [], ["respond-async"], ["wait"], ["wait="], ["wait=0"], ["wait=-1"], ["wait=1.5"], ["wait=abc"],
            ["wait=abc, wait=5"], ["handling=lenient"],
        ] as [[String]])
    func anAbsentZeroOrMalformedWaitAsksForNothing(fields: [String]) {
        let headers = HTTPHeaders(fields.map { (name: "Prefer", value: $0) })
        #expect(WaitPreference(headers: headers) == nil)
    }

    @Test func theAppliedPreferenceNamesTheWaitGranted() {
        #expect(WaitPreference(seconds: 10).applied == "wait=10")
    }
}
