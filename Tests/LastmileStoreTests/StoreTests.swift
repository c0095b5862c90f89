import Testing
@testable import LastmileStore
