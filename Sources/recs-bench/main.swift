// recs-bench: the B5 benchmark driver. See Benchmarks/recs/run.sh.
//
//   recs-bench prepare <online_retail.csv.gz> <out-dir>
//       gunzip + parse + baskets (BasketRules.onlineRetail), writes <out-dir>/baskets.txt, then the
//       incremental-refresh check and the time-split hit rate@5 evaluation.
//   recs-bench mine <baskets.txt> <out-dir> <min-support> <min-confidence> <max-length|none>
//       mines itemsets and rules, writes <out-dir>/swift_itemsets.tsv and swift_rules.tsv.
import Foundation
import ReboundRecs

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: recs-bench prepare|mine ...\n".utf8))
    exit(2)
}
do {
    switch arguments[1] {
    case "prepare" where arguments.count == 4:
        try prepare(csvPath: arguments[2], outDirectory: arguments[3])
    case "mine" where arguments.count == 7:
        guard let support = Double(arguments[4]), let confidence = Double(arguments[5]) else {
            throw RecsError(.invalidParameter, "min-support and min-confidence must be numbers")
        }
        let maxLength = arguments[6] == "none" ? nil : Int(arguments[6])
        try mine(
            basketsPath: arguments[2],
            outDirectory: arguments[3],
            parameters: MiningParameters(minSupport: support, minConfidence: confidence, maxLength: maxLength)
        )
    default:
        FileHandle.standardError.write(
            Data("usage: recs-bench prepare <csv.gz> <out-dir> | mine <baskets.txt> <out-dir> <minsup> <minconf> <maxlen|none>\n".utf8)
        )
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("recs-bench: \(error)\n".utf8))
    exit(1)
}
