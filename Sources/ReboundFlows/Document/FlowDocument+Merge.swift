public import ReboundCore

extension FlowDocument {
    /// This document with `overrides` merged in, as `POST /v1/flows {"template": id, ...overrides}` does.
    ///
    /// Merge rules:
    /// - Every top-level key except `steps` replaces the document's value whole (`trigger`, `entry_conditions`,
    ///   `exit_on`, `experiment`, …); `null` removes an optional key.
    /// - `steps` is a list of patches matched by step `id`: a patch for an existing step replaces the keys it names
    ///   (`null` removes a key) and keeps the rest; `"remove": true` deletes the step; a patch with a new id is
    ///   appended as a new step.
    ///
    /// The result is not validated; run ``FlowValidator`` on it.
    public func applying(overrides: [String: JSONValue]) throws(FlowDocumentError) -> FlowDocument {
        guard case .object(var object) = jsonValue() else { return self }
        for (key, value) in overrides where key != "template" {
            if key == "steps" {
                guard let patches = value.arrayValue else {
                    throw FlowDocumentError(issues: [FlowIssue(path: "steps", message: "must be a list of step patches")])
                }
                object["steps"] = .array(try Self.mergeSteps(object["steps"]?.arrayValue ?? [], patches: patches, path: FlowPath("steps")))
            } else if value.isNull {
                object[key] = nil
            } else {
                object[key] = value
            }
        }
        return try FlowDocument(jsonValue: .object(object))
    }

    /// The document as a run in `variant` sees it: the variant's step patches merged by id.
    public func resolved(variant: String?) -> FlowDocument {
        guard let variant, let patches = experiment?.variants.first(where: { $0.id == variant })?.steps, !patches.isEmpty else {
            return self
        }
        return (try? applying(overrides: ["steps": .array(patches.map(JSONValue.object))])) ?? self
    }

    static func mergeSteps(_ steps: [JSONValue], patches: [JSONValue], path: FlowPath) throws(FlowDocumentError) -> [JSONValue] {
        var result = steps
        for (i, patch) in patches.enumerated() {
            guard case .object(let fields) = patch, let id = fields["id"]?.stringValue else {
                throw FlowDocumentError(issues: [FlowIssue(path: path.index(i).key("id").text, message: "a step patch needs the id of the step")])
            }
            let index = result.firstIndex { $0["id"]?.stringValue == id }
            if fields["remove"]?.boolValue == true {
                if let index { result.remove(at: index) }
                continue
            }
            var merged = index.flatMap { result[$0].objectValue } ?? [:]
            for (key, value) in fields where key != "remove" {
                merged[key] = value.isNull ? nil : value
            }
            if let index { result[index] = .object(merged) } else { result.append(.object(merged)) }
        }
        return result
    }
}
