from gen import *
rng = np.random.default_rng(7)
X = np.array([[1.0, 2.0, -0.5], [-1.0, 0.5, 2.0], [0.0, 0.0, 0.0], [3.0, -2.0, 1.0]], dtype=np.float32)
coef3 = [0.5, -0.25, 1.0, -1.0, 0.75, 0.2, 0.3, 0.3, -0.6]
for pt in ['NONE', 'LOGISTIC', 'SOFTMAX', 'SOFTMAX_ZERO', 'PROBIT']:
    case('linear classifier 3 classes %s' % pt, 'LinearClassifier',
         dict(coefficients=coef3, intercepts=[0.1, -0.2, 0.05], classlabels_ints=[10, 20, 30], post_transform=pt, multi_class=1),
         [X if pt != 'PROBIT' else (X / 10).astype(np.float32)], [TP.INT64, TP.FLOAT])
case('linear classifier strings double input', 'LinearClassifier',
     dict(coefficients=coef3, intercepts=[0.1, -0.2, 0.05], classlabels_strings=['a', 'b', 'c'], post_transform='SOFTMAX'),
     [X.astype(np.float64)], [TP.STRING, TP.FLOAT])
case('linear classifier int64 input', 'LinearClassifier',
     dict(coefficients=coef3, intercepts=[0.1, -0.2, 0.05], classlabels_ints=[0, 1, 2]),
     [X.astype(np.int64)], [TP.INT64, TP.FLOAT])
for pt in ['NONE', 'LOGISTIC']:
    case('linear classifier binary one row %s' % pt, 'LinearClassifier',
         dict(coefficients=[0.5, -0.25, 1.0], intercepts=[0.1], classlabels_ints=[3, 7], post_transform=pt),
         [X], [TP.INT64, TP.FLOAT])
case('linear classifier binary strings', 'LinearClassifier',
     dict(coefficients=[0.5, -0.25, 1.0], intercepts=[0.1], classlabels_strings=['no', 'yes'], post_transform='LOGISTIC'),
     [X], [TP.STRING, TP.FLOAT])
case('linear classifier two rows logistic', 'LinearClassifier',
     dict(coefficients=[-0.5, 0.25, -1.0, 0.5, -0.25, 1.0], intercepts=[-0.1, 0.1], classlabels_ints=[0, 1], post_transform='LOGISTIC'),
     [X], [TP.INT64, TP.FLOAT])
case('linear regressor two targets', 'LinearRegressor',
     dict(coefficients=[0.5, -0.25, 1.0, -1.0, 0.75, 0.2], intercepts=[0.1, -0.2], targets=2),
     [X], [TP.FLOAT])
case('linear regressor softmax', 'LinearRegressor',
     dict(coefficients=[0.5, -0.25, 1.0, -1.0, 0.75, 0.2], intercepts=[0.1, -0.2], targets=2, post_transform='SOFTMAX'),
     [X], [TP.FLOAT])
case('linear regressor one target no intercept', 'LinearRegressor',
     dict(coefficients=[0.5, -0.25, 1.0], targets=1), [X], [TP.FLOAT])
case('linear regressor one dimensional input', 'LinearRegressor',
     dict(coefficients=[0.5, -0.25, 1.0], intercepts=[2.0], targets=1), [X[0]], [TP.FLOAT])
# preprocessing
case('scaler per feature', 'Scaler', dict(offset=[1.0, -0.5, 0.25], scale=[2.0, 0.5, -1.0]), [X], [TP.FLOAT])
case('scaler single', 'Scaler', dict(offset=[0.5], scale=[3.0]), [X], [TP.FLOAT])
case('scaler double', 'Scaler', dict(offset=[0.1, 0.2, 0.3], scale=[3.0, 1.5, 0.7]), [X.astype(np.float64) / 3], [TP.FLOAT])
case('scaler int64', 'Scaler', dict(offset=[0.1, 0.2, 0.3], scale=[3.0, 1.5, 0.7]), [X.astype(np.int64)], [TP.FLOAT])
for norm in ['MAX', 'L1', 'L2']:
    case('normalizer %s' % norm, 'Normalizer', dict(norm=norm), [X], [TP.FLOAT])
case('normalizer L2 double', 'Normalizer', dict(norm='L2'), [X.astype(np.float64) / 7], [TP.FLOAT])
case('normalizer L1 int32', 'Normalizer', dict(norm='L1'), [X.astype(np.int32)], [TP.FLOAT])
case('binarizer', 'Binarizer', dict(threshold=0.5), [X], [TP.FLOAT])
Xn = X.copy(); Xn[0, 1] = np.nan; Xn[2, 2] = np.nan
case('imputer nan per feature', 'Imputer', dict(imputed_value_floats=[9.0, 8.0, 7.0], replaced_value_float=float('nan')), [Xn], [TP.FLOAT])
case('imputer zero single value', 'Imputer', dict(imputed_value_floats=[-5.0], replaced_value_float=0.0), [X], [TP.FLOAT])
case('imputer int64', 'Imputer', dict(imputed_value_int64s=[100, 200, 300], replaced_value_int64=0), [X.astype(np.int64)], [TP.INT64])
case('one hot ints', 'OneHotEncoder', dict(cats_int64s=[3, 1, 7], zeros=1), [np.array([[1, 7], [5, 3]], dtype=np.int64)], [TP.FLOAT])
case('one hot floats truncated', 'OneHotEncoder', dict(cats_int64s=[3, 1, 7]), [np.array([1.9, 7.2, -3.0], dtype=np.float32)], [TP.FLOAT])
case('one hot strings', 'OneHotEncoder', dict(cats_strings=['a', 'b', 'c']), [np.array([['c'], ['a'], ['zz']], dtype=object)], [TP.FLOAT])
case('array feature extractor', 'ArrayFeatureExtractor', {}, [X, np.array([2, 0], dtype=np.int64)], [TP.FLOAT])
case('array feature extractor 1-D', 'ArrayFeatureExtractor', {}, [X[1], np.array([1], dtype=np.int64)], [TP.FLOAT])
case('array feature extractor strings', 'ArrayFeatureExtractor', {}, [np.array([['a', 'b', 'c'], ['d', 'e', 'f']], dtype=object), np.array([[2, 2, 1]], dtype=np.int64)], [TP.STRING])
case('feature vectorizer mixed', 'FeatureVectorizer', dict(inputdimensions=[2, 3, 1]),
     [np.array([[1, 2], [3, 4]], dtype=np.float32), np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32), np.array([[7.25, 9.0], [8.5, 1.0]], dtype=np.float32)], [TP.FLOAT])
case('category mapper to int', 'CategoryMapper', dict(cats_strings=['x', 'y', 'z'], cats_int64s=[5, 6, 7], default_int64=-9),
     [np.array([['y', 'q'], ['x', 'z']], dtype=object)], [TP.INT64])
case('category mapper to string', 'CategoryMapper', dict(cats_strings=['x', 'y', 'z'], cats_int64s=[5, 6, 7]),
     [np.array([7, 5, 1], dtype=np.int64)], [TP.STRING])
case('label encoder opset 1 strings to ints', 'LabelEncoder', dict(classes_strings=['a', 'b', 'c'], default_int64=42),
     [np.array(['c', 'a', 'x'], dtype=object)], [TP.INT64], opset=1)
case('label encoder opset 1 ints to strings', 'LabelEncoder', dict(classes_strings=['a', 'b', 'c'], default_string='none'),
     [np.array([2, 0, 9], dtype=np.int64)], [TP.STRING], opset=1)
case('label encoder opset 2 strings to floats', 'LabelEncoder', dict(keys_strings=['a', 'b'], values_floats=[0.5, 1.5], default_float=-1.0),
     [np.array([['b', 'a', 'c']], dtype=object)], [TP.FLOAT], opset=2)
case('label encoder opset 2 ints to strings', 'LabelEncoder', dict(keys_int64s=[1, 2], values_strings=['one', 'two']),
     [np.array([2, 1, 3], dtype=np.int64)], [TP.STRING], opset=2)
case('label encoder opset 3 floats to ints nan key', 'LabelEncoder', dict(keys_floats=[0.5, float('nan'), 2.0], values_int64s=[5, 6, 7], default_int64=-3),
     [np.array([2.0, np.nan, 0.5, 1.0], dtype=np.float32)], [TP.INT64], opset=3)
case('label encoder opset 4 tensors', 'LabelEncoder',
     dict(keys_tensor=np.array([1, 2, 3], dtype=np.int64), values_tensor=np.array([0.25, 0.5, 0.75], dtype=np.float64), default_tensor=np.array([9.5], dtype=np.float64)),
     [np.array([3, 1, 4], dtype=np.int64)], [TP.DOUBLE], opset=4)
case('label encoder opset 4 strings to strings default', 'LabelEncoder',
     dict(keys_strings=['x', 'y'], values_strings=['X', 'Y']), [np.array(['y', 'w'], dtype=object)], [TP.STRING], opset=4)
print(emit('linearAndPreprocessingCases'))
