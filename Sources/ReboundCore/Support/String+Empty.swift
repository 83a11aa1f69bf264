extension String {
    /// `nil` for the empty string: optional fields read from forms and names joined from parts.
    public var nilIfEmpty: String? { isEmpty ? nil : self }
}
