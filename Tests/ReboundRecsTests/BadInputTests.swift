import ReboundRecs
import Testing

@Test(arguments: [
    MiningParameters(minSupport: 0), MiningParameters(minSupport: -0.1), MiningParameters(minSupport: 1.5),
    MiningParameters(minSupport: .nan), MiningParameters(minSupport: 0.1, minConfidence: 1.2),
    MiningParameters(minSupport: 0.1, minConfidence: -1), MiningParameters(minSupport: 0.1, maxLength: 0),
])
func thresholdsOutOfRangeThrow(parameters: MiningParameters) {
    #expect(throws: RecsError.self) { try ItemsetMiner.frequentItemsets(in: [[p(0)]], parameters: parameters) }
    do {
        _ = try ItemsetMiner.frequentItemsets(in: [[p(0)]], parameters: parameters)
    } catch {
        #expect(error.code == .invalidParameter)
        #expect(!error.message.isEmpty)
    }
}

@Test func noTransactionsIsAnEmptyInputError() {
    do {
        _ = try ItemsetMiner.frequentItemsets(in: [], parameters: MiningParameters(minSupport: 0.1))
        Issue.record("expected an error")
    } catch {
        #expect(error.code == .emptyInput)
    }
}

@Test func emptyBasketsCountButYieldNothing() throws {
    let result = try ItemsetMiner.frequentItemsets(in: [[], [], [p(1)]], parameters: MiningParameters(minSupport: 0.3))
    #expect(result.transactionCount == 3)
    #expect(result.itemsets.map(\.count) == [1])
    let none = try ItemsetMiner.frequentItemsets(in: [[], []], parameters: MiningParameters(minSupport: 0.5))
    #expect(none.itemsets.isEmpty)
    #expect(try ItemsetMiner.rules(from: none, parameters: MiningParameters(minSupport: 0.5)).isEmpty)
}

@Test func emptyModelAndUnknownProductsDoNotCrash() throws {
    let fbt = try FrequentlyBoughtTogether(model: CoOccurrenceModel())
    #expect(fbt.recommendations(for: p(42)).isEmpty)
    #expect(fbt.recommendations(forCart: [p(7), p(42)]).isEmpty)
    #expect(throws: RecsError.self) { try fbt.boughtTogether(with: p(42)) }
    #expect(BasketSet(lines: [], rules: .onlineRetail).baskets.isEmpty)
}

@Test func badRecommenderConfigurationThrows() {
    let model = CoOccurrenceModel.build(from: baskets([[0, 1]]))
    for configuration in [
        FrequentlyBoughtTogether.Configuration(minPairCount: 0), .init(minConfidence: 2), .init(minLift: -1),
        .init(minProductHistory: 0), .init(limit: 0),
    ] {
        do {
            _ = try FrequentlyBoughtTogether(model: model, configuration: configuration)
            Issue.record("expected an error for \(configuration)")
        } catch {
            #expect(error.code == .invalidParameter)
        }
    }
}

@Test func malformedCSVIsReported() {
    #expect(throws: RecsError.self) { try CSVParser.parse(Array("a,\"unterminated\n".utf8)) }
    #expect(throws: RecsError.self) { try CSVParser.parse(Array("a,\"x\"y\n".utf8)) }
    let badQuantity = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,22423,X,many,2011-01-01 10:00,1.0,,UK\n"
    do {
        _ = try OnlineRetailCSV.orderLines(from: Array(badQuantity.utf8))
        Issue.record("expected an error")
    } catch let error as RecsError {
        #expect(error.code == .malformedInput)
        #expect(error.message.contains("many"))
    } catch {
        Issue.record("unexpected \(error)")
    }
}
