extension WebDriverSession {
    /// Polls `condition` until it holds, or throws a `timeout` error naming `what`.
    ///
    /// This polls the browser's state; it never sleeps to let application time pass. Time inside the page
    /// (the widget's timers) is a fake clock the test advances by hand. A condition that throws
    /// `no such element` or `stale element reference` counts as not yet true.
    public func waitUntil(
        _ what: String,
        timeout: Duration = .seconds(10),
        poll: Duration = .milliseconds(50),
        _ condition: () async throws -> Bool
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var lastError: WebDriverError?
        while true {
            do {
                if try await condition() { return }
            } catch let error as WebDriverError where error.code == WebDriverError.noSuchElement || error.code == WebDriverError.staleElementReference
            {
                lastError = error
            }
            guard clock.now < deadline else {
                throw WebDriverError(
                    code: WebDriverError.timeout,
                    message: "waited \(timeout) for \(what)" + (lastError.map { "; last error: \($0.message)" } ?? "")
                )
            }
            try await Task.sleep(for: poll)
        }
    }

    /// Waits for an element matching `css` to be displayed and returns it.
    public func waitForElement(css: String, timeout: Duration = .seconds(10)) async throws -> Element {
        var found: Element?
        try await waitUntil("\(css) to be displayed", timeout: timeout) {
            let element = try await findElement(css: css)
            guard try await element.isDisplayed() else { return false }
            found = element
            return true
        }
        guard let found else { throw WebDriverError(code: WebDriverError.noSuchElement, message: css) }
        return found
    }
}
