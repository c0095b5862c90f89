from gen import *
rng = np.random.default_rng(3)
X = np.round(rng.normal(size=(5, 3)), 3).astype(np.float32)
sv = [float(v) for v in np.round(rng.normal(size=(5 * 3,)), 3)]  # 5 support vectors
# 3 classes: vectors_per_class [2, 2, 1]; coefficients (classes-1) x vectors
coef3 = [float(v) for v in np.round(rng.normal(size=(2 * 5,)), 3)]
base3 = dict(vectors_per_class=[2, 2, 1], support_vectors=sv, coefficients=coef3, rho=[0.1, -0.2, 0.3], classlabels_ints=[1, 2, 3])
for kt, params in [('RBF', [0.5, 0.0, 3.0]), ('LINEAR', [0.0, 0.0, 0.0]), ('POLY', [0.3, 1.0, 3.0]), ('SIGMOID', [0.2, 0.5, 0.0])]:
    case('svm classifier 3 classes %s votes' % kt, 'SVMClassifier', dict(base3, kernel_type=kt, kernel_params=params), [X], [TP.INT64, TP.FLOAT])
    case('svm classifier 3 classes %s probabilities' % kt, 'SVMClassifier',
         dict(base3, kernel_type=kt, kernel_params=params, prob_a=[-1.5, -2.0, -0.7], prob_b=[0.1, -0.3, 0.05]), [X], [TP.INT64, TP.FLOAT])
case('svm classifier 3 classes softmax votes', 'SVMClassifier', dict(base3, kernel_type='RBF', kernel_params=[0.5, 0.0, 3.0], post_transform='SOFTMAX'), [X], [TP.INT64, TP.FLOAT])
case('svm classifier 3 classes strings double input', 'SVMClassifier',
     dict({k: v for k, v in base3.items() if k != 'classlabels_ints'}, classlabels_strings=['x', 'y', 'z'], kernel_type='RBF', kernel_params=[0.5, 0.0, 3.0]),
     [X.astype(np.float64)], [TP.STRING, TP.FLOAT])
# binary: vectors_per_class [3, 2], coefficients 1 x 5
coef2 = [0.7, -0.3, 0.45, -0.9, 0.05]
base2 = dict(vectors_per_class=[3, 2], support_vectors=sv, coefficients=coef2, rho=[0.15], classlabels_ints=[0, 1], kernel_type='RBF', kernel_params=[0.4, 0.0, 3.0])
for pt in ['NONE', 'LOGISTIC', 'PROBIT']:
    case('svm classifier binary votes %s' % pt, 'SVMClassifier', dict(base2, post_transform=pt), [X], [TP.INT64, TP.FLOAT])
case('svm classifier binary probabilities', 'SVMClassifier', dict(base2, prob_a=[-1.2], prob_b=[0.3]), [X], [TP.INT64, TP.FLOAT])
case('svm classifier binary strings', 'SVMClassifier', dict({k: v for k, v in base2.items() if k != 'classlabels_ints'}, classlabels_strings=['neg', 'pos']), [X], [TP.STRING, TP.FLOAT])
# liblinear mode
lin = dict(coefficients=[0.5, -0.25, 1.0, -1.0, 0.75, 0.2], rho=[0.1], classlabels_ints=[4, 9], kernel_type='LINEAR', kernel_params=[0.0, 0.0, 0.0])
case('svm classifier linear two classes', 'SVMClassifier', lin, [X], [TP.INT64, TP.FLOAT])
case('svm classifier linear positive weights', 'SVMClassifier', dict(lin, coefficients=[0.5, 0.25, 1.0, 0.1, 0.75, 0.2]), [X], [TP.INT64, TP.FLOAT])
case('svm classifier linear three classes', 'SVMClassifier', dict(lin, coefficients=[0.5, -0.25, 1.0, -1.0, 0.75, 0.2, 0.3, 0.3, -0.6], classlabels_ints=[4, 9, 11]), [X], [TP.INT64, TP.FLOAT])
# regressors
for kt, params in [('RBF', [0.5, 0.0, 3.0]), ('LINEAR', [0.0, 0.0, 0.0]), ('POLY', [0.3, 1.0, 2.0]), ('SIGMOID', [0.2, 0.5, 0.0])]:
    case('svm regressor %s' % kt, 'SVMRegressor', dict(support_vectors=sv, coefficients=coef2, rho=[0.25], n_supports=5, kernel_type=kt, kernel_params=params), [X], [TP.FLOAT])
case('svm regressor one class', 'SVMRegressor', dict(support_vectors=sv, coefficients=coef2, rho=[0.05], n_supports=5, kernel_type='RBF', kernel_params=[0.5, 0.0, 3.0], one_class=1), [X], [TP.FLOAT])
case('svm regressor linear mode', 'SVMRegressor', dict(coefficients=[0.5, -0.25, 1.0], rho=[0.1], n_supports=0, kernel_params=[0.0, 0.0, 0.0]), [X], [TP.FLOAT])
print(emit('svmCases'))
