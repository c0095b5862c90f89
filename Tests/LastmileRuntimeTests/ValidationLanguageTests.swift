import LastmileAPI
import LastmileEngine
import LastmileTensor
import LastmileRuntime
import Testing

@Suite struct ValidationLanguageTests {
    private typealias F = ValidationFixture

    @Test func validationFlagsExactlyTheRowsWhereItIsTrue() throws {
        // Given score[1] is 0.5 in row 0 and 0.125 in row 1
        // When "out.score[1] > 0.3" is evaluated, then only row 0 is flagged
        #expect(try F.flags("out.score[1] > 0.3") == [true, false])
        #expect(try F.flags("out.score[1] <= 0.3") == [false, true])
        #expect(try F.flags("out.score[0] >= 0.75") == [false, true])
        #expect(try F.flags("out.score[0] == 0.25") == [true, false])
        #expect(try F.flags("out.score[0] != 0.25") == [false, true])
        #expect(try F.flags("out.score[2] < 0.2") == [false, true])
    }

    @Test func arithmeticFollowsPrecedenceAndLeftAssociativity() throws {
        // Given constant expressions whose value depends on how they group
        // When evaluated, then * and / bind tighter than + and -, and both group to the left
        #expect(try F.flags("1 + 2 * 3 == 7") == [true, true])
        #expect(try F.flags("(1 + 2) * 3 == 9") == [true, true])
        #expect(try F.flags("10 - 4 - 3 == 3") == [true, true])
        #expect(try F.flags("2 * 3 / 4 == 1.5") == [true, true])
        #expect(try F.flags("8 / 4 / 2 == 1") == [true, true])
        #expect(try F.flags("-2 * -3 == 6") == [true, true])
        #expect(try F.flags("- -2 == 2") == [true, true])
        #expect(try F.flags("2.5e1 == 25 and 1e-3 == 0.001 and 1E+2 == 100") == [true, true])
    }

    @Test func logicalOperatorsBindNotThenAndThenOr() throws {
        // "and" binds tighter than "or": true or (false and false)
        #expect(try F.flags("true or false and false") == [true, true])
        // "not" binds tighter than "and": (not false) and false
        #expect(try F.flags("not false and false") == [false, false])
        // "not" binds looser than a comparison: not (1 > 2)
        #expect(try F.flags("not 1 > 2") == [true, true])
        #expect(try F.flags("not not true") == [true, true])
        #expect(try F.flags("(true or false) and false") == [false, false])
    }

    @Test func fieldsReadTheRowsSliceWithIndexesAndQuotedNames() throws {
        // Given x = [1, 2, 3, 4] / [-1, 0, 0.5, 8], m = 1...6 / 7...12 as 2x3, my-input = 7 / -3
        #expect(try F.flags("in.x[3] > 5") == [false, true])
        #expect(try F.flags("in.x[0] + in.x[1] == 3") == [true, false])
        #expect(try F.flags("out.m[1][2] == 6") == [true, false])
        #expect(try F.flags("out.m[0][0] == 7") == [false, true])
        #expect(try F.flags(#"in["my-input"] < 0"#) == [false, true])
        #expect(try F.flags(#"in['my-input'] * 2 == 14"#) == [true, false])
        #expect(try F.flags(#"out["score"][0] == 0.75"#) == [false, true])
    }

    @Test func booleanFieldsAreConditions() throws {
        // Given flag = true / false
        #expect(try F.flags("in.flag") == [true, false])
        #expect(try F.flags("not in.flag") == [false, true])
        #expect(try F.flags("in.flag == false") == [false, true])
        // Row 0: true != (1 > 0) is false; row 1: false != (-1 > 0) is false
        #expect(try F.flags("in.flag != (in.x[0] > 0)") == [false, false])
        #expect(try F.flags("in.flag or in.x[3] > 5") == [true, true])
    }

    @Test func functionsReduceVectorsAndCombineScalars() throws {
        // Given x = [1, 2, 3, 4] / [-1, 0, 0.5, 8] and m as above
        #expect(try F.flags("sum(in.x) == 10") == [true, false])
        #expect(try F.flags("sum(in.x) == 7.5") == [false, true])
        #expect(try F.flags("mean(in.x) == 2.5") == [true, false])
        #expect(try F.flags("mean(in.x) == 1.875") == [false, true])
        #expect(try F.flags("min(in.x) == -1") == [false, true])
        #expect(try F.flags("max(in.x) == 4") == [true, false])
        #expect(try F.flags("len(in.x) == 4 and len(out.m) == 6 and len(out.m[1]) == 3") == [true, true])
        #expect(try F.flags("len(in.text) == 2") == [true, true])
        #expect(try F.flags("mean(out.m[1]) == 5") == [true, false])
        #expect(try F.flags("max(out.m[0]) == 9") == [false, true])
        #expect(try F.flags("abs(in.x[0]) == 1") == [true, true])
        #expect(try F.flags("min(in.x[0], in.x[1], 0.5) == -1") == [false, true])
        #expect(try F.flags("max(in.x[0], in.x[1]) == 2") == [true, false])
        #expect(try F.flags("min(3) == 3 and max(-2) == -2") == [true, true])
    }

    @Test func arithmeticFollowsIEEEAndNaNComparesFalseExceptNotEqual() throws {
        // Given divisions by zero
        #expect(try F.flags("1 / 0 > 1e308") == [true, true])
        #expect(try F.flags("-1 / 0 < -1e308") == [true, true])
        // NaN: ordered comparisons and == are false, != is true
        #expect(try F.flags("0 / 0 == 0 / 0") == [false, false])
        #expect(try F.flags("0 / 0 < 1 or 0 / 0 >= 1") == [false, false])
        #expect(try F.flags("0 / 0 != 0 / 0") == [true, true])
        // min and max are NaN when any argument is
        #expect(try F.flags("max(1, 0 / 0) != max(1, 0 / 0)") == [true, true])
        #expect(try F.flags("min(0 / 0, 1) != min(0 / 0, 1)") == [true, true])
        // x[1] is 2 in row 0 (1 / 2 = 0.5) and 0 in row 1 (1 / 0 = infinity)
        #expect(try F.flags("1 / in.x[1] > 1e308") == [false, true])
    }

    @Test func unknownValuesAreNeverAnomaliesAndFollowThreeValuedLogic() throws {
        // Given v has a variable dimension of 2, so v[5] is unknown, and "missing" is absent
        #expect(try F.flags("out.v[1] == 2") == [true, false])
        #expect(try F.flags("out.v[5] > 0") == [false, false])
        #expect(try F.flags("not (out.v[5] > 0)") == [false, false])
        #expect(try F.flags("out.missing > 0 or out.missing <= 0") == [false, false])
        // Then "true or unknown" is true and "false and unknown" is false
        #expect(try F.flags("out.v[5] > 0 or true") == [true, true])
        #expect(try F.flags("true or out.v[5] > 0") == [true, true])
        #expect(try F.flags("not (out.v[5] > 0 and false)") == [true, true])
        #expect(try F.flags("not (false and out.missing > 0)") == [true, true])
        #expect(try F.flags("out.v[5] > 0 and true") == [false, false])
    }

    @Test func reductionsOfNoElementsAreZeroForSumAndLenAndUnknownOtherwise() throws {
        // Given v with zero elements per row
        let empty = try Tensor(shape: [2, 0], elements: [Float]())
        #expect(try F.flags("sum(out.v) == 0 and len(out.v) == 0", v: empty) == [true, true])
        #expect(try F.flags("mean(out.v) == 0 or mean(out.v) != 0", v: empty) == [false, false])
        #expect(try F.flags("min(out.v) == 0 or max(out.v) != 0", v: empty) == [false, false])
    }

    @Test func rowsAndFieldsTheBatchDoesNotHaveReadAsUnknown() throws {
        // Given three rows requested but tensors with two, and v given with the wrong rank
        let set = try ValidationSet(["a-const": "true", "b-x": "in.x[0] > -5", "c-v": "out.v[0] > 0"], inputs: F.inputs, outputs: F.outputs)
        var outputs = try F.pipelineOutputs()
        outputs[2] = NamedValue(name: "v", value: .tensor(try Tensor(shape: [4], elements: [Float(1), 1, 1, 1])))

        // When evaluated
        let anomalies = set.evaluate(rows: 3, inputs: try F.requestTensors(), outputs: outputs)

        // Then the third row and the misshapen field are unknown, and names come sorted
        #expect(anomalies == [["a-const", "b-x"], ["a-const", "b-x"], ["a-const"]])
    }

    @Test func setListsNamesSortedAndEvaluatesNoRowsToNothing() throws {
        // Given rules given in a dictionary
        let set = try ValidationSet(["z_last": "in.flag", "a_first": "not in.flag", "m-mid": "in.x[0] > 0"], inputs: F.inputs, outputs: F.outputs)

        // Then names are sorted, per-row names follow that order, and zero rows give no rows
        #expect(set.names == ["a_first", "m-mid", "z_last"])
        #expect(set.evaluate(rows: 2, inputs: try F.requestTensors(), outputs: try F.pipelineOutputs()) == [["m-mid", "z_last"], ["a_first"]])
        #expect(set.evaluate(rows: 0, inputs: [:], outputs: []).isEmpty)
        #expect(try ValidationSet([:], inputs: F.inputs, outputs: F.outputs).names.isEmpty)
    }

    @Test func everyNumericElementTypeReadsAsItsValue() throws {
        // Given one input per numeric type, each row holding 3 and then 250
        let types = ["INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64", "FP16", "FP32", "FP64"]
        let specs = types.map { TensorSpec(name: $0.lowercased(), datatype: $0, shape: [-1]) }
        var rules: [String: String] = [:]
        for type in types {
            rules[type.lowercased()] = "in.\(type.lowercased()) == 3 or in.\(type.lowercased()) == 100"
        }
        let set = try ValidationSet(rules, inputs: specs, outputs: [])
        let tensors: [String: Tensor] = [
            "int8": try Tensor(shape: [2], elements: [Int8(3), -100]), "int16": try Tensor(shape: [2], elements: [Int16(3), 100]),
            "int32": try Tensor(shape: [2], elements: [Int32(3), 100]), "int64": try Tensor(shape: [2], elements: [Int64(3), 100]),
            "uint8": try Tensor(shape: [2], elements: [UInt8(3), 100]), "uint16": try Tensor(shape: [2], elements: [UInt16(3), 100]),
            "uint32": try Tensor(shape: [2], elements: [UInt32(3), 100]), "uint64": try Tensor(shape: [2], elements: [UInt64(3), 100]),
            "fp16": try Tensor(shape: [2], elements: [Float16(3), 100]), "fp32": try Tensor(shape: [2], elements: [Float(3), 100]),
            "fp64": try Tensor(shape: [2], elements: [Double(3), 101]),
        ]

        // When evaluated, then row 0 matches everywhere; row 1 everywhere but int8 (-100) and fp64 (101)
        let anomalies = set.evaluate(rows: 2, inputs: tensors, outputs: [])
        #expect(anomalies[0] == set.names)
        #expect(anomalies[1] == set.names.filter { $0 != "int8" && $0 != "fp64" })
    }
}
