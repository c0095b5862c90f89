from gen import *
# Regressor: two trees, leaves with weights for target 0 only; target 1 never reached.
reg = dict(nodes_treeids=[0,0,0,1,1,1], nodes_nodeids=[0,1,2,0,1,2], nodes_featureids=[0,0,0,1,0,0],
           nodes_values=[0.5,0.0,0.0,0.0,0.0,0.0], nodes_modes=['BRANCH_LEQ','LEAF','LEAF','BRANCH_LT','LEAF','LEAF'],
           nodes_truenodeids=[1,0,0,1,0,0], nodes_falsenodeids=[2,0,0,2,0,0],
           target_treeids=[0,0,1,1], target_nodeids=[1,2,1,2], target_ids=[0,0,0,0], target_weights=[0.3,0.1,0.25,0.05])
X = np.array([[0.0, -1.0], [1.0, 1.0], [0.5, 0.0]], dtype=np.float32)
for agg in ['SUM', 'AVERAGE', 'MIN', 'MAX']:
    for pt, bv in [('NONE', [1.0, 2.0]), ('SOFTMAX', None), ('LOGISTIC', [1.0, 2.0])]:
        a = dict(reg, aggregate_function=agg, post_transform=pt, n_targets=2)
        if bv: a['base_values'] = bv
        case('regressor two targets %s %s' % (agg, pt), 'TreeEnsembleRegressor', a, [X], [TP.FLOAT])
    for pt, bv in [('NONE', [1.0]), ('LOGISTIC', None)]:
        a = dict(reg, aggregate_function=agg, post_transform=pt, n_targets=1)
        if bv: a['base_values'] = bv
        case('regressor one target %s %s' % (agg, pt), 'TreeEnsembleRegressor', a, [X], [TP.FLOAT])
case('regressor one target probit', 'TreeEnsembleRegressor', dict(reg, n_targets=1, post_transform='PROBIT'), [X], [TP.FLOAT])
# Two targets with weights on both, multiple weights per leaf.
reg2 = dict(reg, target_treeids=[0,0,0,1,1,1], target_nodeids=[1,1,2,1,2,2], target_ids=[0,1,1,1,0,1], target_weights=[0.3,-0.2,0.1,0.25,0.05,0.5], n_targets=2)
case('regressor two targets all reached softmax zero', 'TreeEnsembleRegressor', dict(reg2, post_transform='SOFTMAX_ZERO'), [X], [TP.FLOAT])
case('regressor two targets probit', 'TreeEnsembleRegressor', dict(reg2, post_transform='PROBIT', base_values=[0.1, 0.2]), [X * 0], [TP.FLOAT])
case('regressor one target first weight only', 'TreeEnsembleRegressor', dict(reg2, n_targets=1, target_ids=[0]*6), [X], [TP.FLOAT])
# every mode, missing values
modes = ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT', 'BRANCH_EQ', 'BRANCH_NEQ']
Xm = np.array([[0.5], [0.25], [1.0], [np.nan]], dtype=np.float32)
for m in modes:
    for miss in [0, 1]:
        a = dict(nodes_treeids=[0,0,0], nodes_nodeids=[0,1,2], nodes_featureids=[0,0,0], nodes_values=[0.5,0.0,0.0],
                 nodes_modes=[m,'LEAF','LEAF'], nodes_truenodeids=[1,0,0], nodes_falsenodeids=[2,0,0],
                 nodes_missing_value_tracks_true=[miss,0,0], n_targets=1,
                 target_treeids=[0,0], target_nodeids=[1,2], target_ids=[0,0], target_weights=[1.0, 2.0])
        case('regressor mode %s missing %d' % (m, miss), 'TreeEnsembleRegressor', a, [Xm], [TP.FLOAT])
# mixed modes in one tree, node ids out of order, deeper tree
mixed = dict(nodes_treeids=[3,3,3,3,3,3,3], nodes_nodeids=[0,4,2,1,3,5,6], nodes_featureids=[0,1,0,0,0,2,0],
             nodes_values=[0.0,1.5,0.0,0.0,0.0,2.0,0.0], nodes_modes=['BRANCH_GT','BRANCH_LEQ','LEAF','LEAF','LEAF','BRANCH_NEQ','LEAF'],
             nodes_truenodeids=[4,2,0,0,0,3,0], nodes_falsenodeids=[5,1,0,0,0,6,0], nodes_missing_value_tracks_true=[1,0,0,0,0,1,0],
             target_treeids=[3,3,3,3], target_nodeids=[2,1,3,6], target_ids=[0,0,0,0], target_weights=[1.0,2.0,3.0,4.0], n_targets=1)
Xd = np.array([[1.0, 1.0, 2.0], [1.0, 2.0, 2.0], [-1.0, 0.0, 2.0], [-1.0, 0.0, 3.0], [np.nan, 9.0, np.nan], [1.0, np.nan, 0.0]], dtype=np.float32)
case('regressor mixed modes', 'TreeEnsembleRegressor', mixed, [Xd], [TP.FLOAT])
case('regressor mixed modes double input', 'TreeEnsembleRegressor', mixed, [Xd.astype(np.float64)], [TP.FLOAT], opset=3)
# double thresholds: input 0.1 vs threshold 0.1+1e-9
dbl = dict(nodes_treeids=[0,0,0], nodes_nodeids=[0,1,2], nodes_featureids=[0,0,0], nodes_modes=['BRANCH_LEQ','LEAF','LEAF'],
           nodes_truenodeids=[1,0,0], nodes_falsenodeids=[2,0,0], n_targets=1, target_treeids=[0,0], target_nodeids=[1,2], target_ids=[0,0])
Xp = np.array([[0.1], [float(np.float32(0.1))], [0.2]], dtype=np.float64)
case('regressor double input float attributes', 'TreeEnsembleRegressor', dict(dbl, nodes_values=[0.1 + 1e-9, 0.0, 0.0], target_weights=[1.0, 2.0]), [Xp], [TP.FLOAT], opset=3)
case('regressor double tensors', 'TreeEnsembleRegressor', dict(dbl, nodes_values_as_tensor=np.array([0.1 + 1e-9, 0, 0]), target_weights_as_tensor=np.array([1.0 + 1e-12, 2.0]), base_values_as_tensor=np.array([0.5])), [Xp], [TP.FLOAT], opset=3)

# Classifier binary single class: the table of cases
cl = dict(nodes_treeids=[0,0,0], nodes_nodeids=[0,1,2], nodes_featureids=[0,0,0], nodes_values=[0.5,0.0,0.0],
          nodes_modes=['BRANCH_LEQ','LEAF','LEAF'], nodes_truenodeids=[1,0,0], nodes_falsenodeids=[2,0,0], classlabels_int64s=[0,1])
Xc = np.array([[0.0], [1.0]], dtype=np.float32)
for w in [[0.3, 0.8], [-0.4, 0.6]]:
    for cid in [1, 0]:
        for pt in ['NONE', 'LOGISTIC', 'SOFTMAX']:
            for bv in [None, [0.1], [0.1, 0.2]]:
                a = dict(cl, class_treeids=[0,0], class_nodeids=[1,2], class_ids=[cid,cid], class_weights=w, post_transform=pt)
                if bv: a['base_values'] = bv
                case('classifier binary weights %s class %d %s base %s' % (w, cid, pt, bv), 'TreeEnsembleClassifier', a, [Xc], [TP.INT64, TP.FLOAT])
case('classifier binary probit', 'TreeEnsembleClassifier', dict(cl, class_treeids=[0,0], class_nodeids=[1,2], class_ids=[1,1], class_weights=[0.3,0.8], post_transform='PROBIT'), [Xc], [TP.INT64, TP.FLOAT])
case('classifier binary class 0 probit', 'TreeEnsembleClassifier', dict(cl, class_treeids=[0,0], class_nodeids=[1,2], class_ids=[0,0], class_weights=[0.3,0.8], post_transform='PROBIT'), [Xc], [TP.INT64, TP.FLOAT])
for bv in [None, [0.1], [0.1, 0.2]]:
    a = dict(cl, classlabels_int64s=[3, 7], class_treeids=[0,0,0,0], class_nodeids=[1,1,2,2], class_ids=[0,1,0,1], class_weights=[0.7,0.3,0.2,0.8])
    if bv: a['base_values'] = bv
    case('classifier two classes both weighted base %s' % bv, 'TreeEnsembleClassifier', a, [Xc], [TP.INT64, TP.FLOAT])
a = dict(cl, class_treeids=[0,0], class_nodeids=[1,2], class_ids=[1,1], class_weights=[0.3,0.8], classlabels_strings=['no', 'yes']); del a['classlabels_int64s']
case('classifier binary string labels', 'TreeEnsembleClassifier', a, [Xc], [TP.STRING, TP.FLOAT])
case('classifier binary int64 input', 'TreeEnsembleClassifier', dict(cl, class_treeids=[0,0], class_nodeids=[1,2], class_ids=[1,1], class_weights=[-0.3,0.8], post_transform='LOGISTIC'), [Xc.astype(np.int64)], [TP.INT64, TP.FLOAT])
case('classifier binary int32 input', 'TreeEnsembleClassifier', dict(cl, class_treeids=[0,0], class_nodeids=[1,2], class_ids=[1,1], class_weights=[-0.3,0.8]), [Xc.astype(np.int32)], [TP.INT64, TP.FLOAT])
# multiclass: 2 trees, 3 classes, base values, some classes unreached
mc = dict(nodes_treeids=[0,0,0,1,1,1,1,1], nodes_nodeids=[0,1,2,0,1,2,3,4], nodes_featureids=[0,0,0,1,0,0,1,0],
          nodes_values=[0.5,0,0,0.0,0,0,1.0,0], nodes_modes=['BRANCH_LEQ','LEAF','LEAF','BRANCH_LT','LEAF','BRANCH_GTE','LEAF','LEAF'],
          nodes_truenodeids=[1,0,0,1,0,3,0,0], nodes_falsenodeids=[2,0,0,2,0,4,0,0],
          class_treeids=[0,0,0,1,1,1], class_nodeids=[1,2,2,1,3,4], class_ids=[0,1,2,2,0,1], class_weights=[0.5,0.25,0.25,0.9,0.4,0.6],
          classlabels_int64s=[5,6,7])
Xmc = np.array([[0.0, -1.0], [1.0, 2.0], [1.0, 0.5], [0.2, 0.5]], dtype=np.float32)
for pt, bv in [('NONE', None), ('SOFTMAX', [0.1, 0.2, 0.3]), ('LOGISTIC', [0.1, 0.2, 0.3]), ('SOFTMAX_ZERO', None), ('PROBIT', None)]:
    a = dict(mc, post_transform=pt)
    if bv: a['base_values'] = bv
    case('classifier three classes %s base %s' % (pt, bv), 'TreeEnsembleClassifier', a, [Xmc if pt != 'PROBIT' else Xmc], [TP.INT64, TP.FLOAT])
a = dict(mc, classlabels_strings=['a', 'b', 'c'], post_transform='SOFTMAX'); del a['classlabels_int64s']
case('classifier three classes strings double input', 'TreeEnsembleClassifier', a, [Xmc.astype(np.float64)], [TP.STRING, TP.FLOAT])
a = dict(mc); del a['class_weights']; a['class_weights_as_tensor'] = np.array([0.5,0.25,0.25,0.9,0.4,0.6]); a['base_values_as_tensor'] = np.array([0.125, 0.0, -0.5])
case('classifier three classes double tensors', 'TreeEnsembleClassifier', a, [Xmc.astype(np.float64)], [TP.INT64, TP.FLOAT], opset=3)

# TreeEnsemble v5
X5 = np.array([[0.0, -1.0], [1.0, 1.0], [np.nan, 0.0], [1.0, 3.0], [0.7, np.nan]], dtype=np.float32)
v5 = dict(n_targets=2, tree_roots=[0, 2], nodes_modes=np.array([0, 6, 3], dtype=np.uint8), nodes_featureids=[0, 1, 1],
          nodes_splits=np.array([0.5, 0, -0.5], dtype=np.float32), nodes_truenodeids=[0, 1, 3], nodes_trueleafs=[1, 1, 1],
          nodes_falsenodeids=[1, 2, 4], nodes_falseleafs=[0, 1, 1], membership_values=np.array([1, 3, np.nan], dtype=np.float32),
          nodes_missing_value_tracks_true=[0, 1, 0], leaf_targetids=[0, 1, 0, 1, 1],
          leaf_weights=np.array([0.1, 0.2, 0.3, 0.4, -0.6], dtype=np.float32))
for pt in range(5):
    for agg in ([1, 0, 2, 3] if pt == 0 else [1]):
        case('tree ensemble v5 transform %d aggregate %d' % (pt, agg), 'TreeEnsemble', dict(v5, post_transform=pt, aggregate_function=agg), [X5], [TP.FLOAT], opset=5)
v5d = dict(v5, nodes_splits=np.array([0.5, 0, -0.5]), membership_values=np.array([1, 3, np.nan]), leaf_weights=np.array([0.1, 0.2, 0.3, 0.4, -0.6]))
case('tree ensemble v5 double', 'TreeEnsemble', v5d, [X5.astype(np.float64)], [TP.DOUBLE], opset=5)
single = dict(n_targets=1, tree_roots=[0, 1], nodes_modes=np.array([0, 0], dtype=np.uint8), nodes_featureids=[0, 0],
              nodes_splits=np.array([0.5, 0], dtype=np.float32), nodes_truenodeids=[0, 2], nodes_trueleafs=[1, 1],
              nodes_falsenodeids=[1, 2], nodes_falseleafs=[1, 1], leaf_targetids=[0, 0, 0],
              leaf_weights=np.array([1.0, 10.0, 100.0], dtype=np.float32))
case('tree ensemble v5 single leaf tree', 'TreeEnsemble', single, [X5[:2, :1].copy()], [TP.FLOAT], opset=5)
print(emit('treeEnsembleCases'))
