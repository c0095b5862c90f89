"""Writes every ONNX backend node test case of the installed onnx package to a folder.

Each case becomes <out>/<name>/model.onnx, test_data_set_<i>/{input,output}_<j>.pb (TensorProto,
SequenceProto, MapProto or OptionalProto by the declared type) and meta.json with the case's
own tolerances. The same layout onnx's `backend-test-tools generate-data` writes.
"""
import json
import os
import sys
import warnings

import onnx
from onnx import TensorProto, numpy_helper
import onnx.backend.test.case.node as node_test


def encode(value, value_info):
    kind = value_info.type.WhichOneof("value")
    if kind == "map_type":
        return numpy_helper.from_dict(value, value_info.name)
    if kind == "sequence_type":
        return numpy_helper.from_list(value, value_info.name)
    if kind == "optional_type":
        return numpy_helper.from_optional(value, value_info.name)
    if isinstance(value, TensorProto):
        return value
    return numpy_helper.from_array(value, value_info.name)


def main(out):
    warnings.simplefilter("ignore")
    cases = node_test.collect_testcases(None)
    for case in cases:
        folder = os.path.join(out, case.name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "model.onnx"), "wb") as f:
            f.write(case.model.SerializeToString())
        with open(os.path.join(folder, "meta.json"), "w") as f:
            json.dump({"rtol": case.rtol, "atol": case.atol, "onnx": onnx.__version__}, f)
        graph = case.model.graph
        for i, (inputs, outputs) in enumerate(case.data_sets):
            data = os.path.join(folder, f"test_data_set_{i}")
            os.makedirs(data, exist_ok=True)
            for j, value in enumerate(inputs):
                with open(os.path.join(data, f"input_{j}.pb"), "wb") as f:
                    f.write(encode(value, graph.input[j]).SerializeToString())
            for j, value in enumerate(outputs):
                with open(os.path.join(data, f"output_{j}.pb"), "wb") as f:
                    f.write(encode(value, graph.output[j]).SerializeToString())
    print(f"conformance: wrote {len(cases)} node cases from onnx {onnx.__version__}")


if __name__ == "__main__":
    main(sys.argv[1])
