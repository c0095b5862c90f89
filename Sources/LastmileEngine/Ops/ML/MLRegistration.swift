extension OpRegistry {
    /// Registers the ML family of ops (domain ai.onnx.ml).
    mutating func registerMLOps() {
        register("LinearClassifier", domain: Domain.ml) { try LinearClassifierKernel($0) }
        register("LinearRegressor", domain: Domain.ml) { try LinearRegressorKernel($0) }
        register("TreeEnsembleClassifier", domain: Domain.ml) { try TreeEnsembleClassifierKernel($0) }
        register("TreeEnsembleRegressor", domain: Domain.ml) { try TreeEnsembleRegressorKernel($0) }
        register("TreeEnsemble", domain: Domain.ml) { try TreeEnsembleKernel($0) }
        register("Scaler", domain: Domain.ml) { try ScalerKernel($0) }
        register("Normalizer", domain: Domain.ml) { try NormalizerKernel($0) }
        register("Binarizer", domain: Domain.ml) { try BinarizerKernel($0) }
        register("Imputer", domain: Domain.ml) { try ImputerKernel($0) }
        register("OneHotEncoder", domain: Domain.ml) { try OneHotEncoderKernel($0) }
        register("LabelEncoder", domain: Domain.ml) { try LabelEncoderKernel($0) }
        register("ArrayFeatureExtractor", domain: Domain.ml) { _ in ArrayFeatureExtractorKernel() }
        register("FeatureVectorizer", domain: Domain.ml) { try FeatureVectorizerKernel($0) }
        register("CategoryMapper", domain: Domain.ml) { try CategoryMapperKernel($0) }
        register("ZipMap", domain: Domain.ml) { try ZipMapKernel($0) }
        register("DictVectorizer", domain: Domain.ml) { try DictVectorizerKernel($0) }
        register("SVMClassifier", domain: Domain.ml) { try SVMClassifierKernel($0) }
        register("SVMRegressor", domain: Domain.ml) { try SVMRegressorKernel($0) }
    }
}
