import numpy as np, onnx, onnxruntime as ort, math, sys
from onnx import helper as h, TensorProto as TP, numpy_helper as nh
from ref import run

def fl(x, typ):
    x = float(x)
    if math.isnan(x): return '.nan'
    if math.isinf(x): return '.infinity' if x > 0 else '-.infinity'
    if typ == 'Float': x = float(np.float32(x))
    r = repr(x)
    return r

def swift_array(a):
    a = np.asarray(a)
    if a.dtype == object or a.dtype.kind in 'US':
        return '[String]', '[' + ', '.join('"%s"' % s for s in a.ravel()) + ']'
    m = {('f',4): 'Float', ('f',8): 'Double', ('i',8): 'Int64', ('i',4): 'Int32', ('u',1): 'UInt8', ('f',2): 'Float16', ('b',1): 'Bool'}
    t = m[(a.dtype.kind, a.dtype.itemsize)]
    if t in ('Float', 'Double', 'Float16'):
        body = ', '.join(fl(v, t) for v in a.ravel())
    else:
        body = ', '.join(str(int(v)) for v in a.ravel())
    return '[%s]' % t, '[' + body + ']'

def swift_tensor(a):
    a = np.asarray(a)
    t, body = swift_array(a)
    return 'Tensor(unchecked: %s, %s as %s)' % (list(a.shape), body, t)

def swift_attr(v):
    if isinstance(v, np.ndarray): return '.tensor(%s)' % swift_tensor(v)
    if isinstance(v, bool): return '.int(%d)' % int(v)
    if isinstance(v, int): return '.int(%d)' % v
    if isinstance(v, float): return '.float(%s)' % fl(v, 'Float')
    if isinstance(v, str): return '.string("%s")' % v
    if isinstance(v, list):
        if len(v) == 0: return '.ints([])'
        if all(isinstance(e, str) for e in v): return '.strings([%s])' % ', '.join('"%s"' % e for e in v)
        if any(isinstance(e, float) for e in v): return '.floats([%s])' % ', '.join(fl(e, 'Float') for e in v)
        return '.ints([%s])' % ', '.join(str(e) for e in v)
    raise ValueError(v)

def onnx_attrs(d):
    return {k: (nh.from_array(v) if isinstance(v, np.ndarray) else v) for k, v in d.items()}

cases = []
def case(name, op, attrs, inputs, out_types, opset=1):
    try:
        outs = run(op, onnx_attrs(attrs), inputs, out_types, opset=opset)
    except Exception as e:
        print('// SKIP', name, str(e)[:200].replace('\n', ' '), file=sys.stderr)
        return
    cases.append((name, op, opset, attrs, inputs, outs))

def emit(varname):
    lines = ['let %s: [MLReferenceCase] = [' % varname]
    for name, op, opset, attrs, inputs, outs in cases:
        a = ', '.join('"%s": %s' % (k, swift_attr(v)) for k, v in sorted(attrs.items())) or ':'
        lines.append('    MLReferenceCase(')
        lines.append('        "%s", "%s", opset: %d,' % (name, op, opset))
        lines.append('        attributes: [%s],' % a)
        lines.append('        inputs: [%s],' % ', '.join(swift_tensor(i) for i in inputs))
        lines.append('        expected: [%s]),' % ', '.join(swift_tensor(o) for o in outs))
    lines.append(']')
    return '\n'.join(lines)
