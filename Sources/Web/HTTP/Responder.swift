/// Answers requests on one worker thread. Each worker makes its own responder, so a
/// responder may keep per-thread state (a database connection) without locks.
public protocol Responder: AnyObject {
    func respond(to request: Request) -> Response
}
