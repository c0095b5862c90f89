import LastmileAPI
@testable import LastmileCLI
import Testing

@Suite struct PipelineStepTextTests {
    @Test func everyStepKindReadsOnOneLine() {
        let a = ModelReference(name: "a", version: "1b2c3d4e-0000-7000-8000-000000000000")
        let b = ModelReference(name: "b", version: "5f6a7b8c-0000-7000-8000-000000000000")
        #expect(stepText(.model(a)) == "a:1b2c3d4e")
        #expect(stepText(.randomSplit(RandomSplit(routes: [WeightedRoute(model: a, weight: 3), WeightedRoute(model: b, weight: 0.5)], hashKey: "customer")))
                == "split(a:1b2c3d4e x3, b:5f6a7b8c x0.5 by customer)")
        #expect(stepText(.keySplit(KeySplit(key: "region", routes: ["us": b, "eu": a], default: b)))
                == "keySplit(region: eu=a:1b2c3d4e, us=b:5f6a7b8c, else b:5f6a7b8c)")
        #expect(stepText(.validations(["x": "in.a > 1", "y": "out.b < 0"])) == "validations(2)")
    }
}
