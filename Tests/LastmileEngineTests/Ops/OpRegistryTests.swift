import LastmileTensor
import Testing
@testable import LastmileEngine

@Suite struct OpRegistryTests {
    @Test func unknownOpIsReportedByName() {
        #expect(throws: OpError.self) {
            try OpRegistry.standard.runNode("NoSuchOp", inputs: [])
        }
    }
}
