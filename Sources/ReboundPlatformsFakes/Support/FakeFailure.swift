/// A canned failure a fake answers instead of doing its work, for the next `count` requests.
struct FakeFailure: Sendable {
    var count: Int
    var response: FakeResponse
}
