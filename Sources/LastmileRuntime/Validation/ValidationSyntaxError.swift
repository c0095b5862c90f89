/// A problem found while reading or checking one validation expression, at a 1-based position.
///
/// `ValidationSet` turns it into a `RuntimeError(.invalidPipeline)` that names the validation
/// and quotes the expression.
struct ValidationSyntaxError: Error, Sendable {
    /// The 1-based character position the problem is at.
    var position: Int
    /// What is wrong, and where possible how to fix it.
    var message: String

    init(at position: Int, _ message: String) {
        self.position = position
        self.message = message
    }
}
