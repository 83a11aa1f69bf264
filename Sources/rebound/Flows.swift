import ArgumentParser
import Foundation
import ReboundFlows

struct Flows: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Flow documents.", subcommands: [Validate.self, Templates.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a flow document (JSON or YAML) without saving it.",
            discussion: "Prints every problem with its path (steps[2].wait) and exits non-zero when there is one. See docs/flows.md."
        )

        @Argument(help: "The flow document, JSON or YAML; {\"template\": id, …overrides} works too.") var file: String

        func run() async throws {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw fail("cannot read \(file)") }
            let issues: [FlowIssue]
            var document: FlowDocument?
            do {
                let value = try FlowDocument.parseValue(text)
                document = try FlowTemplates.document(fromRequest: value)
                issues = FlowValidator().validate(document!)
            } catch {
                issues = error.issues
            }
            guard issues.isEmpty, let document else {
                for issue in issues { FileHandle.standardError.write(Data("\(file): \(issue)\n".utf8)) }
                throw ExitCode(1)
            }
            print("\(file): flow \(document.id) (\(document.trigger.type.rawValue), \(document.steps.count) steps) is valid")
        }
    }

    struct Templates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a ready-made flow as JSON, to start your own from.")
        @Argument(help: "A template id; without one, the list.") var id: String?

        func run() async throws {
            guard let id else {
                for template in FlowTemplates.all { print("\(template.id)\t\(template.trigger.type.rawValue)\t\(template.name)") }
                return
            }
            guard let template = FlowTemplates.template(id) else {
                throw fail("no template '\(id)'; known: \(FlowTemplates.ids.joined(separator: ", "))")
            }
            print(String(decoding: template.jsonData(pretty: true), as: UTF8.self))
        }
    }
}
