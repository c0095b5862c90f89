import Testing
@testable import LastmileRuntime
