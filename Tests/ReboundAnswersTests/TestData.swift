import Foundation

/// Finds the shared data folder by walking up from this file until a directory containing
/// `shared/data` appears, so tests run from the helper package, from /work/main, and from a CI
/// clone with shared/ beside it.
enum TestData {
    static let directory: String? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("shared/data")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate.path
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }()

    static func path(_ relative: String) throws -> String {
        guard let directory else { throw TestDataMissing() }
        return directory + "/" + relative
    }

    struct TestDataMissing: Error, CustomStringConvertible {
        var description: String { "no shared/data found above \(#filePath)" }
    }
}
