import ArgumentParser
import Foundation
import ReboundAPI
import ReboundAnswers
import ReboundApp
import ReboundCore
import ReboundStore

struct Knowledge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The answer bot's knowledge: help-centre articles.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import help-centre articles into a shop.",
            discussion: """
                Formats: markdown (one file, or a folder of .md files; subfolders named like locales set the locale), csv
                (title, body or body_html, optional id, locale, url, section, tags, intents), json (an array of articles or
                {"articles": [...]}), zendesk (the Help Center articles API page) and gorgias (the help-center article list).
                Articles with the same id and locale replace the stored ones. A malformed file, or articles that cannot be
                read, are reported with their line or JSON path and the command exits non-zero; the good articles are kept.
                """
        )

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The shop's id.") var shop: String
        @Option(help: "markdown, csv, json, zendesk or gorgias.") var format: String
        @Option(help: "Locale of articles that do not name one.") var locale = "en"
        @Argument(help: "The file (or, for markdown, a folder).") var file: String
        @Flag(help: "Print the summary as JSON.") var json = false

        func validate() throws {
            guard KnowledgeImporter.Format(rawValue: format) != nil else {
                throw ValidationError("--format must be one of " + KnowledgeImporter.Format.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("cannot read \(file)") }
        }

        func run() async throws {
            let result: KnowledgeImport.Result
            do {
                result = try KnowledgeImporter.parse(path: file, format: KnowledgeImporter.Format(rawValue: format)!, defaultLocale: locale)
            } catch let error as AnswersError {
                let place = error.jsonPath ?? error.line.map { "line \($0)" }
                throw fail("\(file)\(place.map { " \($0)" } ?? ""): \(error.message)")
            } catch {
                throw fail("\(file): \(error)")
            }
            for issue in result.issues { FileHandle.standardError.write(Data("skipped \(issue)\n".utf8)) }
            let progress = ProgressBar(label: "importing knowledge")
            let articles = result.articles
            let created: Int
            do {
                created = try await Database.withStore(db.location, logger: db.logger()) { store in
                    guard let found = try await store.shop(id: Shop.ID(shop)) else { throw ImportError("no shop '\(shop)'") }
                    var created = 0
                    var done = 0
                    let now = Date()
                    // Chunks keep each transaction short and let the progress line move.
                    for start in stride(from: 0, to: articles.count, by: 100) {
                        let chunk = Array(articles[start..<min(start + 100, articles.count)])
                        created += try await KnowledgeImporter.save(.init(articles: chunk), shopID: found.id, store: store, now: now)
                        done += chunk.count
                        progress.update(Double(done) / Double(max(1, articles.count)))
                    }
                    return created
                }
                progress.finish()
            } catch {
                progress.finish()
                throw fail("\(error)")
            }
            if json {
                printJSON([
                    "imported": articles.count, "created": created, "updated": articles.count - created, "skipped": result.issues.count,
                    "issues": result.issues.map { $0.description },
                ])
            } else {
                print("imported \(articles.count) articles (\(created) new, \(articles.count - created) updated), \(result.issues.count) skipped")
            }
            if !result.issues.isEmpty || articles.isEmpty { throw ExitCode(1) }
        }
    }
}
