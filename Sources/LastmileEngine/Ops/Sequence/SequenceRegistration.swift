extension OpRegistry {
    /// Registers the Sequence family: sequence and optional ops, and a miscellany (Hardmax,
    /// Unique, NonMaxSuppression, EyeLike, Det, string ops, TfIdfVectorizer).
    mutating func registerSequenceOps() {
        register("SequenceEmpty") { ctx in try SequenceEmptyKernel(ctx) }
        register("SequenceConstruct") { ctx in try SequenceConstructKernel(ctx) }
        register("SequenceInsert") { ctx in try SequenceInsertKernel(ctx) }
        register("SequenceAt") { ctx in try SequenceAtKernel(ctx) }
        register("SequenceErase") { ctx in try SequenceEraseKernel(ctx) }
        register("SequenceLength") { ctx in try SequenceLengthKernel(ctx) }
        register("SplitToSequence") { ctx in try SplitToSequenceKernel(ctx) }
        register("ConcatFromSequence") { ctx in try ConcatFromSequenceKernel(ctx) }
        register("SequenceMap") { ctx in try SequenceMapKernel(ctx) }
        register("ReverseSequence") { ctx in try ReverseSequenceKernel(ctx) }
        register("Optional") { ctx in try OptionalKernel(ctx) }
        register("OptionalHasElement") { ctx in try OptionalHasElementKernel(ctx) }
        register("OptionalGetElement") { ctx in try OptionalGetElementKernel(ctx) }
        register("Hardmax") { ctx in try HardmaxKernel(ctx) }
        register("Unique") { ctx in try UniqueKernel(ctx) }
        register("NonMaxSuppression") { ctx in try NonMaxSuppressionKernel(ctx) }
        register("EyeLike") { ctx in try EyeLikeKernel(ctx) }
        register("Det") { ctx in try DetKernel(ctx) }
        register("StringConcat") { ctx in try StringConcatKernel(ctx) }
        register("StringSplit") { ctx in try StringSplitKernel(ctx) }
        register("RegexFullMatch") { ctx in try RegexFullMatchKernel(ctx) }
        register("StringNormalizer") { ctx in try StringNormalizerKernel(ctx) }
        register("TfIdfVectorizer") { ctx in try TfIdfVectorizerKernel(ctx) }
    }
}
