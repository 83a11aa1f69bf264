/// The admin's pages: each is a function from a view model to a complete HTML document.
///
/// ```swift
/// let html = AdminPages.dashboard(model)
/// return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html.rendered)))
/// ```
///
/// Pages never read the clock or the database: everything they show, including `now`, comes in the model.
public enum AdminPages {}
