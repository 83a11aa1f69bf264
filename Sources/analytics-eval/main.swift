// analytics-eval: evaluations of ReboundAnalytics on the shared data sets.
//
//   analytics-eval clv <online_retail.csv.gz> <out-dir>
//       BG/NBD + Gamma-Gamma: calibrate 2010-12-01 … 2011-05-31, predict 2011-06-01 … 2011-08-31 (92 days).
//       Writes <out-dir>/clv_swift.tsv (per-customer summary, prediction, actual).
//   analytics-eval cdnow <cdnow_summary.csv>
//       Fits BG/NBD on the CDNOW summary (frequency, recency, T in weeks) to compare with the paper.
//   analytics-eval propensity <online_shoppers_train.csv> <out-dir> [seed]
//       Stratified 80/20 split (seed 42), L2 logistic regression, AUC. Writes <out-dir>/split_test_rows.txt,
//       <out-dir>/propensity_scores_swift.txt and <out-dir>/propensity_model.json.
import Foundation

let arguments = CommandLine.arguments
func usage() -> Never {
    FileHandle.standardError.write(Data("usage: analytics-eval clv|cdnow|propensity <input> [out-dir] [seed]\n".utf8))
    exit(2)
}
guard arguments.count >= 3 else { usage() }
do {
    switch arguments[1] {
    case "clv" where arguments.count >= 4: try evaluateCLV(csvPath: arguments[2], outDirectory: arguments[3])
    case "cdnow": try evaluateCDNOW(csvPath: arguments[2])
    case "propensity" where arguments.count >= 4:
        try evaluatePropensity(csvPath: arguments[2], outDirectory: arguments[3], seed: arguments.count > 4 ? UInt64(arguments[4])! : UInt64(42))
    default: usage()
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
