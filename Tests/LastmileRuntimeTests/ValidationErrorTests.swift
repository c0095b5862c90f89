import LastmileAPI
import LastmileRuntime
import LastmileTesting
import Testing

@Suite struct ValidationErrorTests {
    private typealias F = ValidationFixture

    /// Expects compiling `expression` to fail at `position` with a message containing `phrase`.
    private func expectRefused(_ expression: String, at position: Int, _ phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = F.error(expression)
        #expect(error?.code == .invalidPipeline, sourceLocation: sourceLocation)
        let prefix = "validation \"rule\": at position \(position) in \"\(expression)\": "
        #expect(error?.message.hasPrefix(prefix) == true, "\(error?.message ?? "no error")", sourceLocation: sourceLocation)
        #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "no error")", sourceLocation: sourceLocation)
    }

    @Test func syntaxErrorNamesTheValidationTheExpressionAndThePosition() {
        // Given a doubled operator; when compiled, then the message points at the second ">"
        let error = F.error("out.score[0] >> 3", name: "too_high")
        #expect(error?.code == .invalidPipeline)
        #expect(error?.message == #"validation "too_high": at position 15 in "out.score[0] >> 3": expected an operand, found ">""#)
    }

    @Test func unknownFieldIsRefusedListingTheValidNames() {
        let error = F.error("out.scor[0] > 1")
        #expect(error?.message == #"validation "rule": at position 5 in "out.scor[0] > 1": unknown output "scor"; the outputs are "score", "m", "v", "probs", "missing""#)
        expectRefused("in.y > 1", at: 4, #"unknown input "y"; the inputs are "x", "flag", "text", "my-input""#)
    }

    @Test func indexesAreCheckedAgainstTheRankAndFixedDimensions() {
        expectRefused("out.score[0][1] > 0", at: 14, "out.score has shape [-1, 3], so it takes at most 1 index")
        expectRefused("in.flag[0]", at: 9, "in.flag has shape [-1], so it takes no index")
        expectRefused("out.score[3] > 0", at: 11, "index 3 is out of range for dimension 2 of out.score (shape [-1, 3]), which has size 3")
        expectRefused("out.m[0][3] > 0", at: 10, "index 3 is out of range for dimension 3 of out.m (shape [-1, 2, 3])")
        expectRefused("in.x[-1] > 0", at: 6, "indexes must be non-negative integer literals, found a negative index")
        expectRefused("in.x[1.5] > 0", at: 6, #"indexes must be non-negative integer literals, found "1.5""#)
        expectRefused("in.x[99999999999999999999] > 0", at: 6, "the index 99999999999999999999 is too large")
    }

    @Test func stringsJSONAndVectorsAreRefusedWhereANumberIsNeeded() {
        expectRefused("in.text[0] + 1 > 0", at: 1, "in.text[0] is BYTES (a string)")
        expectRefused("out.probs > 0", at: 1, "out.probs is JSON (a sequence of maps); validations read tensor fields only")
        expectRefused("out.score > 0.5", at: 1, #"">" compares single values, but its left side is out.score, a vector of shape [3] per row (FP32); index it (out.score[0])"#)
        expectRefused("1 + out.m[0] > 0", at: 5, "index it (out.m[0][0]) or reduce it with mean, sum, min, max or len")
        expectRefused("mean(in.x[0]) > 0", at: 6, "mean takes a vector")
        expectRefused("sum(in.text) > 0", at: 5, "sum needs numbers, but in.text is a BYTES vector")
        expectRefused("max(in.x, 1) > 0", at: 5, "max needs a single number, but this is in.x")
    }

    @Test func aValidationMustBeBoolean() {
        expectRefused("out.score[0] + 1", at: 1, "a validation must be a boolean expression")
        expectRefused("  in.x", at: 3, "a validation must be a boolean expression, but this one is in.x")
        expectRefused("1 and in.flag", at: 1, #""and" needs a boolean, but this is a number"#)
        expectRefused("not 3", at: 5, #""not" needs a boolean"#)
        expectRefused("in.flag + 1 > 0", at: 1, #""+" needs a number, but this is a boolean"#)
    }

    @Test func comparisonsMustCompareLikeWithLikeAndDoNotChain() {
        expectRefused("in.flag < true", at: 9, #""<" orders numbers; booleans can only be compared with "==" or "!=""#)
        expectRefused("in.flag == 1", at: 9, #""==" cannot compare a boolean with a number"#)
        expectRefused("0 < in.x[0] < 1", at: 13, #"comparisons do not chain; join them with "and""#)
    }

    @Test func functionsAreCheckedByNameAndArity() {
        expectRefused("foo(1) > 0", at: 1, #"unknown function "foo"; the functions are abs, len, max, mean, min, sum"#)
        expectRefused("abs(1, 2) > 0", at: 8, "abs takes one number, but is given 2 arguments")
        expectRefused("min() > 0", at: 1, "min takes one vector or one or more numbers, but is given none")
        expectRefused("x > 1", at: 1, #"unknown name "x"; fields are written in.<name> or out.<name>"#)
    }

    @Test func malformedTextIsRefusedWithAHint() {
        expectRefused("", at: 1, "the expression is empty")
        expectRefused("in.x[0] = 1", at: 9, #""=" is not an operator; compare with "==""#)
        expectRefused("in.flag && true", at: 9, #""&&" is not an operator; use "and""#)
        expectRefused("in.flag || true", at: 9, #""||" is not an operator; use "or""#)
        expectRefused("!in.flag", at: 1, #""!" is not an operator; negate with "not""#)
        expectRefused(#"in["my-input > 0"#, at: 4, "the quoted name is not closed")
        expectRefused("in.x[0] > ", at: 11, "expected an operand, found the end of the expression")
        expectRefused("in.x[0] > 0 in.flag", at: 13, #"unexpected "in" after a complete expression"#)
        expectRefused("(in.x[0] > 0", at: 13, #"expected ")" to close the "(" at position 1, found the end of the expression"#)
        expectRefused("in.x[0] > 1e", at: 11, #"the number "1e" has no exponent digits"#)
        expectRefused("in.x[0] > 3abc", at: 11, "invalid number")
        expectRefused("in.x[0] > 0 # comment", at: 13, ##"unexpected character "#""##)
        expectRefused("in.x[0] > 0 and in", at: 19, #"expected "." and a field name after "in""#)
        expectRefused("in.é > 0", at: 4, #"unexpected character "é""#)
        expectRefused("in.0 > 0", at: 4, #"expected a field name after "in.", found "0""#)
        // Positions count characters, not bytes: "é" is one character
        expectRefused(#"in["é"] > 0 >"#, at: 13, #"comparisons do not chain"#)
    }

    @Test func lengthAndNestingAreCapped() {
        // Given expressions at and just past the limits of 4096 characters and 64 levels
        let padded = "1 < 2" + String(repeating: " ", count: 4091)
        let tooLong = padded + " "
        let deep = { (n: Int) in String(repeating: "(", count: n) + "1 < 2" + String(repeating: ")", count: n) }
        let chain = { (n: Int) in "1" + String(repeating: " + 1", count: n) + " < 100" }

        // Then the limits are accepted and anything past them is refused, without the text
        #expect(F.error(padded) == nil)
        #expect(F.error(tooLong)?.message == #"validation "rule": the expression is longer than 4096 characters"#)
        #expect(F.error(deep(64)) == nil)
        expectRefused(deep(65), at: 65, "the expression nests more than 64 levels deep")
        #expect(F.error(chain(62)) == nil)
        #expect(F.error(chain(63))?.message.contains("nests more than 64 levels deep") == true)
        #expect(F.error(String(repeating: "-", count: 100_000) + "1 < 0")?.message == #"validation "rule": the expression is longer than 4096 characters"#)
        expectRefused(String(repeating: "not ", count: 65) + "true", at: 257, "nests more than 64 levels deep")
    }

    @Test func ruleNamesMustBeReportableAndNotCount() {
        #expect(F.error("true", name: "")?.message.hasPrefix(#"validation "": the name is not valid"#) == true)
        #expect(F.error("true", name: "has space")?.message.hasPrefix(#"validation "has space": the name is not valid"#) == true)
        #expect(F.error("true", name: "count")?.message == #"validation "count": the name is reserved for anomaly.count; choose another"#)
        #expect(F.error("true", name: "Too_high-2") == nil)
    }

    @Test func fieldsWithoutABatchDimensionOrWithUnknownTypesAreRefused() {
        // Given a scalar output and an output of an unknown datatype
        let outputs = [TensorSpec(name: "s", datatype: "FP32", shape: []), TensorSpec(name: "q", datatype: "FP8", shape: [-1])]

        // Then either is refused when used
        let scalar = #expect(throws: RuntimeError.self) { try ValidationSet(["r": "out.s > 0"], inputs: [], outputs: outputs) }
        #expect(scalar?.message == #"validation "r": at position 1 in "out.s > 0": out.s has shape [] and so no batch dimension; validations read fields with one value per row"#)
        let unknown = #expect(throws: RuntimeError.self) { try ValidationSet(["r": "out.q > 0"], inputs: [], outputs: outputs) }
        #expect(unknown?.message.hasSuffix("out.q has datatype FP8, which validations cannot read") == true)
        let none = #expect(throws: RuntimeError.self) { try ValidationSet(["r": "in.a > 0"], inputs: [], outputs: outputs) }
        #expect(none?.message.hasSuffix(#"unknown input "a"; the pipeline has no inputs"#) == true)
    }

    @Test func anyTextCompilesOrFailsWithAPositionedMessageAndNeverCrashes() throws {
        // Given random sequences of language fragments and stray characters (seeded)
        let fragments = ["in", "out", ".", "x", "score", "m", "flag", "v", "[", "]", "0", "3", "1.5", "1e", "2e-1", "(", ")",
                         "+", "-", "*", "/", "<", "<=", "==", "!=", "=", "!", "and", "or", "not", "true", "mean", "min",
                         "len", ",", "\"", "'", "\\", " ", " ", "é", "🙂", "\n", "&", "99999999999999999999", "#"]
        var random = SeededGenerator(seed: 42)
        var compiled = 0
        for _ in 0..<3000 {
            let expression = (0..<(1 + random.int(24))).map { _ in fragments[random.int(fragments.count)] }.joined()

            // When compiled (and evaluated when it compiles)
            do {
                let set = try ValidationSet(["f": expression], inputs: F.inputs, outputs: F.outputs)
                _ = set.evaluate(rows: 2, inputs: try F.requestTensors(), outputs: try F.pipelineOutputs())
                compiled += 1
            } catch let error as RuntimeError {
                // Then a refusal names the validation and a position inside the text or just past it
                let prefix = #"validation "f": at position "#
                #expect(error.code == .invalidPipeline)
                #expect(error.message.hasPrefix(prefix), "\(error.message)")
                let position = Int(error.message.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
                #expect((1...expression.count + 1).contains(position), "\(error.message)")
            }
        }
        #expect(compiled > 0)
    }
}
