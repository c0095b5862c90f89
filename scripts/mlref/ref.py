import numpy as np, onnx, onnxruntime as ort
from onnx import helper as h, TensorProto as TP
def run(op, attrs, inputs, out_types, opset=1, in_types=None, domain='ai.onnx.ml'):
    """inputs: list of np arrays; out_types: list of (elem_type or 'seqmap_str'...)"""
    ins=[]; feeds={}
    for i,a in enumerate(inputs):
        name=f'x{i}'
        et = onnx.helper.np_dtype_to_tensor_dtype(a.dtype) if a.dtype!=object else TP.STRING
        ins.append(h.make_tensor_value_info(name, et, None)); feeds[name]=a
    outs=[]
    for j,t in enumerate(out_types):
        if isinstance(t,str) and t.startswith('seqmap'):
            kt = TP.STRING if t=='seqmap_str' else TP.INT64
            outs.append(h.make_value_info(f'y{j}', h.make_sequence_type_proto(h.make_map_type_proto(kt, h.make_tensor_type_proto(TP.FLOAT,None)))))
        else:
            outs.append(h.make_tensor_value_info(f'y{j}', t, None))
    node=h.make_node(op,[f'x{i}' for i in range(len(inputs))],[f'y{j}' for j in range(len(out_types))],domain=domain,**attrs)
    g=h.make_graph([node],'g',ins,outs)
    m=h.make_model(g,opset_imports=[h.make_opsetid('',17),h.make_opsetid('ai.onnx.ml',opset)])
    m.ir_version=8
    s=ort.InferenceSession(m.SerializeToString(),providers=['CPUExecutionProvider'])
    return s.run(None,feeds)
def p(*a):
    np.set_printoptions(precision=9, floatmode='unique', suppress=False)
    for x in a: print(repr(x))
