import CostakeStorage
import Testing

/// The queue both stores' group commits share: who starts a flush, and the batches it takes.
@Suite("unit queue")
struct UnitQueueTests {
    @Test func theFirstJobStartsAFlushAndTheOthersWaitForIt() {
        let queue = UnitQueue<Int>(maximumBatch: 512)
        #expect(queue.add(1))
        #expect(!queue.add(2))
        #expect(!queue.add(3))
        #expect(queue.statistics.waiting == 3)
    }

    @Test func batchesTakeAtMostTheMaximumInArrivalOrderAndAnEmptyOneEndsTheFlush() {
        let queue = UnitQueue<Int>(maximumBatch: 2)
        for job in 1...5 { _ = queue.add(job) }
        #expect(queue.nextBatch() == [1, 2])
        #expect(queue.nextBatch() == [3, 4])
        #expect(!queue.add(6), "the flush still runs: it takes 6 with 5")
        #expect(queue.nextBatch() == [5, 6])
        #expect(queue.nextBatch().isEmpty)
        #expect(queue.add(7), "the flush ended: the next job starts another")
    }

    @Test func aTransactionCountsOnlyWhenAUnitCommittedAndCountsItsCommittedUnits() {
        struct Refused: Error {}
        let queue = UnitQueue<Int>()
        queue.ended([nil, Refused(), nil])
        queue.ended([Refused()])
        queue.decidedAgain()
        let statistics = queue.statistics
        #expect(statistics.transactions == 1 && statistics.units == 2 && statistics.decidedAgain == 1)
    }

    @Test func aResultIsTheValueSetOrTheError() throws {
        let box = ResultBox<Int>()
        box.set(42)
        #expect(try box.outcome(nil).get() == 42)
        struct Refused: Error {}
        #expect(throws: Refused.self) { try box.outcome(Refused()).get() }
    }
}
