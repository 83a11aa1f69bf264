import Foundation
import Logging
import ReboundStore
import SQLKit
import Testing

@testable import ReboundStoreSQLite

/// SQLite's group commit: transactions that wait for the writer share one commit, and each keeps its own outcome.
@Suite struct GroupCommitTests {
    static func engine() async throws -> (SQLiteEngine, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-group-\(UUID().uuidString).sqlite").path
        let engine = try await SQLiteEngine.open(path: path, logger: Logger(label: "test"))
        try await engine.transaction { db in try await db.raw("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)").run() }
        return (engine, path)
    }

    struct Refused: Error, Equatable { let id: Int }

    @Test func waitingTransactionsShareACommitAndAFailingOneTakesOnlyItsOwnWritesBack() async throws {
        let (engine, path) = try await Self.engine()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        // The first transaction holds the writer until every other one is waiting behind it.
        let (gate, open) = AsyncStream<Void>.makeStream()
        let (started, didStart) = AsyncStream<Void>.makeStream()
        let first = Task {
            try await engine.transaction { db in
                try await db.raw("INSERT INTO t (id, v) VALUES (0, 'first')").run()
                didStart.yield()
                for await _ in gate { break }
            }
        }
        for await _ in started { break }
        let results = try await withThrowingTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
            for id in 1...40 {
                group.addTask {
                    do {
                        let value = try await engine.transaction { db -> Int in
                            try await db.raw("INSERT INTO t (id, v) VALUES (\(bind: id), 'row')").run()
                            // Every seventh writes, then refuses: its row must not stay.
                            if id % 7 == 0 { throw Refused(id: id) }
                            let count = try await db.raw("SELECT COUNT(*) AS n FROM t").first()?.decode(column: "n", as: Int.self)
                            return count ?? -1
                        }
                        return (id, .success(value))
                    } catch let error as Refused {
                        return (id, .failure(error))
                    }
                }
            }
            // Wait (without a clock) until the forty are queued behind the first, then let the first commit.
            while engine.commitStatistics.waiting < 40 { await Task.yield() }
            open.yield()
            open.finish()
            var all: [Int: Result<Int, Refused>] = [:]
            for try await (id, result) in group { all[id] = result }
            return all
        }
        try await first.value
        #expect(results.count == 40)
        for id in 1...40 {
            if id % 7 == 0 {
                #expect(results[id] == .failure(Refused(id: id)))
            } else if case .success(let seen) = results[id] {
                // Each saw the committed first row, the batch's earlier rows and its own: a serial order.
                #expect(seen >= 2)
            } else {
                Issue.record("transaction \(id) failed")
            }
        }
        let stored = try await engine.withConnection { db in
            try await db.raw("SELECT id FROM t ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
        }
        #expect(stored == [0] + (1...40).filter { $0 % 7 != 0 })
        // The forty ran as one batch (at most 64 share a commit), not forty commits.
        #expect(engine.commitStatistics.batches == 1)
        #expect(engine.commitStatistics.waiting == 0)
        try await engine.shutdown()
    }

    @Test func aLoneTransactionStillRollsBackOnError() async throws {
        let (engine, path) = try await Self.engine()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        await #expect(throws: Refused(id: 1)) {
            try await engine.transaction { db in
                try await db.raw("INSERT INTO t (id, v) VALUES (1, 'x')").run()
                throw Refused(id: 1)
            }
        }
        // A constraint error inside a batch is that body's error too.
        try await engine.transaction { db in try await db.raw("INSERT INTO t (id, v) VALUES (2, 'y')").run() }
        await #expect(throws: (any Error).self) {
            try await engine.transaction { db in try await db.raw("INSERT INTO t (id, v) VALUES (2, 'again')").run() }
        }
        let stored = try await engine.withConnection { db in
            try await db.raw("SELECT id, v FROM t").all().map {
                "\(try $0.decode(column: "id", as: Int.self))\(try $0.decode(column: "v", as: String.self))"
            }
        }
        #expect(stored == ["2y"])
        try await engine.shutdown()
    }
}
