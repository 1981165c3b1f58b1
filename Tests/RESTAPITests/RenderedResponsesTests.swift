import StorageModel
import Testing

@testable import RESTAPI

@Suite struct RenderedResponsesTests {
    let one = VolumeID(high: 1, low: 1)
    let two = VolumeID(high: 1, low: 2)

    @Test func aBodyIsServedOnlyAtTheRevisionItWasRenderedFrom() {
        let cache = RenderedResponses()
        cache.keep([1, 2, 3], for: self.one, at: 7)
        #expect(cache.body(for: self.one, at: 7) == [1, 2, 3])
        #expect(cache.body(for: self.one, at: 8) == nil)
        #expect(cache.body(for: self.two, at: 7) == nil)
    }

    @Test func aNewerRevisionReplacesEverythingAndAnOlderOneIsIgnored() {
        let cache = RenderedResponses()
        cache.keep([1], for: self.one, at: 7)
        cache.keep([2], for: self.two, at: 8)
        #expect(cache.count == 1)
        #expect(cache.body(for: self.two, at: 8) == [2])
        cache.keep([3], for: self.one, at: 7)
        #expect(cache.body(for: self.one, at: 7) == nil)
        #expect(cache.count == 1)
    }

    @Test func theBudgetBoundsWhatIsKeptAndRemoveAllEmptiesIt() {
        let cache = RenderedResponses(budget: 10)
        cache.keep(Array(repeating: 0, count: 6), for: self.one, at: 1)
        cache.keep(Array(repeating: 0, count: 6), for: self.two, at: 1)
        #expect(cache.body(for: self.one, at: 1) != nil)
        #expect(cache.body(for: self.two, at: 1) == nil)
        cache.removeAll()
        #expect(cache.count == 0)
        #expect(cache.body(for: self.one, at: 1) == nil)
    }
}
