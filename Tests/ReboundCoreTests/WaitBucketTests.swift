import ReboundCore
import Testing

/// The dashboard's response-time buckets: exact where it matters, bounded in size elsewhere.
@Suite struct WaitBucketTests {
    @Test func everyServiceLevelTargetIsAnEdge() {
        let levels = ServiceLevels()
        // The dashboard's reference first-response targets (`ChannelServiceRow.defaultFirstResponseTarget`) too.
        let targets = Set(levels.firstResponse.values).union(levels.resolution.values).union([120, 3600, 7200])
        #expect(targets == [120, 3600, 7200, 86_400, 259_200])
        for target in targets.map({ Int64($0) }) {
            #expect(WaitBuckets.edge(target) == target)
            // So "within target" is exact: a wait one second over lands above the target.
            #expect(WaitBuckets.edge(target + 1) > target)
        }
    }

    @Test func bucketsRoundUpToTheirEdge() {
        #expect(WaitBuckets.edge(-5) == 0 && WaitBuckets.edge(0) == 0)
        #expect((1...600).allSatisfy { WaitBuckets.edge($0) == $0 })
        #expect(WaitBuckets.edge(601) == 610 && WaitBuckets.edge(610) == 610 && WaitBuckets.edge(3599) == 3600)
        #expect(WaitBuckets.edge(3601) == 3660 && WaitBuckets.edge(7397) == 7440)
        #expect(WaitBuckets.edge(86_401) == 87_000 && WaitBuckets.edge(604_801) == 608_400)
        #expect(WaitBuckets.edge(2_592_001) == 2_678_400)
        #expect(WaitBuckets.width(7440) == 60 && WaitBuckets.width(600) == 1 && WaitBuckets.width(87_000) == 600)
        // A year of distinct waits up to 30 days keeps under 4,000 labels (one per distinct second: 2.6 million).
        var edges = Set<Int64>()
        var seconds: Int64 = 0
        while seconds <= 2_592_000 {
            edges.insert(WaitBuckets.edge(seconds))
            seconds += 1
        }
        #expect(edges.count < 4_000)
    }

    /// Every edge up to 30 days has a place in a dense array, and back; other values have none.
    @Test func ordinalsNumberTheEdgesUpToThirtyDays() {
        var edges = Set<Int64>()
        var seconds: Int64 = 0
        while seconds <= 2_592_000 {
            edges.insert(WaitBuckets.edge(seconds))
            seconds += 1
        }
        #expect(WaitBuckets.ordinals == edges.count)
        let ordinals = edges.sorted().map { WaitBuckets.ordinal(ofEdge: $0) }
        #expect(ordinals == (0..<edges.count).map { Optional($0) })
        #expect(edges.allSatisfy { WaitBuckets.edge(ofOrdinal: WaitBuckets.ordinal(ofEdge: $0)!) == $0 })
        #expect(WaitBuckets.ordinal(ofEdge: 605) == nil && WaitBuckets.ordinal(ofEdge: -1) == nil)
        #expect(WaitBuckets.ordinal(ofEdge: WaitBuckets.edge(2_592_001)) == nil)
    }
}
